package org.attnplanes.topology.persistence.internal;

import org.attnplanes.topology.internal.Bits;

/**
 * The working coboundary column of {@link SmallFlagEngine}'s dimension-1 reduction, over Z/2, as a bitset of
 * triangle <em>positions</em> {@code (r << 6) | (63 − x)}: r is the rank (in filtration order) of the triangle's
 * longest edge (the last of its edges in that order) and x its third vertex. A position names a triangle uniquely,
 * and it orders like the triangle's key ({@link TriangleCodes}) except among triangles of one diameter shared by
 * several edges: triangles with different longest edges of different diameters order by those edges; with the same
 * longest edge {a, b} by code descending, i.e. by x descending (a triangle's code grows with x); ties between
 * edges are settled by {@link #pivot}. One word per edge rank: a flip is a few bit operations, the pivot is three
 * lowest-bit lookups through a two-level summary (words → {@link #summary} → {@link #top}) instead of a scan of
 * every key touched, and a reduced column is stored as its non-zero words. The summary is lazy: a flip only sets
 * its bits, and {@link #pivot} clears those of words that have become zero as it meets them (most cancellations
 * are of the pivot, so it meets few), which keeps a flip to a load, a XOR and two ORs. Positions fit in {@code 2016 · 64} (at
 * most C(64, 2) edges). Reused across columns and calls; not thread-safe.
 */
final class RankedColumn {

    /** Largest number of edges (and of words): C(64, 2). */
    static final int MAX_EDGES = SmallFlagEngine.MAX_VERTICES * (SmallFlagEngine.MAX_VERTICES - 1) / 2;

    /** Word r: bit {@code 63 − x} set iff the triangle of longest edge rank r and third vertex x is in the column. */
    private final long[] words = new long[MAX_EDGES];
    /**
     * Bit {@code r & 63} of word {@code r >>> 6} set if word r is not zero (it may stay set for a word that became
     * zero, until {@link #pivot} or {@link #drainTo} meets it).
     */
    private final long[] summary = new long[(MAX_EDGES + 63) >>> 6];
    /** Bit i set if {@code summary[i]} is not zero (lazily, as the summary). */
    private long top;
    /** Words XOR-ed in since the column was last empty: a bound on its number of non-zero words. */
    private int flips;

    /**
     * Adds the coboundary of the edge {@code a > b}: the triangles {x, a, b} for the vertices x of {@code common}.
     * {@code enc[(u << 6) | v]} (both orders) is {@code (rank << 12) | (u << 6) | v} for every entering edge
     * {u, v}, so the largest of a triangle's three codes names its longest edge, and the third vertex is the
     * XOR of the triangle's vertices and that edge's.
     */
    void addCoboundary(int[] enc, int a, int b, long common) {
        long[] w = words;
        long[] sm = summary;
        long t = top;
        int ee = enc[(a << 6) | b];
        int ra = a << 6;
        int rb = b << 6;
        int abx = a ^ b;
        int k = 0;
        while (common != 0L) {
            long low = common & -common;
            common ^= low;
            int x = Bits.ofSingle(low);
            // the largest of the three codes, branch-free (codes are >= 0)
            int m = enc[ra | x];
            int q = m - ee;
            m -= q & (q >> 31);
            int v = enc[rb | x];
            q = m - v;
            m -= q & (q >> 31);
            int third = abx ^ x ^ (m >>> 6 & 63) ^ (m & 63);
            // the flip, inlined (a call per triangle costs under C1): shifts take their count & 63
            int r = m >>> 12;
            w[r] ^= Long.MIN_VALUE >>> third;
            sm[r >>> 6] |= 1L << r;
            t |= 1L << (r >>> 6);
            k++;
        }
        top = t;
        flips += k;
    }

    /** Adds the stored column {@code (rank[i], word[i])}, {@code i} in {@code [from, from + length)} (distinct ranks). */
    void addColumn(int[] rank, long[] word, int from, int length) {
        long[] w = words;
        long[] sm = summary;
        long t = top;
        int to = from + length;
        flips += length;
        for (int k = from; k < to; k++) {
            int r = rank[k];
            w[r] ^= word[k];
            // bit r of the summary, bit r >>> 6 of the top (shifts take their count & 63)
            sm[r >>> 6] |= 1L << r;
            t |= 1L << (r >>> 6);
        }
        top = t;
    }

    /**
     * The pivot of the column (its first triangle in filtration order) as a position, or −1 if it is zero. Ranks
     * {@code [r, groupEnd[r])} are the edges of r's diameter. Without a tie there, the smallest position is the
     * pivot. With one, the triangles of the lowest non-zero word's diameter order by code, not by position: the
     * pivot is the one of largest code among the first (highest third vertex) of each word of the group.
     *
     * @param edges the entering edges' keys by rank
     */
    int pivot(int[] groupEnd, long[] edges) {
        long[] sm = summary;
        long t = top;
        while (t != 0L) {
            long tl = t & -t;
            int i = Bits.ofSingle(tl);
            long s = sm[i];
            while (s != 0L) {
                long sl = s & -s;
                int r = (i << 6) | Bits.ofSingle(sl);
                long w = words[r];
                if (w != 0L) {
                    sm[i] = s;
                    top = t;
                    int end = groupEnd[r];
                    if (end == r + 1) {
                        return (r << 6) | Bits.ofSingle(w & -w);
                    }
                    return tiedPivot(r, end, edges);
                }
                // a word that became zero: its summary bit goes now
                s ^= sl;
            }
            sm[i] = 0L;
            t ^= tl;
        }
        top = 0L;
        return -1;
    }

    /** {@link #pivot} when ranks {@code [r, end)} share a diameter and word r is the lowest non-zero one. */
    private int tiedPivot(int r, int end, long[] edges) {
        int best = -1;
        int bestCode = -1;
        for (int q = r; q < end; q++) {
            long w = words[q];
            if (w != 0L) {
                // within a word (one longest edge) the lowest bit has the highest third vertex: the largest code
                int p = (q << 6) | Bits.ofSingle(w & -w);
                int ec = TriangleCodes.code(edges[q]);
                int tri = TriangleCodes.triangle(63 - (p & 63), ec >>> 6, ec & 63);
                if (tri > bestCode) {
                    bestCode = tri;
                    best = p;
                }
            }
        }
        return best;
    }

    /** A bound on the column's number of non-zero words (for the room {@link #drainTo} needs). */
    int sizeBound() {
        return flips;
    }

    /**
     * Copies the column's non-zero words and their ranks, ranks ascending, to {@code word} and {@code rank} from
     * {@code from}, and empties it; how many words.
     */
    int drainTo(int[] rank, long[] word, int from) {
        long[] w = words;
        long[] sm = summary;
        int o = from;
        long t = top;
        while (t != 0L) {
            long tl = t & -t;
            t ^= tl;
            int i = Bits.ofSingle(tl);
            long s = sm[i];
            sm[i] = 0L;
            while (s != 0L) {
                long sl = s & -s;
                s ^= sl;
                int r = (i << 6) | Bits.ofSingle(sl);
                // a word that became zero (lazy summary) is overwritten by the next, branch-free
                long x = w[r];
                rank[o] = r;
                word[o] = x;
                o += (int) ((x | -x) >>> 63);
                w[r] = 0L;
            }
        }
        top = 0L;
        flips = 0;
        return o - from;
    }

    /** Marks a zero column's flips as spent (its words are all zero already). */
    void resetEmpty() {
        flips = 0;
    }
}
