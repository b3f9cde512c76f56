package org.attnplanes.topology.persistence.internal;

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
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.RipsPersistence;
import org.attnplanes.topology.testing.Inputs;
import org.attnplanes.topology.testing.Oracles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The partial sort of long coboundary runs ({@link VertexRun#sort}: only a prefix sorted, the tail sorted when a
 * cursor first reaches it) at its <em>real</em> threshold, not lowered by {@code -Dattnplanes.ph.partialMin}:
 * points on a circle or sphere (140–200 of them) have simplices with more than {@value #DEFAULT_PARTIAL_MIN} cofacets, the test shows
 * that both the partial sort and the tail sort ran (in dimension 2: dimension 1 of up to 512 points is reduced
 * with coboundary prefixes, {@link CofacetPrefix}, whose tails the test shows enumerated), and the barcodes equal
 * Debian {@code ripser}'s.
 */
class PartialSortPathTest {

    private static final int DEFAULT_PARTIAL_MIN = 96;

    @TempDir
    static Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("circle", 150, 1, 7L),
                Arguments.of("circle", 200, 2, 8L),
                Arguments.of("sphere", 140, 2, 9L));
    }

    private static DistanceMatrix input(String kind, int n, long seed) {
        return switch (kind) {
            case "circle" -> DistanceMatrix.fromPoints(onSphere(n, 2, seed));
            case "sphere" -> DistanceMatrix.fromPoints(onSphere(n, 3, seed));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /**
     * Seeded points on the unit circle or 2-sphere: the long-lived cycle makes the reduction of many columns add
     * many others, so that cursors run past the sorted prefix of long runs (on uniform or attention-like
     * inputs they almost never do).
     */
    private static float[][] onSphere(int n, int dim, long seed) {
        Random r = new Random(seed);
        float[][] p = new float[n][dim];
        for (float[] q : p) {
            double[] g = new double[dim];
            double s = 0;
            for (int c = 0; c < dim; c++) {
                g[c] = r.nextGaussian();
                s += g[c] * g[c];
            }
            for (int c = 0; c < dim; c++) {
                q[c] = (float) (g[c] / Math.sqrt(s));
            }
        }
        return p;
    }

    @Test
    void threshold_isTheDefault() {
        // the test is only about the real path when nobody lowered the threshold for this JVM
        assertEquals(DEFAULT_PARTIAL_MIN, RunColumn.partialMin(),
                "attnplanes.ph.partialMin is set for this test JVM; the test must run at the default");
    }

    @ParameterizedTest(name = "{0} n={1} dim={2} seed={3}")
    @MethodSource("cases")
    void longRuns_partialAndTailSortsRun_barsEqualRipser(String kind, int n, int dim, long seed) {
        assumeTrue(Oracles.hasRipser(), "the ripser binary (Debian package ripser) is needed for this oracle test");
        DistanceMatrix d = input(kind, n, seed);
        Path file = Inputs.writeLower(d, dir, kind + n + "_" + seed + ".txt");
        Map<Integer, List<String>> expected = Oracles.ripser(file, "lower-distance", dim, null);
        long partial = RunColumn.PARTIAL_SORTS.sum();
        long tails = RunColumn.TAIL_SORTS.sum();
        long prefixTails = RunColumn.PREFIX_TAILS.sum();
        Barcodes ours = new RipsPersistence(dim).compute(Filtration.fromDistances(d));
        // dimension 1 of up to 512 points is reduced with coboundary prefixes (CofacetPrefix), higher ones sort
        assertTrue(RunColumn.PREFIX_TAILS.sum() > prefixTails, "no cursor got past a prefix run in dimension 1");
        if (dim >= 2) {
            assertTrue(RunColumn.PARTIAL_SORTS.sum() > partial, "no run was long enough for the partial sort");
            assertTrue(RunColumn.TAIL_SORTS.sum() > tails, "no cursor reached an unsorted tail");
        }
        assertEquals(expected, Oracles.parseBars(BarcodeText.toRipserText(ours)),
                kind + " n=" + n + " dim=" + dim + " seed=" + seed);
    }
}
