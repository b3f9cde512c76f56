package org.attnplanes.topology.divergence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The head selection of TOHA (Bazarova et al. 2025) as the authors' code performs it: on a labelled probe set,
 * the gap of a head is {@code mean(score | label 1) − mean(score | label 0)}; heads are taken greedily in
 * decreasing gap (ties: lowest layer, then lowest head, like {@code np.argmax} over the layer × head table);
 * for {@code n = 1 .. maxHeads} the prediction is the mean score of the first n heads, and the selection is
 * the prefix with the highest ROC AUC on the probe set (the first such n). A new input is then scored by the
 * mean of its absolute scores over the selected heads (the authors' unsupervised prediction).
 *
 * <p>Immutable.
 *
 * @param heads   all heads, {@code {layer, head}}, in the order of the score columns
 * @param gaps    the gap of each head (same order)
 * @param ranking the first {@code maxHeads} picks, as indices into {@code heads}
 * @param aurocs  ROC AUC of the prefix of length {@code n + 1} of {@code ranking}
 * @param selected number of heads kept ({@code 1 ..} ranking length)
 */
public record HeadSelection(List<int[]> heads, double[] gaps, int[] ranking, double[] aurocs, int selected) {

    /** Validates and copies. */
    public HeadSelection {
        heads = List.copyOf(heads);
        gaps = gaps.clone();
        ranking = ranking.clone();
        aurocs = aurocs.clone();
        if (selected < 1 || selected > ranking.length) {
            throw new IllegalArgumentException("selected = " + selected + " must be in [1, " + ranking.length + "]");
        }
    }

    /**
     * Selects heads.
     *
     * @param heads    the heads {@code {layer, head}} of the score columns
     * @param scores   {@code scores[sample][column]}, the MTop-Div of every head for every probe input
     * @param labels   {@code 0} or {@code 1} per probe input (1 = the group expected to score higher, e.g.
     *                 hallucinated); both groups must be present
     * @param maxHeads the largest number of heads averaged ({@code n_max}, 6 in the paper)
     * @throws IllegalArgumentException naming the bad parameter
     */
    public static HeadSelection select(List<int[]> heads, double[][] scores, int[] labels, int maxHeads) {
        Objects.requireNonNull(heads, "heads");
        int m = heads.size();
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores has " + scores.length + " rows but labels has "
                    + labels.length + " entries");
        }
        if (maxHeads < 1) {
            throw new IllegalArgumentException("maxHeads = " + maxHeads + " must be >= 1");
        }
        int ones = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("label " + labels[i] + " of probe input " + i + " must be 0 or 1");
            }
            if (scores[i].length != m) {
                throw new IllegalArgumentException("probe input " + i + " has " + scores[i].length
                        + " head scores; expected " + m);
            }
            ones += labels[i];
        }
        if (ones == 0 || ones == labels.length) {
            throw new IllegalArgumentException("the labels must contain both 0 and 1 (got " + ones + " ones among "
                    + labels.length + " inputs)");
        }
        double[] gaps = new double[m];
        for (int c = 0; c < m; c++) {
            double s1 = 0;
            double s0 = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == 1) {
                    s1 += scores[i][c];
                } else {
                    s0 += scores[i][c];
                }
            }
            gaps[c] = s1 / ones - s0 / (labels.length - ones);
        }
        int k = Math.min(maxHeads, m);
        int[] ranking = new int[k];
        boolean[] taken = new boolean[m];
        double[] aurocs = new double[k];
        double[] prediction = new double[labels.length];
        int best = 0;
        double bestAuroc = 0;
        for (int n = 0; n < k; n++) {
            int pick = -1;
            for (int c = 0; c < m; c++) {
                if (!taken[c] && (pick < 0 || gaps[c] > gaps[pick])) {
                    pick = c;
                }
            }
            taken[pick] = true;
            ranking[n] = pick;
            for (int i = 0; i < labels.length; i++) {
                prediction[i] += scores[i][pick];
            }
            double[] mean = new double[labels.length];
            for (int i = 0; i < labels.length; i++) {
                mean[i] = prediction[i] / (n + 1);
            }
            aurocs[n] = auroc(mean, labels);
            if (aurocs[n] > bestAuroc) {
                bestAuroc = aurocs[n];
                best = n + 1;
            }
        }
        return new HeadSelection(heads, gaps, ranking, aurocs, Math.max(best, 1));
    }

    /** The selected heads, {@code {layer, head}}, in pick order. */
    public List<int[]> selectedHeads() {
        List<int[]> out = new ArrayList<>();
        for (int n = 0; n < selected; n++) {
            out.add(heads.get(ranking[n]).clone());
        }
        return out;
    }

    /** The score of one input: the mean of |score| over the selected heads (columns as in {@link #heads()}). */
    public double score(double[] headScores) {
        if (headScores.length != heads.size()) {
            throw new IllegalArgumentException("headScores has " + headScores.length + " entries; expected "
                    + heads.size());
        }
        double s = 0;
        for (int n = 0; n < selected; n++) {
            s += Math.abs(headScores[ranking[n]]);
        }
        return s / selected;
    }

    /**
     * ROC AUC of {@code score} for {@code labels} (1 = positive): the Mann–Whitney statistic with ties counted
     * one half, as {@code sklearn.metrics.roc_auc_score}.
     */
    public static double auroc(double[] score, int[] labels) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (labels[order[t]] == 1) {
                    rankSumPositive += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("HeadSelection[");
        for (int[] h : selectedHeads()) {
            b.append(h[0]).append('.').append(h[1]).append(' ');
        }
        return b.append("of ").append(heads.size()).append(" heads]").toString();
    }
}
