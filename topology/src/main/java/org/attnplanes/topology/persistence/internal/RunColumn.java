package org.attnplanes.topology.persistence.internal;

import java.util.Arrays;

/**
 * The working coboundary column as a lazy merge of sorted runs: each simplex of the reduction column
 * contributes its coboundary, sorted once in filtration order and cached by simplex index, and a cursor in a
 * binary heap of run heads. Finding the pivot pops only the entries before it (cancelling equal indices), so
 * the long tails of the coboundaries, which Ripser pushes entry by entry into one heap, are never touched.
 *
 * <p>Storage is compact: a cofacet of simplex σ is σ ∪ {x}, so a cached run stores only the added vertex x
 * (2 bytes; n ≤ 65,535 always holds because the lower triangle is one Java array) in pages of 64 Ki entries,
 * plus σ's vertices and diameter once per run. A run head's diameter, index and coefficient are decoded when
 * the cursor reaches it (dim + 1 distance look-ups and dim + 2 binomials), which happens only for the entries
 * before the pivot. The one-entry runs that hold a saved column's pivot are stored explicitly.
 */
final class RunColumn {

    private static final int PAGE_BITS = 16;
    private static final int PAGE_MASK = (1 << PAGE_BITS) - 1;

    private final int modulus;
    private final long budget;
    private final int dim;      // dimension of the simplices whose coboundaries are the runs
    private final int stride;   // dim + 1 vertices per run
    private final int n;
    private final float[] full;
    private final float[] dist;
    private final int[] rowOff;
    private final SparseEdges sparse;
    private final long[][] binom; // [k][v]

    // registry of sorted coboundaries: added vertices in pages; explicit runs (negative ids) separately
    private PivotMap runOf = new PivotMap(64, false);
    private int[] runStart = new int[64];
    private int[] runEnd = new int[64];
    private int[] runSorted = new int[64];   // entries [runStart, runSorted) are in filtration order, the rest follow them
    // a run registered as a prefix (CofacetPrefix): the cofacets of diameter >= runBound follow in a second
    // segment [runNext, runNextEnd), enumerated when a cursor first reaches the prefix's end; NaN: no such tail.
    // Null until enablePrefixRuns: 20 bytes per run that whole coboundaries do not need (o3_1024's H3 registers
    // runs by the hundred thousand, and its peak RSS is at the goal's limit)
    private float[] runBound;
    private int[] runNext;
    private int[] runNextEnd;
    private long[] runIdx;
    private Cofacets tailCofacets;
    private float limit;
    private int[] tailVerts;
    private float[] runDiam = new float[64];
    private int[] runVerts = new int[64 * 4];
    private int runCount;
    private char[][] pages = new char[4][];
    private int used;
    private float[] ed = new float[64];
    private long[] ei = new long[64];
    private int[] ec = new int[64];
    private int eUsed;
    private int generation;

    // saved reduced columns: cursor states (run, position, coefficient) per finished column
    private int[] stStart;
    private int[] stEnd;
    private int[] stGen;
    private int[] st = new int[1 << 8];
    private int stUsed;

    // heap of cursors
    private int[] hRun = new int[64];
    private int[] hPos = new int[64];
    private int[] hCoef = new int[64];
    private int[] hE = new int[64];   // coefficient of the head entry in its run
    private float[] hD = new float[64];
    private long[] hI = new long[64];
    private int hSize;

    // pending pivot (still part of the column)
    private boolean pending;
    private float pD;
    private long pI;
    private int pC;

    /** The pivot after {@link #getPivot}: index −1 for a zero column. */
    float pivotDiam;
    long pivotIdx;
    int pivotCoef;

    RunColumn(RipsEngine e, int dim, long budget, int columns) {
        this.modulus = e.modulus;
        this.budget = budget;
        this.dim = dim;
        this.stride = dim + 1;
        this.n = e.n;
        this.full = e.full;
        this.dist = e.dist;
        this.sparse = e.sparseEdges;
        this.rowOff = e.rowOff;
        this.binom = e.binom.rows(dim + 3);
        stStart = new int[columns];
        stEnd = new int[columns];
        stGen = new int[columns];
        Arrays.fill(stGen, -1);
    }

    /** Empties the column; drops the cached runs when they exceed the budget. */
    void clear() {
        hSize = 0;
        pending = false;
        if (used + stUsed > budget) {
            runOf = new PivotMap(64, false);
            runCount = 0;
            used = 0;
            eUsed = 0;
            stUsed = 0;
            generation++;
        }
    }

