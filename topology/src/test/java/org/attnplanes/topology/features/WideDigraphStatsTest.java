package org.attnplanes.topology.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * The path over 64 tokens (rows of words, {@link WideDigraphStats} and {@link WideCycles}) against the adjacency-list
 * code {@link ThresholdGraphFeatures#generalStats} threshold by threshold, and against JGraphT on graphs whose
 * cycles JGraphT can list; sizes on and around the word boundaries.
 */
class WideDigraphStatsTest {

    private static final int[] SIZES = {65, 66, 100, 127, 128, 129, 150, 191, 192, 193, 230};

    /**
     * Attention-shaped rows: a softmax of Gaussian logits with extra weight on a few sink columns and on the
     * neighbours of the diagonal (the arcs of many short cycles), and exact ties at the thresholds, -0 and negatives.
     */
    static float[] attentionLike(int n, SplittableRandom rnd) {
        double spread = 1.0 + 2.5 * rnd.nextDouble();
        int[] sinks = {0, n - 1, rnd.nextInt(n)};
        float[] w = new float[n * n];
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double logit = spread * rnd.nextGaussian();
                if (j == sinks[0] || j == sinks[1] || j == sinks[2]) {
                    logit += 3;
                }
                if (Math.abs(i - j) == 1) {
                    logit += 2 + 2 * rnd.nextDouble();
                }
                e[j] = Math.exp(logit);
                sum += e[j];
            }
            for (int j = 0; j < n; j++) {
                int kind = rnd.nextInt(60);
                w[i * n + j] = kind == 0 ? 0.1f : kind == 1 ? 0.025f : kind == 2 ? -0f : kind == 3 ? -0.2f
                        : (float) (e[j] / sum);
            }
        }
        return w;
    }

    private static void assertSameAsAdjacencyLists(float[] w, int n, List<Double> thresholds, int cap, String what) {
        double[] got = new double[6 * thresholds.size()];
        double[] t = thresholds.stream().mapToDouble(Double::doubleValue).toArray();
        WideDigraphStats stats = WideDigraphStats.local().loadRows(n, w, t);
        assertTrue(stats.finite(), what);
        stats.statsInto(cap, got);
        AttentionMatrix a = AttentionMatrix.of(n, w);
        for (int k = 0; k < thresholds.size(); k++) {
            ThresholdGraphFeatures.Stats s = ThresholdGraphFeatures.generalStats(a, thresholds.get(k), cap);
            double[] expected = {s.strongComponents(), s.edges(), s.averageDegree(), s.simpleCycles(),
                s.components(), s.graphB1()};
            for (int f = 0; f < 6; f++) {
                assertEquals(expected[f], got[6 * k + f], what + ", thresholds " + thresholds + ", t = "
                        + thresholds.get(k) + ", cap = " + cap + ", feature " + f);
            }
        }
    }

    /** All thresholds at once, in any order and repeated, at caps from 1 to above the count. */
    @Test
    void statsInto_attentionShapedRows_equalAdjacencyListPathPerThreshold() {
        List<List<Double>> lists = List.of(ThresholdGraphFeatures.KUSHNAREVA_THRESHOLDS,
                List.of(0.75, 0.1, 0.025, 0.5, 0.05, 0.25), List.of(0.3, 0.0, 0.02), List.of(0.05),
                List.of(0.1, 0.75, 0.1, 0.025, 0.025, 0.3));
        for (long seed = 1; seed <= 22; seed++) {
            SplittableRandom rnd = new SplittableRandom(3600 + seed);
            int n = SIZES[(int) (seed % SIZES.length)];
            float[] w = attentionLike(n, rnd);
            for (List<Double> thresholds : lists) {
                for (int cap : new int[] {1, 3, 40, 500}) {
                    assertSameAsAdjacencyLists(w, n, thresholds, cap, "seed " + (3600 + seed) + ", n = " + n);
                }
            }
        }
    }

    /**
     * The cycle count at caps around every count, on seeded digraphs from nearly acyclic to dense with planted
     * strongly connected pieces of many sizes and single-vertex components between them (the relabelled
     * components are ranges of labels that cross word boundaries).
     */
    @Test
    void statsInto_cyclesAtManyCaps_equalAdjacencyListJohnson() {
        int[] caps = {1, 2, 3, 5, 8, 20, 60, 180, 499, 500, 501, 900};
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom rnd = new SplittableRandom(4600 + seed);
            int n = SIZES[rnd.nextInt(SIZES.length)];
            double density = new double[] {0.005, 0.01, 0.02, 0.04, 0.1}[rnd.nextInt(5)];
            int block = 2 + rnd.nextInt(90);
            float[] w = new float[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    // backward arcs mostly inside blocks of consecutive vertices: pieces of many sizes
                    double p = j > i ? density : i / block == j / block ? density * 3 : density / 20;
                    w[i * n + j] = rnd.nextDouble() < p ? 0.5f : (float) (0.2 * rnd.nextDouble());
                }
            }
            AttentionMatrix a = AttentionMatrix.of(n, w);
            int total = ThresholdGraphFeatures.generalStats(a, 0.3, 1000).simpleCycles();
            for (int cap : caps) {
                double[] got = new double[6];
                WideDigraphStats.local().loadRows(n, w, new double[] {0.3}).statsInto(cap, got);
                String msg = "seed " + (4600 + seed) + ", n = " + n + ", density " + density + ", block " + block
                        + ", cap = " + cap + ", cycles (capped at 1000) " + total;
                ThresholdGraphFeatures.Stats s = ThresholdGraphFeatures.generalStats(a, 0.3, cap);
                assertEquals(Math.min(cap, total), (int) got[3], msg);
                assertEquals(s, ThresholdGraphFeatures.stats(a, 0.3, cap), msg);
            }
        }
    }

    /** Every statistic against JGraphT (its own cycle listing, components and strong components), uncapped. */
    @Test
    void stats_sparseGraphs_equalJGraphTReferences() {
        for (long seed = 1; seed <= 12; seed++) {
            SplittableRandom rnd = new SplittableRandom(5600 + seed);
            int n = SIZES[(int) (seed % SIZES.length)];
            float[] w = new float[n * n];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (0.5 * rnd.nextDouble());
            }
            for (int i = 0; i + 1 < n; i++) {
                if (rnd.nextInt(40) != 0) {
                    w[i * n + i + 1] = 0.7f; // chains that arcs back close into cycles
                }
            }
            for (int k = 6 + rnd.nextInt(10); k > 0; k--) {
                int from = rnd.nextInt(n);
                w[from * n + Math.max(0, from - 1 - rnd.nextInt(40))] = 0.8f;
            }
            for (int k = 2 + rnd.nextInt(7); k > 0; k--) {
                int from = rnd.nextInt(n);
                w[from * n + Math.min(n - 1, from + 2 + rnd.nextInt(4))] = 0.6f; // another way along a chain
            }
            AttentionMatrix a = AttentionMatrix.of(n, w);
            double t = 0.55;
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
            int cap = 100_000;
            int cycles = selfLoops + new TarjanSimpleCycles<>(g).findSimpleCycles().size();
            int scc = new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets().size();
            Graph<Integer, DefaultEdge> u = new AsUndirectedGraph<>(g);
            int c = new ConnectivityInspector<>(u).connectedSets().size();
            int undirected = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    undirected += g.containsEdge(i, j) || g.containsEdge(j, i) ? 1 : 0;
                }
            }
            ThresholdGraphFeatures.Stats s = ThresholdGraphFeatures.stats(a, t, cap);
            String msg = "seed " + (5600 + seed) + ", n = " + n;
            assertTrue(cycles > selfLoops + 3 && cycles < cap, msg + ": " + cycles + " cycles");
            assertEquals(edges, s.edges(), msg);
            assertEquals(cycles, s.simpleCycles(), msg);
            assertEquals(scc, s.strongComponents(), msg);
            assertEquals(c, s.components(), msg);
            assertEquals(undirected + selfLoops - n + c, s.graphB1(), msg);
        }
    }

    /** A larger matrix and then smaller ones on the same thread: the reused rows and work arrays hold nothing over. */
    @Test
    void compute_afterALargerMatrix_givesTheResultOfAFreshThread() throws Exception {
        ThresholdGraphFeatures f = new ThresholdGraphFeatures();
        float[][] inputs = new float[5][];
        int[] sizes = {300, 70, 129, 65, 200};
        for (int k = 0; k < sizes.length; k++) {
            inputs[k] = attentionLike(sizes[k], new SplittableRandom(6600 + k));
        }
        double[][] got = new double[sizes.length][];
        for (int k = 0; k < sizes.length; k++) {
            got[k] = f.compute(sizes[k], inputs[k]).toArray();
        }
        for (int k = 0; k < sizes.length; k++) {
            int kk = k;
            double[][] fresh = new double[1][];
            Thread thread = new Thread(() -> fresh[0] = f.compute(sizes[kk], inputs[kk]).toArray());
            thread.start();
            thread.join();
            assertEquals(java.util.Arrays.toString(fresh[0]), java.util.Arrays.toString(got[k]), "n = " + sizes[k]);
        }
    }

    /** A weight that is not finite is refused as AttentionMatrix.of refuses it, as before the path existed. */
    @Test
    void compute_notFiniteWeight_failsNamingTheWeight() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            for (List<Double> thresholds : List.of(ThresholdGraphFeatures.KUSHNAREVA_THRESHOLDS, List.of(0.0))) {
                float[] w = attentionLike(90, new SplittableRandom(7));
                w[37 * 90 + 64] = bad;
                ThresholdGraphFeatures f = new ThresholdGraphFeatures(thresholds, 500);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.compute(90, w));
                assertTrue(e.getMessage().startsWith("weight[37][64] = " + bad), e.getMessage());
            }
        }
    }
}
