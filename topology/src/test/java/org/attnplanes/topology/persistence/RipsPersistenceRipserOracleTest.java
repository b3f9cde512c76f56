package org.attnplanes.topology.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.io.BarcodeText;
import org.attnplanes.topology.io.DistanceMatrixReader;
import org.attnplanes.topology.io.InputFormat;
import org.attnplanes.topology.testing.Inputs;
import org.attnplanes.topology.testing.Oracles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our barcodes equal Debian {@code ripser}'s: same multiset of intervals per dimension, compared as text after
 * formatting ours exactly like ripser (6 significant digits), which for float32-exact inputs means equal bars.
 */
class RipsPersistenceRipserOracleTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void ripserPresent() {
        assumeTrue(Oracles.hasRipser(), "the ripser binary (Debian package ripser) is needed for this oracle test");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("uniform", 40, 2, 11L),
                Arguments.of("uniform", 80, 1, 12L),
                Arguments.of("uniform", 25, 3, 13L),
                Arguments.of("attention", 50, 2, 21L),
                Arguments.of("attention", 80, 1, 22L),
                Arguments.of("points", 80, 2, 31L),
                Arguments.of("points", 30, 3, 32L),
                Arguments.of("uniform", 2, 1, 41L),
                Arguments.of("uniform", 3, 2, 42L),
                Arguments.of("uniform", 4, 3, 43L));
    }

    private static DistanceMatrix input(String kind, int n, long seed) {
        return switch (kind) {
            case "uniform" -> Inputs.uniform(n, seed);
            case "attention" -> Inputs.attention(n, seed);
            case "points" -> DistanceMatrix.fromPoints(Inputs.points(n, 3, seed));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0} n={1} dim={2} seed={3}")
    @MethodSource("cases")
    void compute_seededInput_equalsRipser(String kind, int n, int dim, long seed) {
        DistanceMatrix d = input(kind, n, seed);
        Path file = Inputs.writeLower(d, dir, kind + n + "_" + seed + ".txt");
        Map<Integer, List<String>> expected = Oracles.ripser(file, "lower-distance", Math.max(dim, 1), null);
        if (dim == 0) {
            expected.keySet().removeIf(k -> k > 0);
        }
        for (boolean collapse : new boolean[] {false, true}) {
            Barcodes ours = new RipsPersistence(dim, 2, collapse, false).compute(Filtration.fromDistances(d));
            Map<Integer, List<String>> actual = Oracles.parseBars(BarcodeText.toRipserText(ours));
            actual.keySet().removeIf(k -> !expected.containsKey(k));
            assertEquals(expected, actual, kind + " n=" + n + " dim=" + dim + " seed=" + seed + " collapse=" + collapse);
        }
    }

    @ParameterizedTest(name = "threshold {0}")
    @MethodSource("thresholds")
    void compute_threshold_equalsRipserSparsePath(float threshold) {
        long seed = 51;
        DistanceMatrix d = Inputs.uniform(60, seed);
        Path file = Inputs.writeLower(d, dir, "thr" + threshold + ".txt");
        Map<Integer, List<String>> expected = Oracles.ripser(file, "lower-distance", 2, threshold);
        for (boolean collapse : new boolean[] {false, true}) {
            Barcodes ours = new RipsPersistence(2, 2, collapse, false).compute(Filtration.fromDistances(d, threshold));
            assertEquals(expected, Oracles.parseBars(BarcodeText.toRipserText(ours)),
                    "threshold " + threshold + " seed " + seed + " collapse=" + collapse);
        }
    }

    static Stream<Float> thresholds() {
        return Stream.of(0.1f, 0.25f, 0.4f, 0.7f);
    }

    /**
     * Dimension 3 with a threshold, as o3_1024 runs (neighbour lists; the dimension-3 assembly enumerates the
     * triangles from the edges instead of storing them): points on the 3-sphere in R^4, and in the unit cube.
     */
    @ParameterizedTest(name = "{0} n={1} threshold {2} seed {3}")
    @MethodSource("dimThreeThresholds")
    void compute_dimensionThreeWithThreshold_equalsRipser(String kind, int n, float threshold, long seed) {
        DistanceMatrix d = kind.equals("sphere") ? DistanceMatrix.fromPoints(sphere(n, seed)) : input(kind, n, seed);
        Path file = Inputs.writeLower(d, dir, "dim3_" + kind + n + "_" + seed + ".txt");
        Map<Integer, List<String>> expected = Oracles.ripser(file, "lower-distance", 3, threshold);
        if (kind.equals("sphere")) {
            assertTrue(expected.containsKey(3) && !expected.get(3).isEmpty(), "the case has dimension-3 bars");
        }
        for (boolean collapse : new boolean[] {false, true}) {
            Barcodes ours = new RipsPersistence(3, 2, collapse, false).compute(Filtration.fromDistances(d, threshold));
            assertEquals(expected, Oracles.parseBars(BarcodeText.toRipserText(ours)),
                    kind + " n=" + n + " threshold " + threshold + " seed " + seed + " collapse=" + collapse);
        }
    }

    static Stream<Arguments> dimThreeThresholds() {
        // each has dimension-3 bars (the 3-sphere's class); 200 points at 1.0 use neighbour lists (< 25 % of pairs)
        return Stream.of(
                Arguments.of("sphere", 200, 1.0f, 81L),
                Arguments.of("sphere", 100, 1.2f, 81L),
                Arguments.of("sphere", 120, 1.2f, 81L),
                Arguments.of("points", 80, 0.35f, 84L));
    }

    /** {@code n} seeded points on the unit 3-sphere in R^4 (normalized Gaussians). */
    private static float[][] sphere(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[][] p = new float[n][4];
        for (float[] q : p) {
            double s = 0;
            double[] g = new double[4];
            for (int c = 0; c < 4; c++) {
                g[c] = r.nextGaussian();
                s += g[c] * g[c];
            }
            for (int c = 0; c < 4; c++) {
                q[c] = (float) (g[c] / Math.sqrt(s));
            }
        }
        return p;
    }

    @Test
    void compute_sparseFileWithMissingEdges_equalsRipserIncludingEssentialBars() {
        // two 4-cycles without diagonals, joined by one long edge, plus a filled triangle
        String text = """
                0 1 1
                1 2 1
                2 3 1
                3 0 1
                4 5 0.5
                5 6 0.5
                6 7 0.5
                7 4 0.5
                3 4 2
                8 9 0.3
                9 10 0.3
                8 10 0.4
                """;
        Path file = Inputs.write(dir.resolve("sparse.txt"), text);
        Map<Integer, List<String>> expected = Oracles.ripser(file, "sparse", 2, null);
        DistanceMatrix d = DistanceMatrixReader.read(file, InputFormat.SPARSE);
        Barcodes ours = new RipsPersistence(2).compute(Filtration.fromDistances(d));
        assertEquals(expected, Oracles.parseBars(BarcodeText.toRipserText(ours)));
        assertEquals(2, ours.dimension(1).essentialCount(), "two unfilled 4-cycles");
    }

    @Test
    void compute_pointCloudFormat_equalsRipser() {
        float[][] p = Inputs.points(60, 2, 61);
        StringBuilder sb = new StringBuilder();
        for (float[] q : p) {
            sb.append(q[0]).append(',').append(q[1]).append('\n');
        }
        Path file = Inputs.write(dir.resolve("points.txt"), sb.toString());
        Map<Integer, List<String>> expected = Oracles.ripser(file, "point-cloud", 2, null);
        DistanceMatrix d = DistanceMatrixReader.read(file, InputFormat.POINT_CLOUD);
        Barcodes ours = new RipsPersistence(2).compute(Filtration.fromDistances(d));
        assertEquals(expected, Oracles.parseBars(BarcodeText.toRipserText(ours)), "seed 61");
    }

    @Test
    void compute_tiesAndDuplicatePoints_equalsRipser() {
        // many equal distances and zero distances (duplicate points)
        java.util.Random r = new java.util.Random(71);
        int n = 40;
        float[] lower = new float[n * (n - 1) / 2];
        for (int k = 0; k < lower.length; k++) {
            lower[k] = r.nextInt(6) / 5f;
        }
        DistanceMatrix d = DistanceMatrix.fromLowerTriangular(n, lower);
        Path file = Inputs.writeLower(d, dir, "ties.txt");
        Map<Integer, List<String>> expected = Oracles.ripser(file, "lower-distance", 2, null);
        for (boolean collapse : new boolean[] {false, true}) {
            Barcodes ours = new RipsPersistence(2, 2, collapse, false).compute(Filtration.fromDistances(d));
            assertEquals(expected, Oracles.parseBars(BarcodeText.toRipserText(ours)), "seed 71 collapse=" + collapse);
        }
    }
}
