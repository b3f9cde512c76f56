package org.attnplanes.topology.clique;

import org.attnplanes.topology.internal.Bits;
import java.util.Arrays;
import java.util.Objects;

/**
 * Exact clique statistics of a {@link ThresholdGraph} with bitset set operations and a degeneracy ordering.
 *
 * <ul>
 *   <li>{@link #count(ThresholdGraph)} counts the k-cliques for every k = 1..K at once with the succinct
 *       clique tree of Jain and Seshadhri (Pivoter, WSDM 2020): a pivoted Bron–Kerbosch recursion whose
 *       leaves (h "held" vertices, p "pivot" vertices) stand for the C(p, j) cliques of size h + j, so the
 *       cliques are counted without being listed. The outer loop follows a degeneracy order (each vertex
 *       only looks at later neighbours), so the recursion depth is at most the degeneracy + 1.</li>
 *   <li>{@link #maximalCliques(ThresholdGraph)} enumerates the maximal cliques with Bron–Kerbosch, Tomita
 *       pivoting and the degeneracy outer loop of Eppstein, Löffler and Strash (2010), and returns their
 *       number, size histogram and the clique number.</li>
 * </ul>
 *
 * <p>Adjacency rows and candidate sets are {@code long[]} bitsets; every recursion level works in one
 * preallocated slice, so the inner loops neither allocate nor box. A configured counter is stateless and
 * may be shared between threads.
 *
 * <p>Both methods honour the {@link CliqueLimits} given to the constructor and throw a
 * {@link CliqueLimitExceededException} naming the plane size, the threshold and the limit when it is
 * exceeded, or when a count does not fit in a {@code long}.
 *
 * <pre>{@code
 * ThresholdGraph g = ThresholdGraph.of(attention, 0.05);
 * CliqueCounts c = new BitsetCliqueCounter().count(g);        // c.count(3) = number of triangles
 * MaximalCliqueStats m = new BitsetCliqueCounter().maximalCliques(g);
 * }</pre>
 */
public final class BitsetCliqueCounter {

    /** Receives one maximal clique: its vertices in increasing order (a fresh array the receiver may keep). */
    @FunctionalInterface
    public interface CliqueConsumer {
        /** Called once per maximal clique. */
        void accept(int[] vertices);
    }

    private static final int TIME_CHECK_MASK = 1023;

    private final int maxCliqueSize;
    private final CliqueLimits limits;

    /** Counts every clique size with {@link CliqueLimits#DEFAULT}. */
    public BitsetCliqueCounter() {
        this(Integer.MAX_VALUE, CliqueLimits.DEFAULT);
    }

