package org.attnplanes.model.internal;

/**
 * The capture-time check that an attention plane holds probabilities over the keys: every row of a
 * {@code len × len} plane sums to 1 within {@link #TOLERANCE}. A Softmax over the query axis (or any other
 * axis than the keys) passes the graph analysis but fails here (its rows sum to anything, e.g. 0.47–1.29).
 *
 * <p>Cheap by design: one pass over the plane while it is still in cache after the copy, eight independent
 * partial sums per row (see BENCHMARKS.md, "row-sum check at capture").
 */
public final class RowSums {

    /** Allowed |row sum − 1|: float32 (and float16) Softmax rows are exact to well within it. */
    public static final double TOLERANCE = 1e-3;

    private RowSums() {
    }

    /**
     * The first row of the row-major {@code len × len} plane whose sum is not within {@link #TOLERANCE} of 1
     * (a NaN sum counts as off), or −1 when every row sums to 1.
     */
    public static int firstBadRow(float[] plane, int len) {
        for (int i = 0; i < len; i++) {
            if (!(Math.abs(rowSum(plane, i * len, len) - 1) <= TOLERANCE)) {
                return i;
            }
        }
        return -1;
    }

    /** The sum of {@code plane[from .. from + len)} (eight partial sums, added in float). */
    public static double rowSum(float[] plane, int from, int len) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int j = from;
        int end = from + len;
        for (; j + 7 < end; j += 8) {
            s0 += plane[j];
            s1 += plane[j + 1];
            s2 += plane[j + 2];
            s3 += plane[j + 3];
            s4 += plane[j + 4];
            s5 += plane[j + 5];
            s6 += plane[j + 6];
            s7 += plane[j + 7];
        }
        for (; j < end; j++) {
            s0 += plane[j];
        }
        return ((double) s0 + s1 + s2 + s3) + ((double) s4 + s5 + s6 + s7);
    }
}
