package org.attnplanes.topology.clique;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jgrapht.alg.clique.PivotBronKerboschCliqueFinder;
import org.junit.jupiter.api.Test;

class BitsetCliqueCounterTest {

    private static final double[] DENSITIES = {0.1, 0.3, 0.5, 0.7, 0.9, 1.0};

    /** All cliques by brute force over every vertex subset (n <= 14). */
    private static long[] bruteForceCounts(ThresholdGraph g) {
        int n = g.size();
        int[] adj = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j : g.neighbours(i)) {
                adj[i] |= 1 << j;
            }
        }
        long[] counts = new long[n + 1];
        for (int mask = 1; mask < (1 << n); mask++) {
            boolean clique = true;
            for (int v = 0; v < n && clique; v++) {
                if ((mask & (1 << v)) != 0 && ((adj[v] | (1 << v)) & mask) != mask) {
                    clique = false;
                }
            }
            if (clique) {
                counts[Integer.bitCount(mask)]++;
            }
        }
        int top = n;
        while (top > 0 && counts[top] == 0) {
            top--;
        }
        return Arrays.copyOfRange(counts, 1, top + 1);
    }

    /** Plain ordered clique listing (no pivots, no bitsets): every clique extended by larger neighbours only. */
    private static long[] listingCounts(ThresholdGraph g) {
        List<Long> counts = new ArrayList<>();
        int n = g.size();
        for (int v = 0; v < n; v++) {
            List<Integer> cand = new ArrayList<>();
            for (int u : g.neighbours(v)) {
                if (u > v) {
                    cand.add(u);
                }
            }
            extend(g, 1, cand, counts);
        }
        long[] out = new long[counts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }

    private static void extend(ThresholdGraph g, int size, List<Integer> cand, List<Long> counts) {
        while (counts.size() < size) {
            counts.add(0L);
        }
        counts.set(size - 1, counts.get(size - 1) + 1);
        for (int i = 0; i < cand.size(); i++) {
            int v = cand.get(i);
            List<Integer> next = new ArrayList<>();
            for (int j = i + 1; j < cand.size(); j++) {
                if (g.hasEdge(v, cand.get(j))) {
                    next.add(cand.get(j));
                }
            }
            extend(g, size + 1, next, counts);
        }
    }

    @Test
    void count_randomGraphsUpTo14Vertices_equalsBruteForceOverAllSubsets() {
        BitsetCliqueCounter counter = new BitsetCliqueCounter();
        for (int n = 0; n <= 14; n++) {
            for (double p : DENSITIES) {
                long seed = 1000L * n + Math.round(p * 100);
                ThresholdGraph g = RandomGraphs.erdosRenyi(n, p, seed);
                long[] expected = bruteForceCounts(g);
                CliqueCounts actual = counter.count(g);
                assertArrayEquals(expected, actual.toArray(), "seed " + seed + ", n = " + n + ", p = " + p);
                assertFalse(actual.truncated(), "seed " + seed);
            }
        }
    }

    @Test
    void count_maxCliqueSizeBelowCliqueNumber_givesPrefixOfCountsAndTruncated() {
        for (int kMax = 1; kMax <= 5; kMax++) {
            BitsetCliqueCounter counter = new BitsetCliqueCounter(kMax, CliqueLimits.DEFAULT);
            for (double p : DENSITIES) {
                long seed = 77L + kMax * 10 + Math.round(p * 100);
                ThresholdGraph g = RandomGraphs.erdosRenyi(13, p, seed);
                long[] full = bruteForceCounts(g);
                CliqueCounts c = counter.count(g);
                long[] expected = Arrays.copyOf(full, Math.min(kMax, full.length));
                assertArrayEquals(expected, c.toArray(), "seed " + seed + ", K = " + kMax + ", p = " + p);
                assertEquals(full.length > kMax, c.truncated(), "seed " + seed + ", K = " + kMax + ", p = " + p);
            }
        }
    }

    @Test
    void count_maxCliqueSizeOneOrTwo_equalsTheGeneralSearchUpToMultiWordGraphs() {
        BitsetCliqueCounter reference = new BitsetCliqueCounter(3, CliqueLimits.DEFAULT);
        for (int n : new int[] {0, 1, 2, 3, 17, 63, 64, 65, 130}) {
            for (double p : new double[] {0.0, 0.02, 0.05, 0.2, 0.6}) {
                long seed = 4100L + n * 7L + Math.round(p * 100);
                ThresholdGraph g = RandomGraphs.erdosRenyi(n, p, seed);
                long[] full = reference.count(g).toArray();
                boolean triangle = full.length >= 3 && full[2] > 0;
                for (int kMax = 1; kMax <= 2; kMax++) {
                    CliqueCounts c = new BitsetCliqueCounter(kMax, CliqueLimits.DEFAULT).count(g);
                    String where = "seed " + seed + ", n = " + n + ", p = " + p + ", K = " + kMax;
                    assertArrayEquals(Arrays.copyOf(full, Math.min(kMax, full.length)), c.toArray(), where);
                    assertEquals(kMax == 1 ? g.edgeCount() > 0 : triangle, c.truncated(), where);
                    assertEquals(triangle, g.hasTriangle(), where);
                }
            }
        }
    }

    /**
     * The direct count of graphs of up to 64 vertices at sizes 3 and 4 (what analyze counts) against the
     * clique-tree search and, where affordable, against brute force over all subsets: counts, the trimmed length
     * and whether a larger clique exists, from empty to nearly complete graphs.
     */
    @Test
    void count_upTo64VerticesAtSizes3And4_equalsTheSearchAndBruteForce() {
        for (int n = 0; n <= 64; n++) {
            for (double p : new double[] {0.0, 0.05, 0.15, 0.3, 0.5, 0.8, 0.97}) {
                long seed = 1600L + 97L * n + Math.round(p * 100);
                ThresholdGraph g = RandomGraphs.erdosRenyi(n, p, seed);
                long[] all = n <= 14 ? bruteForceCounts(g) : null;
                for (int kMax = 3; kMax <= 4; kMax++) {
                    BitsetCliqueCounter counter = new BitsetCliqueCounter(kMax, CliqueLimits.DEFAULT);
                    String where = "seed " + seed + ", n = " + n + ", p = " + p + ", K = " + kMax;
                    CliqueCounts direct = counter.count(g);
                    assertEquals(counter.countGeneral(g), direct, where);
                    if (all != null) {
                        assertArrayEquals(Arrays.copyOf(all, Math.min(kMax, all.length)), direct.toArray(), where);
                        assertEquals(all.length > kMax, direct.truncated(), where);
                    }
                }
            }
        }
    }

    @Test
    void count_multiWordGraphs_equalsPlainListing() {
        BitsetCliqueCounter counter = new BitsetCliqueCounter();
        int[] sizes = {63, 64, 65, 130, 200};
        double[] densities = {0.05, 0.15, 0.3};
        for (int n : sizes) {
            for (double p : densities) {
                long seed = 31L * n + Math.round(p * 1000);
                ThresholdGraph g = RandomGraphs.erdosRenyi(n, p, seed);
                assertArrayEquals(listingCounts(g), counter.count(g).toArray(),
                        "seed " + seed + ", n = " + n + ", p = " + p);
            }
        }
    }

    @Test
    void count_attentionLikeThresholdGraphs_equalsPlainListing() {
        BitsetCliqueCounter counter = new BitsetCliqueCounter();
        for (long seed = 1; seed <= 3; seed++) {
            ThresholdGraph g = ThresholdGraph.of(RandomGraphs.attentionLike(100, 2.0, seed), 0.02);
            assertArrayEquals(listingCounts(g), counter.count(g).toArray(), "seed " + seed);
        }
    }

    @Test
    void count_completeGraph_isBinomialCoefficients() {
        int n = 40;
        int[] s = new int[n * (n - 1) / 2];
        int[] t = new int[s.length];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s[m] = i;
                t[m++] = j;
            }
        }
        CliqueCounts c = new BitsetCliqueCounter().count(ThresholdGraph.fromEdges(n, s, t));
        long binomial = 1;
        for (int k = 1; k <= n; k++) {
            binomial = binomial * (n - k + 1) / k;
            assertEquals(binomial, c.count(k), "k = " + k);
        }
        assertEquals(n, c.largestSize());
        assertEquals(1L, c.eulerCharacteristic(), "a simplex is contractible");
    }

    @Test
    void count_completeGraphTooLargeForLong_failsNamingSizeAndThreshold() {
        AttentionMatrix70 m = new AttentionMatrix70();
        ThresholdGraph g = ThresholdGraph.of(70, m, 0.25);
        CliqueLimitExceededException e = assertThrows(CliqueLimitExceededException.class,
                () -> new BitsetCliqueCounter().count(g));
        assertTrue(e.getMessage().contains("n = 70 nodes"), e.getMessage());
        assertTrue(e.getMessage().contains("threshold t = 0.25"), e.getMessage());
        assertTrue(e.getMessage().contains("exceeds 9223372036854775807"), e.getMessage());
        assertEquals(70, e.planeSize());
    }

    /** All weights 0.5: the complete graph at any threshold <= 0.5. */
    private static final class AttentionMatrix70 implements ThresholdGraph.WeightFunction {
        @Override
        public double weight(int row, int col) {
            return 0.5;
        }
    }

    @Test
    void count_searchNodeLimitExceeded_failsNamingPlaneSizeThresholdAndLimit() {
        ThresholdGraph g = ThresholdGraph.of(RandomGraphs.attentionLike(200, 1.0, 5), 0.01);
        BitsetCliqueCounter counter = new BitsetCliqueCounter(Integer.MAX_VALUE, CliqueLimits.ofSearchNodes(1000));
        CliqueLimitExceededException e = assertThrows(CliqueLimitExceededException.class, () -> counter.count(g));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("clique counting stopped on a plane of n = 200 nodes, "), msg);
        assertTrue(msg.contains("threshold t = 0.01"), msg);
        assertTrue(msg.contains("exceeded the limit of 1000 search nodes"), msg);
        assertTrue(msg.contains("raise the threshold"), msg);
        assertEquals(0.01, e.threshold());
    }

    @Test
    void maximalCliques_timeLimitExceeded_failsNamingPlaneSizeThresholdAndLimit() {
        // uniform weights at t = 0.1 give G(300, 0.9): far more maximal cliques than 1 ms can enumerate
        ThresholdGraph g = ThresholdGraph.of(300, RandomGraphs.uniformSymmetric(9), 0.1);
        BitsetCliqueCounter counter = new BitsetCliqueCounter(Integer.MAX_VALUE,
                new CliqueLimits(Long.MAX_VALUE, Duration.ofMillis(1)));
        CliqueLimitExceededException e = assertThrows(CliqueLimitExceededException.class,
                () -> counter.maximalCliques(g));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("maximal-clique enumeration stopped on a plane of n = 300 nodes, "), msg);
        assertTrue(msg.contains("threshold t = 0.1"), msg);
        assertTrue(msg.contains("exceeded the time limit of 1 ms"), msg);
    }

    @Test
    void maximalCliques_randomGraphs_equalJGraphTPivotBronKerbosch() {
        BitsetCliqueCounter counter = new BitsetCliqueCounter();
        int[] sizes = {1, 5, 20, 64, 65, 100};
        double[] densities = {0.0, 0.1, 0.3, 0.6};
        for (int n : sizes) {
            for (double p : densities) {
                if (n > 65 && p > 0.3) {
                    continue; // G(100, 0.6) takes JGraphT (the reference) tens of seconds on a loaded machine
                }
                long seed = 7919L * n + Math.round(p * 100);
                ThresholdGraph g = RandomGraphs.erdosRenyi(n, p, seed);
                Set<List<Integer>> expected = new HashSet<>();
                for (Set<Integer> c : new PivotBronKerboschCliqueFinder<>(g.toJGraphT())) {
                    expected.add(new ArrayList<>(new TreeSet<>(c)));
                }
                Set<List<Integer>> actual = new HashSet<>();
                MaximalCliqueStats stats = counter.forEachMaximalClique(g, v -> {
                    List<Integer> l = new ArrayList<>();
                    for (int x : v) {
                        l.add(x);
                    }
                    assertTrue(actual.add(l), "clique " + l + " reported twice, seed " + seed);
                });
                assertEquals(expected, actual, "seed " + seed + ", n = " + n + ", p = " + p);
                assertEquals(expected.size(), stats.count(), "seed " + seed);
                int omega = expected.stream().mapToInt(List::size).max().orElse(0);
                assertEquals(omega, stats.cliqueNumber(), "seed " + seed);
                assertEquals(stats, counter.maximalCliques(g), "seed " + seed);
                assertEquals(counter.count(g).largestSize(), stats.cliqueNumber(), "seed " + seed);
            }
        }
    }

    @Test
    void maximalCliques_attentionLikeThresholdGraph_histogramMatchesJGraphT() {
        for (long seed = 11; seed <= 13; seed++) {
            ThresholdGraph g = ThresholdGraph.of(RandomGraphs.attentionLike(128, 2.0, seed), 0.02);
            long[] hist = new long[g.size() + 1];
            int omega = 0;
            for (Set<Integer> c : new PivotBronKerboschCliqueFinder<>(g.toJGraphT())) {
                hist[c.size() - 1]++;
                omega = Math.max(omega, c.size());
            }
            MaximalCliqueStats stats = new BitsetCliqueCounter().maximalCliques(g);
            assertArrayEquals(Arrays.copyOf(hist, omega), stats.histogram(), "seed " + seed);
        }
    }

    @Test
    void count_emptyGraph_hasNoCliques() {
        CliqueCounts c = new BitsetCliqueCounter().count(ThresholdGraph.fromEdges(0, new int[0], new int[0]));
        assertEquals(0, c.maxSize());
        assertEquals(0L, c.eulerCharacteristic());
        assertEquals(0, new BitsetCliqueCounter().maximalCliques(ThresholdGraph.fromEdges(0, new int[0], new int[0]))
                .count());
    }

    @Test
    void constructor_maxCliqueSizeZero_failsNamingValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BitsetCliqueCounter(0, CliqueLimits.DEFAULT));
        assertEquals("maxCliqueSize = 0 must be >= 1", e.getMessage());
    }

    @Test
    void eulerCharacteristic_truncatedCounts_failsExplaining() {
        ThresholdGraph g = RandomGraphs.erdosRenyi(12, 0.9, 3);
        CliqueCounts c = new BitsetCliqueCounter(2, CliqueLimits.DEFAULT).count(g);
        IllegalStateException e = assertThrows(IllegalStateException.class, c::eulerCharacteristic);
        assertTrue(e.getMessage().contains("counting stopped at size 2"), e.getMessage());
    }
}
