package org.attnplanes.topology.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.stats.BarcodeStatistics;
import org.attnplanes.topology.testing.Inputs;
import org.attnplanes.topology.testing.Oracles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Betti numbers at thresholds from our barcodes equal GUDHI's flag-complex persistent Betti numbers. */
class RipsPersistenceGudhiOracleTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void gudhiPresent() {
        assumeTrue(Oracles.hasGudhi(), "GUDHI for " + Oracles.python() + " (Debian python3-gudhi) is needed");
    }

    @ParameterizedTest(name = "{0} n={1} dim={2} Z/{3} seed={4}")
    @CsvSource({
        "uniform, 30, 2, 2, 101",
        "attention, 35, 2, 2, 102",
        "points, 40, 2, 2, 103",
        "uniform, 18, 3, 2, 104",
        "uniform, 30, 2, 3, 105",
        "attention, 30, 2, 5, 106",
    })
    void bettiNumbers_atThresholds_equalGudhi(String kind, int n, int dim, int field, long seed) {
        DistanceMatrix d = switch (kind) {
            case "uniform" -> Inputs.uniform(n, seed);
            case "attention" -> Inputs.attention(n, seed);
            default -> DistanceMatrix.fromPoints(Inputs.points(n, 3, seed));
        };
        Path file = Inputs.writeLower(d, dir, kind + seed + ".txt");
        double[] ts = new double[12];
        float[] lower = d.toLowerTriangular();
        java.util.Arrays.sort(lower);
        for (int k = 0; k < ts.length; k++) {
            // thresholds at actual distance values (ties with edges are the interesting case) and between them
            int pos = (int) ((long) (lower.length - 1) * k / (ts.length - 1));
            ts[k] = k % 2 == 0 ? lower[pos] : lower[pos] + 1e-4;
        }
        List<int[]> expected = Oracles.gudhiBetti(file, dim, ts, field);
        for (boolean collapse : new boolean[] {false, true}) {
            Barcodes ours = new RipsPersistence(dim, field, collapse, false).compute(Filtration.fromDistances(d));
            for (int k = 0; k < ts.length; k++) {
                assertArrayEquals(expected.get(k), BarcodeStatistics.bettiNumbers(ours, ts[k]),
                        kind + " seed " + seed + " Z/" + field + " collapse=" + collapse + " t=" + ts[k]);
            }
        }
    }
}
