package org.attnplanes.topology.persistence.internal;

import java.util.ArrayList;
import java.util.List;
import org.attnplanes.topology.persistence.PersistenceInterval;

/**
 * The dimension-0 pass of {@link RipsEngine}: sorts the edges that enter into filtration order, runs Kruskal's
 * union-find over them (the H0 bars) and collects the edges that close a cycle and are in no apparent pair as the
 * columns of dimension 1.
 *
 * <p>When every entering diameter has its sign bit clear and n ≤ 32,768, an edge {a > b} sorts as one packed key,
 * {@code (diameter bits << 32) | (2^32 − 1 − (a << 16 | b))}: the code {@code a << 16 | b} orders like the edge index
 * {@code C(a, 2) + b}, so the order is the filtration order, and the vertices come back with a shift and a mask
 * instead of a square root. Otherwise the edges sort as (diameter, index) entries and are decoded by the engine.
 * With {@link EdgeApexes} the pass also records every edge's pivot cofacet for the apparent-pair checks.
 */
final class Dim0Pass {

    private final RipsEngine e;
    private final ApparentPairs apparent;
    private final EdgeApexes apexes;

    /** {@code apexes}: where to record the edges' pivot cofacets (also used by {@code apparent}), or null. */
    Dim0Pass(RipsEngine e, ApparentPairs apparent, EdgeApexes apexes) {
        this.e = e;
        this.apparent = apparent;
        this.apexes = apexes;
    }

    /**
     * Runs the pass over the engine's dense distances ({@code hi == null}) or over the first {@code entries}
     * edges {@code hi[k] > lo[k]} of diameter {@code value[k]}.
     *
     * @param edges   receives the entering edges in filtration order, or null if not needed
     * @param columns receives the columns of dimension 1 in column order (cleared first)
     * @return the H0 bars
     */
    List<PersistenceInterval> run(int[] hi, int[] lo, float[] value, int entries, SimplexList edges,
            SimplexList columns) {
        long[] keys = hi == null ? packDense() : packEntries(hi, lo, value, entries);
        columns.clear();
        if (keys == null) {
            SimplexList list = edges != null ? edges : new SimplexList(16);
            list.clear();
            collect(hi, lo, value, entries, list);
            list.sortFiltrationOrder();
            return kruskal(null, list.diam, list.idx, list.size, columns);
        }
        int m = count;
        keys = sort(keys, m);
        if (edges != null) {
            edges.clear();
            for (int k = 0; k < m; k++) {
                long key = keys[k];
                int code = (int) (0xFFFFFFFFL - (key & 0xFFFFFFFFL));
                edges.add(FiltrationSort.keyDiam(key), e.rowOff[code >>> 16] + (code & 0xFFFF));
            }
        }
        return kruskal(keys, null, null, m, columns);
    }

    /** Most vertices whose edge codes {@code a << 16 | b} are non-negative ints. */
    private static final int MAX_PACKED = 1 << 15;

    private int count;
    private final int[] groupEdge = new int[2];

    private long[] packDense() {
        int n = e.n;
        float t = e.threshold;
        if (n > MAX_PACKED || !(t >= 0f)) {
            return null;
        }
        float[] dist = e.dist;
        int[] rowOff = e.rowOff;
        int pairs = rowOff[n - 1] + n - 1;
        long m = e.enteringEdges;
        if (m < 0) {
            m = 0;
            for (int k = 0; k < pairs; k++) {
                if (dist[k] <= t) {
                    m++;
                }
            }
        }
        // branch-free on the bits (values with the sign bit clear order like their bits, t >= +0): every pair's key
        // is written, and kept iff its sign bit is clear and its value <= t (at most m keys, one slot to spare); a
        // value with the sign bit set sends the edges the unpacked way
        long[] keys = new long[(int) m + 1];
        int tb = Float.floatToRawIntBits(t + 0.0f);
        int negative = 0;
        int k = 0;
        for (int a = 1; a < n; a++) {
            int off = rowOff[a];
            long code = 0xFFFFFFFFL - ((long) a << 16);
            for (int b = 0; b < a; b++) {
                int bits = Float.floatToRawIntBits(dist[off + b]);
                negative |= bits;
                keys[k] = ((long) bits << 32) | (code - b);
                k += ((tb - bits) | bits) >>> 31 ^ 1;
            }
        }
        if (negative < 0) {
            return null;
        }
        count = k;
        return keys;
    }

