package org.attnplanes.graph;

/** How the H heads of a layer become planes. */
public enum HeadReduction {
    /** One chosen head h (set with {@link GraphSpec.Builder#head(int)}). */
    SINGLE,
    /** Element-wise mean over heads (rows still sum to 1). */
    MEAN,
    /** Element-wise maximum over heads (rows no longer sum to 1). */
    MAX,
    /** One plane per head, layer-major and head-minor, laid side by side within the layer. */
    PER_HEAD
}
