package org.attnplanes.topology.persistence.internal;

import java.util.Arrays;

/** The vertices of the added entries, in filtration order, as {@link RunColumn#registerRun} takes them. */
final class VertexRun {
    float[] diam = new float[64];
    int[] vertex = new int[64];
    int size;
    private long[] keys = new long[64];

    void clear() {
        size = 0;
    }

    void add(float d, int x) {
        if (size == diam.length) {
            diam = Arrays.copyOf(diam, size * 2);
            vertex = Arrays.copyOf(vertex, size * 2);
        }
        diam[size] = d;
        vertex[size] = x;
        size++;
    }

    /** Number of leading entries in filtration order after {@link #sort}; the rest all come after them. */
    int sorted;

    /**
     * Runs longer than this are only partly sorted at first: the first {@link #PREFIX} entries (a system
     * property lowers it so that the tests drive the partial path on small inputs).
     */
    static final int PARTIAL_MIN = Math.max(3, Integer.getInteger("attnplanes.ph.partialMin", 96));
    private static final int PREFIX = PARTIAL_MIN / 3;

    /** The packed sort key: filtration order of (diameter, added vertex) as a signed long. */
    static long key(float diam, int x) {
        // order-preserving int image of the float; -0.0 counts as 0.0 as in FiltrationSort.before
        int bits = Float.floatToIntBits(diam + 0.0f);
        int ord = bits ^ ((bits >> 31) & 0x7FFFFFFF);
        return ((long) ord << 32) | (0xFFFFFFFFL - x);
    }

    static int vertexOf(long key) {
        return (int) (0xFFFFFFFFL - (key & 0xFFFFFFFFL));
    }

    /**
     * Puts the entries into filtration order: diameter ascending, then larger cofacet index first, which for
     * the cofacets of one simplex is larger added vertex first (σ ∪ {x} grows with x in the colex order).
     * A long run gets only its first {@link #PREFIX} entries sorted (a quickselect puts them in front); the
     * lazy merge rarely reads further, and {@link RunColumn} sorts the rest when a cursor gets there.
     */
    void sort() {
        if (keys.length < size) {
            keys = new long[diam.length];
        }
        for (int k = 0; k < size; k++) {
            keys[k] = key(diam[k], vertex[k]);
        }
        if (size > PARTIAL_MIN) {
            RunColumn.PARTIAL_SORTS.increment();
            select(keys, 0, size - 1, PREFIX);
            FiltrationSort.sortKeys(keys, 0, PREFIX);
            sorted = PREFIX;
        } else {
            FiltrationSort.sortKeys(keys, 0, size);
            sorted = size;
        }
        for (int k = 0; k < size; k++) {
            vertex[k] = vertexOf(keys[k]);
        }
    }

    /** Rearranges {@code a[lo..hi]} so that its {@code k} smallest keys come first (Hoare quickselect). */
    private static void select(long[] a, int lo, int hi, int k) {
        int target = lo + k - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long p = median(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < p) {
                    i++;
                }
                while (a[j] > p) {
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
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static long median(long a, long b, long c) {
        return a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
    }
}
