package org.attnplanes.topology.features;

import org.attnplanes.graph.AttentionMatrix;

/**
 * Which published pipeline the Kushnareva et al. 2021 features follow. The two differ in one step: the reference
 * code ({@code danchern97/tda4atd}, {@code utils.cutoff_matrix}) divides every attention row by its sum before
 * its threshold graphs ({@code stats_count.py}) and barcodes ({@code ripser_count.py}); attnplanes uses the
 * plane's directed attention as it is. Rows of a softmax head already sum to 1 up to float round-off, so the
 * difference is small for a single head (issue 10 reports up to 2.6e-4 in the H0 entropy of near-identity heads of
 * all-MiniLM-L6-v2) and large for planes whose rows do not sum to 1 (head means after pruning, word-merged
 * planes, the max over heads).
 */
public enum FeatureReference {

    /** The plane's directed attention as it is (the default). */
    ATTNPLANES("attnplanes: the plane's directed attention as it is"),

    /**
     * Exactly the published pipeline: every row divided by its sum (float32 result, sum in double) before the
     * threshold-graph and barcode features; a row that sums to 0 stays 0 (the reference would divide by 0).
     * Pattern distances are computed as before.
     */
    TDA4ATD("tda4atd: rows renormalised to sum 1 before threshold graphs and barcodes (Kushnareva et al. 2021)");

    private final String description;

    FeatureReference(String description) {
        this.description = description;
    }

    /** One line for provenance. */
    public String description() {
        return description;
    }

    /** The matrix the threshold-graph and barcode features are computed on. */
    public AttentionMatrix prepare(AttentionMatrix attention) {
        return this == TDA4ATD ? renormalizeRows(attention) : attention;
    }

    /**
     * {@link #prepare(AttentionMatrix)} of the row-major {@code n × n} matrix {@code rowMajor}: the same array for
     * {@link #ATTNPLANES}, a new one for {@link #TDA4ATD} ({@code rowMajor} is never modified).
     */
    public float[] prepare(int n, float[] rowMajor) {
        return this == TDA4ATD ? renormalizeRows(n, rowMajor.clone()) : rowMajor;
    }

    /** Every row divided by its sum (as {@code tda4atd}'s {@code cutoff_matrix}); zero rows stay zero. */
    public static AttentionMatrix renormalizeRows(AttentionMatrix attention) {
        int n = attention.size();
        return AttentionMatrix.of(n, renormalizeRows(n, attention.toArray()));
    }

    /** {@link #renormalizeRows(AttentionMatrix)} in place on a row-major {@code n × n} array; returns it. */
    private static float[] renormalizeRows(int n, float[] a) {
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += a[i * n + j];
            }
            if (sum > 0) {
                for (int j = 0; j < n; j++) {
                    a[i * n + j] = (float) (a[i * n + j] / sum);
                }
            }
        }
        return a;
    }
}
