package org.attnplanes.topology.clique;

import org.attnplanes.topology.internal.Bits;
import java.util.Arrays;
import java.util.Objects;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.Plane;
import org.attnplanes.topology.filtration.Filtration;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * An undirected simple graph on vertices {@code 0..n-1}, stored as one adjacency bitset per vertex
 * ({@code long} words, {@code ceil(n / 64)} per row), as obtained by thresholding a weighted plane: the
 * edge {@code {i, j}} ({@code i != j}) is present iff {@code max(w(i, j), w(j, i)) >= threshold}.
 *
 * <p>Conventions: the diagonal (self-attention) never makes an edge; the comparison is done in double
 * precision on the float weight, {@code (double) w >= threshold}, so a weight stored as the float nearest to
 * the threshold counts as "at or above" only if that float is not below the double threshold; for a
 * directed plane the edge exists if <em>either</em> direction reaches the threshold (Kushnareva et al. 2021,
 * {@code max(A, Aᵀ)}).
 *
 * <p>Immutable and thread-safe. Vertex indices are 0-based; every accessor checks its index and names it in
 * the error.
 */
public final class ThresholdGraph {

    /** A read-only view of an n × n weight matrix ({@code row} → {@code col}), used to build a graph. */
    @FunctionalInterface
    public interface WeightFunction {
        /** The weight of the pair; must be finite for {@code row != col} (the diagonal is never read). */
        double weight(int row, int col);
    }

    private final int n;
    private final int words;
    private final long[] adjacency;
    private final int edgeCount;
    private final double threshold;

    private ThresholdGraph(int n, long[] adjacency, double threshold) {
        this(n, adjacency, threshold, edgesOf(adjacency));
    }

    /** A graph whose edges were counted as it was built ({@code edgeCount}: the set bits of {@code adjacency} / 2). */
    private ThresholdGraph(int n, long[] adjacency, double threshold, int edgeCount) {
        this.n = n;
        this.words = wordsFor(n);
        this.adjacency = adjacency;
        this.threshold = threshold;
        this.edgeCount = edgeCount;
    }

    private static int edgesOf(long[] adjacency) {
        long twice = 0;
        for (long word : adjacency) {
            twice += Long.bitCount(word);
        }
        return (int) (twice / 2);
    }

    static int wordsFor(int n) {
        return (n + 63) >>> 6;
    }

