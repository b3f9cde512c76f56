package org.attnplanes.topology.persistence.internal;

import static org.attnplanes.topology.persistence.internal.TriangleCodes.code;

import java.util.Arrays;
import org.attnplanes.topology.internal.Bits;

/**
 * The working coboundary column of {@link SmallFlagEngine}'s dimension-1 reduction, over Z/2: a list of the
 * triangle keys it has touched ({@link TriangleCodes}: {@code (diameter bits << 32) | (2^32 − 1 − code)}), each
 * listed once, and a parity bit per triangle code saying whether the key is in the column now. Adding a key
 * flips its bit and lists it if new, so a cancelled pivot or a pair of equal keys costs nothing more, the list
 * never holds copies, and the pivot is one scan for the smallest listed key whose bit is set. Bits are addressed
 * by the code itself (word {@code code >>> 6}, bit {@code code & 63}), so no index is computed; {@link #clear}
 * zeroes only the words of listed keys. Reused across columns and calls; not thread-safe.
 */
final class WorkColumn {

    private long[] keys = new long[256];
    private int size;
    /** Bit {@code code} set iff the triangle is in the column (odd multiplicity). */
    private final long[] parity = new long[64 * 64];
    /** Bit {@code code} set iff the triangle's key is in {@link #keys}. */
    private final long[] listed = new long[64 * 64];
    /** Coboundaries and columns added since the last {@link #clear}. */
    private int additions;
    /** The smallest key the last {@link #addCoboundary} added ({@code Long.MAX_VALUE} if none). */
    private long addedMin = Long.MAX_VALUE;

    /** Empties the column (all bits zero again). */
    void clear() {
        long[] w = keys;
        long[] par = parity;
        long[] lst = listed;
        for (int i = 0; i < size; i++) {
            int word = code(w[i]) >>> 6;
            par[word] = 0L;
            lst[word] = 0L;
        }
        size = 0;
        additions = 0;
    }

    private void ensure(int extra) {
        if (keys.length < size + extra) {
            keys = Arrays.copyOf(keys, Math.max(size + extra, keys.length * 2));
        }
    }

    /**
     * Adds the coboundary of the edge {@code a > b} of diameter bits {@code db}: the triangles {x, a, b} for the
     * vertices x of {@code common} (those joined to both ends up to the threshold), each of diameter
     * {@code max(d, d(x, a), d(x, b))} from the rows of the dense distances {@code dd}.
     */
    void addCoboundary(float[] dd, int nn, int a, int b, int db, long common) {
        ensure(64);
        addedMin = Long.MAX_VALUE;
        additions++;
        int ra = a * nn;
        int rb = b * nn;
        // x below b, between b and a, above a (-2L << 63 is 0: nothing above vertex 63); code = base | (x << shift)
        int s = addBits(dd, ra, rb, common & ((1L << b) - 1), (a << 12) | (b << 6), 0, db, size);
        s = addBits(dd, ra, rb, common & ((1L << a) - 1) & (-2L << b), (a << 12) | b, 6, db, s);
        size = addBits(dd, ra, rb, common & (-2L << a), (a << 6) | b, 12, db, s);
    }

    private int addBits(float[] dd, int ra, int rb, long bits, int base, int shift, int db, int s) {
        long[] w = keys;
        long[] par = parity;
        long[] lst = listed;
        long mn = addedMin;
        while (bits != 0L) {
            long low = bits & -bits;
            bits ^= low;
            int x = Bits.ofSingle(low);
            // max(d, d(x, a), d(x, b)) on the raw bits, branch-free (distances are >= +0, so they order like bits)
            int ub = Float.floatToRawIntBits(dd[ra + x]);
            int vb = Float.floatToRawIntBits(dd[rb + x]);
            int q = ub - db;
            int cb = ub - (q & (q >> 31));
            q = cb - vb;
            cb -= q & (q >> 31);
            int c = base | (x << shift);
            int word = c >>> 6;
            long bit = 1L << c;
            par[word] ^= bit;
            long l = lst[word];
            long key = ((long) cb << 32) | (0xFFFFFFFFL - c);
            if (key < mn) {
                mn = key;
            }
            w[s] = key;
            s += (int) (~(l >>> c) & 1L);
            lst[word] = l | bit;
        }
        addedMin = mn;
        return s;
    }

    /**
     * The smallest key added by the last {@link #addCoboundary}, {@code Long.MAX_VALUE} if it added none: the pivot
     * when the column was empty before.
     */
    long addedMin() {
        return addedMin;
    }

    /** Adds the stored column {@code pool[from, from + length)} (distinct keys). */
    void addColumn(long[] pool, int from, int length) {
        ensure(length);
        additions++;
        long[] w = keys;
        long[] par = parity;
        long[] lst = listed;
        int s = size;
        for (int i = from; i < from + length; i++) {
            long k = pool[i];
            int c = code(k);
            int word = c >>> 6;
            par[word] ^= 1L << c;
            long l = lst[word];
            w[s] = k;
            s += (int) (~(l >>> c) & 1L);
            lst[word] = l | (1L << c);
        }
        size = s;
    }

    /** The smallest key in the column, or −1 if it is zero. */
    long pivot() {
        long[] w = keys;
        long[] par = parity;
        long min = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            long k = w[i];
            int c = code(k);
            // a key no longer in the column counts as +inf (keys are >= 0, so k | MAX_VALUE is MAX_VALUE)
            k |= (((par[c >>> 6] >>> c) & 1L) - 1L) & Long.MAX_VALUE;
            if (k < min) {
                min = k;
            }
        }
        return min == Long.MAX_VALUE ? -1L : min;
    }

    /** Copies the keys in the column to {@code pool} from {@code from} (room: {@link #listedCount()}); how many. */
    int copyTo(long[] pool, int from) {
        if (additions == 1) {
            // one coboundary or stored column, no cancellation: the list is the column
            System.arraycopy(keys, 0, pool, from, size);
            return size;
        }
        long[] w = keys;
        long[] par = parity;
        int o = from;
        for (int i = 0; i < size; i++) {
            long k = w[i];
            int c = code(k);
            pool[o] = k;
            o += (int) ((par[c >>> 6] >>> c) & 1L);
        }
        return o - from;
    }

    /** Keys listed (in the column or cancelled): a bound on the column's size. */
    int listedCount() {
        return size;
    }
}
