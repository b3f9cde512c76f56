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
