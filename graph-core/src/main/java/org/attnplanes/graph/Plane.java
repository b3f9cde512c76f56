package org.attnplanes.graph;

import java.util.Objects;
import java.util.OptionalInt;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * One plane of a {@link MultiPlanarGraph}: the n token nodes of one layer (or one layer × head) and their
 * weighted edges. Immutable and thread-safe.
 *
 * <p>Three views of the same stored data: {@link #attention(int, int)} is the head-reduced directed
 * attention; {@link #rawWeight(int, int)} is that after symmetrization; {@link #weight(int, int)} is the
 * normalized view in [0, 1] (signed, in [−1, 1], for a difference graph). The diagonal is not an edge:
 * {@link #selfWeight(int)} is a node attribute. {@link #edges()} lists only the edges kept by pruning;
 * statistics can read every weight.
 *
 * <p>Top-k pruning ({@link GraphSpec#topK()}): every node chooses its k strongest neighbours (by normalized
 * weight, then raw weight; remaining ties go to the lower node index). A directed plane keeps exactly
 * min(k, candidates) arcs per query; an undirected plane keeps the union of both ends' choices, so every
 * node has at least min(k, candidates) edges and exactly that many of its own choices.
 */
public final class Plane {

    private final int index;
    private final int layer;
    private final String headLabel;
    private final int head;
    private final int size;
    private final boolean directed;
    private final PlaneWeights weights;
    private final EdgeList edges;
    private final BlockKind block;
    private final int targets;
    private volatile Graph<Integer, DefaultWeightedEdge> graph;
    /** The trace plane whose array the weights read directly (leased planes: reads throw once it is released). */
    private AttentionMatrix shared;

    Plane(int index, int layer, String headLabel, int head, int size, boolean directed, PlaneWeights weights,
          EdgeListFactory edges) {
        this(index, layer, headLabel, head, size, directed, weights, edges, BlockKind.SELF, 0);
    }

    Plane(int index, int layer, String headLabel, int head, int size, boolean directed, PlaneWeights weights,
          EdgeListFactory edges, BlockKind block, int targets) {
        this.block = Objects.requireNonNull(block, "block");
        this.targets = block == BlockKind.CROSS ? targets : 0;
        this.index = index;
        this.layer = layer;
        this.headLabel = Objects.requireNonNull(headLabel, "headLabel");
        this.head = head;
        this.size = size;
        this.directed = directed;
        this.weights = weights;
        this.edges = edges.create(weights);
    }

    /**
     * Internal: records that the weights read {@code m}'s array directly, so that reading them after {@code m} was
     * released to its {@link PlanePool} throws instead of returning another capture's values.
     */
    Plane sharing(AttentionMatrix m) {
        this.shared = m.pool() == null ? null : m;
        return this;
    }

    private void checkLive() {
        AttentionMatrix m = shared;
        if (m != null && m.released()) {
            throw AttentionMatrix.released(size);
        }
    }

    /** Internal: makes the edge list once the weights exist. */
    interface EdgeListFactory {
        EdgeList create(PlaneWeights weights);
    }

    /** Position of this plane in {@link MultiPlanarGraph#planes()}. */
    public int index() {
        return index;
    }

    /** The trace layer this plane shows. */
    public int layer() {
        return layer;
    }

    /**
     * The attention block this plane shows: {@link BlockKind#SELF} for a single model; for an encoder–decoder the
     * layer number counts within this block's stack.
     */
    public BlockKind block() {
        return block;
    }

    /**
     * Whether the plane is bipartite (a {@link BlockKind#CROSS} plane): nodes 0..t−1 are the target (decoder)
     * tokens, nodes t..n−1 the source (encoder) tokens, and only target–source pairs carry weight or edges.
     */
    public boolean bipartite() {
        return block == BlockKind.CROSS;
    }

    /** t, the number of target nodes of a bipartite plane (nodes 0..t−1); {@link #size()} otherwise. */
    public int targetCount() {
        return block == BlockKind.CROSS ? targets : size;
    }

    /** Whether nodes {@code i} and {@code j} may be joined: always, except two nodes on one side of a bipartite plane. */
    public boolean pairAllowed(int i, int j) {
        return block != BlockKind.CROSS || (i < targets) != (j < targets);
    }

    /** {@code "3"} for one head, {@code "mean"} or {@code "max"} for a reduction. */
    public String headLabel() {
        return headLabel;
    }

    /** The head, when this plane shows one head (SINGLE or PER_HEAD). */
    public OptionalInt head() {
        return head >= 0 ? OptionalInt.of(head) : OptionalInt.empty();
    }

    /** Number of nodes n (tokens, or words after merging). */
    public int size() {
        return size;
    }

    /** Whether edges are arcs query → key ({@link Symmetrization#DIRECTED}). */
    public boolean directed() {
        return directed;
    }

    /**
     * Head-reduced (and word-merged) directed attention from {@code query} to {@code key}, before
     * symmetrization; in [0, 1] for a trace (signed for a difference graph).
     */
    public float attention(int query, int key) {
        check(query, "query");
        check(key, "key");
        checkLive();
        return weights.attention(query, key);
    }

    /**
     * The head-reduced directed attention of every pair, {@link #attention(int, int)}, as a fresh row-major
     * n × n array (one copy instead of n² checked calls).
     */
    public float[] attentionArray() {
        checkLive();
        return weights.attentionArray(size);
    }

    /**
     * {@link #attentionArray()} without the copy where the plane holds its attention as exactly n² row-major floats
     * (a per-head or reduced plane): the plane's own storage, which the caller must <b>not modify</b> (and not keep
     * beyond the plane's life: a recycled trace plane's storage is reused once released); else a fresh copy.
     */
    public float[] readOnlyAttentionArray() {
        checkLive();
        float[] own = weights.attentionStorageOrNull(size);
        return own != null ? own : weights.attentionArray(size);
    }

    /**
     * The plane's own storage as {@link #readOnlyAttentionArray()} returns it when the plane holds its attention as
     * exactly n² row-major floats (read only, not to be kept beyond the plane's life), else null: no copy either way.
     * With {@link #copyAttentionInto(float[])} a caller that analyses many planes reuses one buffer for the others
     * (a recycled trace plane's storage is longer than n²) instead of allocating a copy per plane.
     */
    public float[] attentionStorageOrNull() {
        checkLive();
        return weights.attentionStorageOrNull(size);
    }

    /** Copies {@link #attentionArray()} into {@code out[0, n²)} (at least n² long) without allocating. */
    public void copyAttentionInto(float[] out) {
        checkLive();
        if (out.length < size * size) {
            throw new IllegalArgumentException("out.length = " + out.length + " < n² = " + size * size);
        }
        weights.copyAttentionInto(size, out);
    }

    /**
     * The normalized weight {@link #weight(int, int)} of every pair {@code i > j}, row by row ({@code (1, 0), (2, 0),
     * (2, 1), …}), as a fresh array of {@code n(n − 1)/2} values (one pass instead of n²/2 checked calls).
     */
    public float[] weightsLowerTriangular() {
        checkLive();
        float[] out = new float[(int) ((long) size * (size - 1) / 2)];
        weights.normalizedLowerTriangular(size, out);
        return out;
    }

    /** Weight after head reduction and symmetrization, before normalization; {@code i == j} gives the raw self weight. */
    public float rawWeight(int i, int j) {
        check(i, "i");
        check(j, "j");
        checkLive();
        return i == j ? weights.selfRaw(i) : weights.raw(i, j);
    }

    /** Normalized weight in [0, 1] ([−1, 1] for a difference graph); {@code i == j} gives {@link #selfWeight(int)}. */
    public float weight(int i, int j) {
        check(i, "i");
        check(j, "j");
        checkLive();
        return i == j ? weights.selfNormalized(i) : weights.normalized(i, j);
    }

    /** Self-attention A[i][i] of node i, normalized like the edges (clamped to their range). */
    public float selfWeight(int i) {
        check(i, "i");
        checkLive();
        return weights.selfNormalized(i);
    }

    /** Raw self-attention A[i][i] of node i. */
    public float selfRawWeight(int i) {
        check(i, "i");
        checkLive();
        return weights.selfRaw(i);
    }

    /** The edges kept after pruning (i &lt; j when undirected). */
    public EdgeList edges() {
        return edges;
    }

    /**
     * The kept edges as an unmodifiable JGraphT graph on vertices 0..n−1 with edge weight = {@link #weight}
     * (built once, on first call). Directed planes give a directed graph.
     */
    public Graph<Integer, DefaultWeightedEdge> asGraph() {
        Graph<Integer, DefaultWeightedEdge> g = graph;
        if (g == null) {
            synchronized (this) {
                g = graph;
                if (g == null) {
                    Graph<Integer, DefaultWeightedEdge> m = directed
                            ? new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class)
                            : new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
                    for (int v = 0; v < size; v++) {
                        m.addVertex(v);
                    }
                    for (int k = 0; k < edges.size(); k++) {
                        DefaultWeightedEdge e = m.addEdge(edges.source(k), edges.target(k));
                        m.setEdgeWeight(e, edges.weight(k));
                    }
                    g = new AsUnmodifiableGraph<>(m);
                    graph = g;
                }
            }
        }
        return g;
    }

    PlaneWeights weights() {
        return weights;
    }

    private void check(int node, String name) {
        if (node < 0 || node >= size) {
            throw new IndexOutOfBoundsException(name + " = " + node + " is outside [0, " + (size - 1) + "]");
        }
    }

    @Override
    public String toString() {
        return "Plane[" + index + ": " + (block == BlockKind.SELF ? "" : block.label() + " ") + "layer " + layer + ", head " + headLabel + ", " + size + " nodes, "
                + edges.size() + " edges" + (directed ? ", directed" : "") + "]";
    }
}
