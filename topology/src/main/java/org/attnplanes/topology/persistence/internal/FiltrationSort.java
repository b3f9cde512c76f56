package org.attnplanes.topology.persistence.internal;

import java.util.Arrays;

/**
 * Sorts parallel primitive arrays of simplex entries (diameter, index[, coefficient]) into filtration order:
 * diameter ascending, equal diameters by larger index first (Ripser's order; the pivot of a coboundary column is
 * the first entry). The one sort shared by {@link SimplexList} and {@link EntryBuffer}.
 *
 * <p>When every diameter has its sign bit clear (no {@code -0.0}, no NaN), every index is below 2^32 and every
 * coefficient is 1, an entry packs into one {@code long} key, {@code (diameter bits << 32) | (2^32 − 1 − index)},
 * whose natural order is the filtration order (non-negative float bits order like the floats), and
 * {@link #sortKeys} sorts the keys. Otherwise an in-place quicksort with an insertion-sort
 * base case compares entries directly. Both give the same order for distinct indices.
 */
final class FiltrationSort {

    /** Below this size the direct insertion/quick sort beats packing. */
    private static final int PACK_MIN = 24;

    private FiltrationSort() {
    }

    /** Whether {@code (d1, i1)} comes before {@code (d2, i2)} in filtration order. */
    static boolean before(float d1, long i1, float d2, long i2) {
        return d1 < d2 || (d1 == d2 && i1 > i2);
    }

    /** The packed key of an entry (see the class comment; valid only for packable entries). */
    static long key(float diam, long idx) {
        return ((long) Float.floatToRawIntBits(diam) << 32) | (0xFFFFFFFFL - idx);
    }

    /** The diameter of a packed key. */
    static float keyDiam(long key) {
        return Float.intBitsToFloat((int) (key >>> 32));
    }

    /** The index of a packed key. */
    static long keyIdx(long key) {
        return 0xFFFFFFFFL - (key & 0xFFFFFFFFL);
    }

    /** Whether the entry packs into a key. */
    static boolean packable(float diam, long idx) {
        return Float.floatToRawIntBits(diam) >= 0 && !Float.isNaN(diam) && (idx >>> 32) == 0;
    }

    /**
     * Sorts entries {@code [0, size)} into filtration order.
     *
     * @param coef    coefficients moved along with the entries, or null
     * @param scratch a key buffer of length {@code >= size} for the packed sort, or null (then one is allocated
     *                if needed)
     * @return the scratch buffer used (for reuse by the caller), possibly a new one, or {@code scratch}
     */
    static long[] sort(float[] diam, long[] idx, int[] coef, int size, long[] scratch) {
        if (size > PACK_MIN && packable(diam, idx, coef, size)) {
            long[] keys = scratch != null && scratch.length >= size ? scratch : new long[Math.max(size, diam.length)];
            for (int k = 0; k < size; k++) {
                keys[k] = key(diam[k], idx[k]);
            }
            sortKeys(keys, 0, size);
            for (int k = 0; k < size; k++) {
                long key = keys[k];
                diam[k] = keyDiam(key);
                idx[k] = keyIdx(key);
            }
            return keys;
        }
        quicksort(diam, idx, coef, 0, size - 1);
        return scratch;
    }

