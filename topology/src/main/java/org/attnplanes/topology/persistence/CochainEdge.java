package org.attnplanes.topology.persistence;

/**
 * One edge {@code {u, v}} ({@code u > v}) of a dimension-1 representative cocycle, with its coefficient in
 * {@code Z/p} ({@code 1 .. p−1}; always 1 over Z/2).
 *
 * @param u           the larger vertex index
 * @param v           the smaller vertex index
 * @param coefficient the coefficient in {@code [1, p)}
 */
public record CochainEdge(int u, int v, int coefficient) {

    /** Validates the edge. */
    public CochainEdge {
        if (v < 0 || u <= v) {
            throw new IllegalArgumentException("edge {" + u + ", " + v + "} must have u > v >= 0");
        }
        if (coefficient < 1) {
            throw new IllegalArgumentException("coefficient = " + coefficient + " must be >= 1");
        }
    }
}