    /**
     * @param maxCliqueSize largest clique size K counted by {@link #count}, {@code >= 1}
     *                      ({@code Integer.MAX_VALUE} = all sizes); larger cliques make the result
     *                      {@link CliqueCounts#truncated() truncated} and are pruned from the search
     * @param limits        the search budget per graph, not null
     */
    public BitsetCliqueCounter(int maxCliqueSize, CliqueLimits limits) {
        if (maxCliqueSize < 1) {
            throw new IllegalArgumentException("maxCliqueSize = " + maxCliqueSize + " must be >= 1");
        }
        this.maxCliqueSize = maxCliqueSize;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Largest clique size counted by {@link #count}. */
    public int maxCliqueSize() {
        return maxCliqueSize;
    }

    /** The search budget per graph. */
    public CliqueLimits limits() {
        return limits;
    }

    /**
     * Counts the k-cliques of {@code graph} for k = 1..min(K, ω).
     *
     * @throws CliqueLimitExceededException if the budget is exceeded or a count overflows a {@code long}
     */
    public CliqueCounts count(ThresholdGraph graph) {
        Objects.requireNonNull(graph, "graph");
        if (maxCliqueSize <= 2) { // vertices and edges are counted already; only "is there more?" is left
            int n = graph.size();
            int m = graph.edgeCount();
            long[] c = n == 0 ? new long[0] : maxCliqueSize == 1 || m == 0 ? new long[] {n} : new long[] {n, m};
            return new CliqueCounts(c, maxCliqueSize == 1 ? m > 0 : graph.hasTriangle());
        }
        if (maxCliqueSize <= 4 && graph.words() == 1 && limits.maxSearchNodes() >= CliqueLimits.DEFAULT.maxSearchNodes()) {
            return countSmall(graph);
        }
        return countGeneral(graph);
    }

    /** {@link #count} by the clique-tree search, whatever the size (the path {@link #countSmall} is tested against). */
    CliqueCounts countGeneral(ThresholdGraph graph) {
        DegeneracyOrder order = new DegeneracyOrder(graph);
        CountRun run = new CountRun(graph, order);
        run.countAll();
        int top = Math.min(maxCliqueSize, order.degeneracy + 1);
        while (top > 0 && run.counts[top] == 0) {
            top--;
        }
        return new CliqueCounts(Arrays.copyOfRange(run.counts, 1, top + 1), run.truncated);
    }

    /**
     * {@link #count} of a graph of at most 64 vertices for sizes up to 3 or 4 (what {@code analyze} counts), by
     * direct enumeration on one-word bitsets: each triangle {i < j < k} and each 4-clique once, from its two (three)
     * smallest vertices, the last vertex counted by a bit count of the common neighbours above; one intersection per
     * clique of the largest size decides whether a larger clique exists ({@link CliqueCounts#truncated()}). A bounded
     * loop of at most C(64, 3) intersections, so no search budget is consulted (it applies only with budgets of at
     * least the default, which this loop cannot approach; smaller budgets keep the search and its limits).
     */
    private CliqueCounts countSmall(ThresholdGraph graph) {
        int n = graph.size();
        long[] adj = graph.adjacency();
        boolean fours = maxCliqueSize == 4;
        long triangles = 0;
        long quads = 0;
        boolean larger = false;
        for (int i = 0; i < n; i++) {
            long ni = adj[i] & above(i);
            for (long r = ni; r != 0L; r &= r - 1) {
                int j = Bits.lowest(r);
                long common = ni & adj[j] & above(j);
                triangles += Long.bitCount(common);
                for (long q = common; q != 0L; q &= q - 1) {
                    int k = Bits.lowest(q);
                    long third = common & adj[k] & above(k);
                    if (!fours) {
                        larger |= third != 0L;
                        continue;
                    }
                    quads += Long.bitCount(third);
                    for (long t = third; t != 0L && !larger; t &= t - 1) {
                        larger = (third & adj[Bits.lowest(t)]) != 0L;
                    }
                }
            }
        }
        long[] c = {n, graph.edgeCount(), triangles, quads};
        int top = maxCliqueSize;
        while (top > 0 && c[top - 1] == 0) {
            top--;
        }
        return new CliqueCounts(Arrays.copyOf(c, top), larger);
    }

    /** The bits of the vertices above {@code v} (v < 64). */
    private static long above(int v) {
        return v == 63 ? 0L : -1L << (v + 1);
    }

    /**
     * Enumerates the maximal cliques of {@code graph} and summarizes them.
     *
     * @throws CliqueLimitExceededException if the budget is exceeded
     */
    public MaximalCliqueStats maximalCliques(ThresholdGraph graph) {
        Objects.requireNonNull(graph, "graph");
        MaximalRun run = new MaximalRun(graph, new DegeneracyOrder(graph), null);
        run.enumerateAll();
        return new MaximalCliqueStats(run.histogram);
    }

    /**
     * Calls {@code consumer} once for every maximal clique of {@code graph} (original vertex labels, increasing),
     * in an unspecified but deterministic order, and returns the same summary as {@link #maximalCliques}.
     *
     * @throws CliqueLimitExceededException if the budget is exceeded
     */
    public MaximalCliqueStats forEachMaximalClique(ThresholdGraph graph, CliqueConsumer consumer) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(consumer, "consumer");
        MaximalRun run = new MaximalRun(graph, new DegeneracyOrder(graph), consumer);
        run.enumerateAll();
        return new MaximalCliqueStats(run.histogram);
    }

    /** Search state shared by both runs: budget accounting and the error messages. */
    private abstract class Budget {
        final ThresholdGraph graph;
        final long startNanos = System.nanoTime();
        final long maxNanos = limits.maxTime().toNanos();
        long nodes;

        Budget(ThresholdGraph graph) {
            this.graph = graph;
        }

        final void tick(String what) {
            nodes++;
            if (nodes > limits.maxSearchNodes()) {
                throw exceeded(what, "the limit of " + limits.maxSearchNodes() + " search nodes");
            }
            if ((nodes & TIME_CHECK_MASK) == 0 && System.nanoTime() - startNanos > maxNanos) {
                throw exceeded(what, "the time limit of " + limits.maxTime().toMillis() + " ms");
            }
        }

        final CliqueLimitExceededException exceeded(String what, String limit) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return new CliqueLimitExceededException(what + " stopped on a plane of " + graph.describe()
                    + ": it exceeded " + limit + " (" + nodes + " search nodes, " + String.format("%.2f", seconds)
                    + " s); raise the threshold, lower maxCliqueSize (now "
                    + (maxCliqueSize == Integer.MAX_VALUE ? "all sizes" : String.valueOf(maxCliqueSize))
                    + ") or raise the CliqueLimits", graph.size(), graph.threshold());
        }
    }

