package org.attnplanes.render.scene;

import java.util.Objects;

/**
 * One kept attention edge inside one plane, with its visual encoding and back-references to the graph.
 *
 * @param plane       index of the plane in the graph (0-based)
 * @param layer       transformer layer of that plane
 * @param headLabel   the plane's head label ({@code "3"}, {@code "mean"}, {@code "max"}, …), never null
 * @param head        the head index when the plane is one head, else {@code -1}
 * @param source      source token index (query for directed planes; the smaller index when undirected)
 * @param target      target token index
 * @param from        world position of the source node, never null
 * @param to          world position of the target node, never null
 * @param rawWeight   the weight before normalization
 * @param weight      the normalized weight in [0, 1] (or [−1, 1] for a difference graph)
 * @param colour      straight RGBA colour, never null
 * @param widthPx     stroke width in pixels at figure scale 1, finite and > 0
 * @param directed    whether the plane is directed (an arrow would point from source to target)
 */
public record EdgeSegment(int plane, int layer, String headLabel, int head, int source, int target, Vec3 from,
                          Vec3 to, float rawWeight, float weight, Rgba colour, double widthPx, boolean directed) {

    /** Validates the fields. */
    public EdgeSegment {
        Objects.requireNonNull(headLabel, "headLabel");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(colour, "colour");
        if (!(widthPx > 0) || !Double.isFinite(widthPx)) {
            throw new IllegalArgumentException("edge width = " + widthPx + " px must be finite and > 0");
        }
    }

    /** The midpoint of the segment (used for depth sorting and hit tests). */
    public Vec3 midpoint() {
        return from.midpoint(to);
    }
}
