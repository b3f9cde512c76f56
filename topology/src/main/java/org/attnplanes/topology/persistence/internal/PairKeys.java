package org.attnplanes.topology.persistence.internal;

/**
 * The pairs of a small plane as filtration keys ({@link SmallFlagEngine}, at most 64 vertices) and its cut: one pass
 * over the compressed lower triangle, or straight over attention weights, writes the key
 * {@code (value bits << 32) | (2^32 − 1 − ((i << 6) | j))} of every pair {@code i > j} in that order and takes the
 * row maxima on the way, from which the threshold (just below the enclosing radius) and the value at which the
 * bars alive there close follow. No distance matrix: the engine keeps only the keys of the edges entering up to the
 * threshold, and compares diameters through their ranks. Reused across calls; not thread-safe.
 */
final class PairKeys {

    /** Edges above this never enter. */
    float threshold;
    /** The enclosing radius when the filtration is cut just below it (bars alive there end at it), else NaN. */
    float closeAt;
    private int n;
    private final float[] rowMax = new float[SmallFlagEngine.MAX_VERTICES];
    private final int[] rowMaxBits = new int[SmallFlagEngine.MAX_VERTICES];

    /**
     * Writes the key of every pair to {@code keys[0, n(n − 1)/2)}, and the threshold (the enclosing radius,
     * {@code min_i max_j d(i, j)}, capped at the largest finite float so that {@code +∞} never enters); false if a
     * value has its sign bit set.
     */
    boolean load(float[] lower, int n, long[] keys) {
        this.n = n;
        // row maxima on the raw bits (non-negative floats order like their bits), branch-free: a float comparison
        // is a branch under C1 and mispredicts on attention rows; a negative value (sign bit) makes the call return
        // false, and a NaN (never from a Filtration) shows in the row maxima after the loop, which then takes
        // radiusWithNaN
        int[] rm = rowMaxBits;
        java.util.Arrays.fill(rm, 0, n, 0);
        int negative = 0;
        int k = 0;
        for (int i = 1; i < n; i++) {
            // the low half of the keys of row i: 2^32 − 1 − ((i << 6) | j), j = 0, 1, ...
            long low = 0xFFFFFFFFL - (i << 6);
            int mi = 0;
            for (int j = 0; j < i; j++) {
                int b = Float.floatToRawIntBits(lower[k]);
                keys[k++] = ((long) b << 32) | low--;
                negative |= b;
                int t = mi - b;
                mi -= t & (t >> 31);
                int r = rm[j];
                t = r - b;
                rm[j] = r - (t & (t >> 31));
            }
            int r = rm[i];
            int t = r - mi;
            rm[i] = r - (t & (t >> 31));
        }
        if (negative < 0) {
            return false;
        }
        // no sign bit: a NaN's bits exceed +inf's, so some row maximum shows it (no per-value test needed)
        int nan = 0;
        for (int i = 0; i < n; i++) {
            nan |= 0x7F800000 - rm[i];
        }
        cut(nan < 0 ? radiusWithNaN(lower) : radiusOfRowMaxima());
        return true;
    }

    /**
     * As {@link #load} for the values {@code 1 − max(w_ij, w_ji)} of weights {@code a} (Filtration.fromWeights's
     * arithmetic: the maximum and the zeroing on the raw bits); false if a weight is outside [+0, 1] (−0 included:
     * the filtration, which takes it as +0, is the way for such input).
     */
    boolean loadWeights(float[] a, int n, float zeroAtOrBelow, long[] keys) {
        this.n = n;
        int zb = zeroAtOrBelow >= 0f ? Float.floatToRawIntBits(Math.abs(zeroAtOrBelow)) : -1;
        int nn = n;
        int[] rm = rowMaxBits;
        java.util.Arrays.fill(rm, 0, nn, 0);
        // branch-free: a weight outside [+0, 1] (sign bit set, above 1, NaN) makes the flag negative, and the call
        // returns false after the loop (-0 included: the filtration, which takes it as +0, is built then instead)
        int bad = 0;
        int k = 0;
        for (int i = 1; i < nn; i++) {
            int row = i * nn;
            long low = 0xFFFFFFFFL - (i << 6);
            int mi = 0;
            for (int j = 0; j < i; j++) {
                int xb = Float.floatToRawIntBits(a[row + j]);
                int yb = Float.floatToRawIntBits(a[j * nn + i]);
                int t = xb - yb;
                int wb = xb - (t & (t >> 31));
                // a sign bit on either; else the larger bits above 1's (a NaN's included) for both
                bad |= xb | yb | (0x3F800000 - wb);
                wb &= (zb - wb) >> 31;
                // 1 − w with w in [0, 1]: in [+0, 1], so its bits order like the value
                int b = Float.floatToRawIntBits(1f - Float.intBitsToFloat(wb));
                keys[k++] = ((long) b << 32) | low--;
                t = mi - b;
                mi -= t & (t >> 31);
                int r = rm[j];
                t = r - b;
                rm[j] = r - (t & (t >> 31));
            }
            int r = rm[i];
            int t = r - mi;
            rm[i] = r - (t & (t >> 31));
        }
        if (bad < 0) {
            return false;
        }
        cut(radiusOfRowMaxima());
        return true;
    }

    /** The enclosing radius from the row maxima's bits ({@code +∞} below 2 vertices). */
    private float radiusOfRowMaxima() {
        if (n < 2) {
            return Float.POSITIVE_INFINITY;
        }
        int[] rm = rowMaxBits;
        int rb = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            int t = rm[i] - rb;
            rb += t & (t >> 31);
        }
        return Float.intBitsToFloat(rb);
    }

    /**
     * Sets the threshold from the enclosing radius. As in the general engine: at a finite enclosing radius r > 0
     * the complex is a cone, so every class alive just below r dies at r; reduce only below r and close the
     * surviving bars at r. On attention planes the tie block at r (weights rounding to d = 1) is most of the
     * edges, and all of it would be reduced for zero-length pairs.
     */
    private void cut(float radius) {
        if (radius > 0f && radius != Float.POSITIVE_INFINITY) {
            threshold = Math.nextDown(radius);
            closeAt = radius;
        } else {
            threshold = Math.min(radius, Float.MAX_VALUE);
            closeAt = Float.NaN;
        }
    }

    /** The enclosing radius as the float loop finds it when a value is NaN (a NaN row maximum makes it NaN). */
    private float radiusWithNaN(float[] lower) {
        float[] rowMax = this.rowMax;
        java.util.Arrays.fill(rowMax, 0, n, 0f);
        int k = 0;
        for (int i = 1; i < n; i++) {
            float mi = 0f;
            for (int j = 0; j < i; j++) {
                float v = lower[k++];
                if (v > mi || v != v) {
                    mi = v; // Math.max(mi, v) (NaN sticks) without the call C1 makes for it
                }
                if (v > rowMax[j]) {
                    rowMax[j] = v;
                }
            }
            rowMax[i] = Math.max(rowMax[i], mi);
        }
        float radius = Float.POSITIVE_INFINITY;
        if (n >= 2) {
            for (int i = 0; i < n; i++) {
                radius = Math.min(radius, rowMax[i]);
            }
        }
        return radius;
    }
}
