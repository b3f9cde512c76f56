package org.attnplanes.render.scene;

import java.util.Objects;

/**
 * A link between two consecutive planes (residual, rollout, …), drawn as a thin segment.
 *
 * @param fromPlane plane index of the lower end
 * @param fromNode  node index of the lower end
 * @param toPlane   plane index of the upper end
 * @param toNode    node index of the upper end
 * @param kind      the link kind's name ({@code "RESIDUAL"}, …), never null
 * @param weight    the link weight in [0, 1]
 * @param from      world position of the lower end, never null
 * @param to        world position of the upper end, never null
 * @param colour    straight RGBA colour, never null
 * @param widthPx   stroke width in pixels at figure scale 1, > 0
 */
public record LinkSegment(int fromPlane, int fromNode, int toPlane, int toNode, String kind, float weight,
                          Vec3 from, Vec3 to, Rgba colour, double widthPx) {

    /** Validates the fields. */
    public LinkSegment {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(colour, "colour");
        if (!(widthPx > 0) || !Double.isFinite(widthPx)) {
            throw new IllegalArgumentException("link width = " + widthPx + " px must be finite and > 0");
        }
    }
}
