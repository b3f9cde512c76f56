package org.attnplanes.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.attnplanes.topology.PlaneTopology;
import org.attnplanes.topology.TopologyAnalyzer;
import org.attnplanes.topology.TopologyTable;
import org.attnplanes.topology.clique.CliqueLimits;
import org.attnplanes.topology.features.FeatureReference;
import org.junit.jupiter.api.Test;

/** planes.csv (app) and TopologyTable (topology) name and compute the same statistics: one schema. */
class PlaneStatisticsSchemaTest {

    @Test
    void planeRecords_equalTopologyTableRows_sameColumnsAndValues() {
        for (long seed = 1; seed <= 3; seed++) {
            MultiPlanarGraph g = MultiPlanarGraph.build(new SoftmaxTraceGenerator(2, 2, 9, 2.0).generate(seed),
                    GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).links().classifier(false).build());
            for (FeatureReference reference : FeatureReference.values()) {
                TopologySettings settings = new TopologySettings(List.of(0.1, 0.4), 1, 4, true, true, reference);
                List<PlaneRecord> rows = settings.statistics(1).analyze(1, g);
                TopologyAnalyzer analyzer = new TopologyAnalyzer(new TopologyAnalyzer.Config(1,
                        settings.thresholds(), 4, CliqueLimits.DEFAULT, TopologyAnalyzer.OnCliqueLimit.SKIP, true,
                        true, 1, reference));
                List<PlaneTopology> planes = analyzer.analyze(g);
                TopologyTable table = TopologyTable.of(planes, Provenance.synthetic("test"), analyzer.schema(planes));
                assertEquals(table.columns().subList(4, table.columns().size()),
                        List.copyOf(rows.get(0).stats().keySet()), "seed " + seed);
                for (int r = 0; r < rows.size(); r++) {
                    for (String c : rows.get(r).stats().keySet()) {
                        Object cell = table.value(r, c);
                        double expected = cell == null ? Double.NaN : ((Number) cell).doubleValue();
                        assertEquals(expected, rows.get(r).stats().get(c), 0.0,
                                "seed " + seed + " " + reference + " row " + r + " " + c);
                    }
                }
            }
        }
    }
}
