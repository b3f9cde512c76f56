package org.attnplanes.graph;

import java.util.Objects;

/**
 * Attention rollout (Abnar &amp; Zuidema 2020, "Quantifying Attention Flow in Transformers"): per layer the heads
 * are averaged, the identity is added for the residual connection and every row is renormalised to sum to 1,
 * {@code Ã_l = rownorm(mean_h A_{l,h} + I)}; the rollout through layer L is the product
 * {@code R_L = Ã_L · Ã_{L−1} · … · Ã_0}. Row i of {@code R_L} says how much each input token flows into token i at
 * the output of layer L. Computed in double precision; results are fresh row-major arrays.
 *
 * <pre>{@code
 * double[] r = AttentionRollout.rollout(trace, trace.layers() - 1);       // n × n
 * double[] heat = AttentionRollout.toPatches(trace, grid, trace.layers() - 1, 0);  // [CLS] → rows × cols
 * }</pre>
 */
public final class AttentionRollout {

    private AttentionRollout() {
    }

    /**
     * The rollout {@code R_last} (n × n, row-major; every row sums to 1).
     *
     * @throws IllegalArgumentException when {@code last} is outside [0, layers − 1]
     */
    public static double[] rollout(AttentionTrace trace, int last) {
        Objects.requireNonNull(trace, "trace");
        if (last < 0 || last >= trace.layers()) {
            throw new IllegalArgumentException("layer = " + last + " is outside [0, " + (trace.layers() - 1) + "]");
        }
        int n = trace.tokenCount();
        double[] r = null;
        for (int l = 0; l <= last; l++) {
            double[] a = augmented(trace, l);
            r = r == null ? a : multiply(a, r, n);
        }
        return r;
    }

    /** {@code rownorm(mean_h A_{l,h} + I)} of layer {@code l} (n × n, row-major). */
    public static double[] augmented(AttentionTrace trace, int l) {
        int n = trace.tokenCount();
        int heads = trace.heads();
        double[] a = new double[n * n];
        for (int h = 0; h < heads; h++) {
            AttentionMatrix m = trace.attention(l, h);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i * n + j] += m.weight(i, j);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                a[i * n + j] /= heads;
                if (i == j) {
                    a[i * n + j] += 1;
                }
                sum += a[i * n + j];
            }
            for (int j = 0; j < n; j++) {
                a[i * n + j] /= sum;
            }
        }
        return a;
    }

    /**
     * Row {@code from} of the rollout through layer {@code last}, restricted to the image patches of {@code grid}:
     * {@code rows × cols} values (row-major, the patch at grid row r and column c at {@code r · cols + c}), each
     * in [0, 1], summing to at most 1 (the rest flows to the leading tokens).
     *
     * @throws IllegalArgumentException when the grid's token count is not the trace's, or {@code from} or
     *                                  {@code last} is out of range
     */
    public static double[] toPatches(AttentionTrace trace, ImageGrid grid, int last, int from) {
        Objects.requireNonNull(grid, "grid");
        int n = trace.tokenCount();
        if (grid.tokens() != n) {
            throw new IllegalArgumentException("the image grid has " + grid.tokens() + " tokens but the trace has "
                    + n);
        }
        if (from < 0 || from >= n) {
            throw new IllegalArgumentException("token = " + from + " is outside [0, " + (n - 1) + "]");
        }
        double[] r = rollout(trace, last);
        double[] out = new double[grid.rows() * grid.cols()];
        System.arraycopy(r, from * n + grid.firstPatch(), out, 0, out.length);
        return out;
    }

    private static double[] multiply(double[] x, double[] y, int n) {
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double v = x[i * n + k];
                if (v == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    out[i * n + j] += v * y[k * n + j];
                }
            }
        }
        return out;
    }
}
