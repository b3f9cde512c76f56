package org.attnplanes.graph;

/**
 * Internal: the weight functions behind a {@link Plane}. Raw weights are stored once; normalized weights
 * are computed on access (normalization is a view).
 */
interface PlaneWeights {

    /** Head-reduced directed attention A[query][key] before symmetrization (difference: signed). */
    float attention(int query, int key);

    /** The weights' own row-major {@code n × n} storage when they hold exactly that (read only), else null. */
    default float[] attentionStorageOrNull(int n) {
        return null;
    }

    /** All of {@link #attention(int, int)} row-major into {@code out[0, n²)}. */
    default void copyAttentionInto(int n, float[] out) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = attention(i, j);
            }
        }
    }

    /** All of {@link #attention(int, int)} as a fresh row-major {@code n × n} array. */
    default float[] attentionArray(int n) {
        float[] out = new float[n * n];
        copyAttentionInto(n, out);
        return out;
    }

    /**
     * {@link #normalized(int, int)} of every pair {@code i > j}, row by row ({@code (1, 0), (2, 0), (2, 1), …}),
     * into {@code out} (length {@code n(n − 1)/2}).
     */
    default void normalizedLowerTriangular(int n, float[] out) {
        int k = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                out[k++] = normalized(i, j);
            }
        }
    }

    /** Weight after symmetrization (i != j), before normalization. */
    float raw(int i, int j);

    /** Normalized weight (i != j). */
    float normalized(int i, int j);

    /** Raw self-attention A[i][i]. */
    float selfRaw(int i);

    /** Normalized self-attention, clamped to the normalized range. */
    float selfNormalized(int i);
}
