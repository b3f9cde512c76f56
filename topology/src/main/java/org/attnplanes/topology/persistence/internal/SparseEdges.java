package org.attnplanes.topology.persistence.internal;

import java.util.Arrays;

/**
 * The distances of a sparse input looked up by pair, for {@link RipsEngine} on inputs given by their entries only:
 * open addressing on the pair {@code (i, j)}, {@code i > j}, with linear probing; a pair that is not an entry is
 * {@code +∞}. Memory is about 24 bytes per entry (a table at most half full), whatever the number of points.
 */
final class SparseEdges {

    private static final long EMPTY = -1L;

    private final long[] keys;
    private final float[] values;
    private final int mask;

    /**
     * @param hi    larger vertex of each entry
     * @param lo    smaller vertex of each entry ({@code lo < hi}), no pair twice
     * @param value distance of each entry
     * @param count number of entries used
     */
    SparseEdges(int[] hi, int[] lo, float[] value, int count) {
        int cap = 4;
        while (cap < 2L * count) {
            cap <<= 1;
        }
        keys = new long[cap];
        values = new float[cap];
        mask = cap - 1;
        Arrays.fill(keys, EMPTY);
        for (int k = 0; k < count; k++) {
            long key = key(hi[k], lo[k]);
            int s = slot(key);
            while (keys[s] != EMPTY) {
                s = (s + 1) & mask;
            }
            keys[s] = key;
            values[s] = value[k];
        }
    }

    private static long key(int i, int j) {
        return (long) i << 32 | j;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }

    /** The distance of {@code {a, b}}, {@code a != b}; {@code +∞} when the pair is not an entry. */
    float get(int a, int b) {
        long key = a > b ? key(a, b) : key(b, a);
        int s = slot(key);
        long[] k = keys;
        while (true) {
            long x = k[s];
            if (x == key) {
                return values[s];
            }
            if (x == EMPTY) {
                return Float.POSITIVE_INFINITY;
            }
            s = (s + 1) & mask;
        }
    }
}
