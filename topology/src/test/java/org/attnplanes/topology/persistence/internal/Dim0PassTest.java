package org.attnplanes.topology.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.junit.jupiter.api.Test;

/**
 * {@link Dim0Pass} and {@link EdgeApexes} against brute force on seeded dense inputs: tied values (a few levels,
 * where the bitsets must hold the whole tie block before an edge of it is checked), continuous values, thresholds
 * below the largest value, {@code -0.0} and negative entries (the unpacked path), {@code +∞} (never enters) and
 * sizes across the 64-bit word boundaries. (NaN, which DistanceMatrix and Filtration reject, never enters here,
 * while the cofacet walk ignores a NaN distance inside a cofacet; the engine never sees one.)
 * Dense mode (full matrix) and sparse mode (neighbour lists: the walk it replaces differs). Checked: every entering
 * edge's apex is the largest third vertex within its diameter of both ends; the apparent-pair
 * answers for edges and triangles with the recorded apexes equal those of the cofacet walk; the dimension-1 columns
 * and the H0 bars equal a brute-force Kruskal pass with the walk's apparent pairs.
 */
class Dim0PassTest {

    private static float[] lower(Random r, int n, int shape) {
        float[] d = new float[n * (n - 1) / 2];
        for (int k = 0; k < d.length; k++) {
            d[k] = switch (shape) {
                case 0 -> r.nextInt(4) / 4f;                               // heavy ties, zeros included
                case 1 -> r.nextFloat();                                   // continuous
                case 2 -> 1f - (float) Math.min(1, Math.exp(2 * r.nextGaussian() - 4)); // attention-like tail
                case 3 -> r.nextInt(8) == 0 ? -0.0f : r.nextInt(6) / 6f; // -0.0: the unpacked path
                case 4 -> r.nextInt(6) == 0 ? Float.POSITIVE_INFINITY : r.nextInt(5) / 5f;   // never enters
                default -> r.nextInt(9) == 0 ? -0.5f : r.nextInt(5) / 5f; // negative: the unpacked path

            };
        }
        return d;
    }

    @Test
    void pass_seededDenseInputs_matchesBruteForce() {
        int[] sizes = {2, 3, 5, 17, 63, 64, 65, 100, 129};
        int cases = 0;
        for (int shape = 0; shape < 6; shape++) {
            for (int n : sizes) {
                for (int rep = 0; rep < 3; rep++) {
                    Random r = new Random(1000L * shape + 10L * n + rep);
                    float[] d = lower(r, n, shape);
                    float t = rep == 0 ? Float.MAX_VALUE : rep == 1 ? 0.75f : 0.5f;
                    check(d, n, t, r, false);
                    check(d, n, t, new Random(rep), true);
                    cases++;
                }
            }
        }
        assertEquals(6 * sizes.length * 3, cases);
    }

