package org.attnplanes.graph;

/** How tokens are placed within a plane (planes are stacked along z either way). */
public enum LayoutKind {
    /** Tokens in reading order on a line from x = −1 to x = 1. */
    LINE,
    /** Tokens in reading order on the unit circle, counter-clockwise from the top. */
    CIRCLE,
    /** Classical (Torgerson) MDS on the distance 1 − w: strong relation → short edge; units of 1 − w. */
    MDS,
    /** Weighted Fruchterman–Reingold (JGraphT), seeded; scaled to the unit disc. */
    FORCE
}
