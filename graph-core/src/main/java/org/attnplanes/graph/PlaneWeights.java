package org.attnplanes.graph;

/**
 * Internal: the weight functions behind a {@link Plane}. Raw weights are stored once; normalized weights
 * are computed on access (normalization is a view).
 */
interface PlaneWeights {

    /** Head-reduced directed attention A[query][key] before symmetrization (difference: signed). */
    float attention(int query, int key);

    /** Weight after symmetrization (i != j), before normalization. */
    float raw(int i, int j);

    /** Normalized weight (i != j). */
    float normalized(int i, int j);

    /** Raw self-attention A[i][i]. */
    float selfRaw(int i);

    /** Normalized self-attention, clamped to the normalized range. */
    float selfNormalized(int i);
}
