package org.attnplanes.render.scene;

import java.util.Objects;

/**
 * One token node on one plane.
 *
 * @param plane    index of the plane in the graph (0-based)
 * @param layer    transformer layer of that plane (0-based)
 * @param node     token index within the plane (0-based)
 * @param label    the token text as displayed, never null
 * @param position world position, never null
 * @param radius   glyph radius in world units, finite and > 0
 * @param colour   fill colour, never null
 * @param stats    strongest incoming/outgoing relations of this node in its plane, never null
 */
public record NodeGlyph(int plane, int layer, int node, String label, Vec3 position, double radius, Rgba colour,
                        NodeStats stats) {

    /** Validates the fields. */
    public NodeGlyph {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(stats, "stats");
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("node radius = " + radius + " must be finite and > 0");
        }
    }

    /**
     * The strongest relations of a node within its plane, over all other nodes (not only kept edges).
     * Indices are {@code -1} (and weights {@code NaN}) when the plane has a single node.
     *
     * @param selfWeight     normalized self-attention weight (diagonal)
     * @param strongestIn    node j maximising {@code weight(j, node)}, j ≠ node
     * @param strongestInWeight that normalized weight
     * @param strongestOut   node j maximising {@code weight(node, j)}, j ≠ node
     * @param strongestOutWeight that normalized weight
     */
    public record NodeStats(float selfWeight, int strongestIn, float strongestInWeight, int strongestOut,
                            float strongestOutWeight) {

        /** Stats of a node with no neighbours. */
        public static final NodeStats NONE = new NodeStats(Float.NaN, -1, Float.NaN, -1, Float.NaN);
    }
}
