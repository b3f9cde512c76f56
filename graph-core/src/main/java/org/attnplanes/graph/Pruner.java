package org.attnplanes.graph;

import java.util.Arrays;

/**
 * Internal: decides which edges of a plane are kept for display (threshold, top-k per node, cumulative
 * row mass, special tokens). See {@link GraphSpec} and {@link Plane} for the documented semantics.
 */
final class Pruner {

    private final float threshold;
    private final int topK;
    private final double mass;
    private final boolean[] excluded;
    private final boolean rankByNormalized;
    private final int targets;

    /**
     * @param excluded         nodes whose edges are dropped (special tokens when dropped), or null
     * @param rankByNormalized rank top-k candidates by normalized weight first (PER_ROW, where the
     *                         normalized view is not monotone in the symmetrized raw weight)
     */
    Pruner(GraphSpec spec, boolean[] excluded, boolean rankByNormalized) {
        this(spec, excluded, rankByNormalized, 0);
    }

    /**
     * @param targets &gt; 0 for a bipartite plane: only target–source pairs (target i &lt; targets) are candidates,
     *                and only target rows choose (top-k and cumulative mass per target row)
     */
    Pruner(GraphSpec spec, boolean[] excluded, boolean rankByNormalized, int targets) {
        this.targets = targets;
        this.threshold = (float) spec.threshold();
        this.topK = spec.topK().orElse(0);
        this.mass = spec.cumulativeMass().orElse(0);
        this.excluded = excluded;
        this.rankByNormalized = rankByNormalized;
    }

    /**
     * @param raw the plane's raw (symmetrized) weights as a full row-major n × n matrix
     */
    EdgeList prune(ReducedWeights w, int n, boolean directed, float[] raw) {
        boolean[] byTopK = topK > 0 ? topKChoices(w, n, directed, raw) : null;
        boolean[] byMass = mass > 0 ? massChoices(w, n, directed) : null;
        long all = directed ? (long) n * (n - 1) : (long) n * (n - 1) / 2;
        int capacity = byTopK == null && byMass == null && threshold <= 0 ? (int) all
                : (int) Math.min(all, (long) n * Math.max(topK, 4));
        IntList sources = new IntList(capacity);
        IntList targets = new IntList(capacity);
        for (int i = 0; i < n; i++) {
            if ((excluded != null && excluded[i]) || (this.targets > 0 && i >= this.targets)) {
                continue;       // (a bipartite plane's edges all start at a target: targets come first)
            }
            int row = i * n;
            for (int j = directed ? 0 : i + 1; j < n; j++) {
                if (j == i || (excluded != null && excluded[j]) || sameSide(i, j)) {
                    continue;
                }
                if (byTopK != null && !byTopK[row + j]) {
                    continue;
                }
                if (byMass != null && !byMass[row + j]) {
                    continue;
                }
                if (threshold > 0 && w.normalizedFromRaw(i, j, raw[row + j]) < threshold) {
                    continue;
                }
                sources.add(i);
                targets.add(j);
            }
        }
        return new EdgeList(sources.size(), sources.array(), targets.array(), w);
    }

    private boolean sameSide(int i, int j) {
        return this.targets > 0 && (i < this.targets) == (j < this.targets);
    }

    /**
     * chosen[i·n + j]: node i chose j among its top k (ties to the lower index); for an undirected plane also
     * set at [j·n + i], so that a pair is chosen when either end chose it.
     */
    private boolean[] topKChoices(ReducedWeights w, int n, boolean directed, float[] rawMatrix) {
        boolean[] chosen = new boolean[n * n];
        int[] idx = new int[topK];
        float[] primary = new float[topK];
        float[] secondary = new float[topK];
        for (int i = 0; i < n; i++) {
            if ((excluded != null && excluded[i]) || (targets > 0 && i >= targets)) {
                continue;
            }
            int count = 0;
            for (int j = 0; j < n; j++) {
                if (j == i || (excluded != null && excluded[j]) || sameSide(i, j)) {
                    continue;
                }
                float raw = rawMatrix[i * n + j];
                float p = rankByNormalized ? w.normalized(i, j) : raw;
                if (count == topK && !(p > primary[count - 1]
                        || (p == primary[count - 1] && raw > secondary[count - 1]))) {
                    continue;
                }
                int pos = count < topK ? count++ : topK - 1;
                while (pos > 0 && (p > primary[pos - 1] || (p == primary[pos - 1] && raw > secondary[pos - 1]))) {
                    idx[pos] = idx[pos - 1];
                    primary[pos] = primary[pos - 1];
                    secondary[pos] = secondary[pos - 1];
                    pos--;
                }
                idx[pos] = j;
                primary[pos] = p;
                secondary[pos] = raw;
            }
            for (int c = 0; c < count; c++) {
                chosen[i * n + idx[c]] = true;
                if (!directed) {
                    chosen[idx[c] * n + i] = true;
                }
            }
        }
        return chosen;
    }

    /**
     * chosen[i·n + j]: key j is among the strongest keys of query row i (directed attention, off-diagonal)
     * whose cumulative mass first reaches p of the row's off-diagonal mass; ties to the lower index. For an
     * undirected plane also set at [j·n + i].
     */
    private boolean[] massChoices(ReducedWeights w, int n, boolean directed) {
        boolean[] chosen = new boolean[n * n];
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            if ((excluded != null && excluded[i]) || (targets > 0 && i >= targets)) {
                continue;
            }
            int count = 0;
            double total = 0;
            for (int j = 0; j < n; j++) {
                if (j == i || (excluded != null && excluded[j]) || sameSide(i, j)) {
                    continue;
                }
                float a = Math.max(0f, w.attention(i, j));
                total += a;
                // ascending sort on (weight, −j): the strongest, then lowest index, comes last
                keys[count++] = ((long) Float.floatToIntBits(a) << 32) | (0xFFFFFFFFL - j);
            }
            Arrays.sort(keys, 0, count);
            double target = mass * total;
            double cumulative = 0;
            for (int c = count - 1; c >= 0 && cumulative < target; c--) {
                float a = Float.intBitsToFloat((int) (keys[c] >>> 32));
                if (a <= 0f) {
                    break;
                }
                int j = (int) (0xFFFFFFFFL - (keys[c] & 0xFFFFFFFFL));
                chosen[i * n + j] = true;
                if (!directed) {
                    chosen[j * n + i] = true;
                }
                cumulative += a;
            }
        }
        return chosen;
    }
}
