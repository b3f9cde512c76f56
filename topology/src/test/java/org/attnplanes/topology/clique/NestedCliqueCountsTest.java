package org.attnplanes.topology.clique;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.filtration.Filtration;
import org.junit.jupiter.api.Test;

class NestedCliqueCountsTest {

    /**
     * A seeded flag filtration of n vertices whose entries come from a few values (so graphs at those values have
     * ties and, at the dense end, 5-cliques), with ±0, +∞ and random values mixed in; {@code dense} in [0, 1].
     */
    static Filtration filtration(int n, double dense, SplittableRandom rnd) {
        float[] lower = new float[n * (n - 1) / 2];
        for (int k = 0; k < lower.length; k++) {
            double u = rnd.nextDouble();
            if (u < dense) {
                int kind = rnd.nextInt(6);
                lower[k] = kind == 0 ? 0f : kind == 1 ? -0f : kind == 2 ? 0.5f : kind == 3 ? 0.75f
                        : kind == 4 ? 0.9f : (float) rnd.nextDouble();
            } else {
                lower[k] = rnd.nextInt(4) == 0 ? Float.POSITIVE_INFINITY : 0.95f + 0.05f * (float) rnd.nextDouble();
            }
        }
        return Filtration.fromDistances(DistanceMatrix.fromLowerTriangular(n, lower));
    }

    /** The k-clique counts (k = 1..5) of the graph of {@code value} by listing every vertex subset of up to 5. */
    static long[] bruteForce(Filtration f, float value) {
        int n = f.size();
        boolean[][] e = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                e[i][j] = i != j && f.value(i, j) <= value;
            }
        }
        long[] c = new long[5];
        for (int a = 0; a < n; a++) {
            c[0]++;
            for (int b = a + 1; b < n; b++) {
                if (!e[a][b]) {
                    continue;
                }
                c[1]++;
                for (int d = b + 1; d < n; d++) {
                    if (!e[a][d] || !e[b][d]) {
                        continue;
                    }
                    c[2]++;
                    for (int g = d + 1; g < n; g++) {
                        if (!e[a][g] || !e[b][g] || !e[d][g]) {
                            continue;
                        }
                        c[3]++;
                        for (int h = g + 1; h < n; h++) {
                            if (e[a][h] && e[b][h] && e[d][h] && e[g][h]) {
                                c[4]++;
                            }
                        }
                    }
                }
            }
        }
        return c;
    }

    /**
     * Every size 1..4 on 0 to 64 vertices, values unsorted, repeated, ±0, at entries, between them and +∞: each
     * graph's counts and edges equal a brute-force listing of its vertex subsets (truncated exactly when a clique
     * of size K + 1 exists), and equal the clique-tree search on the graph built one value at a time.
     */
    @Test
    void count_seededFiltrations_equalsBruteForceAndTheSearchOnEachGraph() {
        float[] values = {0.75f, 0.5f, 0.95f, 0f, 0.9f, 0.5f, -0f, Float.POSITIVE_INFINITY, Float.MIN_VALUE, 0.3f};
        int truncatedGraphs = 0;
        int fullGraphs = 0;
        for (long seed = 1; seed <= 90; seed++) {
            SplittableRandom rnd = new SplittableRandom(4100 + seed);
            int n = seed <= 65 ? (int) seed - 1 : 40 + rnd.nextInt(25);
            values[9] = (float) rnd.nextDouble();
            Filtration f = filtration(n, 0.15 + 0.8 * rnd.nextDouble(), rnd);
            long[][] brute = new long[values.length][];
            for (int g = 0; g < values.length; g++) {
                brute[g] = bruteForce(f, values[g]);
            }
            for (int k = 1; k <= NestedCliqueCounts.MAX_SIZE; k++) {
                // 1 to 4 values (the sparser graphs' rows in registers) or all ten (in the array)
                int used = seed % 5 == 0 ? values.length : 1 + (int) ((seed + k) % 4);
                int[] edges = new int[used];
                CliqueCounts[] nested = new NestedCliqueCounts(java.util.Arrays.copyOf(values, used), k)
                        .count(f, edges);
                // a budget below the default keeps the counter on its clique-tree search for sizes 3 and 4
                BitsetCliqueCounter search = new BitsetCliqueCounter(k,
                        CliqueLimits.ofSearchNodes(CliqueLimits.DEFAULT.maxSearchNodes() - 1));
                for (int g = 0; g < used; g++) {
                    String msg = "seed " + seed + ", n = " + n + ", K = " + k + ", value " + values[g] + " of " + used;
                    long[] c = brute[g];
                    assertEquals(c[1], edges[g], msg + ": edges");
                    for (int size = 1; size <= 5; size++) {
                        assertEquals(size <= k ? c[size - 1] : 0L, nested[g].count(size), msg + ", size " + size);
                    }
                    assertEquals(k < 5 && c[k] > 0, nested[g].truncated(), msg + ": truncated");
                    ThresholdGraph one = ThresholdGraph.of(f, values[g], 1.0 - values[g]);
                    assertEquals(search.count(one), nested[g], msg + ": against the search");
                    assertEquals(search.count(one).maxSize(), nested[g].maxSize(), msg + ": counted sizes");
                    if (k == 4) {
                        truncatedGraphs += c[4] > 0 ? 1 : 0;
                        fullGraphs += c[3] > 0 && c[4] == 0 ? 1 : 0;
                    }
                }
            }
        }
        // the seeds reach both sides of the 5-clique question with 4-cliques present
        assertTrue(truncatedGraphs > 50, "graphs with 5-cliques: " + truncatedGraphs);
        assertTrue(fullGraphs > 50, "graphs with 4-cliques but no 5-clique: " + fullGraphs);
    }

    @Test
    void supports_onlySmallPlanesSmallSizesAndDefaultBudgets() {
        assertTrue(NestedCliqueCounts.supports(64, 4, CliqueLimits.DEFAULT));
        assertFalse(NestedCliqueCounts.supports(65, 4, CliqueLimits.DEFAULT));
        assertFalse(NestedCliqueCounts.supports(10, 5, CliqueLimits.DEFAULT));
        assertFalse(NestedCliqueCounts.supports(10, 3, CliqueLimits.ofSearchNodes(1000)));
        assertTrue(NestedCliqueCounts.supports(10, 2, CliqueLimits.ofSearchNodes(1000)));
    }

    @Test
    void constructorAndCount_badInput_failNamingIt() {
        assertEquals("maxCliqueSize = 5 is outside [1, 4]", assertThrows(IllegalArgumentException.class,
                () -> new NestedCliqueCounts(new float[] {0.5f}, 5)).getMessage());
        assertEquals("value = NaN must be a number", assertThrows(IllegalArgumentException.class,
                () -> new NestedCliqueCounts(new float[] {0.5f, Float.NaN}, 4)).getMessage());
        Filtration big = filtration(65, 0.5, new SplittableRandom(1));
        assertEquals("n = 65 vertices: nested counts need at most 64", assertThrows(IllegalArgumentException.class,
                () -> new NestedCliqueCounts(new float[] {0.5f}, 4).count(big, new int[1])).getMessage());
    }
}
