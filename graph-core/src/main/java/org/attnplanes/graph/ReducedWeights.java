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

    /** A plane normalized by a scale over symmetrized weights. */
    ReducedWeights(int n, float[] a, Symmetrization symmetrization, WeightScale scale) {
        this.n = n;
        this.a = a;
        this.symmetrization = symmetrization;
        this.scale = scale;
        this.rowMin = null;
        this.rowMax = null;
    }

    /** A plane normalized per row before symmetrization. */
    ReducedWeights(int n, float[] a, Symmetrization symmetrization) {
        this.n = n;
        this.a = a;
        this.symmetrization = symmetrization;
        this.scale = null;
        this.rowMin = new float[n];
        this.rowMax = new float[n];
        for (int i = 0; i < n; i++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    float v = Math.abs(a[i * n + j]);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            rowMin[i] = n > 1 ? min : 0f;
            rowMax[i] = n > 1 ? max : 0f;
        }
    }

    int size() {
        return n;
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
        return scale != null ? scale.apply(raw) : normalized(i, j);
    }

    @Override
    public float attention(int query, int key) {
        return a[query * n + key];
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
        return scale != null ? scale.apply(a[i * n + i]) : rowNormalized(i, i);
    }
}
