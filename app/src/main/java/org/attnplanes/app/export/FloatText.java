package org.attnplanes.app.export;

/**
 * {@link Float#toString(float)} of a float in [0.001, 1) written as ASCII bytes without a String or a builder: the
 * numbers of {@code barcodes.json} (bar ends 1 − w of attention weights w), about 600,000 of them in a 200-sentence
 * {@code analyze}, where the JDK's conversion was a third of the file's writing time under the launcher's C1.
 *
 * <p>In this range {@code Float.toString} writes {@code 0.} and the shortest decimal that reads back as the same
 * float (the one closer to it when two of that length do). This finds the fewest significant digits k ∈ [1, 9]
 * (binary search: if k digits read back, so do k + 1) with exact integer arithmetic: for {@code f = m·2^−s} and p
 * decimals, {@code f·10^p = m·5^p / 2^(s−p)}, which fits a long; a candidate (the floor or the ceiling of that)
 * reads back when its distance from f is below half the gap to the neighbouring floats. The rare value whose two
 * candidates both read back at the same distance (127 floats of the range) is left to the JDK ({@code -1}). Checked against {@code Float.toString} on every float of the range (83,684,753 values; {@code
 * FloatTextTest} with {@code -Dattnplanes.test.exhaustive=true}) and on seeded samples in every build.
 */
final class FloatText {

    /** The longest text written: {@code 0.} plus up to 11 decimals. */
    static final int MAX_BYTES = 13;

    private static final long[] POW5 = new long[12];

    static {
        long p = 1;
        for (int i = 0; i < POW5.length; i++) {
            POW5[i] = p;
            p *= 5;
        }
    }

    private FloatText() {
    }

    /**
     * Writes {@code Float.toString(f)} into {@code out} at {@code at} when {@code 0.001f <= f < 1} (and not a tie
     * between two candidates); returns the end, or -1 when nothing was written (then the caller asks the JDK).
     */
    static int unitInterval(float f, byte[] out, int at) {
        if (!(f >= 1e-3f && f < 1f)) {
            return -1;
        }
        int bits = Float.floatToRawIntBits(f);
        long m = (bits & 0x7fffff) | 0x800000;      // f = m·2^-s, m in [2^23, 2^24): no subnormal in this range
        int s = 150 - (bits >>> 23);
        int e = f >= 0.1f ? -1 : f >= 0.01f ? -2 : -3;   // about 10^e <= f < 10^(e+1) (only p = k - 1 - e matters)
        int lo = 1;
        int hi = 9;                                 // 9 significant digits always read back as the same float
        long d = NONE;                              // digits(m, s, hi - 1 - e) once computed
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long t = digits(m, s, mid - 1 - e);
            if (t != NONE) {
                hi = mid;
                d = t;
            } else {
                lo = mid + 1;
            }
        }
        int p = lo - 1 - e;
        if (d == NONE) {
            d = digits(m, s, p);                    // hi stayed 9: not computed in the search
        }
        if (d < 0) {
            return -1;                              // NONE (cannot happen at 9 digits) or TIE
        }
        int len = Digits.count((int) d);            // d < 10^9: at most 9 significant digits
        if (len > p) {
            return -1;                              // rounded up to 1.0 (not in this range's form)
        }
        out[at++] = '0';
        out[at++] = '.';
        for (int i = len; i < p; i++) {
            out[at++] = '0';
        }
        int end = at + len;
        Digits.backwards(out, end, (int) d);
        return end;
    }

    private static final long NONE = -1;
    private static final long TIE = -2;

    /**
     * The p-decimal integer d that reads back as {@code m·2^-s} (the closer of floor and ceiling of
     * {@code m·2^-s·10^p} when both do), {@link #NONE} when neither does, {@link #TIE} when both do at the same
     * distance.
     */
    private static long digits(long m, int s, int p) {
        long n = m * POW5[p];                       // f·10^p = n / 2^shift exactly
        int shift = s - p;
        long below = n & ((1L << shift) - 1);       // f·10^p - floor, in units of 2^-shift
        long above = (1L << shift) - below;         // ceiling - f·10^p
        long gap = POW5[p];                         // the gap to the neighbouring floats, in those units
        // strictly inside half the gap: a decimal of at most 11 places is never exactly halfway between two floats
        // of this range (that needs 25 or more places), and the narrower gap below a power of two never decides (each
        // power of two here is an exact decimal of at most 7 significant digits, found before any closer rounding)
        boolean floorOk = 2 * below < gap;
        boolean ceilOk = 2 * above < gap;
        if (floorOk && ceilOk) {
            return below < above ? n >>> shift : below > above ? (n >>> shift) + 1 : TIE;
        }
        return floorOk ? n >>> shift : ceilOk ? (n >>> shift) + 1 : NONE;
    }
}