    @Test
    void countAtOrBelow_specialValuesAndThresholds_equalsFloatComparison() {
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1f, -1f, 0.5f, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Math.nextDown(1f), Math.nextUp(0.5f)};
        Random r = new Random(7);
        for (int rep = 0; rep < 400; rep++) {
            float[] v = new float[r.nextInt(50)];
            for (int k = 0; k < v.length; k++) {
                v[k] = r.nextInt(3) == 0 ? special[r.nextInt(special.length)] : (r.nextFloat() - 0.3f) * 3f;
            }
            if (rep % 5 == 0 && v.length > 0) {
                v[r.nextInt(v.length)] = r.nextBoolean() ? Float.NaN : Float.intBitsToFloat(0xFFC00001);
            }
            float t = rep % 7 == 0 ? Float.NaN : r.nextBoolean() ? special[r.nextInt(special.length)] : v.length > 0
                    ? v[r.nextInt(v.length)] : 0f;
            long want = 0;
            for (float x : v) {
                want += x <= t ? 1 : 0;
            }
            assertEquals(want, RipsEngine.countAtOrBelow(v, t), Arrays.toString(v) + " t " + t);
        }
    }

    private static void check(float[] d, int n, float t, Random r, boolean sparse) {
        String at = "n " + n + " t " + t + " sparse " + sparse;
        int modulus = sparse ? 3 : 2;
        RipsEngine e = new RipsEngine(d, null, null, null, 0, n, 2, modulus, t, sparse, false);
        assertEquals(sparse, e.full == null, at);
        assertEquals(sparse, e.nbr != null, at);
        ApparentPairs walk = new ApparentPairs(e, 5);
        ApparentPairs fast = new ApparentPairs(e, 5);
        EdgeApexes apexes = new EdgeApexes(n);
        fast.useEdgeApexes(apexes);
        SimplexList edges = new SimplexList(16);
        SimplexList columns = new SimplexList(16);
        List<PersistenceInterval> h0 = new Dim0Pass(e, fast, apexes).run(null, null, null, 0, edges, columns);

        // brute force: edges in filtration order, Kruskal, the walk's apparent pairs
        List<long[]> order = new ArrayList<>();
        for (int a = 1; a < n; a++) {
            for (int b = 0; b < a; b++) {
                if (e.d(a, b) <= t) {
                    order.add(new long[] {a, b});
                }
            }
        }
        order.sort((p, q) -> {
            float dp = e.d((int) p[0], (int) p[1]);
            float dq = e.d((int) q[0], (int) q[1]);
            long ip = idx(p);
            long iq = idx(q);
            return FiltrationSort.before(dp, ip, dq, iq) ? -1 : FiltrationSort.before(dq, iq, dp, ip) ? 1 : 0;
        });
        assertEquals(order.size(), edges.size, at);
        UnionFind uf = new UnionFind(n);
        List<Long> expectedColumns = new ArrayList<>();
        List<Float> expectedBars = new ArrayList<>();
        int[] uv = new int[2];
        for (int k = 0; k < order.size(); k++) {
            int a = (int) order.get(k)[0];
            int b = (int) order.get(k)[1];
            long i = idx(order.get(k));
            float dd = e.d(a, b);
            assertEquals(i, edges.idx[k], at);
            int x = -1;
            for (int v = 0; v < n; v++) {
                if (v != a && v != b && e.d(a, v) <= dd && e.d(b, v) <= dd) {
                    x = v;
                }
            }
            assertEquals(x, apexes.apex(i), at + " edge " + a + "," + b);
            uv[0] = a;
            uv[1] = b;
            assertEquals(walk.apparentCofacet(uv, i, dd, 1), fast.apparentCofacet(uv, i, dd, 1), at);
            int ra = uf.find(a);
            int rb = uf.find(b);
            if (ra != rb) {
                uf.linkRoots(ra, rb);
                if (dd > 0f) {
                    expectedBars.add(dd);
                }
            } else if (walk.apparentCofacet(uv, i, dd, 1) == -1) {
                expectedColumns.add(i);
            }
        }
        long[] got = Arrays.copyOf(columns.idx, columns.size);
        long[] want = new long[expectedColumns.size()];
        for (int k = 0; k < want.length; k++) {
            want[k] = expectedColumns.get(want.length - 1 - k);
        }
        assertArrayEquals(want, got, at);
        List<Float> bars = new ArrayList<>();
        int essential = 0;
        for (PersistenceInterval p : h0) {
            if (Double.isInfinite(p.death())) {
                essential++;
            } else {
                bars.add((float) p.death());
            }
        }
        assertEquals(expectedBars, bars, at);
        int components = 0;
        for (int v = 0; v < n; v++) {
            components += uf.find(v) == v ? 1 : 0;
        }
        assertEquals(components, essential, at);

        // triangles' apparent facets go through their edges' apexes
        int[] tri = new int[3];
        for (int s = 0; s < 200 && n >= 3; s++) {
            int o = r.nextInt(n);
            int q = r.nextInt(n);
            int w = r.nextInt(n);
            if (o == q || q == w || o == w) {
                continue;
            }
            int[] v = {o, q, w};
            Arrays.sort(v);
            tri[0] = v[2];
            tri[1] = v[1];
            tri[2] = v[0];
            float td = Math.max(e.d(tri[0], tri[1]), Math.max(e.d(tri[0], tri[2]), e.d(tri[1], tri[2])));
            if (!(td <= t)) {
                continue;
            }
            long ti = e.binom.get(tri[0], 3) + e.binom.get(tri[1], 2) + tri[2];
            long want3 = bruteApparentFacet(e, tri, ti, td, n);
            assertEquals(want3, walk.apparentFacet(tri, ti, td, 2), at + " triangle " + Arrays.toString(tri));
            if (want3 != -1) {
                assertEquals(bruteSign, walk.facetSign(), at);
            }
            assertEquals(want3, fast.apparentFacet(tri, ti, td, 2), at + " triangle " + Arrays.toString(tri));
            if (want3 != -1) {
                assertEquals(walk.facetSign(), fast.facetSign(), at);
            }
            assertEquals(walk.apparentFacet(ti, td, 2), fast.apparentFacet(ti, td, 2), at);
        }
    }

    private static int bruteSign;

    /**
     * The facet of smallest index with the triangle's diameter, if the triangle is that facet's first cofacet of
     * equal diameter (largest third vertex within the diameter of both ends), else −1; its sign to bruteSign.
     */
    private static long bruteApparentFacet(RipsEngine e, int[] tri, long ti, float td, int n) {
        int[][] facets = {{tri[1], tri[2]}, {tri[0], tri[2]}, {tri[0], tri[1]}};  // increasing index
        int[] signs = {1, e.modulus - 1, 1};
        for (int k = 0; k < 3; k++) {
            int a = facets[k][0];
            int b = facets[k][1];
            if (e.d(a, b) != td) {
                continue;
            }
            int x = -1;
            for (int v = 0; v < n; v++) {
                if (v != a && v != b && e.d(a, v) <= td && e.d(b, v) <= td) {
                    x = v;
                }
            }
            bruteSign = signs[k];
            long f = idx(new long[] {a, b});
            return x == tri[0] + tri[1] + tri[2] - a - b ? f : -1;
        }
        return -1;
    }

    private static long idx(long[] edge) {
        return edge[0] * (edge[0] - 1) / 2 + edge[1];
    }
}
