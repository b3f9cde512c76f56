package org.attnplanes.topology.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CofacetPrefix} against brute force: for seeded distance matrices (heavy ties, {@code ±0}, negative or all-zero distances, a threshold
 * that leaves some pairs out; dense, neighbour-list and full-matrix engines) and random edges and triangles, the
 * walk's output is the whole coboundary in filtration order (every vertex, (diameter, larger vertex first)) or
 * exactly its entries of diameter below the bound (at least {@link CofacetPrefix#ENTRIES} of them), its first
 * diameter is the coboundary's smallest, and the cofacet indices and coefficients equal {@link Cofacets}'.
 */
class CofacetPrefixTest {

    @Test
    void walk_seededSimplices_isTheSortedCoboundaryOrItsPartBelowTheBound() {
        int partial = 0;
        int whole = 0;
        for (int round = 0; round < 300; round++) {
            Random r = new Random(1000L + round);
            int n = 4 + r.nextInt(r.nextBoolean() ? 20 : 120);
            int levels = r.nextInt(4) == 0 ? 0 : 2 + r.nextInt(6);
            float[] lower = new float[n * (n - 1) / 2];
            for (int k = 0; k < lower.length; k++) {
                float v = levels == 0 ? r.nextFloat() : r.nextInt(levels) / (float) levels;
                lower[k] = v == 0f && r.nextBoolean() ? -0.0f : v;
            }
            if (round % 5 == 0) {
                // negative distances (the neighbour lists' other sort) and, at times, all zero
                for (int k = 0; k < lower.length; k++) {
                    lower[k] = round % 10 == 0 ? lower[k] - 0.5f : 0f;
                }
            }
            float threshold = r.nextBoolean() ? Float.MAX_VALUE : 0.3f + 0.7f * r.nextFloat();
            int modulus = r.nextBoolean() ? 2 : 3;
            boolean sparse = r.nextBoolean();
            RipsEngine e = new RipsEngine(lower, null, null, null, 0, n, 2, modulus, threshold, sparse, false);
            for (int dim = 1; dim <= 2; dim++) {
                CofacetPrefix prefix = new CofacetPrefix(e, dim);
                Cofacets cof = new Cofacets(e, dim + 3);
                VertexRun out = new VertexRun();
                int[] u = new int[dim + 1];
                for (int t = 0; t < 20; t++) {
                    int[] picked = r.ints(0, n).distinct().limit(dim + 1).toArray();
                    Integer[] boxed = Arrays.stream(picked).boxed().sorted((a, b) -> b - a).toArray(Integer[]::new);
                    for (int i = 0; i <= dim; i++) {
                        u[i] = boxed[i];
                    }
                    float diam = Float.NEGATIVE_INFINITY;
                    for (int i = 0; i <= dim; i++) {
                        for (int j = 0; j < i; j++) {
                            diam = Math.max(diam, e.d(u[i], u[j]));
                        }
                    }
                    if (diam > threshold) {
                        continue;
                    }
                    long idx = 0;
                    for (int i = 0; i <= dim; i++) {
                        idx += e.binom.get(u[i], dim + 1 - i);
                    }
                    // brute force: every vertex outside the simplex, its cofacet's diameter by the definition
                    List<long[]> all = new ArrayList<>();
                    for (int x = 0; x < n; x++) {
                        boolean in = false;
                        float cd = diam;
                        for (int i = 0; i <= dim; i++) {
                            in |= u[i] == x;
                            if (!in) {
                                cd = Math.max(cd, e.d(u[i], x));
                            }
                        }
                        if (!in && cd <= threshold) {
                            all.add(new long[] {VertexRun.key(cd, x), Float.floatToIntBits(cd + 0f), x});
                        }
                    }
                    all.sort((p, q) -> Long.compare(p[0], q[0]));
                    String where = "round " + round + " n " + n + " dim " + dim + " simplex " + Arrays.toString(u);
                    boolean isPartial = prefix.walk(u.clone(), dim, diam, out);
                    int m = out.size;
                    assertEquals(m, out.sorted, where);
                    if (isPartial) {
                        partial++;
                        assertTrue(m >= CofacetPrefix.ENTRIES, where);
                        for (long[] c : all) {
                            // below the bound: in the prefix; at or above: not
                            assertEquals(Float.intBitsToFloat((int) c[1]) < prefix.bound,
                                    all.indexOf(c) < m, where + " bound " + prefix.bound);
                        }
                    } else {
                        whole++;
                        assertEquals(all.size(), m, where);
                    }
                    for (int k = 0; k < m; k++) {
                        assertEquals((int) all.get(k)[2], out.vertex[k], where + " entry " + k);
                    }
                    if (m > 0) {
                        assertEquals(Float.intBitsToFloat((int) all.get(0)[1]), prefix.firstDiam, where);
                    }
                    // indices and coefficients as the enumerator's
                    cof.setVertices(u, idx, diam, 1, dim, true, threshold);
                    while (cof.next()) {
                        int x = cof.cofacetVertex();
                        assertEquals(cof.cofacetIdx, prefix.cofacetIndex(u, dim, x), where + " x " + x);
                        assertEquals(cof.cofacetCoef, prefix.cofacetCoef(u, dim, x), where + " x " + x);
                    }
                }
            }
        }
        assertTrue(partial > 500 && whole > 500, "partial " + partial + " whole " + whole);
    }
}
