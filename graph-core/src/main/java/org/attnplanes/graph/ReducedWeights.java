package org.attnplanes.graph;

/**
 * Internal: the weights of one plane built from a trace: the head-reduced directed matrix A (n × n,
 * row-major, shared read-only), the symmetrization applied on access, and the normalization as a
 * {@link WeightScale} (or per-row min–max before symmetrization for {@link Normalization#PER_ROW}).
 */
final class ReducedWeights implements PlaneWeights {

    private final int n;
    private final float[] a;
    private final Symmetrization symmetrization;
    private final WeightScale scale;
    private final float[] rowMin;
    private final float[] rowMax;
    private final int targets;

    /**
     * A plane normalized by a scale over symmetrized weights; {@code targets} &gt; 0 makes it bipartite (nodes
     * 0..targets−1 against the rest: same-side pairs weigh 0).
     */
    ReducedWeights(int n, float[] a, Symmetrization symmetrization, WeightScale scale, int targets) {
        this.targets = targets;
        this.n = n;
        this.a = a;
        this.symmetrization = symmetrization;
        this.scale = scale;
        this.rowMin = null;
        this.rowMax = null;
    }

    /**
     * A plane normalized per row before symmetrization; bipartite ({@code targets} &gt; 0): each target row over the
     * source columns, and a pair's weight is its target row's.
     */
    ReducedWeights(int n, float[] a, Symmetrization symmetrization, int targets) {
        this.targets = targets;
        this.n = n;
        this.a = a;
        this.symmetrization = symmetrization;
        this.scale = null;
        this.rowMin = new float[n];
        this.rowMax = new float[n];
        for (int i = 0; i < n; i++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            boolean any = false;
            for (int j = 0; j < n; j++) {
                if (j != i && allowed(i, j) && (targets == 0 || i < targets)) {
                    float v = Math.abs(a[i * n + j]);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    any = true;
                }
            }
            rowMin[i] = any ? min : 0f;
            rowMax[i] = any ? max : 0f;
        }
    }

    int size() {
        return n;
    }

    /** Whether (i, j) may carry weight: always, except a same-side pair of a bipartite plane. */
    boolean allowed(int i, int j) {
        return targets == 0 || (i < targets) != (j < targets);
    }

    /** The directed matrix itself (read-only). */
    float[] matrix() {
        return a;
    }

    /**
     * The symmetrized raw weights as a full row-major n × n matrix: {@code a} itself when DIRECTED, else
     * {@code scratch} filled tile by tile (so that A and Aᵀ are both read cache-friendly). Diagonal entries
     * hold A[i][i].
     */
    float[] rawMatrix(float[] scratch) {
        if (symmetrization == Symmetrization.DIRECTED) {
            return a;
        }
        final int tile = 8;
        for (int ib = 0; ib < n; ib += tile) {
            int ie = Math.min(n, ib + tile);
            for (int jb = ib; jb < n; jb += tile) {
                int je = Math.min(n, jb + tile);
                for (int i = ib; i < ie; i++) {
                    int row = i * n;
                    int j0 = Math.max(jb, i + 1);
                    switch (symmetrization) {
                        case SUM:
                            for (int j = j0; j < je; j++) {
                                float v = a[row + j] + a[j * n + i];
                                scratch[row + j] = v;
                                scratch[j * n + i] = v;
                            }
                            break;
                        case MAX:
                            for (int j = j0; j < je; j++) {
                                float v = Math.max(a[row + j], a[j * n + i]);
                                scratch[row + j] = v;
                                scratch[j * n + i] = v;
                            }
                            break;
                        default:
                            for (int j = j0; j < je; j++) {
                                float v = (a[row + j] + a[j * n + i]) * 0.5f;
                                scratch[row + j] = v;
                                scratch[j * n + i] = v;
                            }
                            break;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            scratch[i * n + i] = a[i * n + i];
        }
        return scratch;
    }

    /** The normalized weight of (i, j) given its raw weight (avoids re-reading A for scale normalizations). */
    float normalizedFromRaw(int i, int j, float raw) {
        if (!allowed(i, j)) {
            return 0f;
        }
        return scale != null ? scale.apply(raw) : normalized(i, j);
    }

    @Override
    public float attention(int query, int key) {
        return a[query * n + key];
    }

    @Override
    public float[] attentionStorageOrNull(int size) {
        // the array itself when it is exactly the n² (a recycled trace plane's may be longer: PlanePool size classes)
        return size == n && a.length == n * n ? a : null;
    }

    @Override
    public void copyAttentionInto(int size, float[] out) {
        if (size != n) {
            PlaneWeights.super.copyAttentionInto(size, out);
            return;
        }
        System.arraycopy(a, 0, out, 0, n * n);  // the n² that count of a possibly longer pooled array
    }

    @Override
    public void normalizedLowerTriangular(int size, float[] out) {
        if (scale == null || targets > 0 || size != n) {
            PlaneWeights.super.normalizedLowerTriangular(size, out);
            return;
        }
        // normalized(i, j) of a scale normalization without its per-pair checks and calls; the default plane (sum,
        // min-max) in one flat loop with MinMax.apply's arithmetic written out (no call and no switch per pair)
        if (symmetrization == Symmetrization.SUM && scale instanceof WeightScale.MinMax mm && mm.range() > 0) {
            mm.applyToSums(a, n, out);
            return;
        }
        WeightScale s = scale;
        int k = 0;
        for (int i = 1; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < i; j++) {
                out[k++] = s.apply(symmetrize(a[row + j], a[j * n + i]));
            }
        }
    }

    @Override
    public float raw(int i, int j) {
        return symmetrize(a[i * n + j], a[j * n + i]);
    }

    private float symmetrize(float ij, float ji) {
        switch (symmetrization) {
            case SUM:
                return ij + ji;
            case MAX:
                return Math.max(ij, ji);
            case MEAN:
                return (ij + ji) * 0.5f;
            default:
                return ij;
        }
    }

    private float rowNormalized(int i, int j) {
        double min = rowMin[i];
        double range = (double) rowMax[i] - min;
        if (!(range > 0)) {
            return 1f;
        }
        return WeightScale.clamp01((Math.abs(a[i * n + j]) - min) / range);
    }

    @Override
    public float normalized(int i, int j) {
        if (!allowed(i, j)) {
            return 0f;
        }
        if (targets > 0 && scale == null) {
            // bipartite per-row: the pair's weight is its target row's (sources attend to nothing)
            if (symmetrization == Symmetrization.DIRECTED) {
                return i < targets ? rowNormalized(i, j) : 0f;
            }
            return i < targets ? rowNormalized(i, j) : rowNormalized(j, i);
        }
        if (scale != null) {
            return scale.apply(raw(i, j));
        }
        float ij = rowNormalized(i, j);
        if (symmetrization == Symmetrization.DIRECTED) {
            return ij;
        }
        float ji = rowNormalized(j, i);
        return symmetrization == Symmetrization.SUM ? (ij + ji) * 0.5f : symmetrize(ij, ji);
    }

    @Override
    public float selfRaw(int i) {
        return a[i * n + i];
    }

    @Override
    public float selfNormalized(int i) {
        if (targets > 0) {
            return 0f;      // a bipartite plane has no self-attention
        }
        return scale != null ? scale.apply(a[i * n + i]) : rowNormalized(i, i);
    }
}
