package org.attnplanes.graph;

import java.util.Arrays;

/**
 * Internal: a monotone map from a raw weight to [0, 1] (one {@link Normalization} with its parameters).
 * Instances are immutable.
 */
abstract class WeightScale {

    /** Maps |raw| to [0, 1]; non-decreasing in |raw|. */
    abstract float apply(float raw);

    /** A short description of the parameters, for provenance. */
    abstract String describe();

    static float clamp01(double v) {
        return v <= 0 ? 0f : v >= 1 ? 1f : (float) v;
    }

    /** Min–max of |w|: (|w| − min) / (max − min); a constant set (max == min) maps to 1. */
    static final class MinMax extends WeightScale {
        private final float min;
        private final float max;
        private final double range;

        MinMax(float min, float max) {
            this.min = min;
            this.max = max;
            this.range = (double) max - min;
        }

        @Override
        float apply(float raw) {
            if (!(range > 0)) {
                return 1f;
            }
            return clamp01((Math.abs(raw) - (double) min) / range);
        }

        double range() {
            return range;
        }

        /**
         * {@code out[k] = apply(a[i][j] + a[j][i])} for the pairs {@code i > j} of the row-major {@code n × n}
         * matrix {@code a}, in lower-triangle order; the same arithmetic as {@link #apply} (bit for bit), for a
         * positive range.
         */
        void applyToSums(float[] a, int n, float[] out) {
            double lo = min;
            double r = range;
            int k = 0;
            for (int i = 1; i < n; i++) {
                int row = i * n;
                for (int j = 0; j < i; j++) {
                    double v = (Math.abs(a[row + j] + a[j * n + i]) - lo) / r;
                    out[k++] = v <= 0 ? 0f : v >= 1 ? 1f : (float) v;
                }
            }
        }

        @Override
        String describe() {
            return "min=" + min + ",max=" + max;
        }
    }

    /** Min–max of log(|w| + ε). */
    static final class Log extends WeightScale {
        private final double epsilon;
        private final double lo;
        private final double range;

        Log(double epsilon, float min, float max) {
            this.epsilon = epsilon;
            this.lo = Math.log(min + epsilon);
            this.range = Math.log(max + epsilon) - lo;
        }

        @Override
        float apply(float raw) {
            if (!(range > 0)) {
                return 1f;
            }
            return clamp01((Math.log(Math.abs(raw) + epsilon) - lo) / range);
        }

        @Override
        String describe() {
            return "epsilon=" + epsilon;
        }
    }

    /** Quantile among the plane's edge weights |w|: (count(≤ |w|) − 1) / (m − 1); ties share the higher rank. */
    static final class Rank extends WeightScale {
        private final float[] sorted;

        /** Takes ownership of {@code absValues} and sorts it. */
        Rank(float[] absValues) {
            Arrays.sort(absValues);
            this.sorted = absValues;
        }

        @Override
        float apply(float raw) {
            int m = sorted.length;
            if (m <= 1) {
                return 1f;
            }
            float v = Math.abs(raw);
            int lo = 0;
            int hi = m; // first index with sorted[idx] > v
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] <= v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return clamp01((lo - 1) / (double) (m - 1));
        }

        @Override
        String describe() {
            return "edges=" + sorted.length;
        }
    }
}
