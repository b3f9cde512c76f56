package org.attnplanes.graph;

/**
 * Euclidean norms ‖v_j‖ of the per-head value vectors, one per (layer, head, key token): what
 * value-weighted links (‖α_ij v_j‖ = α_ij ‖v_j‖, Kobayashi et al. 2020) need. Immutable; stored as one
 * {@code float[L·H·n]}.
 */
public final class ValueNorms {

    private final int layers;
    private final int heads;
    private final int tokens;
    private final float[] norms;

    private ValueNorms(int layers, int heads, int tokens, float[] norms) {
        this.layers = layers;
        this.heads = heads;
        this.tokens = tokens;
        this.norms = norms;
    }

    /**
     * Copies row-major norms laid out as {@code [layer, head, token]}.
     *
     * @throws IllegalArgumentException if the length does not match or a norm is negative or not finite
     */
    public static ValueNorms of(int layers, int heads, int tokens, float[] norms) {
        if (layers <= 0 || heads <= 0 || tokens <= 0 || norms.length != (long) layers * heads * tokens) {
            throw new IllegalArgumentException("norms.length = " + norms.length + " does not match layers = "
                    + layers + " × heads = " + heads + " × tokens = " + tokens);
        }
        for (int i = 0; i < norms.length; i++) {
            if (!(norms[i] >= 0f) || !Float.isFinite(norms[i])) {
                throw new IllegalArgumentException("norm[layer " + (i / (heads * tokens)) + "][head "
                        + (i / tokens % heads) + "][token " + (i % tokens) + "] = " + norms[i]
                        + " must be finite and >= 0");
            }
        }
        return new ValueNorms(layers, heads, tokens, norms.clone());
    }

    /** Number of layers. */
    public int layers() {
        return layers;
    }

    /** Number of heads per layer. */
    public int heads() {
        return heads;
    }

    /** Number of tokens. */
    public int tokens() {
        return tokens;
    }

    /** ‖v_token‖ of the given layer and head. */
    public float norm(int layer, int head, int token) {
        return norms[(layer * heads + head) * tokens + token];
    }
}
