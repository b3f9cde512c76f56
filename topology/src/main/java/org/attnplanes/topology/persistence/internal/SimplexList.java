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

    /** Shrinks the arrays to the size (a list that stays live for long without growing). */
    void trim() {
        int cap = Math.max(16, size);
        if (cap < diam.length) {
            diam = Arrays.copyOf(diam, cap);
            idx = Arrays.copyOf(idx, cap);
        }
    }

    void clear() {
        size = 0;
    }

    /**
     * Sorts into filtration order: diameter ascending, equal diameters by index descending. The sort's key buffer
     * is not kept (a list is sorted once or twice, and a kept buffer would stay live as long as the list).
     */
    void sortFiltrationOrder() {
        FiltrationSort.sort(diam, idx, null, size, null);
    }

    /** Reverses in place (filtration order becomes column order: diameter descending, index ascending). */
    void reverse() {
        for (int a = 0, b = size - 1; a < b; a++, b--) {
            FiltrationSort.swap(diam, idx, null, a, b);
        }
    }
}
