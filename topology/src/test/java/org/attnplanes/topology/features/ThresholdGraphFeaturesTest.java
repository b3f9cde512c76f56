package org.attnplanes.topology.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;

import org.attnplanes.graph.AttentionMatrix;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.cycle.TarjanSimpleCycles;
import org.jgrapht.graph.AsUndirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleDirectedGraph;
import org.junit.jupiter.api.Test;

class ThresholdGraphFeaturesTest {

    private static AttentionMatrix random(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextDouble();
        }
        return AttentionMatrix.of(n, a);
    }

    @Test
    void stats_pathWithTwoSelfLoops_countsSelfLoopsInEdgesCyclesAndGraphB1() {
        // 0 -> 1 -> 2 (a path), self-loops on 0 and 2: the reference (networkx MultiDiGraph) gives b1 = 2
        AttentionMatrix a = AttentionMatrix.of(new float[][] {
                {0.9f, 0.6f, 0.0f},
                {0.0f, 0.1f, 0.7f},
                {0.0f, 0.0f, 0.8f}});
        ThresholdGraphFeatures.Stats s = ThresholdGraphFeatures.stats(a, 0.5, 500);
        assertEquals(4, s.edges());
        assertEquals(8.0 / 3.0, s.averageDegree(), 1e-12);
        assertEquals(2, s.simpleCycles(), "two self-loops, no other cycle");
        assertEquals(1, s.components());
        assertEquals(2, s.graphB1());
        assertEquals(3, s.strongComponents());
    }

    @Test
    void stats_randomMatrices_equalJGraphTReferences() {
        for (long seed = 1; seed <= 40; seed++) {
            int n = 3 + (int) (seed % 9);
            AttentionMatrix a = random(n, seed);
            for (double t : new double[] {0.3, 0.6, 0.85}) {
                Graph<Integer, DefaultEdge> g = new SimpleDirectedGraph<>(DefaultEdge.class);
                int selfLoops = 0;
                int edges = 0;
                for (int v = 0; v < n; v++) {
                    g.addVertex(v);
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        if (a.weight(i, j) >= t) {
                            edges++;
                            if (i == j) {
                                selfLoops++;
                            } else {
                                g.addEdge(i, j);
                            }
                        }
                    }
                }
                int cap = 50;
                int cycles = Math.min(cap, selfLoops + new TarjanSimpleCycles<>(g).findSimpleCycles().size());
                int scc = new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets().size();
                Graph<Integer, DefaultEdge> u = new AsUndirectedGraph<>(g);
                int c = new ConnectivityInspector<>(u).connectedSets().size();
                int undirectedEdges = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        if (g.containsEdge(i, j) || g.containsEdge(j, i)) {
                            undirectedEdges++;
                        }
                    }
                }
                ThresholdGraphFeatures.Stats s = ThresholdGraphFeatures.stats(a, t, cap);
                String msg = "seed " + seed + ", n = " + n + ", t = " + t;
                assertEquals(edges, s.edges(), msg);
                assertEquals(cycles, s.simpleCycles(), msg);
                assertEquals(Math.min(cap, scc), s.strongComponents(), msg);
                assertEquals(c, s.components(), msg);
                assertEquals(undirectedEdges + selfLoops - n + c, s.graphB1(), msg);
            }
        }
    }

    @Test
    void stats_denseGraph_cyclesStopAtCap() {
        AttentionMatrix a = random(60, 3);
        ThresholdGraphFeatures.Stats s = ThresholdGraphFeatures.stats(a, 0.2, 500);
        assertEquals(500, s.simpleCycles(), "seed 3: a dense digraph on 60 nodes has far more than 500 cycles");
    }

    @Test
    void compute_defaultThresholds_givesSixFeaturesPerThresholdWithNames() {
        FeatureVector f = new ThresholdGraphFeatures().compute(random(10, 5));
        assertEquals(36, f.size());
        assertEquals(List.of("attn_scc_t0.025", "attn_edges_t0.025", "attn_avgdeg_t0.025", "attn_cycles_t0.025",
                "attn_b0_t0.025", "attn_b1_t0.025"), f.names().subList(0, 6));
        assertEquals("attn_b1_t0.75", f.names().get(35));
        AttentionMatrix a = random(10, 5);
        int edges = 0;
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                edges += a.weight(i, j) >= 0.1 ? 1 : 0;
            }
        }
        assertEquals(edges, f.get("attn_edges_t0.10"), "seed 5");
        assertEquals(2.0 * edges / 10, f.get("attn_avgdeg_t0.10"), 1e-12, "seed 5");
    }

    @Test
    void constructor_zeroCap_failsNamingValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ThresholdGraphFeatures(List.of(0.1), 0));
        assertEquals("cap = 0 must be >= 1", e.getMessage());
    }

    @Test
    void stats_bitsetPathUpToSixtyFourTokens_equalsAdjacencyListPath() {
        for (long seed = 1; seed <= 60; seed++) {
            int n = (int) (seed % 65);
            SplittableRandom rnd = new SplittableRandom(seed);
            float[] w = new float[n * n];
            for (int i = 0; i < w.length; i++) {
                // softmax-like: most weights small, a few large, some exact ties with the thresholds
                w[i] = rnd.nextInt(10) == 0 ? 0.1f : (float) Math.min(1.0, Math.exp(2.5 * rnd.nextGaussian() - 4));
            }
            AttentionMatrix a = AttentionMatrix.of(n, w);
            for (double t : new double[] {0.0, 0.025, 0.1, 0.25, 0.75}) {
                for (int cap : new int[] {1, 7, 500}) {
                    assertEquals(ThresholdGraphFeatures.generalStats(a, t, cap), ThresholdGraphFeatures.stats(a, t, cap),
                            "seed " + seed + ", n = " + n + ", t = " + t + ", cap = " + cap);
                }
            }
        }
    }

    /**
     * The bitset path's cycle count against the adjacency-list Johnson at caps around every count (below, at and
     * above the cycles of lengths 2 to 5, which alone may decide a capped count), on seeded digraphs from nearly
     * acyclic to dense, with planted strongly connected pieces and single-vertex components between them.
     */
    @Test
    void stats_bitsetCyclesAtManyCaps_equalAdjacencyListJohnson() {
        int[] caps = {1, 2, 3, 4, 5, 6, 8, 12, 20, 35, 60, 100, 180, 300, 499, 500, 501, 900};
        for (long seed = 1; seed <= 120; seed++) {
            SplittableRandom rnd = new SplittableRandom(1600 + seed);
            int n = 2 + rnd.nextInt(63);
            double density = new double[] {0.02, 0.05, 0.1, 0.2, 0.4}[rnd.nextInt(5)];
            float[] w = new float[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    // forward arcs more often than backward ones: components of many sizes, many trivial
                    double p = j > i ? density : density / (1 + rnd.nextInt(6));
                    w[i * n + j] = rnd.nextDouble() < p ? 0.5f : (float) (0.2 * rnd.nextDouble());
                }
            }
            AttentionMatrix a = AttentionMatrix.of(n, w);
            int total = ThresholdGraphFeatures.generalStats(a, 0.3, 1000).simpleCycles();
            for (int cap : caps) {
                String msg = "seed " + seed + ", n = " + n + ", density " + density + ", cap = " + cap
                        + ", cycles (capped at 1000) " + total;
                ThresholdGraphFeatures.Stats s = ThresholdGraphFeatures.stats(a, 0.3, cap);
                assertEquals(ThresholdGraphFeatures.generalStats(a, 0.3, cap), s, msg);
                assertEquals(Math.min(cap, total), s.simpleCycles(), msg);
            }
        }
    }

    /**
     * All thresholds at once (the nested graphs taken from the largest threshold down, in-rows and mutual pairs
     * grown by the new arcs, a capped count carried to the larger graphs, Johnson on relabelled vertices) against
     * the adjacency-list code run threshold by threshold: thresholds in any order and repeated, caps from 1 (every
     * cyclic graph capped) to above the count, softmax-shaped rows with ties at the thresholds, -0 and negatives.
     */
    @Test
    void compute_allThresholdsTogether_equalsAdjacencyListPathPerThreshold() {
        // the public API takes distinct thresholds; repeated ones (equal graphs) through the package's own path
        List<List<Double>> lists = List.of(ThresholdGraphFeatures.KUSHNAREVA_THRESHOLDS,
                List.of(0.75, 0.1, 0.025, 0.5, 0.05, 0.25), List.of(0.3, 0.0, 0.02), List.of(0.05),
                List.of(0.1, 0.75, 0.1, 0.025, 0.025, 0.3));
        for (long seed = 1; seed <= 80; seed++) {
            SplittableRandom rnd = new SplittableRandom(2600 + seed);
            int n = 1 + rnd.nextInt(64);
            double spread = 1.5 + 2.5 * rnd.nextDouble();
            float[] w = new float[n * n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                double[] e = new double[n];
                for (int j = 0; j < n; j++) {
                    e[j] = Math.exp(spread * rnd.nextGaussian());
                    sum += e[j];
                }
                for (int j = 0; j < n; j++) {
                    int kind = rnd.nextInt(40);
                    w[i * n + j] = kind == 0 ? 0.1f : kind == 1 ? 0.025f : kind == 2 ? -0f : kind == 3 ? -0.2f
                            : (float) (e[j] / sum);
                }
            }
            AttentionMatrix a = AttentionMatrix.of(n, w);
            for (List<Double> thresholds : lists) {
                for (int cap : new int[] {1, 3, 40, 500}) {
                    double[] got;
                    if (new java.util.HashSet<>(thresholds).size() == thresholds.size()) {
                        got = new ThresholdGraphFeatures(thresholds, cap).compute(n, w).toArray();
                    } else {
                        got = new double[6 * thresholds.size()];
                        double[] t = thresholds.stream().mapToDouble(Double::doubleValue).toArray();
                        SmallDigraphStats.local().loadRows(n, w, t).statsInto(cap, got);
                    }
                    for (int k = 0; k < thresholds.size(); k++) {
                        ThresholdGraphFeatures.Stats s = ThresholdGraphFeatures.generalStats(a, thresholds.get(k), cap);
                        double[] expected = {s.strongComponents(), s.edges(), s.averageDegree(), s.simpleCycles(),
                            s.components(), s.graphB1()};
                        for (int f = 0; f < 6; f++) {
                            assertEquals(expected[f], got[6 * k + f], "seed " + (2600 + seed) + ", n = " + n
                                    + ", thresholds " + thresholds + ", t = " + thresholds.get(k) + ", cap = " + cap
                                    + ", feature " + f);
                        }
                    }
                }
            }
        }
    }

    /**
     * computeIfUnitRange: null exactly when some weight is not in [+0, 1] (-0, negative, above 1, +inf, NaN, planted at
     * any entry, the last of an odd row included), else compute's features; up to 64 tokens (the check shares the
     * threshold scan: first threshold above 0, at 0, and no threshold at all) and above.
     */
    @Test
    void computeIfUnitRange_seededMatricesWithPlantedOutsideValues_nullExactlyWhenOutsideElseCompute() {
        float[] outside = {-0f, -0.3f, -Float.MIN_VALUE, 1.00001f, 7f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0xffc00000)};
        List<List<Double>> lists = List.of(ThresholdGraphFeatures.KUSHNAREVA_THRESHOLDS, List.of(0.0, 0.3), List.of());
        for (long seed = 1; seed <= 120; seed++) {
            SplittableRandom rnd = new SplittableRandom(3700 + seed);
            int n = seed <= 100 ? rnd.nextInt(66) : 65 + rnd.nextInt(70);
            float[] w = new float[n * n];
            for (int k = 0; k < w.length; k++) {
                int kind = rnd.nextInt(12);
                w[k] = kind == 0 ? 0f : kind == 1 ? 1f : kind == 2 ? Float.MIN_VALUE : (float) rnd.nextDouble();
            }
            int planted = n == 0 || rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(3);
            for (int p = 0; p < planted; p++) {
                int at = rnd.nextInt(4) == 0 ? n * n - 1 : rnd.nextInt(n * n);
                w[at] = outside[rnd.nextInt(outside.length)];
            }
            boolean inRange = true;
            for (float v : w) {
                inRange &= Float.floatToRawIntBits(v) >= 0 && v <= 1f;
            }
            for (List<Double> thresholds : lists) {
                ThresholdGraphFeatures features = new ThresholdGraphFeatures(thresholds, 500);
                FeatureVector got = features.computeIfUnitRange(n, w);
                String where = "seed " + (3700 + seed) + ", n = " + n + ", thresholds " + thresholds;
                if (!inRange) {
                    assertNull(got, where);
                    continue;
                }
                assertNotNull(got, where);
                assertEquals(features.compute(n, w), got, where);
            }
        }
    }

    @Test
    void compute_sameInstanceManyThreads_givesTheSequentialResult() throws Exception {
        ThresholdGraphFeatures f = new ThresholdGraphFeatures();
        List<AttentionMatrix> inputs = new java.util.ArrayList<>();
        List<FeatureVector> expected = new java.util.ArrayList<>();
        for (int k = 0; k < 24; k++) {
            AttentionMatrix a = random(5 + 3 * k % 70, 100 + k);
            inputs.add(a);
            expected.add(f.compute(a));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<FeatureVector>> got = new java.util.ArrayList<>();
            for (int rep = 0; rep < 4; rep++) {
                for (AttentionMatrix a : inputs) {
                    got.add(pool.submit(() -> f.compute(a)));
                }
            }
            for (int g = 0; g < got.size(); g++) {
                assertEquals(expected.get(g % inputs.size()), got.get(g).get(), "input seed " + (100 + g % inputs.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void atLeast_thresholdsBetweenFloats_decideLikeTheDoubleComparison() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int k = 0; k < 20000; k++) {
            double t = k % 2 == 0 ? rnd.nextDouble() : (double) (float) rnd.nextDouble();
            float f = SmallDigraphStats.atLeast(t);
            float w = (float) t;
            for (float x : new float[] {Math.nextDown(w), w, Math.nextUp(w), f, Math.nextDown(f)}) {
                assertEquals((double) x >= t, x >= f, "seed 11, t = " + t + ", w = " + x);
            }
        }
    }
}
