package org.attnplanes.topology.features;

import java.util.Arrays;
import java.util.Objects;
import org.attnplanes.graph.AttentionMatrix;

/**
 * LapEigvals (Binkowski et al. 2025, "Hallucination Detection in LLMs Using Spectral Features of Attention
 * Maps"): the top-k eigenvalues of the Laplacian of the multi-layer attention graph of one head, per layer,
 * computed as the authors' {@code laplacian_diagonal_from_attn} computes them.
 *
 * <p>The graph of head h has a vertex per (layer, token). Within a layer the edges are the attention weights
 * {@code A_l[i][j]} (query i → key j); the self-attention {@code A_l[j][j]} of layers {@code l ≥ 1} becomes an
 * inter-layer edge (l, j) → (l − 1, j); layer 0 keeps its self-loops. The degree of a vertex is the sum of
 * its incoming weights (a column sum) divided by the number of its incoming edges, and {@code L = D − A}.
 * For causal (decoder) attention L is lower triangular, so its eigenvalues are its diagonal:
 *
 * <ul>
 *   <li>layer 0: {@code (Σ_i A_0[i][j] + A_1[j][j]) / (T − j + 1) − A_0[j][j]};</li>
 *   <li>layer 0 < l < last: {@code (Σ_{i≠j} A_l[i][j] + A_{l+1}[j][j]) / (T − j)};</li>
 *   <li>last layer: {@code Σ_{i≠j} A_L[i][j] / (T − j − 1)}, and 0 for the last token;</li>
 * </ul>
 *
 * <p>(T tokens, j = 0..T−1; {@code T − j} counts the queries that can attend key j under a causal mask.) Per
 * layer the values are sorted in decreasing order and the first k are the features. For non-causal (encoder)
 * attention the same diagonal is returned, which is then <em>not</em> the spectrum; the paper defines the
 * feature for decoders. At least two layers are needed, as in the reference.
 */
public final class LapEigvals {

    private LapEigvals() {
    }

    /**
     * The Laplacian diagonal of head {@code head}: {@code [layer][token]}.
     *
     * @param attention {@code attention[layer][head]}, all T × T, at least two layers
     */
    public static double[][] diagonal(AttentionMatrix[][] attention, int head) {
        Objects.requireNonNull(attention, "attention");
        int layers = attention.length;
        if (layers < 2) {
            throw new IllegalArgumentException("LapEigvals needs at least 2 layers; got " + layers);
        }
        int t = attention[0][head].size();
        double[][] out = new double[layers][t];
        for (int l = 0; l < layers; l++) {
            AttentionMatrix a = attention[l][head];
            if (a.size() != t) {
                throw new IllegalArgumentException("layer " + l + " has " + a.size() + " tokens; layer 0 has " + t);
            }
            for (int j = 0; j < t; j++) {
                double column = 0;
                for (int i = 0; i < t; i++) {
                    if (i != j) {
                        column += a.weight(i, j);
                    }
                }
                if (l == 0) {
                    double self = a.weight(j, j);
                    double deg = (column + self + attention[1][head].weight(j, j)) / (t - j + 1);
                    out[l][j] = deg - self;
                } else if (l < layers - 1) {
                    out[l][j] = (column + attention[l + 1][head].weight(j, j)) / (t - j);
                } else {
                    out[l][j] = j == t - 1 ? 0 : column / (t - j - 1);
                }
            }
        }
        return out;
    }

    /**
     * The top-k values per layer and head: {@code [layer][head][rank]}, decreasing; when {@code k > T} the
     * missing ranks are NaN.
     */
    public static double[][][] topK(AttentionMatrix[][] attention, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k = " + k + " must be >= 1");
        }
        int layers = attention.length;
        int heads = layers == 0 ? 0 : attention[0].length;
        double[][][] out = new double[layers][heads][];
        for (int h = 0; h < heads; h++) {
            double[][] d = diagonal(attention, h);
            for (int l = 0; l < layers; l++) {
                double[] s = d[l].clone();
                Arrays.sort(s);
                double[] top = new double[k];
                for (int r = 0; r < k; r++) {
                    top[r] = r < s.length ? s[s.length - 1 - r] : Double.NaN;
                }
                out[l][h] = top;
            }
        }
        return out;
    }
}
