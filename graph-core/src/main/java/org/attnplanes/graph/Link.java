package org.attnplanes.graph;

import java.util.Objects;

/**
 * An edge between two planes of a {@link MultiPlanarGraph}: from node {@code fromNode} of plane
 * {@code fromPlane} to node {@code toNode} of plane {@code toPlane}. Plane indices are positions in
 * {@link MultiPlanarGraph#planes()}; the classifier plane, when present, has index {@code planes().size()}.
 *
 * @param fromPlane source plane index, &gt;= 0
 * @param fromNode  source node index in that plane, &gt;= 0
 * @param toPlane   target plane index, &gt; {@code fromPlane} for every link built by {@link MultiPlanarGraph}
 * @param toNode    target node index, &gt;= 0
 * @param weight    finite; its unit depends on {@code kind} (see {@link LinkKind}); signed in a difference graph
 * @param kind      what the link means, never null
 */
public record Link(int fromPlane, int fromNode, int toPlane, int toNode, float weight, LinkKind kind) {

    /** Validates indices, weight and kind. */
    public Link {
        Objects.requireNonNull(kind, "kind");
        if (fromPlane < 0 || fromNode < 0 || toPlane < 0 || toNode < 0) {
            throw new IllegalArgumentException("link " + fromPlane + ":" + fromNode + " -> " + toPlane + ":" + toNode
                    + " has a negative index");
        }
        if (!Float.isFinite(weight)) {
            throw new IllegalArgumentException("link weight = " + weight + " must be finite");
        }
    }
}
