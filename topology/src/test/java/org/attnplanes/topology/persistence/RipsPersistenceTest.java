package org.attnplanes.topology.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.stats.BarcodeStatistics;
import org.attnplanes.topology.testing.Inputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Known spaces, identities and configuration checks of {@link RipsPersistence} (no external tools). */
class RipsPersistenceTest {

    /** Cycle graph C_n: consecutive vertices at distance 1, all other pairs at 2 (the complex at 1 is the cycle). */
    static DistanceMatrix cycle(int n) {
        float[][] m = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int gap = Math.abs(i - j);
                m[i][j] = i == j ? 0 : (gap == 1 || gap == n - 1) ? 1f : 2f;
            }
        }
        return DistanceMatrix.fromFull(m);
    }

    @ParameterizedTest(name = "C_{0}")
    @ValueSource(ints = {4, 5, 8, 13})
    void compute_cycleGraph_bettiOneOneAtCycleValue(int n) {
        Barcodes b = new RipsPersistence(2).compute(Filtration.fromDistances(cycle(n)));
        assertArrayEquals(new int[] {1, 1, 0}, BarcodeStatistics.bettiNumbers(b, 1.0), "C_" + n);
        assertEquals(List.of(new PersistenceInterval(1f, 2f)), b.intervals(1), "C_" + n + " one H1 bar [1,2)");
        Barcodes cut = new RipsPersistence(2).compute(Filtration.fromDistances(cycle(n), 1.5f));
        assertEquals(List.of(PersistenceInterval.essential(1f)), cut.intervals(1), "C_" + n + " with threshold 1.5");
    }

    @Test
    void compute_octahedronBoundary_bettiOneZeroOne() {
        // 6 vertices, antipodal pairs (0,1), (2,3), (4,5) at distance 2, all others at 1
        float[][] m = new float[6][6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                m[i][j] = i == j ? 0 : (i / 2 == j / 2) ? 2f : 1f;
            }
        }
        for (boolean collapse : new boolean[] {false, true}) {
            Barcodes b = new RipsPersistence(3, 2, collapse, false).compute(Filtration.fromDistances(
                    DistanceMatrix.fromFull(m)));
            assertArrayEquals(new int[] {1, 0, 1, 0}, BarcodeStatistics.bettiNumbers(b, 1.0), "collapse=" + collapse);
            assertEquals(List.of(new PersistenceInterval(1f, 2f)), b.intervals(2), "collapse=" + collapse);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void compute_withAndWithoutEdgeCollapse_identicalBarcodes(long seed) {
        Random r = new Random(seed);
        int n = 20 + r.nextInt(40);
        DistanceMatrix d = switch ((int) (seed % 3)) {
            case 0 -> Inputs.uniform(n, seed);
            case 1 -> Inputs.attention(n, seed);
            default -> DistanceMatrix.fromPoints(Inputs.points(n, 2, seed));
        };
        int dim = n < 35 ? 3 : 2;
        Barcodes plain = new RipsPersistence(dim, 2, false, false).compute(Filtration.fromDistances(d));
        Barcodes collapsed = new RipsPersistence(dim, 2, true, false).compute(Filtration.fromDistances(d));
        for (int k = 0; k <= dim; k++) {
            assertEquals(plain.dimension(k).sorted(), collapsed.dimension(k).sorted(), "seed " + seed + " dim " + k);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void compute_zModP_equalsZ2OnRandomInputs(long seed) {
        // random flag complexes have no torsion in low dimensions in practice; all fields agree here
        DistanceMatrix d = Inputs.uniform(30, seed);
        Barcodes z2 = new RipsPersistence(2, 2, false, false).compute(Filtration.fromDistances(d));
        for (int p : new int[] {3, 5, 7}) {
            Barcodes zp = new RipsPersistence(2, p, false, false).compute(Filtration.fromDistances(d));
            for (int k = 0; k <= 2; k++) {
                assertEquals(z2.dimension(k).sorted(), zp.dimension(k).sorted(), "seed " + seed + " Z/" + p + " dim " + k);
            }
        }
    }

    @Test
    void compute_coneOverRandomComplex_acyclicInEveryField() {
        // vertex 6 is joined to everything before any other edge enters: the complex is a cone at every value
        float[][] m = new float[7][7];
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                m[i][j] = i == j ? 0 : (i == 6 || j == 6) ? 0.5f : 1f + ((i * 7 + j) % 5 + (j * 7 + i) % 5) / 20f;
            }
        }
        for (int p : new int[] {2, 3, 251}) {
            Barcodes b = new RipsPersistence(2, p, false, false).compute(Filtration.fromDistances(DistanceMatrix.fromFull(m)));
            assertArrayEquals(new int[] {1, 0, 0}, BarcodeStatistics.bettiNumbers(b, 5.0), "Z/" + p);
        }
    }

    @Test
    void compute_eulerPoincare_holdsOnRandomSmallComplexes() {
        // Σ(−1)^k s_k(t) from brute-force clique enumeration = Σ(−1)^k β_k(t) from the barcodes (dims 0..3)
        for (long seed = 1; seed <= 25; seed++) {
            Random r = new Random(seed);
            int n = 6 + r.nextInt(5);
            float[] lower = new float[n * (n - 1) / 2];
            for (int k = 0; k < lower.length; k++) {
                lower[k] = r.nextInt(10) / 10f; // ties on purpose
            }
            DistanceMatrix d = DistanceMatrix.fromLowerTriangular(n, lower);
            float threshold = 0.3f + r.nextInt(4) / 10f; // keeps the clique number small
            Filtration f = Filtration.fromDistances(d, threshold);
            int maxClique = maxCliqueSize(f, Double.MAX_VALUE);
            if (maxClique > 4) {
                continue; // homology above dimension 3 possible; the identity would need more dimensions
            }
            Barcodes b = new RipsPersistence(3).compute(f);
            var euler = BarcodeStatistics.eulerCharacteristicCurve(b);
            for (double t = 0; t <= 1.0; t += 0.05) {
                long chi = 0;
                long[] counts = cliqueCounts(f, t);
                for (int k = 0; k < counts.length; k++) {
                    chi += ((k & 1) == 0 ? 1 : -1) * counts[k];
                }
                assertEquals(chi, euler.valueAt(t), "seed " + seed + " t=" + t);
            }
        }
    }

    /** s_k(t) for k = 0.. by brute force over vertex subsets (n ≤ 10). */
    static long[] cliqueCounts(Filtration f, double t) {
        int n = f.size();
        long[] c = new long[n + 1];
        for (int mask = 1; mask < (1 << n); mask++) {
            boolean clique = true;
            for (int i = 0; i < n && clique; i++) {
                if ((mask >> i & 1) == 0) {
                    continue;
                }
                for (int j = 0; j < i; j++) {
                    if ((mask >> j & 1) == 1 && !(f.value(i, j) <= t)) {
                        clique = false;
                        break;
                    }
                }
            }
            if (clique) {
                c[Integer.bitCount(mask) - 1]++;
            }
        }
        return c;
    }

    static int maxCliqueSize(Filtration f, double t) {
        long[] c = cliqueCounts(f, t);
        int m = 0;
        for (int k = 0; k < c.length; k++) {
            if (c[k] > 0) {
                m = k + 1;
            }
        }
        return m;
    }

    @Test
    void compute_representatives_areCocyclesDetectingTheirBar() {
        DistanceMatrix d = Inputs.uniform(25, 91);
        Filtration f = Filtration.fromDistances(d);
        Barcodes b = new RipsPersistence(1, 2, false, true).compute(f);
        Barcode h1 = b.dimension(1);
        assertEquals(h1.size(), h1.representatives().size(), "one cocycle per bar, seed 91");
        assertTrue(h1.size() > 0, "seed 91 has H1 bars");
        int n = d.size();
        for (int k = 0; k < h1.size(); k++) {
            PersistenceInterval bar = h1.intervals().get(k);
            boolean[][] in = new boolean[n][n];
            for (CochainEdge e : h1.representative(k).orElseThrow()) {
                in[e.u()][e.v()] = !in[e.u()][e.v()];
            }
            // cocycle condition on every triangle present before the death: even number of cochain edges
            for (int a = 0; a < n; a++) {
                for (int c = 0; c < a; c++) {
                    for (int e = 0; e < c; e++) {
                        double diam = Math.max(f.value(a, c), Math.max(f.value(a, e), f.value(c, e)));
                        if (diam < bar.death()) {
                            int parity = (in[a][c] ? 1 : 0) + (in[a][e] ? 1 : 0) + (in[c][e] ? 1 : 0);
                            assertEquals(0, parity % 2, "bar " + bar + " triangle " + a + "," + c + "," + e);
                        }
                    }
                }
            }
        }
    }

    @Test
    void compute_attentionMatrixFiltration_matchesDistancesOneMinusMax() {
        double[][] a = Inputs.softmaxRows(20, 5);
        float[][] w = new float[20][20];
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                w[i][j] = (float) a[i][j];
            }
        }
        Filtration f = Filtration.fromWeights(AttentionMatrix.of(w));
        float[][] dm = new float[20][20];
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                dm[i][j] = i == j ? 0 : 1f - Math.max(w[i][j], w[j][i]);
            }
        }
        Barcodes viaWeights = new RipsPersistence(2).compute(f);
        Barcodes viaDistances = new RipsPersistence(2).compute(Filtration.fromDistances(DistanceMatrix.fromFull(dm)));
        assertEquals(viaDistances, viaWeights, "seed 5");
        Filtration sparse = Filtration.fromWeights(AttentionMatrix.of(w), 0.1f);
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < i; j++) {
                float ws = Math.max(w[i][j], w[j][i]);
                assertEquals(ws < 0.1f ? Float.POSITIVE_INFINITY : 1f - ws, sparse.value(i, j), "pair " + i + "," + j);
            }
        }
    }

    @Test
    void constructor_badParameters_namedInMessage() {
        assertEquals("maxDimension = 4 is outside [0, 3]",
                assertThrows(IllegalArgumentException.class, () -> new RipsPersistence(4)).getMessage());
        assertEquals("modulus = 4 must be a prime in [2, 251]",
                assertThrows(IllegalArgumentException.class, () -> new RipsPersistence(1, 4, false, false)).getMessage());
        assertEquals("modulus = 257 must be a prime in [2, 251]",
                assertThrows(IllegalArgumentException.class, () -> new RipsPersistence(1, 257, false, false)).getMessage());
    }

    @Test
    void compute_emptyAndSingleVertex_trivialBarcodes() {
        Barcodes empty = new RipsPersistence(2).compute(Filtration.fromDistances(DistanceMatrix.fromLowerTriangular(0,
                new float[0])));
        assertEquals(3, empty.byDimension().size());
        assertTrue(empty.intervals(0).isEmpty());
        Barcodes one = new RipsPersistence(2).compute(Filtration.fromDistances(DistanceMatrix.fromLowerTriangular(1,
                new float[0])));
        assertEquals(List.of(PersistenceInterval.essential(0f)), one.intervals(0));
        assertTrue(one.intervals(2).isEmpty());
    }

    @Test
    void compute_disconnectedByThreshold_essentialH0PerComponent() {
        // two clusters far apart
        float[][] m = new float[6][6];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                m[i][j] = i == j ? 0 : (i / 3 == j / 3) ? 0.1f * (1 + (i + j) % 3) : 5f;
            }
        }
        Barcodes b = new RipsPersistence(1).compute(Filtration.fromDistances(DistanceMatrix.fromFull(m), 1f));
        assertEquals(2, b.dimension(0).essentialCount());
    }
}
