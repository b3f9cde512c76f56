package org.attnplanes.graph;

/**
 * How the directed n × n attention A (row = query, column = key) becomes plane edges. The diagonal
 * (self-attention A[i][i]) is never an edge; it is the node attribute {@link Plane#selfWeight(int)}.
 */
public enum Symmetrization {
    /** w(i, j) = A[i][j] + A[j][i]: one undirected edge carrying both directions (the originating paper). */
    SUM,
    /** w(i, j) = max(A[i][j], A[j][i]), undirected. */
    MAX,
    /** w(i, j) = (A[i][j] + A[j][i]) / 2, undirected. */
    MEAN,
    /** Keep both arcs: w(i, j) = A[i][j] from query i to key j. */
    DIRECTED
}
