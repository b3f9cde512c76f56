package org.attnplanes.render.fx;

import java.util.Objects;
import org.attnplanes.render.scene.EdgeSegment;

/**
 * What a click on an edge reports: the segment (plane, layer, head, endpoints, raw and normalized weight) and
 * the endpoint labels.
 *
 * @param edge        the clicked edge, never null
 * @param sourceLabel text of the source token
 * @param targetLabel text of the target token
 */
public record EdgeDetails(EdgeSegment edge, String sourceLabel, String targetLabel) {

    /** Validates the fields. */
    public EdgeDetails {
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(sourceLabel, "sourceLabel");
        Objects.requireNonNull(targetLabel, "targetLabel");
    }
}