    /** The cached run of simplex {@code idx}, or −1. */
    int findRun(long idx) {
        int slot = runOf.find(idx);
        return slot < 0 ? -1 : runOf.columnAt(slot);
    }

    /**
     * Saves (if it has at most {@code maxCursors} runs) the current column (its pending pivot and the cursors of its runs, i.e. the reduced column from
     * its pivot on) as the state of column {@code j}, so that adding it later skips the cancelled prefix.
     */
    boolean saveState(int j, int maxCursors) {
        // canonical cursor list: sort by (run, position), combine equal cursors (mod p), drop zeros
        long[] keys = keyBuf.length >= hSize ? keyBuf : (keyBuf = new long[Math.max(hSize, keyBuf.length * 2)]);
        for (int h = 0; h < hSize; h++) {
            keys[h] = ((long) hRun[h] << 32) | hPos[h];
        }
        // coefficients follow the keys: sort indices by key through a packed sort of (key, h) is not possible in
        // one long, so sort keys and look coefficients up by a small linear merge (Z/2 needs none)
        int count = 0;
        int need = stUsed + 3 * (hSize + 1);
        if (need > st.length) {
            st = Arrays.copyOf(st, Math.max(need, st.length * 2));
        }
        int base = stUsed + 3;
        if (modulus == 2) {
            Arrays.sort(keys, 0, hSize);
            for (int h = 0; h < hSize; ) {
                long k = keys[h];
                int m = 0;
                while (h < hSize && keys[h] == k) {
                    m++;
                    h++;
                }
                if ((m & 1) == 1) {
                    if (count >= maxCursors) {
                        return false;
                    }
                    st[base + 3 * count] = (int) (k >>> 32);
                    st[base + 3 * count + 1] = (int) k;
                    st[base + 3 * count + 2] = 1;
                    count++;
                }
            }
        } else {
            if (hSize > maxCursors) {
                return false;
            }
            for (int h = 0; h < hSize; h++) {
                st[base + 3 * count] = hRun[h];
                st[base + 3 * count + 1] = hPos[h];
                st[base + 3 * count + 2] = hCoef[h];
                count++;
            }
        }
        int pivotRun = registerExplicit(pD, pI, pC);
        stStart[j] = stUsed;
        st[stUsed] = pivotRun;
        st[stUsed + 1] = ~pivotRun;
        st[stUsed + 2] = 1;
        stUsed = base + 3 * count;
        stEnd[j] = stUsed;
        stGen[j] = generation;
        return true;
    }

    private long[] keyBuf = new long[64];

    /** Whether column {@code j} has a valid saved state. */
    boolean hasState(int j) {
        return stGen[j] == generation;
    }

    /** Adds {@code factor} times the saved reduced column {@code j}. */
    void addState(int j, int factor) {
        for (int k = stStart[j], end = stEnd[j]; k < end; k += 3) {
            int coef = modulus == 2 ? 1 : st[k + 2] * factor % modulus;
            push(st[k], st[k + 1], coef);
        }
    }

    /** A one-entry run (a saved column's pivot); its id is negative, {@code ~position}. */
    private int registerExplicit(float d, long i, int c) {
        if (eUsed == ed.length) {
            int cap = eUsed * 2;
            ed = Arrays.copyOf(ed, cap);
            ei = Arrays.copyOf(ei, cap);
            ec = Arrays.copyOf(ec, cap);
        }
        ed[eUsed] = d;
        ei[eUsed] = i;
        ec[eUsed] = c;
        return ~eUsed++;
    }

    /**
     * How often, in this JVM, a long run was only partly sorted ({@link VertexRun#sort}) and how often a cursor
     * then reached its unsorted tail ({@link #sortTail}): lets a test show that it drives the real partial-sort
     * path at the default {@code attnplanes.ph.partialMin}.
     */
    static final java.util.concurrent.atomic.LongAdder PARTIAL_SORTS = new java.util.concurrent.atomic.LongAdder();
    static final java.util.concurrent.atomic.LongAdder TAIL_SORTS = new java.util.concurrent.atomic.LongAdder();

    /** The {@code attnplanes.ph.partialMin} in force: runs longer than this are sorted partly. */
    static int partialMin() {
        return VertexRun.PARTIAL_MIN;
    }