    /** One Pivoter count on one graph. */
    private final class CountRun extends Budget {
        final int n;
        final int words;
        final long[] adj;
        final long[] stack;
        final long[] counts;
        final long[][] binomial;
        final int k;
        boolean truncated;

        CountRun(ThresholdGraph graph, DegeneracyOrder order) {
            super(graph);
            this.n = graph.size();
            this.words = graph.words();
            this.adj = order.adjacency;
            int levels = order.degeneracy + 3;
            this.stack = new long[levels * Math.max(words, 1)];
            this.k = Math.min(maxCliqueSize, order.degeneracy + 1);
            this.counts = new long[k + 2];
            this.binomial = order.degeneracy + 1 <= SHARED_BINOMIAL_ROWS ? SHARED_BINOMIAL
                    : binomialTable(order.degeneracy + 1, k);
        }

        void countAll() {
            for (int v = 0; v < n; v++) {
                // P = neighbours of v later in the degeneracy order
                int row = v * words;
                int first = v >>> 6;
                for (int w = 0; w < words; w++) {
                    long bits = adj[row + w];
                    if (w < first) {
                        bits = 0;
                    } else if (w == first) {
                        bits &= (v & 63) == 63 ? 0L : -1L << ((v & 63) + 1);
                    }
                    stack[w] = bits;
                }
                recurse(0, 1, 0);
            }
        }

        private void recurse(int level, int held, int pivots) {
            int base = level * words;
            boolean empty = true;
            for (int w = 0; w < words; w++) {
                if (stack[base + w] != 0) {
                    empty = false;
                    break;
                }
            }
            if (empty) {
                leaf(held, pivots);
                return;
            }
            tick("clique counting");
            if (held == k) {
                // Only the held set itself has size k here; every other clique of this subtree is larger.
                add(k, 1L);
                truncated = true;
                return;
            }
            int pivot = choosePivot(base);
            int next = base + words;
            int pivotRow = pivot * words;
            for (int w = 0; w < words; w++) {
                stack[next + w] = stack[base + w] & adj[pivotRow + w];
            }
            recurse(level + 1, held, pivots + 1);
            for (int w = 0; w < words; w++) {
                long candidates = stack[base + w] & ~adj[pivotRow + w];
                if (w == (pivot >>> 6)) {
                    candidates &= ~(1L << pivot);
                }
                while (candidates != 0) {
                    long lowest = candidates & -candidates;
                    int v = (w << 6) + Bits.lowest(candidates);
                    candidates ^= lowest;
                    int row = v * words;
                    for (int x = 0; x < words; x++) {
                        stack[next + x] = stack[base + x] & adj[row + x];
                    }
                    recurse(level + 1, held + 1, pivots);
                    stack[base + w] &= ~lowest;
                }
            }
        }

        private int choosePivot(int base) {
            int best = -1;
            int bestCount = -1;
            for (int w = 0; w < words; w++) {
                long bits = stack[base + w];
                while (bits != 0) {
                    int u = (w << 6) + Bits.lowest(bits);
                    bits &= bits - 1;
                    int row = u * words;
                    int c = 0;
                    for (int x = 0; x < words; x++) {
                        c += Long.bitCount(stack[base + x] & adj[row + x]);
                    }
                    if (c > bestCount) {
                        bestCount = c;
                        best = u;
                    }
                }
            }
            return best;
        }

        private void leaf(int held, int pivots) {
            int top = Math.min(pivots, k - held);
            long[] row = binomial[pivots];
            for (int j = 0; j <= top; j++) {
                long c = row[j];
                if (c < 0) {
                    throw overflow(held + j);
                }
                add(held + j, c);
            }
            if (held + pivots > k) {
                truncated = true;
            }
        }

        private void add(int size, long c) {
            long s = counts[size] + c;
            if (s < 0) {
                throw overflow(size);
            }
            counts[size] = s;
        }

        private CliqueLimitExceededException overflow(int size) {
            return new CliqueLimitExceededException("clique counting stopped on a plane of " + graph.describe()
                    + ": the number of " + size + "-cliques exceeds " + Long.MAX_VALUE
                    + " (a long); raise the threshold or lower maxCliqueSize (now "
                    + (maxCliqueSize == Integer.MAX_VALUE ? "all sizes" : String.valueOf(maxCliqueSize)) + ")",
                    graph.size(), graph.threshold());
        }
    }

    /** Rows of {@link #SHARED_BINOMIAL}: enough for every graph of up to this many vertices. */
    private static final int SHARED_BINOMIAL_ROWS = 128;

    /**
     * Pascal's triangle rows 0..128, all columns, shared by every count on a graph of degeneracy below 128
     * (never modified; a leaf reads only columns up to its k, where it equals the table for that k).
     */
    private static final long[][] SHARED_BINOMIAL = binomialTable(SHARED_BINOMIAL_ROWS, SHARED_BINOMIAL_ROWS);

