package org.attnplanes.topology.features;

import org.attnplanes.topology.internal.Bits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.attnplanes.graph.AttentionMatrix;

/**
 * The threshold-graph features of Kushnareva et al. 2021 ("Artificial Text Detection via Examining the
 * Topology of Attention Maps", EMNLP; code {@code tda4atd/stats_count.py}), per threshold t:
 *
 * <table>
 *   <caption>features per threshold (names get the suffix {@code _t<threshold>}, e.g. {@code attn_edges_t0.10})</caption>
 *   <tr><th>name</th><th>meaning</th></tr>
 *   <tr><td>{@code attn_scc}</td><td>number of strongly connected components of the directed graph, capped</td></tr>
 *   <tr><td>{@code attn_edges}</td><td>number of directed edges {@code A[i][j] >= t}, self-loops included</td></tr>
 *   <tr><td>{@code attn_avgdeg}</td><td>average vertex degree (in + out, a self-loop counts twice) = 2·edges / n</td></tr>
 *   <tr><td>{@code attn_cycles}</td><td>number of directed simple cycles (self-loops included), capped</td></tr>
 *   <tr><td>{@code attn_b0}</td><td>connected components of the undirected graph</td></tr>
 *   <tr><td>{@code attn_b1}</td><td>E − V + C of the undirected simple graph with self-loops kept as edges</td></tr>
 * </table>
 *
 * <p>The prefix {@code attn_} keeps these apart from the plane statistics of {@code PlaneTopology} (whose
 * {@code edges_t…} count undirected edges of the plane's normalized weights).
 *
 * <p>The graph is the <em>raw, directed</em> attention: {@code i → j} iff {@code (double) A[i][j] >= t},
 * and the diagonal becomes self-loops — exactly as in the reference code (networkx {@code MultiDiGraph}),
 * so every self-loop adds one to {@code attn_edges}, {@code attn_cycles} and {@code attn_b1}. {@code attn_b1} is the
 * first Betti number of the graph (1-skeleton), not β1 of the clique complex (those are the {@code betti1}
 * columns of {@code PlaneTopology}). The caps (500 in the reference) apply to {@code attn_scc} and {@code attn_cycles}
 * only. Cycles are enumerated with Johnson's algorithm (1975) and the enumeration stops at the cap; for up to
 * 64 tokens the graph is held as one bitset per vertex ({@link SmallDigraphStats}), above as rows of
 * {@code ceil(n / 64)} words ({@link WideDigraphStats}); {@link #generalStats}, with adjacency lists, is the
 * reference both are tested against.
 *
 * <p>Stateless and thread-safe once configured.
 */
public final class ThresholdGraphFeatures {

    /** The thresholds of the reference: 0.025, 0.05, 0.1, 0.25, 0.5, 0.75. */
    public static final List<Double> KUSHNAREVA_THRESHOLDS = List.of(0.025, 0.05, 0.1, 0.25, 0.5, 0.75);

    /** The cap of the reference for strongly connected components and simple cycles. */
    public static final int KUSHNAREVA_CAP = 500;

    /** The graph statistics at one threshold. */
    public record Stats(int strongComponents, int edges, double averageDegree, int simpleCycles, int components,
                        int graphB1) {
    }

    private final List<Double> thresholds;
    private final double[] thresholdValues;
    private final int cap;
    private final List<String> names;

    /** The reference configuration: {@link #KUSHNAREVA_THRESHOLDS}, cap {@value #KUSHNAREVA_CAP}. */
    public ThresholdGraphFeatures() {
        this(KUSHNAREVA_THRESHOLDS, KUSHNAREVA_CAP);
    }

