package org.attnplanes.topology.persistence.internal;

import java.util.Arrays;

/**
 * A growable list of (diameter, index) pairs in parallel primitive arrays, sortable in filtration order
 * (diameter ascending, ties by larger index first) or in Ripser's column order (the reverse).
 */
final class SimplexList {

    float[] diam;
    long[] idx;
    int size;

    SimplexList(int capacity) {
        diam = new float[Math.max(16, capacity)];
        idx = new long[Math.max(16, capacity)];
    }

    void add(float d, long i) {
        if (size == diam.length) {
            int cap = diam.length * 2;
            diam = Arrays.copyOf(diam, cap);
            idx = Arrays.copyOf(idx, cap);
        }
        diam[size] = d;
        idx[size] = i;
        size++;
    }

    void clear() {
        size = 0;
    }

    /** Sorts into filtration order: diameter ascending, equal diameters by index descending. */
    void sortFiltrationOrder() {
        quicksort(0, size - 1);
    }

    /** Reverses in place (filtration order becomes column order: diameter descending, index ascending). */
    void reverse() {
        for (int a = 0, b = size - 1; a < b; a++, b--) {
            swap(a, b);
        }
    }

    private boolean less(int a, int b) {
        return diam[a] < diam[b] || (diam[a] == diam[b] && idx[a] > idx[b]);
    }

    private boolean lessPivot(int a, float pd, long pi) {
        return diam[a] < pd || (diam[a] == pd && idx[a] > pi);
    }

    private boolean greaterPivot(int a, float pd, long pi) {
        return diam[a] > pd || (diam[a] == pd && idx[a] < pi);
    }

    private void swap(int a, int b) {
        float d = diam[a];
        diam[a] = diam[b];
        diam[b] = d;
        long i = idx[a];
        idx[a] = idx[b];
        idx[b] = i;
    }

    private void quicksort(int lo, int hi) {
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
                while (lessPivot(i, pd, pi)) {
                    i++;
                }
                while (greaterPivot(j, pd, pi)) {
                    j--;
                }
                if (i <= j) {
                    swap(i, j);
                    i++;
                    j--;
                }
            }
            if (j - lo < hi - i) {
                quicksort(lo, j);
                lo = i;
            } else {
                quicksort(i, hi);
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
