package org.attnplanes.topology.persistence.internal;

import java.util.Arrays;

/**
 * A binary heap of (diameter, index, coefficient) entries in parallel primitive arrays. The top is the entry
 * that comes first in the filtration: smallest diameter, ties broken by the larger index (Ripser's order).
 * Equal indices are not merged on push; {@link #popPivot} cancels them lazily, as Ripser does.
 */
final class EntryHeap {

    private float[] diam = new float[64];
    private long[] idx = new long[64];
    private int[] coef = new int[64];
    private int size;
    private final int modulus;

    /** Result of {@link #popPivot}/{@link #getPivot}: index −1 when the column is zero. */
    float pivotDiam;
    long pivotIdx;
    int pivotCoef;

    EntryHeap(int modulus) {
        this.modulus = modulus;
    }

    void clear() {
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    private static boolean before(float d1, long i1, float d2, long i2) {
        return d1 < d2 || (d1 == d2 && i1 > i2);
    }

    void push(float d, long i, int c) {
        if (size == diam.length) {
            int cap = size * 2;
            diam = Arrays.copyOf(diam, cap);
            idx = Arrays.copyOf(idx, cap);
            coef = Arrays.copyOf(coef, cap);
        }
        int hole = size++;
        while (hole > 0) {
            int parent = (hole - 1) >>> 1;
            float pd = diam[parent];
            long pi = idx[parent];
            if (!before(d, i, pd, pi)) {
                break;
            }
            diam[hole] = pd;
            idx[hole] = pi;
            coef[hole] = coef[parent];
            hole = parent;
        }
        diam[hole] = d;
        idx[hole] = i;
        coef[hole] = c;
    }

    private void pop() {
        int last = --size;
        if (last == 0) {
            return;
        }
        float d = diam[last];
        long i = idx[last];
        int c = coef[last];
        int hole = 0;
        int half = last >>> 1;
        while (hole < half) {
            int child = 2 * hole + 1;
            int right = child + 1;
            if (right < last && before(diam[right], idx[right], diam[child], idx[child])) {
                child = right;
            }
            if (!before(diam[child], idx[child], d, i)) {
                break;
            }
            diam[hole] = diam[child];
            idx[hole] = idx[child];
            coef[hole] = coef[child];
            hole = child;
        }
        diam[hole] = d;
        idx[hole] = i;
        coef[hole] = c;
    }

    /** Removes and reports (in the pivot fields) the first entry with non-zero summed coefficient. */
    void popPivot() {
        if (modulus == 2) {
            while (size > 0) {
                float d = diam[0];
                long i = idx[0];
                pop();
                if (size > 0 && idx[0] == i) {
                    pop();
                    continue;
                }
                pivotDiam = d;
                pivotIdx = i;
                pivotCoef = 1;
                return;
            }
            pivotIdx = -1;
            return;
        }
        while (size > 0) {
            float d = diam[0];
            long i = idx[0];
            int c = 0;
            while (size > 0 && idx[0] == i) {
                c = (c + coef[0]) % modulus;
                pop();
            }
            if (c != 0) {
                pivotDiam = d;
                pivotIdx = i;
                pivotCoef = c;
                return;
            }
        }
        pivotIdx = -1;
    }

    /** Like {@link #popPivot} but leaves the pivot in the heap. */
    void getPivot() {
        popPivot();
        if (pivotIdx != -1) {
            push(pivotDiam, pivotIdx, pivotCoef);
        }
    }
}
