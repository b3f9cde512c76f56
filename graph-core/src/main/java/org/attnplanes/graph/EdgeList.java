package org.attnplanes.graph;

/**
 * The kept (pruned) edges of one {@link Plane}, primitive-backed: edge k goes from {@link #source(int)} to
 * {@link #target(int)}. Undirected planes list each edge once with {@code source < target}; directed planes
 * list arcs query → key. Edges are ordered by source, then target. Immutable; weights are read through the
 * plane, so {@link #weight(int)} is the plane's normalized view.
 */
public final class EdgeList {

    private final int size;
    private final int[] sources;
    private final int[] targets;
    private final PlaneWeights weights;

    EdgeList(int size, int[] sources, int[] targets, PlaneWeights weights) {
        this.size = size;
        this.sources = sources;
        this.targets = targets;
        this.weights = weights;
    }

    /** Number of kept edges. */
    public int size() {
        return size;
    }

    /** Whether no edge was kept. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Source node of edge {@code k} (the query for a directed plane). */
    public int source(int k) {
        checkIndex(k);
        return sources[k];
    }

    /** Target node of edge {@code k} (the key for a directed plane). */
    public int target(int k) {
        checkIndex(k);
        return targets[k];
    }

    /** Normalized weight of edge {@code k}, in [0, 1] (signed, in [−1, 1], for a difference graph). */
    public float weight(int k) {
        checkIndex(k);
        return weights.normalized(sources[k], targets[k]);
    }

    /** Raw weight of edge {@code k} (after head reduction and symmetrization, before normalization). */
    public float rawWeight(int k) {
        checkIndex(k);
        return weights.raw(sources[k], targets[k]);
    }

    private void checkIndex(int k) {
        if (k < 0 || k >= size) {
            throw new IndexOutOfBoundsException("edge index = " + k + " is outside [0, " + (size - 1) + "]");
        }
    }

    @Override
    public String toString() {
        return "EdgeList[" + size + " edges]";
    }
}
