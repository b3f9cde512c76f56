package org.attnplanes.graph;

/**
 * How raw plane weights map to [0, 1] for display and pruning. Always a view: raw weights stay available
 * through {@link Plane#rawWeight(int, int)}. Ranges are taken over edges (off-diagonal entries; i &lt; j when
 * undirected); the diagonal {@link Plane#selfWeight(int)} uses the same map, clamped to [0, 1]. A constant
 * set of weights maps to 1.
 */
public enum Normalization {
    /** (|w| − min) / (max − min) with min and max of |w| over all planes of the graph (the paper's choice). */
    GLOBAL_ABS_MINMAX,
    /** Min–max of |w| within each plane (each layer, or each layer × head with PER_HEAD). */
    PER_LAYER,
    /**
     * Min–max within each query row of the directed head-reduced matrix, applied before symmetrization;
     * SUM then halves the sum so the result stays in [0, 1]. Monotone in the raw weight within a row.
     */
    PER_ROW,
    /**
     * Quantile within the plane: (number of edge weights ≤ |w|, minus 1) / (edges − 1); ties share the higher
     * rank.
     */
    RANK,
    /**
     * (log(|w| + ε) − log(min + ε)) / (log(max + ε) − log(min + ε)) with min and max of |w| over all planes;
     * ε = {@link GraphSpec#logEpsilon()} (default {@value GraphSpec#DEFAULT_LOG_EPSILON}).
     */
    LOG
}