    /**
     * @param thresholds weight thresholds, each finite, not null, copied
     * @param cap        cap on strongly connected components and simple cycles, {@code >= 1}
     */
    public ThresholdGraphFeatures(List<Double> thresholds, int cap) {
        Objects.requireNonNull(thresholds, "thresholds");
        for (Double t : thresholds) {
            if (t == null || !Double.isFinite(t)) {
                throw new IllegalArgumentException("threshold = " + t + " must be finite; thresholds = " + thresholds);
            }
        }
        if (cap < 1) {
            throw new IllegalArgumentException("cap = " + cap + " must be >= 1");
        }
        this.thresholds = List.copyOf(thresholds);
        this.thresholdValues = new double[thresholds.size()];
        for (int i = 0; i < thresholdValues.length; i++) {
            thresholdValues[i] = thresholds.get(i);
        }
        this.cap = cap;
        List<String> n = new ArrayList<>();
        for (double t : this.thresholds) {
            n.add(ThresholdNames.suffixed("attn_scc", t));
            n.add(ThresholdNames.suffixed("attn_edges", t));
            n.add(ThresholdNames.suffixed("attn_avgdeg", t));
            n.add(ThresholdNames.suffixed("attn_cycles", t));
            n.add(ThresholdNames.suffixed("attn_b0", t));
            n.add(ThresholdNames.suffixed("attn_b1", t));
        }
        this.names = List.copyOf(n);
        FeatureVector.checkUnique(this.names);
    }

    /** The thresholds in order. */
    public List<Double> thresholds() {
        return thresholds;
    }

    /** The feature names, in the order of {@link #compute} (unmodifiable). */
    public List<String> names() {
        return names;
    }

    /** The 6 features at every threshold of one attention matrix. */
    public FeatureVector compute(AttentionMatrix attention) {
        Objects.requireNonNull(attention, "attention");
        return compute(attention, attention.size(), null);
    }