    /** Statistics for tracing: runs registered, entries in them, cache resets, saved states. */
    String stats() {
        return "runs " + runCount + " entries " + used + " states " + stUsed / 3 + " resets " + generation;
    }

    /**
     * Registers the coboundary of simplex {@code idx} (vertices {@code verts} in decreasing order, diameter
     * {@code diam}) as its run: {@code buf} holds the added vertices, sorted in filtration order.
     */
    int registerRun(long idx, float diam, int[] verts, VertexRun buf) {
        return registerRun(idx, diam, verts, buf, Float.NaN);
    }

    /**
     * Lets runs be registered as prefixes ({@link #registerRun(long, float, int[], VertexRun, float)}): their
     * tails are enumerated with {@code c} (not in use while the column is being reduced) up to {@code limit}.
     */
    void enablePrefixRuns(Cofacets c, float limit) {
        this.tailCofacets = c;
        this.limit = limit;
        this.tailVerts = new int[stride];
        int cap = runStart.length;
        runBound = new float[cap];
        Arrays.fill(runBound, 0, runCount, Float.NaN);
        runNext = new int[cap];
        Arrays.fill(runNext, 0, runCount, -1);
        runNextEnd = new int[cap];
        runIdx = new long[cap];
    }

    /**
     * As {@link #registerRun(long, float, int[], VertexRun)}, where {@code buf} (all sorted) holds only the
     * cofacets of diameter {@code < bound} unless {@code bound} is NaN; the others are enumerated when a cursor
     * first gets past them.
     */
    int registerRun(long idx, float diam, int[] verts, VertexRun buf, float bound) {
        if (runCount == runStart.length) {
            int cap = runCount * 2;
            runStart = Arrays.copyOf(runStart, cap);
            runEnd = Arrays.copyOf(runEnd, cap);
            runSorted = Arrays.copyOf(runSorted, cap);
            runDiam = Arrays.copyOf(runDiam, cap);
            if (runBound != null) {
                runBound = Arrays.copyOf(runBound, cap);
                runNext = Arrays.copyOf(runNext, cap);
                runNextEnd = Arrays.copyOf(runNextEnd, cap);
                runIdx = Arrays.copyOf(runIdx, cap);
            }
        }
        if ((runCount + 1) * stride > runVerts.length) {
            runVerts = Arrays.copyOf(runVerts, Math.max((runCount + 1) * stride, runVerts.length * 2));
        }
        System.arraycopy(verts, 0, runVerts, runCount * stride, stride);
        runDiam[runCount] = diam;
        runStart[runCount] = used;
        int[] x = buf.vertex;
        for (int k = 0, size = buf.size; k < size; k++) {
            append(x[k]);
        }
        runEnd[runCount] = used;
        runSorted[runCount] = runStart[runCount] + buf.sorted;
        if (runBound != null) {
            runBound[runCount] = bound;
            runNext[runCount] = -1;
            runIdx[runCount] = idx;
        } else if (!Float.isNaN(bound)) {
            throw new IllegalStateException("prefix run without enablePrefixRuns");
        }
        runOf.put(idx, runCount, 0);
        return runCount++;
    }

    private void append(int x) {
        int p = used >>> PAGE_BITS;
        if (p == pages.length) {
            pages = Arrays.copyOf(pages, p * 2);
        }
        char[] page = pages[p];
        if (page == null) {
            page = pages[p] = new char[1 << PAGE_BITS];
        }
        page[used & PAGE_MASK] = (char) x;
        used++;
    }

    /** How often, in this JVM, the tail of a prefix run was enumerated (lets a test show the path is driven). */
    static final java.util.concurrent.atomic.LongAdder PREFIX_TAILS = new java.util.concurrent.atomic.LongAdder();

    /** Enumerates, sorts and appends the tail of prefix run {@code run}: its cofacets of diameter {@code >= bound}. */
    private void enumerateTail(int run) {
        PREFIX_TAILS.increment();
        System.arraycopy(runVerts, run * stride, tailVerts, 0, stride);
        Cofacets c = tailCofacets;
        c.setVertices(tailVerts, runIdx[run], runDiam[run], 1, dim, true, limit);
        float bound = runBound[run];
        int count = 0;
        long[] keys = tailKeys;
        while (c.next()) {
            float cd = c.cofacetDiam;
            if (!(cd < bound)) {
                if (count == keys.length) {
                    keys = tailKeys = Arrays.copyOf(keys, count * 2);
                }
                keys[count++] = VertexRun.key(cd, c.cofacetVertex());
            }
        }
        FiltrationSort.sortKeys(keys, 0, count);
        runNext[run] = used;
        for (int k = 0; k < count; k++) {
            append(VertexRun.vertexOf(keys[k]));
        }
        runNextEnd[run] = used;
    }

