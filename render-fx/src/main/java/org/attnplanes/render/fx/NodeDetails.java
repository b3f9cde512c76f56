package org.attnplanes.render.fx;

import java.util.Objects;
import org.attnplanes.render.scene.NodeGlyph;

/**
 * What a click on a node reports: the token, its plane and layer, and its strongest incoming and outgoing
 * relations in that plane (labels resolved).
 *
 * @param glyph            the clicked glyph, never null
 * @param token            token index (= {@code glyph.node()})
 * @param label            token text
 * @param plane            plane index
 * @param layer            layer index
 * @param strongestInLabel label of the strongest incoming neighbour, or {@code ""} when none
 * @param strongestInWeight its normalized weight, NaN when none
 * @param strongestOutLabel label of the strongest outgoing neighbour, or {@code ""} when none
 * @param strongestOutWeight its normalized weight, NaN when none
 */
public record NodeDetails(NodeGlyph glyph, int token, String label, int plane, int layer, String strongestInLabel,
                          float strongestInWeight, String strongestOutLabel, float strongestOutWeight) {

    /** Validates the fields. */
    public NodeDetails {
        Objects.requireNonNull(glyph, "glyph");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(strongestInLabel, "strongestInLabel");
        Objects.requireNonNull(strongestOutLabel, "strongestOutLabel");
    }
}