    /**
     * Sorts packed keys {@code a[from, to)} ascending: a median-of-three quicksort with an insertion-sort base
     * case. Unlike {@link Arrays#sort(long[], int, int)} it does not look for presorted runs, which on keys
     * generated row by row (many short runs) costs more than it saves at the sizes of small planes.
     */
    static void sortKeys(long[] a, int from, int to) {
        int lo = from;
        int hi = to - 1;
        while (hi - lo > 24) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            long p = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < p) {
                    i++;
                }
                while (p < a[j]) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (j - lo < hi - i) {
                sortKeys(a, lo, j + 1);
                lo = i;
            } else {
                sortKeys(a, i, hi + 1);
                hi = j;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            long v = a[i];
            int j = i - 1;
            while (j >= lo && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    /**
     * Sorts packed keys {@code a[0, m)} ascending into {@code out[0, m)} when their diameters lie in
     * {@code [0, top]} and crowd below {@code top} (an attention plane's filtration up to its enclosing radius:
     * most edges are weak, so most values lie just below the cut). One pass puts each key in one of 2m to 4m
     * buckets by the bits of {@code top − d} (monotone in d, log-spaced: finest near the top), a counting pass
     * places the buckets in order, and an insertion sort finishes the few keys that share a bucket. The order is
     * exact whatever the buckets (the insertion sort guarantees it); if the keys crowd into few buckets after all,
     * the insertion sort gives up after a budget of moves and {@link #sortKeys} finishes.
     *
     * @param top     the largest diameter, {@code > 0} and finite
     * @param buckets scratch of length {@code >= 4m + 1}
     * @param which   scratch of length {@code >= m}
     */
    static void sortKeysSpread(long[] a, int m, float top, long[] out, int[] buckets, int[] which) {
        int size = Integer.highestOneBit(m) << 2;
        java.util.Arrays.fill(buckets, 0, size + 1, 0);
        if (m < 2) {
            System.arraycopy(a, 0, out, 0, m);
            return;
        }
        // bucket b's count goes to buckets[b + 1], so that the prefix sums below leave its start in buckets[b]
        assignBuckets(a, m, top, 24, size, which, buckets, 1);
        for (int b = 1; b <= size; b++) {
            buckets[b] += buckets[b - 1];
        }
        for (int k = 0; k < m; k++) {
            out[buckets[which[k]]++] = a[k];
        }
        finishSorting(out, m);
    }

    /**
     * As {@link #sortKeysSpread}, tuned for the small-plane engine's edges (an attention plane's values up to its
     * enclosing radius): the buckets span the 15 octaves of {@code top − d} below the top's, 32 buckets an octave
     * (on corpus200 98.5 % of the keys lie within 12 octaves, so the 24 of {@link #sortKeysSpread} left half its
     * buckets empty and took 0.49 insertion moves per key), and the bucket counts need no clearing per call: they
     * are zero on entry and left zero (the pass that turns them into starts zeroes them as it reads them).
     *
     * @param counts scratch of length {@code >= 4m}, all zero (left so)
     * @param starts scratch of length {@code >= 4m}
     * @param which  scratch of length {@code >= m}
     */
    static void sortKeysCrowded(long[] a, int m, float top, long[] out, int[] counts, int[] starts, int[] which) {
        if (m < 2) {
            System.arraycopy(a, 0, out, 0, m);
            return;
        }
        int size = Integer.highestOneBit(m) << 2;
        assignBuckets(a, m, top, 15, size, which, counts, 0);
        int sum = 0;
        for (int b = 0; b < size; b++) {
            starts[b] = sum;
            sum += counts[b];
            counts[b] = 0;
        }
        for (int k = 0; k < m; k++) {
            out[starts[which[k]]++] = a[k];
        }
        finishSorting(out, m);
    }

    /**
     * The bucket pass of {@link #sortKeysSpread} and {@link #sortKeysCrowded}: puts key k in bucket {@code which[k]}
     * by the bits of u = top − d (monotone in d, like the float) over the {@code octaves} octaves below top's,
     * log-spaced: finest just below the top, where the keys crowd; smaller u (larger d) take the later buckets. Counts
     * bucket b in {@code counts[b + offset]}.
     */
    private static void assignBuckets(long[] a, int m, float top, int octaves, int size, int[] which, int[] counts,
                                      int offset) {
        int last = size - 1;
        int topBits = Float.floatToRawIntBits(top);
        int lo = Math.max(0, topBits - (octaves << 23));
        int shift = bucketShift(size, topBits - lo);
        for (int k = 0; k < m; k++) {
            int v = Float.floatToRawIntBits(top - Float.intBitsToFloat((int) (a[k] >>> 32))) - lo;
            v &= ~(v >> 31);
            int b = last - (v >>> shift);
            which[k] = b;
            counts[b + offset]++;
        }
    }

    /**
     * The smallest shift that maps {@code [0, range]} into {@code size} buckets: the range's bit length minus
     * log2(size) (one call instead of a loop of ~20 steps under C1; the same result for every range in [0, 2^31)).
     */
    private static int bucketShift(int size, int range) {
        return Math.max(0, 1 + Integer.numberOfLeadingZeros(size) - Integer.numberOfLeadingZeros(range));
    }

    /**
     * Insertion-sorts keys {@code out[0, m)} already in bucket order; if they crowded into few buckets after all, it
     * gives up after a budget of moves and {@link #sortKeys} finishes.
     */
    private static void finishSorting(long[] out, int m) {
        int budget = 8 * m;
        for (int i = 1; i < m; i++) {
            long v = out[i];
            int j = i - 1;
            while (j >= 0 && out[j] > v) {
                out[j + 1] = out[j];
                j--;
            }
            out[j + 1] = v;
            budget -= i - 1 - j;
            if (budget < 0) {
                sortKeys(out, 0, m);
                return;
            }
        }
    }

    private static void swap(long[] a, int i, int j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static boolean packable(float[] diam, long[] idx, int[] coef, int size) {
        for (int k = 0; k < size; k++) {
            if (!packable(diam[k], idx[k]) || (coef != null && coef[k] != 1)) {
                return false;
            }
        }
        return true;
    }

    /** Swaps entries {@code a} and {@code b} of the parallel arrays ({@code coef} may be null). */
    static void swap(float[] diam, long[] idx, int[] coef, int a, int b) {
        float d = diam[a];
        diam[a] = diam[b];
        diam[b] = d;
        long i = idx[a];
        idx[a] = idx[b];
        idx[b] = i;
        if (coef != null) {
            int c = coef[a];
            coef[a] = coef[b];
            coef[b] = c;
        }
    }

    private static boolean less(float[] diam, long[] idx, int a, int b) {
        return before(diam[a], idx[a], diam[b], idx[b]);
    }

    private static void quicksort(float[] diam, long[] idx, int[] coef, int lo, int hi) {
        while (hi - lo > 16) {
            int mid = (lo + hi) >>> 1;
            if (less(diam, idx, mid, lo)) {
                swap(diam, idx, coef, mid, lo);
            }
            if (less(diam, idx, hi, lo)) {
                swap(diam, idx, coef, hi, lo);
            }
            if (less(diam, idx, hi, mid)) {
                swap(diam, idx, coef, hi, mid);
            }
            float pd = diam[mid];
            long pi = idx[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (before(diam[i], idx[i], pd, pi)) {
                    i++;
                }
                while (before(pd, pi, diam[j], idx[j])) {
                    j--;
                }
                if (i <= j) {
                    swap(diam, idx, coef, i, j);
                    i++;
                    j--;
                }
            }
            if (j - lo < hi - i) {
                quicksort(diam, idx, coef, lo, j);
                lo = i;
            } else {
                quicksort(diam, idx, coef, i, hi);
                hi = j;
            }
        }
        for (int a = lo + 1; a <= hi; a++) {
            for (int b = a; b > lo && less(diam, idx, b, b - 1); b--) {
                swap(diam, idx, coef, b, b - 1);
            }
        }
    }
}
