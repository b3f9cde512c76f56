package org.attnplanes.topology.persistence.internal;

import java.util.Arrays;

/**
 * A growable array of (diameter, index, coefficient) entries: a column of the coboundary or reduction
 * matrix. Sorted columns are in filtration order (diameter ascending, equal diameters by larger index first),
 * so the pivot of a coboundary column is entry 0.
 */
final class EntryBuffer {

    float[] diam;
    long[] idx;
    int[] coef;
    int size;

    EntryBuffer(int capacity) {
        int c = Math.max(8, capacity);
        diam = new float[c];
        idx = new long[c];
        coef = new int[c];
    }

    void clear() {
        size = 0;
    }

    void ensure(int capacity) {
        if (capacity > diam.length) {
            int c = Math.max(capacity, diam.length * 2);
            diam = Arrays.copyOf(diam, c);
            idx = Arrays.copyOf(idx, c);
            coef = Arrays.copyOf(coef, c);
        }
    }

    void add(float d, long i, int c) {
        if (size == diam.length) {
            ensure(size + 1);
        }
        diam[size] = d;
        idx[size] = i;
        coef[size] = c;
        size++;
    }

    static boolean before(float d1, long i1, float d2, long i2) {
        return d1 < d2 || (d1 == d2 && i1 > i2);
    }

    /** Sorts into filtration order and merges equal indices (summing coefficients mod p, dropping zeros). */
    void sortAndCombine(int modulus) {
        sort();
        int w = 0;
        for (int r = 0; r < size; ) {
            long i = idx[r];
            float d = diam[r];
            int c = 0;
            while (r < size && idx[r] == i) {
                c += coef[r];
                r++;
            }
            c %= modulus;
            if (c != 0) {
                diam[w] = d;
                idx[w] = i;
                coef[w] = c;
                w++;
            }
        }
        size = w;
    }

    /** Sorts into filtration order (entries must have distinct indices, or be combined afterwards). */
    void sort() {
        if (size > 24 && packable()) {
            packedSort();
        } else {
            sort(0, size - 1);
        }
    }

    private long[] keys = new long[0];

    /** Whether every entry has coefficient 1 and index below 2^32 (then one long key orders an entry). */
    private boolean packable() {
        for (int k = 0; k < size; k++) {
            if (coef[k] != 1 || (idx[k] >>> 32) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Sorts by the key (diameter bits, 2^32 − 1 − index): diameters are >= 0, so their bits sort like them. */
    private void packedSort() {
        if (keys.length < size) {
            keys = new long[diam.length];
        }
        for (int k = 0; k < size; k++) {
            keys[k] = ((long) Float.floatToRawIntBits(diam[k]) << 32) | (0xFFFFFFFFL - idx[k]);
        }
        Arrays.sort(keys, 0, size);
        for (int k = 0; k < size; k++) {
            long key = keys[k];
            diam[k] = Float.intBitsToFloat((int) (key >>> 32));
            idx[k] = 0xFFFFFFFFL - (key & 0xFFFFFFFFL);
        }
    }

    private boolean less(int a, int b) {
        return before(diam[a], idx[a], diam[b], idx[b]);
    }

    private void swap(int a, int b) {
        float d = diam[a];
        diam[a] = diam[b];
        diam[b] = d;
        long i = idx[a];
        idx[a] = idx[b];
        idx[b] = i;
        int c = coef[a];
        coef[a] = coef[b];
        coef[b] = c;
    }

    private void sort(int lo, int hi) {
        while (hi - lo > 16) {
            int mid = (lo + hi) >>> 1;
            if (less(mid, lo)) {
                swap(mid, lo);
            }
            if (less(hi, lo)) {
                swap(hi, lo);
            }
            if (less(hi, mid)) {
                swap(hi, mid);
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
                    swap(i, j);
                    i++;
                    j--;
                }
            }
            if (j - lo < hi - i) {
                sort(lo, j);
                lo = i;
            } else {
                sort(i, hi);
                hi = j;
            }
        }
        for (int a = lo + 1; a <= hi; a++) {
            for (int b = a; b > lo && less(b, b - 1); b--) {
                swap(b, b - 1);
            }
        }
    }
}
