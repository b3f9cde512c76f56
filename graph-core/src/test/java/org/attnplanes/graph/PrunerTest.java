package org.attnplanes.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pruning as seen through {@link Plane#edges()}, against brute-force selections. */
class PrunerTest {

    /** Brute-force top-k of row i: sort candidates by (normalized desc, raw desc, index asc). */
    private static Set<Integer> topK(Plane p, int i, int k, boolean[] excluded) {
        List<Integer> c = new ArrayList<>();
        for (int j = 0; j < p.size(); j++) {
            if (j != i && (excluded == null || !excluded[j])) {
                c.add(j);
            }
        }
        c.sort((a, b) -> {
            int x = Float.compare(p.weight(i, b), p.weight(i, a));
            if (x != 0) {
                return x;
            }
            x = Float.compare(p.rawWeight(i, b), p.rawWeight(i, a));
            return x != 0 ? x : Integer.compare(a, b);
        });
        return new HashSet<>(c.subList(0, Math.min(k, c.size())));
    }

    private static Set<Long> kept(Plane p) {
        Set<Long> s = new HashSet<>();
        for (int e = 0; e < p.edges().size(); e++) {
            s.add((long) p.edges().source(e) * p.size() + p.edges().target(e));
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 20})
    void topK_directed_keepsExactlyKArcsPerNodeMatchingBruteForce(int k) {
        for (long seed = 1; seed <= 6; seed++) {
            AttentionTrace t = SyntheticTraces.trace(seed, 2, 2, 11);
            for (Normalization norm : Normalization.values()) {
                MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().topK(k).normalization(norm)
                        .symmetrization(Symmetrization.DIRECTED).build());
                for (Plane p : g.planes()) {
                    int[] out = new int[p.size()];
                    Set<Long> kept = kept(p);
                    for (int i = 0; i < p.size(); i++) {
                        for (int j : topK(p, i, k, null)) {
                            assertTrue(kept.contains((long) i * p.size() + j), "seed " + seed + " " + norm
                                    + " k " + k + ": arc " + i + "->" + j + " missing");
                        }
                    }
                    for (int e = 0; e < p.edges().size(); e++) {
                        out[p.edges().source(e)]++;
                    }
                    for (int i = 0; i < p.size(); i++) {
                        assertEquals(Math.min(k, p.size() - 1), out[i], "seed " + seed + " " + norm + " node " + i);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5})
    void topK_undirected_keepsUnionOfBothEndsChoices(int k) {
        for (long seed = 1; seed <= 6; seed++) {
            AttentionTrace t = SyntheticTraces.trace(seed, 1, 3, 12);
            for (Normalization norm : new Normalization[] {Normalization.GLOBAL_ABS_MINMAX, Normalization.PER_ROW}) {
                Plane p = MultiPlanarGraph.build(t, GraphSpec.builder().topK(k).normalization(norm).build())
                        .planes().get(0);
                Set<Long> expected = new HashSet<>();
                for (int i = 0; i < p.size(); i++) {
                    for (int j : topK(p, i, k, null)) {
                        expected.add((long) Math.min(i, j) * p.size() + Math.max(i, j));
                    }
                }
                assertEquals(expected, kept(p), "seed " + seed + " " + norm + " k " + k);
                int[] degree = new int[p.size()];
                for (int e = 0; e < p.edges().size(); e++) {
                    degree[p.edges().source(e)]++;
                    degree[p.edges().target(e)]++;
                }
                for (int i = 0; i < p.size(); i++) {
                    assertTrue(degree[i] >= k, "seed " + seed + " node " + i + " degree " + degree[i]);
                }
            }
        }
    }

    @Test
    void topK_tiedWeights_lowerIndexWins() {
        // row 0 attends equally to 1, 2, 3 (ties); with k = 2, node 0 keeps keys 1 and 2
        int n = 4;
        float[] a = {
            0.1f, 0.3f, 0.3f, 0.3f,
            0.25f, 0.25f, 0.25f, 0.25f,
            0.25f, 0.25f, 0.25f, 0.25f,
            0.25f, 0.25f, 0.25f, 0.25f};
        AttentionTrace t = SyntheticTraces.fromMatrices(SyntheticTraces.tokens(n), new float[][] {a}, 1, 1);
        Plane p = MultiPlanarGraph.build(t, GraphSpec.builder().topK(2).symmetrization(Symmetrization.DIRECTED)
                .build()).planes().get(0);
        Set<Long> kept = kept(p);
        assertTrue(kept.contains(1L) && kept.contains(2L) && !kept.contains(3L), "kept " + kept);
        // row 3 (all equal): keys 0 and 1
        assertTrue(kept.contains(3L * n) && kept.contains(3L * n + 1) && !kept.contains(3L * n + 2), "kept " + kept);
    }

    @Test
    void topK_quantizedRandomTies_matchBruteForceTieRule() {
        for (long seed = 100; seed < 110; seed++) {
            Random rnd = new Random(seed);
            int n = 9;
            float[] a = new float[n * n];
            for (int i = 0; i < n; i++) {
                int[] q = new int[n];
                int sum = 0;
                for (int j = 0; j < n; j++) {
                    q[j] = 1 + rnd.nextInt(3);
                    sum += q[j];
                }
                for (int j = 0; j < n; j++) {
                    a[i * n + j] = q[j] / (float) sum;
                }
            }
            AttentionTrace t = SyntheticTraces.fromMatrices(SyntheticTraces.tokens(n), new float[][] {a}, 1, 1);
            Plane p = MultiPlanarGraph.build(t, GraphSpec.builder().topK(3)
                    .symmetrization(Symmetrization.DIRECTED).build()).planes().get(0);
            Set<Long> expected = new HashSet<>();
            for (int i = 0; i < n; i++) {
                for (int j : topK(p, i, 3, null)) {
                    expected.add((long) i * n + j);
                }
            }
            assertEquals(expected, kept(p), "seed " + seed);
        }
    }

    @Test
    void threshold_keepsExactlyEdgesAtOrAboveIt() {
        for (long seed = 1; seed <= 5; seed++) {
            AttentionTrace t = SyntheticTraces.trace(seed, 2, 2, 10);
            MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().threshold(0.3).build());
            for (Plane p : g.planes()) {
                int expected = 0;
                for (int i = 0; i < p.size(); i++) {
                    for (int j = i + 1; j < p.size(); j++) {
                        expected += p.weight(i, j) >= 0.3f ? 1 : 0;
                    }
                }
                assertEquals(expected, p.edges().size(), "seed " + seed);
                for (int e = 0; e < p.edges().size(); e++) {
                    assertTrue(p.edges().weight(e) >= 0.3f, "seed " + seed);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 0.9, 1.0})
    void cumulativeMass_directed_keepsSmallestStrongestPrefixReachingP(double mass) {
        for (long seed = 1; seed <= 5; seed++) {
            AttentionTrace t = SyntheticTraces.trace(seed, 1, 2, 10);
            Plane p = MultiPlanarGraph.build(t, GraphSpec.builder().cumulativeMass(mass)
                    .symmetrization(Symmetrization.DIRECTED).build()).planes().get(0);
            int n = p.size();
            double[] keptMass = new double[n];
            double[] total = new double[n];
            float[] weakestKept = new float[n];
            java.util.Arrays.fill(weakestKept, Float.MAX_VALUE);
            for (int e = 0; e < p.edges().size(); e++) {
                int i = p.edges().source(e);
                float a = p.attention(i, p.edges().target(e));
                keptMass[i] += a;
                weakestKept[i] = Math.min(weakestKept[i], a);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        total[i] += p.attention(i, j);
                    }
                }
                assertTrue(keptMass[i] >= mass * total[i] - 1e-9, "seed " + seed + " row " + i + " kept mass "
                        + keptMass[i] + " of " + total[i]);
                // minimal: without its weakest kept key the row is below p
                assertTrue(keptMass[i] - weakestKept[i] < mass * total[i], "seed " + seed + " row " + i);
                // prefix: every dropped key is no stronger than the weakest kept key
                Set<Long> kept = kept(p);
                for (int j = 0; j < n; j++) {
                    if (j != i && !kept.contains((long) i * n + j)) {
                        assertTrue(p.attention(i, j) <= weakestKept[i], "seed " + seed + " row " + i);
                    }
                }
            }
        }
    }

    @Test
    void cumulativeMass_one_keepsEveryPositiveEdge() {
        long seed = 3;
        AttentionTrace t = SyntheticTraces.trace(seed, 1, 1, 8);
        Plane p = MultiPlanarGraph.build(t, GraphSpec.builder().cumulativeMass(1.0).build()).planes().get(0);
        assertEquals(28, p.edges().size(), "seed " + seed);
    }

    @Test
    void specialTokens_dropped_noEdgeTouchesThemAndTopKChoosesAmongOthers() {
        for (long seed = 1; seed <= 4; seed++) {
            AttentionTrace t = SyntheticTraces.trace(seed, 1, 2, 9);
            Plane p = MultiPlanarGraph.build(t, GraphSpec.builder().keepSpecialTokens(false).topK(2).build())
                    .planes().get(0);
            boolean[] special = new boolean[9];
            special[0] = true;
            special[8] = true;
            Set<Long> expected = new HashSet<>();
            for (int i = 1; i < 8; i++) {
                for (int j : topK(p, i, 2, special)) {
                    expected.add((long) Math.min(i, j) * 9 + Math.max(i, j));
                }
            }
            assertEquals(expected, kept(p), "seed " + seed);
            for (int e = 0; e < p.edges().size(); e++) {
                assertFalse(special[p.edges().source(e)] || special[p.edges().target(e)], "seed " + seed);
            }
        }
    }

    @Test
    void combinedCriteria_edgeMustPassEveryActiveOne() {
        long seed = 12;
        AttentionTrace t = SyntheticTraces.trace(seed, 1, 2, 12);
        Plane both = MultiPlanarGraph.build(t, GraphSpec.builder().topK(3).threshold(0.4).build()).planes().get(0);
        Plane topOnly = MultiPlanarGraph.build(t, GraphSpec.builder().topK(3).build()).planes().get(0);
        Set<Long> expected = new HashSet<>();
        for (long key : kept(topOnly)) {
            int i = (int) (key / 12);
            int j = (int) (key % 12);
            if (topOnly.weight(i, j) >= 0.4f) {
                expected.add(key);
            }
        }
        assertEquals(expected, kept(both), "seed " + seed);
    }
}
