package org.attnplanes.topology.persistence.internal;

import java.util.Arrays;

/**
 * Open-addressing hash map from a pivot simplex index ({@code long >= 0}) to the column that owns it and the
 * pivot's coefficient. Linear probing, at most 5/8 full (o3_1024's 38,203 pivots of dimension 3 fit 65,536 slots
 * instead of 131,072 at 1/2); no boxing. Without coefficients (Z/2, where every coefficient is 1, and
 * maps that only need the column) no coefficient array is allocated: 12 instead of 16 bytes per slot.
 */
final class PivotMap {

    private long[] keys;
    private int[] columns;
    private int[] coefs;
    private final boolean withCoefs;
    private int mask;
    private int size;

    /** A map with coefficients. */
    PivotMap(int expected) {
        this(expected, true);
    }

    /** @param withCoefs false: {@link #coefAt} is always 1 and {@link #put}'s coefficient is not stored */
    PivotMap(int expected, boolean withCoefs) {
        this.withCoefs = withCoefs;
        long need = Math.max(16L, ((long) expected * 8 + 4) / 5);
        alloc(Integer.highestOneBit((int) Math.min(need - 1, 1 << 29)) << 1);
    }

    private void alloc(int cap) {
        keys = new long[cap];
        Arrays.fill(keys, -1L);
        columns = new int[cap];
        coefs = withCoefs ? new int[cap] : null;
        mask = cap - 1;
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** Slot of {@code key}, or −1 if absent. */
    int find(long key) {
        int s = hash(key) & mask;
        while (true) {
            long k = keys[s];
            if (k == key) {
                return s;
            }
            if (k == -1L) {
                return -1;
            }
            s = (s + 1) & mask;
        }
    }

    boolean contains(long key) {
        return find(key) >= 0;
    }

    int columnAt(int slot) {
        return columns[slot];
    }

    int coefAt(int slot) {
        return coefs == null ? 1 : coefs[slot];
    }

    void put(long key, int column, int coef) {
        if ((long) (size + 1) * 8 > (long) keys.length * 5) {
            long[] ok = keys;
            int[] oc = columns;
            int[] of = coefs;
            alloc(keys.length * 2);
            size = 0;
            for (int s = 0; s < ok.length; s++) {
                if (ok[s] != -1L) {
                    put(ok[s], oc[s], of == null ? 1 : of[s]);
                }
            }
        }
        int s = hash(key) & mask;
        while (keys[s] != -1L && keys[s] != key) {
            s = (s + 1) & mask;
        }
        if (keys[s] == -1L) {
            size++;
        }
        keys[s] = key;
        columns[s] = column;
        if (coefs != null) {
            coefs[s] = coef;
        }
    }

    int size() {
        return size;
    }
}
