package org.attnplanes.render.encoding;

/** The visual channels an edge weight can drive; combine several in one {@link EncodingSpec}. */
public enum Encoding {
    /** Opacity grows with weight (the originating paper's encoding). */
    OPACITY,
    /** Colour from a perceptually uniform map (diverging for difference graphs). */
    COLOUR,
    /** Stroke width grows with weight. */
    WIDTH,
    /**
     * Edge length: nodes are placed by a distance-preserving layout of the plane (graph-core's MDS or force
     * layout), so strong edges are short. A property of the layout, stated in the legend.
     */
    LENGTH,
    /** A categorical hue per head when several heads are drawn at once. */
    HEAD_HUE
}
