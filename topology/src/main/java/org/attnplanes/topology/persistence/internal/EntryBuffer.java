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
        return FiltrationSort.before(d1, i1, d2, i2);
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
        keys = FiltrationSort.sort(diam, idx, coef, size, keys);
    }

    private long[] keys;
}