    /** Pascal's triangle rows 0..maxN, columns 0..min(row, maxK); -1 marks a value beyond {@code Long.MAX_VALUE}. */
    private static long[][] binomialTable(int maxN, int maxK) {
        long[][] t = new long[maxN + 1][];
        for (int r = 0; r <= maxN; r++) {
            int cols = Math.min(r, maxK) + 1;
            t[r] = new long[cols];
            t[r][0] = 1;
            for (int c = 1; c < cols; c++) {
                long a = t[r - 1][c - 1];
                long b = c < t[r - 1].length ? t[r - 1][c] : 0L;
                long s = a + b;
                t[r][c] = (a < 0 || b < 0 || s < 0) ? -1L : s;
            }
        }
        return t;
    }

    /** One Bron–Kerbosch (Tomita pivot, degeneracy outer loop) enumeration on one graph. */
    private final class MaximalRun extends Budget {
        final int n;
        final int words;
        final long[] adj;
        final int[] order;
        final long[] p;
        final long[] x;
        final long[] cand;
        final int[] held;
        long[] histogram;
        final CliqueConsumer consumer;

        MaximalRun(ThresholdGraph graph, DegeneracyOrder degeneracyOrder, CliqueConsumer consumer) {
            super(graph);
            this.n = graph.size();
            this.words = graph.words();
            this.adj = degeneracyOrder.adjacency;
            this.order = degeneracyOrder.order;
            int levels = degeneracyOrder.degeneracy + 3;
            int w = Math.max(words, 1);
            this.p = new long[levels * w];
            this.x = new long[levels * w];
            this.cand = new long[levels * w];
            this.held = new int[levels + 1];
            this.histogram = new long[degeneracyOrder.degeneracy + 2];
            this.consumer = consumer;
        }

        void enumerateAll() {
            for (int v = 0; v < n; v++) {
                int row = v * words;
                int wordOfV = v >>> 6;
                for (int w = 0; w < words; w++) {
                    long bits = adj[row + w];
                    long later;
                    if (w < wordOfV) {
                        later = 0;
                    } else if (w > wordOfV) {
                        later = -1L;
                    } else {
                        later = (v & 63) == 63 ? 0L : -1L << ((v & 63) + 1);
                    }
                    p[w] = bits & later;
                    x[w] = bits & ~later;
                }
                held[0] = v;
                recurse(0, 1);
            }
        }

        private void recurse(int level, int size) {
            int base = level * words;
            boolean pEmpty = true;
            boolean xEmpty = true;
            for (int w = 0; w < words; w++) {
                pEmpty &= p[base + w] == 0;
                xEmpty &= x[base + w] == 0;
            }
            if (pEmpty) {
                if (xEmpty) {
                    report(size);
                }
                return;
            }
            tick("maximal-clique enumeration");
            int pivot = choosePivot(base);
            int pivotRow = pivot * words;
            for (int w = 0; w < words; w++) {
                cand[base + w] = p[base + w] & ~adj[pivotRow + w];
            }
            int next = base + words;
            for (int w = 0; w < words; w++) {
                long bits = cand[base + w];
                while (bits != 0) {
                    long lowest = bits & -bits;
                    int v = (w << 6) + Bits.lowest(bits);
                    bits ^= lowest;
                    int row = v * words;
                    for (int y = 0; y < words; y++) {
                        p[next + y] = p[base + y] & adj[row + y];
                        x[next + y] = x[base + y] & adj[row + y];
                    }
                    held[size] = v;
                    recurse(level + 1, size + 1);
                    p[base + w] &= ~lowest;
                    x[base + w] |= lowest;
                }
            }
        }

        /** Tomita's rule: the vertex of P ∪ X with the most neighbours in P. */
        private int choosePivot(int base) {
            int best = -1;
            int bestCount = -1;
            for (int w = 0; w < words; w++) {
                long bits = p[base + w] | x[base + w];
                while (bits != 0) {
                    int u = (w << 6) + Bits.lowest(bits);
                    bits &= bits - 1;
                    int row = u * words;
                    int c = 0;
                    for (int y = 0; y < words; y++) {
                        c += Long.bitCount(p[base + y] & adj[row + y]);
                    }
                    if (c > bestCount) {
                        bestCount = c;
                        best = u;
                    }
                }
            }
            return best;
        }

        private void report(int size) {
            if (size >= histogram.length) {
                histogram = Arrays.copyOf(histogram, size + 1);
            }
            histogram[size - 1]++;
            if (consumer != null) {
                int[] vertices = new int[size];
                for (int i = 0; i < size; i++) {
                    vertices[i] = order[held[i]];
                }
                Arrays.sort(vertices);
                consumer.accept(vertices);
            }
        }
    }
}
