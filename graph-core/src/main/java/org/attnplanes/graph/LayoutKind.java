package org.attnplanes.graph;

/** How tokens are placed within a plane (planes are stacked along z either way). */
public enum LayoutKind {
    /** Tokens in reading order on a line from x = −1 to x = 1. */
    LINE,
    /** Tokens in reading order on the unit circle, counter-clockwise from the top. */
    CIRCLE,
    /** Classical (Torgerson) MDS on the distance 1 − w: strong relation → short edge; units of 1 − w. */
    MDS,
    /**
     * Stress majorization (SMACOF) on the distance 1 − w, started from classical MDS: fits the distances themselves,
     * so long inputs of nearly equidistant tokens spread over a disc instead of collapsing into a line as classical
     * MDS does; units of 1 − w ({@link org.attnplanes.graph.layout.StressMajorizationLayout}).
     */
    STRESS,
    /** Weighted Fruchterman–Reingold (JGraphT), seeded; scaled to the unit disc. */
    FORCE,
    /**
     * Image patches on their grid (a vision transformer's trace, {@link ImageGrid}): patch (r, c) at the centre of
     * cell (r, c) of a grid spanning x ∈ [−1, 1] (row 0 at the top, y up), leading tokens ({@code [CLS]}, …) in a row
     * above it; see {@link org.attnplanes.graph.layout.GridLayout}.
     */
    GRID
}
