package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.workbench.PlaneStatistics;
import org.attnplanes.app.workbench.TopologySettings;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.attnplanes.topology.features.FeatureReference;
import org.attnplanes.topology.features.ResearchFeatures;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.persistence.RipsPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: a weight floor ({@code --min-weight}) is applied to the filtration and said in provenance. */
class MinWeightTest {

    @TempDir
    Path dir;

    @Test
    void statistics_withFloor_useTheTruncatedFiltrationAndSaySo() {
        MultiPlanarGraph g = MultiPlanarGraph.build(new SoftmaxTraceGenerator(2, 3, 24, 2.0).generate(5),
                GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).links().classifier(false).build());
        PlaneStatistics floor = new TopologySettings(List.of(0.1), 2, 4, false, false, FeatureReference.ATTNPLANES,
                ResearchFeatures.none(), 0.02f).statistics(1);
        PlaneStatistics full = new TopologySettings(List.of(0.1), 2, 4, false, false).statistics(1);
        assertEquals("0.02", floor.settings().get("topology.min_weight"));
        assertTrue(floor.settings().get("topology.filtration").contains("w < 0.02 never enter"),
                floor.settings().get("topology.filtration"));
        assertEquals("none (full filtration)", full.settings().get("topology.min_weight"));
        int differ = 0;
        for (Plane p : g.planes()) {
            var expected = new RipsPersistence(2).compute(Filtration.fromPlane(p, 0.02f));
            assertEquals(expected, floor.barcodes(p, false), "plane " + p.index());
            if (!floor.barcodes(p, false).equals(full.barcodes(p, false))) {
                differ++;
            }
        }
        assertNotEquals(0, differ, "the floor changed no plane's barcodes");
        // planes.csv rows (TopologyAnalyzer) follow the same floor: the bar statistics of some plane change
        var floorRows = floor.analyze(1, g);
        var fullRows = full.analyze(1, g);
        int changedRows = 0;
        for (int r = 0; r < floorRows.size(); r++) {
            if (!floorRows.get(r).stats().equals(fullRows.get(r).stats())) {
                changedRows++;
            }
        }
        assertNotEquals(0, changedRows, "the floor changed no row of planes.csv");
    }

    @Test
    void analyze_minWeightOutOfRange_exit2NamingTheOption() {
        Cli.Result r = Cli.inProcess("analyze", "--text", "Hi.", "--out", dir.toString(), "--min-weight", "1.5");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("attnplanes analyze: --min-weight 1.5 is outside [0, 1)", r.err().lines().findFirst().orElse(""));
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void analyze_minWeight_recordedInProvenance() throws Exception {
        Cli.Result r = Cli.inProcess("analyze", "--text", "The cat sat on the mat.", "--out",
                dir.resolve("out").toString(), "--min-weight", "0.01", "--max-dim", "2", "--no-features");
        assertEquals(0, r.exitCode(), r.err());
        String prov = Files.readString(dir.resolve("out/provenance.json"));
        assertTrue(prov.contains("\"topology.min_weight\"") && prov.contains("0.01"), prov);
    }
}
