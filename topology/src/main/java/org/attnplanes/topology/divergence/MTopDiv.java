package org.attnplanes.topology.divergence;

import java.util.Objects;
import org.attnplanes.graph.AttentionMatrix;

/**
 * MTop-Div of one attention matrix between a prompt and a response (Bazarova et al. 2025, "Hallucination
 * Detection in LLMs via Topological Divergence on Attention Graphs", TOHA), exactly as the authors' code
 * computes it:
 *
 * <ol>
 *   <li>distances {@code d = 1 − max(w, 0)} in float32, diagonal 0;</li>
 *   <li>symmetrized with {@code min(d, dᵀ)} (so {@code d_ij = 1 − max(w_ij, w_ji)});</li>
 *   <li>prompt–prompt distances set to 0 (the prompt is the first {@code promptLength} tokens);</li>
 *   <li>the total length of the H0 barcode of the Vietoris–Rips filtration of that matrix, divided by the
 *       number of response tokens.</li>
 * </ol>
 *
 * <p>Every H0 bar is born at 0 and dies at the weight of one edge of a minimum spanning tree, so the total
 * length is the weight of a minimum spanning forest that attaches the response tokens to the (contracted,
 * zero-diameter) prompt component. This class computes it that way — Prim's algorithm from the prompt
 * component on the dense matrix, O(n²) — instead of running a persistence engine. The sum is accumulated in
 * double over float32 edge values, as NumPy sums the float32 deaths of the published code.
 *
 * <p>With {@code promptLength == 0} the score is the minimum spanning tree weight of the whole matrix divided
 * by n (the published code then zeroes nothing). Stateless and thread-safe.
 */
public final class MTopDiv {

    private MTopDiv() {
    }

    /**
     * MTop-Div of one head.
     *
     * @param attention    the head's attention (row = query, column = key), n × n
     * @param promptLength number of prompt tokens p; tokens {@code p .. n−1} are the response
     * @return the H0 cross-barcode total length divided by {@code n − p}
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, n−1]}
     */
    public static double score(AttentionMatrix attention, int promptLength) {
        Objects.requireNonNull(attention, "attention");
        return totalLength(attention, promptLength) / (attention.size() - promptLength);
    }

    /**
     * Total H0 bar length (the spanning-forest weight) before dividing by the response length.
     *
     * @throws IllegalArgumentException if {@code promptLength} is outside {@code [0, n−1]}
     */
    public static double totalLength(AttentionMatrix attention, int promptLength) {
        Objects.requireNonNull(attention, "attention");
        int n = attention.size();
        if (promptLength < 0 || promptLength >= n) {
            throw new IllegalArgumentException("promptLength = " + promptLength + " must be in [0, " + (n - 1)
                    + "] for " + n + " tokens (the response needs at least one token)");
        }
        AttentionMatrix w = attention;
        int p = promptLength;
        int r = n - p;
        // key[k] = current distance of response token p+k to the growing tree; start from the prompt component
        float[] key = new float[r];
        boolean[] done = new boolean[r];
        if (p > 0) {
            for (int k = 0; k < r; k++) {
                int v = p + k;
                float best = Float.POSITIVE_INFINITY;
                for (int u = 0; u < p; u++) {
                    best = Math.min(best, distance(w, u, v));
                }
                key[k] = best;
            }
        } else {
            // no prompt: an ordinary minimum spanning tree rooted at token 0
            java.util.Arrays.fill(key, Float.POSITIVE_INFINITY);
            key[0] = 0f;
        }
        double total = 0;
        for (int step = 0; step < r; step++) {
            int next = -1;
            float best = Float.POSITIVE_INFINITY;
            for (int k = 0; k < r; k++) {
                if (!done[k] && (next < 0 || key[k] < best)) {
                    best = key[k];
                    next = k;
                }
            }
            done[next] = true;
            total += best;
            int v = p + next;
            for (int k = 0; k < r; k++) {
                if (!done[k]) {
                    float d = distance(w, v, p + k);
                    if (d < key[k]) {
                        key[k] = d;
                    }
                }
            }
        }
        return total;
    }

    /** {@code min(1 − max(w_uv, 0), 1 − max(w_vu, 0))} in float32, as the published transform computes it. */
    static float distance(AttentionMatrix w, int u, int v) {
        float a = 1f - Math.max(w.weight(u, v), 0f);
        float b = 1f - Math.max(w.weight(v, u), 0f);
        return Math.min(a, b);
    }

    /**
     * MTop-Div of every head of a trace-like array {@code attention[layer][head]}; the result is indexed the
     * same way.
     */
    public static double[][] scores(AttentionMatrix[][] attention, int promptLength) {
        double[][] out = new double[attention.length][];
        for (int l = 0; l < attention.length; l++) {
            out[l] = new double[attention[l].length];
            for (int h = 0; h < attention[l].length; h++) {
                out[l][h] = score(attention[l][h], promptLength);
            }
        }
        return out;
    }
}