    /**
     * The position where a cursor of {@code run} at {@code pos} (a position in the run, or just past one of its
     * segments) reads next, or −1 when the run is exhausted; sorts or enumerates what the cursor reaches first.
     */
    private int seek(int run, int pos) {
        if (run < 0) {
            return pos == ~run ? pos : -1;
        }
        if (runNext == null) {
            if (pos < runEnd[run]) {
                if (pos == runSorted[run]) {
                    sortTail(run);
                }
                return pos;
            }
            return -1;
        }
        int next = runNext[run];
        if (next >= 0 && pos >= next) {
            return pos < runNextEnd[run] ? pos : -1;
        }
        if (pos < runEnd[run]) {
            if (pos == runSorted[run]) {
                sortTail(run);
            }
            return pos;
        }
        if (Float.isNaN(runBound[run])) {
            return -1;
        }
        if (next < 0) {
            enumerateTail(run);
            next = runNext[run];
        }
        return next < runNextEnd[run] ? next : -1;
    }

    private float decD;
    private long decI;
    private int decC;

    /** Decodes entry {@code s} of run {@code run} into {@code decD, decI, decC}. */
    private void decode(int run, int s) {
        if (run < 0) {
            decD = ed[s];
            decI = ei[s];
            decC = ec[s];
            return;
        }
        int x = pages[s >>> PAGE_BITS][s & PAGE_MASK];
        int base = run * stride;
        int[] u = runVerts;
        float cd = cofacetDiameter(run, x);
        // σ ∪ {x} in decreasing order: Σ C(v_i, dim + 2 − i)
        long idx = 0;
        int k = dim + 2;
        boolean placed = false;
        for (int i = 0; i < stride; i++) {
            int w = u[base + i];
            if (!placed && x > w) {
                idx += binom[k--][x];
                placed = true;
            }
            idx += binom[k--][w];
        }
        if (!placed) {
            idx += binom[k][x];
        }
        decD = cd;
        decI = idx;
        if (modulus != 2) {
            // sign of the new vertex's position: (-1)^(number of simplex vertices greater than x)
            int above = 0;
            for (int i = 0; i < stride; i++) {
                if (u[base + i] > x) {
                    above++;
                }
            }
            decC = ((dim + 1 - above) & 1) == 1 ? modulus - 1 : 1;
        } else {
            decC = 1;
        }
    }

    /**
     * The diameter of the cofacet σ ∪ {x} of the simplex σ of {@code run}: σ's diameter and the distances from x
     * to σ's vertices, with the same comparisons as {@link Cofacets}, so that it is bit for bit the enumerated
     * one.
     */
    private float cofacetDiameter(int run, int x) {
        int base = run * stride;
        int[] u = runVerts;
        float cd = runDiam[run];
        if (full != null) {
            for (int i = 0; i < stride; i++) {
                float dd = full[u[base + i] * n + x];
                if (dd > cd) {
                    cd = dd;
                }
            }
        } else {
            for (int i = 0; i < stride; i++) {
                int w = u[base + i];
                float dd = dist == null ? sparse.get(x, w) : x > w ? dist[rowOff[x] + w] : dist[rowOff[w] + x];
                if (dd > cd) {
                    cd = dd;
                }
            }
        }
        return cd;
    }

    private long[] tailKeys = new long[64];

    /**
     * Sorts the entries of {@code run} after its sorted prefix (they all come after the prefix in filtration
     * order), when a cursor first reaches them; positions inside the prefix do not move.
     */
    private void sortTail(int run) {
        TAIL_SORTS.increment();
        int from = runSorted[run];
        int to = runEnd[run];
        int count = to - from;
        if (tailKeys.length < count) {
            tailKeys = new long[Math.max(count, tailKeys.length * 2)];
        }
        long[] keys = tailKeys;
        for (int k = 0; k < count; k++) {
            int s = from + k;
            int x = pages[s >>> PAGE_BITS][s & PAGE_MASK];
            keys[k] = VertexRun.key(cofacetDiameter(run, x), x);
        }
        FiltrationSort.sortKeys(keys, 0, count);
        for (int k = 0; k < count; k++) {
            int s = from + k;
            pages[s >>> PAGE_BITS][s & PAGE_MASK] = (char) VertexRun.vertexOf(keys[k]);
        }
        runSorted[run] = to;
    }

