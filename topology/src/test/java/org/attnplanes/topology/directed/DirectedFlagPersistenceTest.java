package org.attnplanes.topology.directed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.attnplanes.topology.testing.PythonOracle;
import org.junit.jupiter.api.Test;

/**
 * Against a brute-force reference: every ordered tuple of distinct vertices is tested for being a directed
 * clique, and the persistent Betti numbers β_k^{s,t} (classes born by s still alive at t) are computed from
 * ranks of boundary matrices over GF(2) for every pair of filtration values s ≤ t; the barcode must give the
 * same numbers (that determines it completely).
 */
class DirectedFlagPersistenceTest {

    /** All directed cliques of k + 1 vertices, by brute force over ordered tuples. */
    private static List<int[]> cliques(int n, float[] arc, int k) {
        List<int[]> out = new ArrayList<>();
        tuples(n, arc, new int[k + 1], 0, out);
        return out;
    }

    private static void tuples(int n, float[] arc, int[] cur, int len, List<int[]> out) {
        if (len == cur.length) {
            for (int a = 0; a < len; a++) {
                for (int b = a + 1; b < len; b++) {
                    if (arc[cur[a] * n + cur[b]] == Float.POSITIVE_INFINITY) {
                        return;
                    }
                }
            }
            out.add(cur.clone());
            return;
        }
        outer:
        for (int v = 0; v < n; v++) {
            for (int a = 0; a < len; a++) {
                if (cur[a] == v) {
                    continue outer;
                }
            }
            cur[len] = v;
            tuples(n, arc, cur, len + 1, out);
        }
    }

    private static float value(int n, float[] arc, int[] s) {
        float v = 0;
        for (int a = 0; a < s.length; a++) {
            for (int b = a + 1; b < s.length; b++) {
                v = Math.max(v, arc[s[a] * n + s[b]]);
            }
        }
        return v;
    }

    /** GF(2) rank of a set of row-index sets (each column a long bitmask over ≤ 64·w rows). */
    private static int rank(List<long[]> cols) {
        List<long[]> basis = new ArrayList<>();
        List<Integer> pivots = new ArrayList<>();
        for (long[] c0 : cols) {
            long[] c = c0.clone();
            for (int i = 0; i < basis.size(); i++) {
                int p = pivots.get(i);
                if ((c[p >>> 6] >>> p & 1) != 0) {
                    for (int w = 0; w < c.length; w++) {
                        c[w] ^= basis.get(i)[w];
                    }
                }
            }
            int p = -1;
            for (int w = c.length - 1; w >= 0 && p < 0; w--) {
                if (c[w] != 0) {
                    p = (w << 6) + 63 - Long.numberOfLeadingZeros(c[w]);
                }
            }
            if (p >= 0) {
                // keep the basis reduced at its pivots
                for (int i = 0; i < basis.size(); i++) {
                    long[] b = basis.get(i);
                    if ((b[p >>> 6] >>> p & 1) != 0) {
                        for (int w = 0; w < b.length; w++) {
                            b[w] ^= c[w];
                        }
                    }
                }
                basis.add(c);
                pivots.add(p);
            }
        }
        return basis.size();
    }

    /** Boundary columns of the (k+1)-simplices with value ≤ t, restricted to k-face rows accepted by the filter. */
    private static List<long[]> boundary(List<int[]> upper, float[] upperVal, List<int[]> lower, float t,
                                         java.util.function.IntPredicate keepRow) {
        List<long[]> cols = new ArrayList<>();
        int words = (lower.size() + 63) >>> 6;
        for (int s = 0; s < upper.size(); s++) {
            if (upperVal[s] > t) {
                continue;
            }
            int[] sim = upper.get(s);
            long[] c = new long[Math.max(words, 1)];
            for (int drop = 0; drop < sim.length; drop++) {
                int[] face = new int[sim.length - 1];
                for (int a = 0, m = 0; a < sim.length; a++) {
                    if (a != drop) {
                        face[m++] = sim[a];
                    }
                }
                int r = indexOf(lower, face);
                if (keepRow.test(r)) {
                    c[r >>> 6] ^= 1L << r;
                }
            }
            cols.add(c);
        }
        return cols;
    }

    private static int indexOf(List<int[]> list, int[] s) {
        for (int i = 0; i < list.size(); i++) {
            if (java.util.Arrays.equals(list.get(i), s)) {
                return i;
            }
        }
        throw new AssertionError("face not found");
    }