    /**
     * The graph of a weight function at a threshold: edge {@code {i, j}} iff
     * {@code max(w(i, j), w(j, i)) >= threshold}.
     *
     * @param n         number of vertices, {@code >= 0}
     * @param weights   the weights, read once per ordered pair {@code i != j}; not null
     * @param threshold finite; weights below it are not edges
     * @throws IllegalArgumentException if {@code n < 0}, the threshold is not finite or a weight is NaN
     */
    public static ThresholdGraph of(int n, WeightFunction weights, double threshold) {
        Objects.requireNonNull(weights, "weights");
        if (n < 0) {
            throw new IllegalArgumentException("n = " + n + " must be >= 0");
        }
        checkThreshold(threshold);
        int words = wordsFor(n);
        long[] adj = new long[n * words];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double a = weights.weight(i, j);
                double b = weights.weight(j, i);
                if (Double.isNaN(a) || Double.isNaN(b)) {
                    throw new IllegalArgumentException("weight[" + i + "][" + j + "] = " + a + ", weight[" + j + "]["
                            + i + "] = " + b + " must not be NaN");
                }
                if (Math.max(a, b) >= threshold) {
                    adj[i * words + (j >>> 6)] |= 1L << j;
                    adj[j * words + (i >>> 6)] |= 1L << i;
                }
            }
        }
        return new ThresholdGraph(n, adj, threshold);
    }

    /**
     * The graph of an attention matrix at a threshold: edge {@code {i, j}} iff
     * {@code max(A[i][j], A[j][i]) >= threshold}; the diagonal is ignored.
     */
    public static ThresholdGraph of(AttentionMatrix matrix, double threshold) {
        Objects.requireNonNull(matrix, "matrix");
        return of(matrix.size(), matrix::weight, threshold);
    }

    /**
     * The graph of a plane at a threshold on its normalized weight {@link Plane#weight(int, int)} (the view the
     * plane is drawn and pruned with): edge {@code {i, j}} iff {@code max(weight(i, j), weight(j, i)) >= threshold}
     * (for an undirected plane both are the same). Pruning ({@link Plane#edges()}) is ignored: every weight is
     * read.
     */
    public static ThresholdGraph of(Plane plane, double threshold) {
        Objects.requireNonNull(plane, "plane");
        return of(plane.size(), plane::weight, threshold);
    }

    /**
     * The 1-skeleton of a flag filtration at a value: edge {@code {i, j}} iff
     * {@code filtration.value(i, j) <= value}. Its clique complex is exactly the complex whose Betti numbers
     * the filtration's barcode gives at {@code value} (bars with {@code birth <= value < death}), so clique
     * counts and Betti numbers decided this way satisfy the Euler–Poincaré identity without float surprises.
     *
     * @param filtration      the filtration, not null
     * @param value           filtration value (for attention, {@code 1 − t} in float32)
     * @param weightThreshold what {@link #threshold()} reports and messages name (the weight threshold t the
     *                        value stands for), or {@code NaN}
     * @throws IllegalArgumentException if {@code value} is NaN
     */
    public static ThresholdGraph of(Filtration filtration, float value, double weightThreshold) {
        Objects.requireNonNull(filtration, "filtration");
        if (Float.isNaN(value)) {
            throw new IllegalArgumentException("value = NaN must be a number");
        }
        int n = filtration.size();
        int words = wordsFor(n);
        long[] adj = new long[n * words];
        // the compressed lower triangle with the threshold applied: entry (i, j), i > j, is value(i, j)
        float[] lower = filtration.readOnlyLowerTriangular(); // read only
        int k = 0;
        if (words == 1) {
            // the lower half row by row, branch-free (whether an edge enters is data-dependent and would
            // mispredict), then mirrored along the set bits
            for (int i = 1; i < n; i++) {
                long row = 0L;
                for (int j = 0; j < i; j++, k++) {
                    row |= (lower[k] <= value ? 1L : 0L) << j;
                }
                adj[i] = row;
            }
            for (int i = 1; i < n; i++) {
                long bit = 1L << i;
                for (long r = adj[i] & (bit - 1); r != 0L; r &= r - 1) {
                    adj[Bits.lowest(r)] |= bit;
                }
            }
        } else {
            for (int i = 1; i < n; i++) {
                int rowI = i * words;
                for (int j = 0; j < i; j++, k++) {
                    if (lower[k] <= value) {
                        adj[rowI + (j >>> 6)] |= 1L << j;
                        adj[j * words + (i >>> 6)] |= 1L << i;
                    }
                }
            }
        }
        return new ThresholdGraph(n, adj, weightThreshold);
    }

    /**
     * {@link #of(Filtration, float, double)} at several values at once, in the order given: the graph of the largest
     * value is read from the filtration and each smaller value's from the largest one's edges only (the graphs are
     * nested), so the triangle is scanned once.
     *
     * @param values           filtration values, none NaN
     * @param weightThresholds what each graph's {@link #threshold()} reports, same length as {@code values}
     * @throws IllegalArgumentException if a value is NaN or the lengths differ
     */
    public static ThresholdGraph[] of(Filtration filtration, float[] values, double[] weightThresholds) {
        Objects.requireNonNull(filtration, "filtration");
        int count = values.length;
        if (weightThresholds.length != count) {
            throw new IllegalArgumentException("weightThresholds.length = " + weightThresholds.length
                    + " must equal values.length = " + count);
        }
        ThresholdGraph[] out = new ThresholdGraph[count];
        int n = filtration.size();
        if (count < 2) {
            for (int g = 0; g < count; g++) {
                out[g] = of(filtration, values[g], weightThresholds[g]);
            }
            return out;
        }
        if (wordsFor(n) != 1) {
            int[] order = decreasingOrder(values);
            int[] edges = new int[count];
            long[][] byRank = lowerRowsWide(filtration.readOnlyLowerTriangular(), n, bounds(values, order), edges);
            for (int r = 0; r < count; r++) {
                out[order[r]] = new ThresholdGraph(n, mirrored(byRank[r], n), weightThresholds[order[r]], edges[r]);
            }
            return out;
        }
        int[] order = decreasingOrder(values);
        long[] byRank = new long[count * n];
        lowerRows(filtration.readOnlyLowerTriangular(), n, bounds(values, order), byRank);
        long[][] adj = new long[count][];
        for (int r = 0; r < count; r++) {
            adj[order[r]] = Arrays.copyOfRange(byRank, r * n, (r + 1) * n);
        }
        for (int g = 0; g < count; g++) {
            long[] a = adj[g];
            for (int i = 1; i < n; i++) {
                long bit = 1L << i;
                for (long r = a[i] & (bit - 1); r != 0L; r &= r - 1) {
                    a[Bits.lowest(r)] |= bit;
                }
            }
            out[g] = new ThresholdGraph(n, a, weightThresholds[g]);
        }
        return out;
    }

    /**
     * The indices of {@code values} by decreasing value (ties in the order given): {@code order[0]} is the value of the
     * densest graph.
     *
     * @throws IllegalArgumentException if a value is NaN
     */
    static int[] decreasingOrder(float[] values) {
        int count = values.length;
        int[] order = new int[count];
        for (int g = 0; g < count; g++) {
            if (Float.isNaN(values[g])) {
                throw new IllegalArgumentException("value = NaN must be a number");
            }
            int p = g; // insertion sort of a few indices
            while (p > 0 && values[order[p - 1]] < values[g]) {
                order[p] = order[p - 1];
                p--;
            }
            order[p] = g;
        }
        return order;
    }

    /**
     * The values by rank ({@code order}: decreasing) as bounds on a filtration value's bits: a filtration's values are
     * {@code >= 0} (-0 possible) or {@code +∞}, never NaN, so {@code v <= value} is {@code bits(v) < bound} with
     * {@code bound = bits(value) + 1} as signed ints (-0's bits are negative, below every bound of a value
     * {@code >= 0}); -0 counts as +0 and a value below 0 has no edges (bound: the least int).
     */
    static long[] bounds(float[] values, int[] order) {
        long[] bound = new long[order.length];
        for (int g = 0; g < order.length; g++) {
            float value = values[order[g]];
            bound[g] = value < 0f ? Integer.MIN_VALUE : value == 0f ? 1L : Float.floatToRawIntBits(value) + 1L;
        }
        return bound;
    }

    /**
     * The lower adjacency rows of the nested graphs of a flag filtration of at most 64 vertices at several values in
     * one scan of its lower triangle: {@code rows[r * n + i]} has bit {@code j} ({@code j < i}) set iff
     * {@code value(i, j) <= values[order[r]]}. The row of the largest value is read from the triangle, each smaller
     * value's bits from that row's edges only (the graphs are nested), both without a branch on the data.
     *
     * @param lower the compressed lower triangle of the filtration (entry (i, j), i > j, row by row), read only
     * @param bound {@link #bounds(float[], int[])} of the values, by rank
     * @param rows  at least {@code bound.length * n} words, all 0 (entries {@code r * n} stay 0)
     */
    static void lowerRows(float[] lower, int n, long[] bound, long[] rows) {
        int count = bound.length;
        long densest = bound[0];
        long bound1 = count > 1 ? bound[1] : Integer.MIN_VALUE;
        long bound2 = count > 2 ? bound[2] : Integer.MIN_VALUE;
        long bound3 = count > 3 ? bound[3] : Integer.MIN_VALUE;
        int k = 0;
        for (int i = 1; i < n; i++) {
            long row = 0L; // bit j: the sign of bits(value(i, j)) - bound, as a long (no overflow)
            int j = 0;
            for (; j + 3 < i; j += 4) { // four entries per turn: C1 does not unroll
                long b0 = (Float.floatToRawIntBits(lower[k + j]) - densest) >>> 63;
                long b1 = (Float.floatToRawIntBits(lower[k + j + 1]) - densest) >>> 63;
                long b2 = (Float.floatToRawIntBits(lower[k + j + 2]) - densest) >>> 63;
                long b3 = (Float.floatToRawIntBits(lower[k + j + 3]) - densest) >>> 63;
                row |= (b0 | b1 << 1 | b2 << 2 | b3 << 3) << j;
            }
            for (; j < i; j++) {
                row |= ((Float.floatToRawIntBits(lower[k + j]) - densest) >>> 63) << j;
            }
            rows[i] = row;
            if (count <= 4) {
                // up to three sparser graphs in registers (a missing one's bound admits nothing)
                long r1 = 0L;
                long r2 = 0L;
                long r3 = 0L;
                for (long q = row; q != 0L; q &= q - 1) {
                    long bit = q & -q;
                    long v = Float.floatToRawIntBits(lower[k + Bits.ofSingle(bit)]);
                    r1 |= bit & ((v - bound1) >> 63); // all ones when below the bound
                    r2 |= bit & ((v - bound2) >> 63);
                    r3 |= bit & ((v - bound3) >> 63);
                }
                if (count > 1) {
                    rows[n + i] = r1;
                }
                if (count > 2) {
                    rows[2 * n + i] = r2;
                }
                if (count > 3) {
                    rows[3 * n + i] = r3;
                }
            } else {
                for (long q = row; q != 0L; q &= q - 1) {
                    long bit = q & -q;
                    long v = Float.floatToRawIntBits(lower[k + Bits.ofSingle(bit)]);
                    for (int g = 1, at = n + i; g < count; g++, at += n) {
                        rows[at] |= bit & ((v - bound[g]) >> 63);
                    }
                }
            }
            k += i;
        }
    }

    /**
     * {@link #lowerRows} for more than 64 vertices: per rank, the rows of {@code ceil(n / 64)} words with bit j of row i
     * ({@code j < i}) set iff {@code value(i, j) <= values[order[r]]}; the densest graph's from the triangle, without a
     * branch on the data, each sparser graph's from the densest one's edges only; {@code edges[r]}: the edges of rank r.
     */
    static long[][] lowerRowsWide(float[] lower, int n, long[] bound, int[] edges) {
        int count = bound.length;
        int words = wordsFor(n);
        long[][] rows = new long[count][n * words];
        long[] dense = rows[0];
        long densest = bound[0];
        int k = 0;
        for (int i = 1; i < n; i++) {
            int at = i * words;
            for (int x = 0, j0 = 0; j0 < i; x++, j0 += 64) {
                int end = Math.min(i, j0 + 64);
                long row = 0L; // bit j - j0: the sign of bits(value(i, j)) - bound, as a long (no overflow)
                int j = j0;
                for (; j + 3 < end; j += 4) { // four entries per turn: C1 does not unroll
                    long b0 = (Float.floatToRawIntBits(lower[k + j]) - densest) >>> 63;
                    long b1 = (Float.floatToRawIntBits(lower[k + j + 1]) - densest) >>> 63;
                    long b2 = (Float.floatToRawIntBits(lower[k + j + 2]) - densest) >>> 63;
                    long b3 = (Float.floatToRawIntBits(lower[k + j + 3]) - densest) >>> 63;
                    row |= (b0 | b1 << 1 | b2 << 2 | b3 << 3) << (j - j0);
                }
                for (; j < end; j++) {
                    row |= ((Float.floatToRawIntBits(lower[k + j]) - densest) >>> 63) << (j - j0);
                }
                dense[at + x] = row;
                for (long q = row; q != 0L; q &= q - 1) {
                    long bit = q & -q;
                    long v = Float.floatToRawIntBits(lower[k + j0 + Bits.ofSingle(bit)]);
                    edges[0]++;
                    for (int g = 1; g < count; g++) {
                        long below = (v - bound[g]) >> 63; // all ones when below the bound
                        rows[g][at + x] |= bit & below;
                        edges[g] -= (int) below;
                    }
                }
            }
            k += i;
        }
        return rows;
    }

    /** The lower rows {@code adj} (bits j < i of row i, {@code ceil(n / 64)} words each) with their mirror added. */
    private static long[] mirrored(long[] adj, int n) {
        int words = wordsFor(n);
        for (int i = 1; i < n; i++) {
            long bit = 1L << i;
            int word = i >>> 6;
            int at = i * words;
            for (int x = 0; x <= word; x++) {
                for (long r = adj[at + x] & (x < word ? -1L : bit - 1); r != 0L; r &= r - 1) {
                    adj[((x << 6) + Bits.lowest(r)) * words + word] |= bit;
                }
            }
        }
        return adj;
    }

    /**
     * A graph given by its edge list (the threshold is reported as {@code NaN}).
     *
     * @param n       number of vertices, {@code >= 0}
     * @param sources edge sources, each in {@code [0, n)}
     * @param targets edge targets, same length, each in {@code [0, n)}; self-loops are rejected, duplicate
     *                edges are merged
     * @throws IllegalArgumentException naming the offending edge
     */
    public static ThresholdGraph fromEdges(int n, int[] sources, int[] targets) {
        if (n < 0) {
            throw new IllegalArgumentException("n = " + n + " must be >= 0");
        }
        if (sources.length != targets.length) {
            throw new IllegalArgumentException("sources.length = " + sources.length + " must equal targets.length = "
                    + targets.length);
        }
        int words = wordsFor(n);
        long[] adj = new long[n * words];
        for (int e = 0; e < sources.length; e++) {
            int i = sources[e];
            int j = targets[e];
            if (i < 0 || i >= n || j < 0 || j >= n) {
                throw new IllegalArgumentException("edge " + e + " = {" + i + ", " + j + "} has a vertex outside [0, "
                        + (n - 1) + "]");
            }
            if (i == j) {
                throw new IllegalArgumentException("edge " + e + " = {" + i + ", " + j
                        + "} is a self-loop; a threshold graph is simple");
            }
            adj[i * words + (j >>> 6)] |= 1L << j;
            adj[j * words + (i >>> 6)] |= 1L << i;
        }
        return new ThresholdGraph(n, adj, Double.NaN);
    }

    private static void checkThreshold(double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold = " + threshold + " must be finite");
        }
    }

    /** Number of vertices n. */
    public int size() {
        return n;
    }

    /** Number of undirected edges. */
    public int edgeCount() {
        return edgeCount;
    }

    /** The threshold the graph was built with, or {@code NaN} when it was given as an edge list. */
    public double threshold() {
        return threshold;
    }

    /** Number of {@code long} words per adjacency row, {@code ceil(n / 64)}. */
    public int words() {
        return words;
    }

    /** Whether {@code {i, j}} is an edge ({@code false} for {@code i == j}). */
    public boolean hasEdge(int i, int j) {
        checkVertex("i", i);
        checkVertex("j", j);
        return (adjacency[i * words + (j >>> 6)] & (1L << j)) != 0;
    }

    /** Whether three pairwise adjacent vertices exist (one AND of two adjacency rows per edge at most). */
    public boolean hasTriangle() {
        for (int v = 0; v < n; v++) {
            int rv = v * words;
            for (int w = v >>> 6; w < words; w++) {
                long bits = adjacency[rv + w];
                if (w == v >>> 6) {
                    bits &= (v & 63) == 63 ? 0L : -1L << ((v & 63) + 1); // neighbours u > v only
                }
                while (bits != 0) {
                    int ru = ((w << 6) + Bits.lowest(bits)) * words;
                    bits &= bits - 1;
                    for (int x = 0; x < words; x++) {
                        if ((adjacency[rv + x] & adjacency[ru + x]) != 0) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Number of neighbours of {@code v}. */
    public int degree(int v) {
        checkVertex("v", v);
        int d = 0;
        for (int w = 0; w < words; w++) {
            d += Long.bitCount(adjacency[v * words + w]);
        }
        return d;
    }

    /** The neighbours of {@code v} in increasing order (a fresh array). */
    public int[] neighbours(int v) {
        checkVertex("v", v);
        int[] out = new int[degree(v)];
        int k = 0;
        for (int w = 0; w < words; w++) {
            long bits = adjacency[v * words + w];
            while (bits != 0) {
                out[k++] = (w << 6) + Bits.lowest(bits);
                bits &= bits - 1;
            }
        }
        return out;
    }

    /** A copy of the adjacency bitset of {@code v} ({@link #words()} words; bit {@code j} of word {@code j/64}). */
    public long[] neighbourBits(int v) {
        checkVertex("v", v);
        return Arrays.copyOfRange(adjacency, v * words, (v + 1) * words);
    }

    /** The raw row-major adjacency (no copy; package-private for the counters, never modified). */
    long[] adjacency() {
        return adjacency;
    }

    private void checkVertex(String name, int v) {
        if (v < 0 || v >= n) {
            throw new IndexOutOfBoundsException(name + " = " + v + " is outside [0, " + (n - 1) + "]");
        }
    }

    /**
     * This graph as a JGraphT {@code SimpleGraph} (vertices {@code 0..n-1}, one edge per adjacent pair): the input
     * of JGraphT's algorithms (matching, chordality) and of the JGraphT baselines in tests and benchmarks.
     */
    public Graph<Integer, DefaultEdge> toJGraphT() {
        Graph<Integer, DefaultEdge> graph = new SimpleGraph<>(DefaultEdge.class);
        for (int v = 0; v < n; v++) {
            graph.addVertex(v);
        }
        for (int v = 0; v < n; v++) {
            for (int u : neighbours(v)) {
                if (u > v) {
                    graph.addEdge(v, u);
                }
            }
        }
        return graph;
    }

    /** A short description for messages: {@code "n = 128 nodes, 490 edges, threshold t = 0.05"}. */
    public String describe() {
        return "n = " + n + " nodes, " + edgeCount + " edges, "
                + (Double.isNaN(threshold) ? "given as an edge list" : "threshold t = " + threshold);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThresholdGraph g && g.n == n && Arrays.equals(g.adjacency, adjacency)
                && Double.compare(g.threshold, threshold) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * n + Arrays.hashCode(adjacency)) + Double.hashCode(threshold);
    }

    @Override
    public String toString() {
        return "ThresholdGraph[" + describe() + "]";
    }
}