    /**
     * As {@link #compute(AttentionMatrix)} for the row-major {@code n × n} matrix {@code rowMajor}, which is only
     * read (no copy; values as {@link AttentionMatrix#of(int, float[])} accepts them).
     */
    public FeatureVector compute(int n, float[] rowMajor) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        if (rowMajor.length != (long) n * n) {
            throw new IllegalArgumentException("rowMajor.length = " + rowMajor.length + " must be n² for n = " + n);
        }
        return compute(null, n, rowMajor);
    }

    /**
     * {@link #compute(int, float[])} when every weight of {@code rowMajor} is in [+0, 1] (not -0, negative, above 1
     * or NaN), as a softmax plane's are; else null, and the caller clamps the weights and calls
     * {@link #compute(int, float[])}. Up to 64 tokens the check is made on the raw bits that the threshold graphs'
     * scan of the matrix reads anyway, where a separate check is a second pass of
     * {@code Float.floatToRawIntBits} over the matrix (under C1 not free: on the 200-sentence corpus the separate check
     * added 13 to 16 ms CPU to the 200 to 220 ms of the threshold-graph features, the shared one nothing measurable).
     */
    public FeatureVector computeIfUnitRange(int n, float[] rowMajor) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        if (rowMajor.length != (long) n * n) {
            throw new IllegalArgumentException("rowMajor.length = " + rowMajor.length + " must be n² for n = " + n);
        }
        if (n <= SmallDigraphStats.MAX_VERTICES) {
            SmallDigraphStats stats = SmallDigraphStats.local().loadRows(n, rowMajor, thresholdValues);
            if (!stats.unitRange()) {
                return null;
            }
            double[] values = new double[6 * thresholdValues.length];
            stats.statsInto(cap, values);
            return FeatureVector.ofUnique(names, values);
        }
        return inUnitRange(rowMajor) ? compute(null, n, rowMajor) : null;
    }

    private static final int ONE_BITS = Float.floatToRawIntBits(1f);

    /**
     * Whether every value is in [+0, 1] (not -0, negative, above 1 or NaN), branch-free on the raw bits (C1 compiles
     * each float comparison to a branch): {@code b | (1f's bits - b)} is negative exactly for the bits of -0,
     * negatives and negative NaNs ({@code b < 0}) and of values above 1, +inf and NaNs ({@code b > 1f's bits}); the
     * same test {@link SmallDigraphStats#loadRows} makes on the bits it reads.
     */
    public static boolean inUnitRange(float[] values) {
        int outside = 0;
        for (float v : values) {
            int b = Float.floatToRawIntBits(v);
            outside |= b | (ONE_BITS - b);
        }
        return outside >= 0;
    }

    /**
     * Up to 64 tokens the bitset path reads {@code rowMajor} (or a copy of {@code attention} when null); above, the
     * path with rows of words does.
     */
    private FeatureVector compute(AttentionMatrix attention, int n, float[] rowMajor) {
        double[] values = new double[6 * thresholdValues.length];
        if (n <= SmallDigraphStats.MAX_VERTICES) {
            SmallDigraphStats stats = rowMajor != null ? SmallDigraphStats.local().loadRows(n, rowMajor, thresholdValues)
                    : SmallDigraphStats.local().load(attention).loadRows(thresholdValues);
            stats.statsInto(cap, values);
            return FeatureVector.ofUnique(names, values);
        }
        wide(rowMajor != null ? rowMajor : copy(attention), n, thresholdValues).statsInto(cap, values);
        return FeatureVector.ofUnique(names, values);
    }

    private static float[] copy(AttentionMatrix attention) {
        int n = attention.size();
        float[] m = new float[n * n];
        attention.copyInto(m, 0);
        return m;
    }

    /** The rows of every threshold of {@code matrix} (over 64 tokens), refusing non-finite weights as before. */
    private static WideDigraphStats wide(float[] matrix, int n, double[] thresholds) {
        WideDigraphStats stats = WideDigraphStats.local().loadRows(n, matrix, thresholds);
        if (!stats.finite()) {
            AttentionMatrix.of(n, matrix); // throws, naming the first weight that is not finite
            throw new IllegalArgumentException("a weight is not finite");
        }
        return stats;
    }

    /**
     * The statistics of the directed graph {@code i → j iff A[i][j] >= threshold} (diagonal = self-loops).
     *
     * @param cap cap on strongly connected components and simple cycles, {@code >= 1}
     */
    public static Stats stats(AttentionMatrix attention, double threshold, int cap) {
        int n = attention.size();
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold = " + threshold + " must be finite");
        }
        if (n <= SmallDigraphStats.MAX_VERTICES) {
            return SmallDigraphStats.local().load(attention).stats(threshold, cap);
        }
        double[] v = new double[6];
        wide(copy(attention), n, new double[] {threshold}).statsInto(cap, v);
        return new Stats((int) v[0], (int) v[1], v[2], (int) v[3], (int) v[4], (int) v[5]);
    }

    /** {@link #stats} with adjacency lists, for any size (the reference the bitset path is tested against). */
    static Stats generalStats(AttentionMatrix attention, double threshold, int cap) {
        int n = attention.size();
        int[][] out = new int[n][];
        int edges = 0;
        int selfLoops = 0;
        int undirected = 0;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        int components = n;
        int[] buffer = new int[n];
        for (int i = 0; i < n; i++) {
            int m = 0;
            for (int j = 0; j < n; j++) {
                if ((double) attention.weight(i, j) >= threshold) {
                    edges++;
                    if (i == j) {
                        selfLoops++;
                        continue;
                    }
                    buffer[m++] = j;
                    boolean reverse = (double) attention.weight(j, i) >= threshold;
                    if (!reverse || i < j) {
                        undirected++;
                    }
                    int a = find(parent, i);
                    int b = find(parent, j);
                    if (a != b) {
                        parent[a] = b;
                        components--;
                    }
                }
            }
            out[i] = java.util.Arrays.copyOf(buffer, m);
        }
        int scc = Math.min(cap, strongComponents(out));
        int cycles = selfLoops >= cap ? cap : selfLoops + new JohnsonCycles(out, cap - selfLoops).count();
        double averageDegree = n == 0 ? 0.0 : 2.0 * edges / n;
        int b1 = undirected + selfLoops - n + components;
        return new Stats(scc, edges, averageDegree, cycles, components, b1);
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** Number of strongly connected components (iterative Tarjan). */
    static int strongComponents(int[][] out) {
        int n = out.length;
        int[] index = new int[n];
        int[] low = new int[n];
        java.util.Arrays.fill(index, -1);
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n];
        int sp = 0;
        int[] callVertex = new int[n];
        int[] callEdge = new int[n];
        int counter = 0;
        int components = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callVertex[0] = root;
            callEdge[0] = 0;
            index[root] = low[root] = counter++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callVertex[depth];
                if (callEdge[depth] < out[v].length) {
                    int w = out[v][callEdge[depth]++];
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        depth++;
                        callVertex[depth] = w;
                        callEdge[depth] = 0;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                } else {
                    if (low[v] == index[v]) {
                        int w;
                        do {
                            w = stack[--sp];
                            onStack[w] = false;
                        } while (w != v);
                        components++;
                    }
                    depth--;
                    if (depth >= 0) {
                        int u = callVertex[depth];
                        low[u] = Math.min(low[u], low[v]);
                    }
                }
            }
        }
        return components;
    }

    /**
     * Johnson's algorithm for the elementary cycles of a directed graph without self-loops, stopping once
     * {@code cap} cycles were found. Each cycle is found once, from its smallest vertex s, inside the strongly
     * connected component of s in the subgraph induced by the vertices {@code >= s}.
     */
    static final class JohnsonCycles {
        private final int[][] out;
        private final int[][] in;
        private final int cap;
        private final int n;
        private final boolean[] blocked;
        private final boolean[] inComponent;
        private final long[] blockedBy; // B(v) as bitsets
        private final int words;
        private int start;
        private int found;

        JohnsonCycles(int[][] out, int cap) {
            this.out = out;
            this.cap = cap;
            this.n = out.length;
            this.blocked = new boolean[n];
            this.inComponent = new boolean[n];
            this.words = (n + 63) >>> 6;
            this.blockedBy = new long[n * Math.max(words, 1)];
            int[] indegree = new int[n];
            for (int[] targets : out) {
                for (int w : targets) {
                    indegree[w]++;
                }
            }
            this.in = new int[n][];
            for (int v = 0; v < n; v++) {
                in[v] = new int[indegree[v]];
            }
            int[] fill = new int[n];
            for (int v = 0; v < n; v++) {
                for (int w : out[v]) {
                    in[w][fill[w]++] = v;
                }
            }
        }

        int count() {
            for (start = 0; start < n && found < cap; start++) {
                markComponent(start);
                for (int v = start; v < n; v++) {
                    blocked[v] = false;
                }
                java.util.Arrays.fill(blockedBy, start * words, n * words, 0L);
                circuit(start);
            }
            return Math.min(found, cap);
        }

        /** Marks the strongly connected component of {@code s} in the subgraph induced by vertices >= s. */
        private void markComponent(int s) {
            java.util.Arrays.fill(inComponent, false);
            boolean[] forward = reach(s, false);
            boolean[] backward = reach(s, true);
            for (int v = s; v < n; v++) {
                inComponent[v] = forward[v] && backward[v];
            }
        }

        private boolean[] reach(int s, boolean reversed) {
            boolean[] seen = new boolean[n];
            int[] queue = new int[n];
            int head = 0;
            int tail = 0;
            seen[s] = true;
            queue[tail++] = s;
            int[][] lists = reversed ? in : out;
            while (head < tail) {
                int v = queue[head++];
                for (int w : lists[v]) {
                    if (w >= s && !seen[w]) {
                        seen[w] = true;
                        queue[tail++] = w;
                    }
                }
            }
            return seen;
        }

        private boolean circuit(int v) {
            boolean closed = false;
            blocked[v] = true;
            for (int w : out[v]) {
                if (found >= cap) {
                    return true;
                }
                if (!inComponent[w]) {
                    continue;
                }
                if (w == start) {
                    found++;
                    closed = true;
                } else if (!blocked[w] && circuit(w)) {
                    closed = true;
                }
            }
            if (closed) {
                unblock(v);
            } else {
                for (int w : out[v]) {
                    if (inComponent[w]) {
                        blockedBy[w * words + (v >>> 6)] |= 1L << v;
                    }
                }
            }
            return closed;
        }

        private void unblock(int u) {
            blocked[u] = false;
            for (int x = 0; x < words; x++) {
                long bits = blockedBy[u * words + x];
                blockedBy[u * words + x] = 0;
                while (bits != 0) {
                    int w = (x << 6) + Bits.lowest(bits);
                    bits &= bits - 1;
                    if (blocked[w]) {
                        unblock(w);
                    }
                }
            }
        }
    }
}