    private static void checkAgainstBruteForce(int n, float[] arc, int maxDim) {
        Barcodes b = new DirectedFlagPersistence(maxDim, 1_000_000).compute(n, arc);
        List<List<int[]>> sim = new ArrayList<>();
        List<float[]> val = new ArrayList<>();
        TreeSet<Float> grades = new TreeSet<>();
        grades.add(0f);
        for (int k = 0; k <= maxDim + 1; k++) {
            List<int[]> s = cliques(n, arc, k);
            float[] v = new float[s.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = value(n, arc, s.get(i));
                grades.add(v[i]);
            }
            sim.add(s);
            val.add(v);
        }
        for (int k = 0; k <= maxDim; k++) {
            final int kk = k;
            for (float s : grades) {
                for (float t : grades.tailSet(s, true)) {
                    float[] vk = val.get(k);
                    int cells = 0;
                    for (float x : vk) {
                        cells += x <= s ? 1 : 0;
                    }
                    int rankDk = k == 0 ? 0 : rank(boundary(sim.get(k), vk, sim.get(k - 1), s, r -> true));
                    List<long[]> up = boundary(sim.get(k + 1), val.get(k + 1), sim.get(k), t, r -> true);
                    List<long[]> upOut = boundary(sim.get(k + 1), val.get(k + 1), sim.get(k), t, r -> vk[r] > s);
                    int expected = cells - rankDk - (rank(up) - rank(upOut));
                    int got = 0;
                    for (PersistenceInterval iv : b.intervals(k)) {
                        got += iv.birth() <= s && iv.death() > t ? 1 : 0;
                    }
                    assertEquals(expected, got, "n=" + n + " H" + kk + " beta^{" + s + "," + t + "}");
                }
            }
        }
    }

    private static float[] randomDigraph(int n, Random r, double density, boolean ties) {
        float[] arc = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            boolean present = i / n != i % n && r.nextDouble() < density;
            float v = ties ? r.nextInt(4) / 4f + 0.25f : r.nextFloat();
            arc[i] = present ? v : Float.POSITIVE_INFINITY;
        }
        return arc;
    }

    @Test
    void randomDigraphsAgreeWithBruteForce() {
        Random r = new Random(41);
        for (int c = 0; c < 40; c++) {
            int n = 2 + r.nextInt(5);
            checkAgainstBruteForce(n, randomDigraph(n, r, 0.3 + 0.7 * r.nextDouble(), c % 3 == 0), 2);
        }
    }

    @Test
    void causalAttentionAgreesWithBruteForce() {
        for (int c = 0; c < 8; c++) {
            AttentionMatrix a = PythonOracle.attention(3 + c % 4, 70 + c, true, 2, c % 2 == 0);
            checkAgainstBruteForce(a.size(), DirectedFlagPersistence.arcValues(a, 0.05f), 2);
        }
    }

    @Test
    void reciprocalPairIsAHole() {
        // 0 ⇄ 1: two 1-simplices (0,1), (1,0) on the same vertices and no 2-simplex: one H1 class from 0.5 on
        float inf = Float.POSITIVE_INFINITY;
        float[] arc = {inf, 0.2f, 0.5f, inf};
        Barcodes b = new DirectedFlagPersistence(1, 100).compute(2, arc);
        assertEquals(List.of(new PersistenceInterval(0f, 0.2f), PersistenceInterval.essential(0f)), b.intervals(0));
        assertEquals(List.of(PersistenceInterval.essential(0.5f)), b.intervals(1));
    }

    @Test
    void aTransitiveTriangleIsFilledACyclicOneIsNot() {
        float inf = Float.POSITIVE_INFINITY;
        // 0→1, 1→2, 0→2: a 2-simplex (0,1,2); no H1
        float[] transitive = {inf, 0.1f, 0.3f, inf, inf, 0.2f, inf, inf, inf};
        assertEquals(0, new DirectedFlagPersistence(1, 100).compute(3, transitive).intervals(1).size());
        // 0→1→2→0: no 2-simplex; one essential H1 class born at 0.3
        float[] cyclic = {inf, 0.1f, inf, inf, inf, 0.2f, 0.3f, inf, inf};
        assertEquals(List.of(PersistenceInterval.essential(0.3f)),
                new DirectedFlagPersistence(1, 100).compute(3, cyclic).intervals(1));
    }

    @Test
    void theSimplexCapNamesItself() {
        float[] dense = new float[36];
        java.util.Arrays.fill(dense, 0.5f);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new DirectedFlagPersistence(2, 50).compute(6, dense));
        assertEquals(true, e.getMessage().contains("more than 50 simplices"));
    }
}