    /** Adds {@code coef} times run {@code run} to the column. */
    void addRun(int run, int coef) {
        push(run, runStart[run], coef);
    }


    private void push(int run, int pos, int coef) {
        int s = seek(run, pos);
        if (s < 0) {
            return;
        }
        if (hSize == hRun.length) {
            int cap = hSize * 2;
            hRun = Arrays.copyOf(hRun, cap);
            hPos = Arrays.copyOf(hPos, cap);
            hCoef = Arrays.copyOf(hCoef, cap);
            hE = Arrays.copyOf(hE, cap);
            hD = Arrays.copyOf(hD, cap);
            hI = Arrays.copyOf(hI, cap);
        }
        decode(run, s);
        float d = decD;
        long i = decI;
        int e = decC;
        int hole = hSize++;
        while (hole > 0) {
            int parent = (hole - 1) >>> 1;
            if (!EntryBuffer.before(d, i, hD[parent], hI[parent])) {
                break;
            }
            move(parent, hole);
            hole = parent;
        }
        hRun[hole] = run;
        hPos[hole] = s;
        hCoef[hole] = coef;
        hE[hole] = e;
        hD[hole] = d;
        hI[hole] = i;
    }

    private void move(int from, int to) {
        hRun[to] = hRun[from];
        hPos[to] = hPos[from];
        hCoef[to] = hCoef[from];
        hE[to] = hE[from];
        hD[to] = hD[from];
        hI[to] = hI[from];
    }

    /** Advances the top cursor past its head entry (removing the cursor when its run ends). */
    private void advanceTop() {
        int run = hRun[0];
        int pos = seek(run, hPos[0] + 1);
        int coef = hCoef[0];
        float d;
        long i;
        int e;
        if (pos < 0) {
            int last = --hSize;
            if (last == 0) {
                return;
            }
            run = hRun[last];
            pos = hPos[last];
            coef = hCoef[last];
            e = hE[last];
            d = hD[last];
            i = hI[last];
        } else {
            decode(run, pos);
            d = decD;
            i = decI;
            e = decC;
        }
        int hole = 0;
        int n = hSize;
        int half = n >>> 1;
        while (hole < half) {
            int child = 2 * hole + 1;
            int right = child + 1;
            if (right < n && EntryBuffer.before(hD[right], hI[right], hD[child], hI[child])) {
                child = right;
            }
            if (!EntryBuffer.before(hD[child], hI[child], d, i)) {
                break;
            }
            move(child, hole);
            hole = child;
        }
        hRun[hole] = run;
        hPos[hole] = pos;
        hCoef[hole] = coef;
        hE[hole] = e;
        hD[hole] = d;
        hI[hole] = i;
    }

    /** Finds the pivot (first entry with non-zero coefficient), leaving it in the column. */
    void getPivot() {
        while (true) {
            float d;
            long i;
            int c;
            if (pending && (hSize == 0 || !EntryBuffer.before(hD[0], hI[0], pD, pI))) {
                d = pD;
                i = pI;
                c = pC;
                pending = false;
            } else if (hSize > 0) {
                d = hD[0];
                i = hI[0];
                c = 0;
            } else {
                pivotIdx = -1;
                return;
            }
            if (modulus == 2) {
                int count = c;
                while (hSize > 0 && hI[0] == i) {
                    count++;
                    advanceTop();
                }
                if ((count & 1) == 0) {
                    continue;
                }
                c = 1;
            } else {
                while (hSize > 0 && hI[0] == i) {
                    c = (c + hE[0] * hCoef[0]) % modulus;
                    advanceTop();
                }
                if (c == 0) {
                    continue;
                }
            }
            pending = true;
            pD = d;
            pI = i;
            pC = c;
            pivotDiam = d;
            pivotIdx = i;
            pivotCoef = c;
            return;
        }
    }

    /** Whether the column is empty after {@link #getPivot} reported index −1. */
    boolean isZero() {
        return !pending && hSize == 0;
    }
}