    private long[] packEntries(int[] hi, int[] lo, float[] value, int entries) {
        if (e.n > MAX_PACKED) {
            return null;
        }
        long[] keys = new long[Math.max(1, entries)];
        for (int k = 0; k < entries; k++) {
            int bits = Float.floatToRawIntBits(value[k]);
            if (bits < 0) {
                return null;
            }
            keys[k] = ((long) bits << 32) | (0xFFFFFFFFL - ((hi[k] << 16) | lo[k]));
        }
        count = entries;
        return keys;
    }

    private void collect(int[] hi, int[] lo, float[] value, int entries, SimplexList edges) {
        int[] rowOff = e.rowOff;
        if (hi != null) {
            for (int k = 0; k < entries; k++) {
                edges.add(value[k], rowOff[hi[k]] + lo[k]);
            }
            return;
        }
        float[] dist = e.dist;
        float t = e.threshold;
        for (int i = 1; i < e.n; i++) {
            int off = rowOff[i];
            for (int j = 0; j < i; j++) {
                float dd = dist[off + j];
                if (dd <= t) {
                    edges.add(dd, off + j);
                }
            }
        }
    }

    /** Sorts {@code keys[0, m)}; returns the array holding them sorted. */
    private long[] sort(long[] keys, int m) {
        float top = e.threshold;
        if (m > 24 && top > 0f && top < 0x1p100f) {
            long[] out = new long[m];
            FiltrationSort.sortKeysSpread(keys, m, top, out, new int[(Integer.highestOneBit(m) << 2) + 1],
                    new int[m]);
            return out;
        }
        FiltrationSort.sortKeys(keys, 0, m);
        return keys;
    }

    /** Kruskal over the sorted edges: packed {@code keys}, or (diam, idx) entries. */
    private List<PersistenceInterval> kruskal(long[] keys, float[] diam, long[] idx, int m, SimplexList columns) {
        List<PersistenceInterval> h0 = new ArrayList<>();
        int n = e.n;
        int[] rowOff = e.rowOff;
        boolean checks = e.dimMax >= 1;
        EdgeApexes ap = checks ? apexes : null;
        UnionFind uf = new UnionFind(n);
        int[] uv = new int[2];
        int groupEnd = 0;
        for (int k = 0; k < m; k++) {
            float dd;
            long ei;
            if (keys != null) {
                long key = keys[k];
                int code = (int) (0xFFFFFFFFL - (key & 0xFFFFFFFFL));
                uv[0] = code >>> 16;
                uv[1] = code & 0xFFFF;
                dd = FiltrationSort.keyDiam(key);
                ei = rowOff[uv[0]] + uv[1];
            } else {
                dd = diam[k];
                ei = idx[k];
                e.vertices(ei, 1, uv);
            }
            int x = -1;
            if (ap != null) {
                if (k == groupEnd) {
                    groupEnd = enterGroup(ap, keys, diam, idx, k, m, dd);
                }
                x = ap.find(uv[0], uv[1], (int) ei);
            }
            int a = uf.find(uv[0]);
            int b = uf.find(uv[1]);
            if (a != b) {
                if (dd > 0f) {
                    h0.add(new PersistenceInterval(0f, dd));
                }
                uf.linkRoots(a, b);
            } else if (checks && (ap != null ? !apparent.edgeInPair(uv[0], uv[1], dd, x)
                    : apparent.apparentCofacet(uv, ei, dd, 1) == -1)) {
                columns.add(dd, ei);
            }
        }
        columns.reverse();
        for (int i = 0; i < n; i++) {
            if (uf.find(i) == i) {
                h0.add(PersistenceInterval.essential(0f));
            }
        }
        return h0;
    }

    /**
     * Enters the edges from {@code k} on whose diameter equals {@code dd} (the sort puts them together) into the
     * bitsets; returns the end of that group.
     */
    private int enterGroup(EdgeApexes ap, long[] keys, float[] diam, long[] idx, int k, int m, float dd) {
        int[] uv = groupEdge;
        int g = k;
        if (keys != null) {
            long bits = keys[k] >>> 32;
            for (; g < m && keys[g] >>> 32 == bits; g++) {
                int code = (int) (0xFFFFFFFFL - (keys[g] & 0xFFFFFFFFL));
                ap.enter(code >>> 16, code & 0xFFFF);
            }
        } else {
            for (; g < m && diam[g] == dd; g++) {
                e.vertices(idx[g], 1, uv);
                ap.enter(uv[0], uv[1]);
            }
        }
        return g;
    }
}
