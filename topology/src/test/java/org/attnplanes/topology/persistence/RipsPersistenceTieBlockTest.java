package org.attnplanes.topology.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.io.BarcodeText;
import org.attnplanes.topology.testing.Inputs;
import org.attnplanes.topology.testing.Oracles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property tests, against Debian {@code ripser}, of the paths that real attention planes take: a large tie
 * block at the enclosing radius (d = 1 − (A + Aᵀ)/2 rounding to exactly 1 for near-zero weights), which the
 * engine does not reduce but closes at the radius (the complex there is a cone).
 */
class RipsPersistenceTieBlockTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void ripserPresent() {
        assumeTrue(Oracles.hasRipser(), "the ripser binary (Debian package ripser) is needed for this oracle test");
    }

    static Stream<Arguments> tailCases() {
        Stream.Builder<Arguments> b = Stream.builder();
        long seed = 100;
        for (double sigma : new double[] {3, 10, 15}) {
            for (int n : new int[] {12, 30, 45}) {
                b.add(Arguments.of(n, sigma, seed++));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "n={0} sigma={1} seed={2}")
    @MethodSource("tailCases")
    void compute_attentionTail_equalsRipser(int n, double sigma, long seed) {
        DistanceMatrix d = Inputs.attentionTail(n, sigma, seed);
        int dim = n <= 30 ? 3 : 2;
        assertEqualsRipser(d, dim, "tail n=" + n + " sigma=" + sigma + " seed=" + seed);
    }

    @Test
    void compute_attentionTail_closesBarsAtTheRadius() {
        // the property above is only meaningful if bars really end at the radius: check that they do
        int closed = 0;
        for (long seed = 200; seed < 210; seed++) {
            DistanceMatrix d = Inputs.attentionTail(40, 15, seed);
            float r = d.enclosingRadius();
            Barcodes b = new RipsPersistence(2).compute(Filtration.fromDistances(d));
            for (int k = 1; k <= 2; k++) {
                for (PersistenceInterval p : b.intervals(k)) {
                    assertTrue(!p.isEssential() && p.death() <= r, "dim " + k + " bar " + p + " beyond radius " + r);
                    if (p.death() == r) {
                        closed++;
                    }
                }
            }
            assertEquals(1, b.dimension(0).essentialCount(), "seed " + seed);
        }
        assertTrue(closed > 0, "no bar of dims 1-2 ended at the radius in 10 seeded planes");
    }

    @Test
    void compute_quantizedTiesBelowAndAtRadius_equalsRipser() {
        // few distinct values, the largest one (the radius) most frequent, plus a vertex whose row is below it
        for (long seed = 300; seed < 306; seed++) {
            Random r = new Random(seed);
            int n = 24 + r.nextInt(12);
            float[] lower = new float[n * (n - 1) / 2];
            for (int k = 0; k < lower.length; k++) {
                lower[k] = r.nextInt(3) == 0 ? (1 + r.nextInt(7)) / 8f : 1f;
            }
            assertEqualsRipser(DistanceMatrix.fromLowerTriangular(n, lower), 2, "quantized seed " + seed);
        }
    }

    @Test
    void compute_radiusBelowMaximum_equalsRipser() {
        // a sink vertex close to everyone: the radius is its row maximum, far below the largest distance
        for (long seed = 400; seed < 404; seed++) {
            DistanceMatrix tail = Inputs.attentionTail(36, 4, seed);
            int n = tail.size();
            float[] lower = tail.toLowerTriangular();
            Random r = new Random(seed);
            for (int j = 1; j < n; j++) {
                lower[(j * (j - 1)) / 2] = 0.5f + r.nextInt(100) / 400f;
            }
            assertEqualsRipser(DistanceMatrix.fromLowerTriangular(n, lower), 2, "sink seed " + seed);
        }
    }

    private static void assertEqualsRipser(DistanceMatrix d, int dim, String what) {
        Path file = Inputs.writeLower(d, dir, what.replaceAll("[^A-Za-z0-9]", "_") + ".txt");
        Map<Integer, List<String>> expected = Oracles.ripser(file, "lower-distance", dim, null);
        for (boolean collapse : new boolean[] {false, true}) {
            Barcodes ours = new RipsPersistence(dim, 2, collapse, false).compute(Filtration.fromDistances(d));
            assertEquals(expected, Oracles.parseBars(BarcodeText.toRipserText(ours)), what + " collapse=" + collapse);
        }
    }
}
