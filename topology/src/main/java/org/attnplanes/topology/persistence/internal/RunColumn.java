package org.attnplanes.topology.persistence.internal;

import java.util.Arrays;

/**
 * The working coboundary column as a lazy merge of sorted runs: each simplex of the reduction column
 * contributes its coboundary, sorted once in filtration order and cached by simplex index, and a cursor in a
 * binary heap of run heads. Finding the pivot pops only the entries before it (cancelling equal indices), so
 * the long tails of the coboundaries, which Ripser pushes entry by entry into one heap, are never touched.
 */
final class RunColumn {

    private final int modulus;
    private final long budget;

    // registry of sorted coboundaries
    private PivotMap runOf = new PivotMap(64);
    private int[] runStart = new int[64];
    private int[] runEnd = new int[64];
    private int runCount;
    private float[] rd = new float[1 << 10];
    private long[] ri = new long[1 << 10];
    private int[] rc = new int[1 << 10];
    private int used;
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

    RunColumn(int modulus, long budget, int columns) {
        this.modulus = modulus;
        this.budget = budget;
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
            runOf = new PivotMap(64);
            runCount = 0;
            used = 0;
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
        EntryBuffer one = single;
        one.clear();
        one.add(pD, pI, pC);
        int pivotRun = registerUnkeyed(one);
        stStart[j] = stUsed;
        st[stUsed] = pivotRun;
        st[stUsed + 1] = runStart[pivotRun];
        st[stUsed + 2] = 1;
        stUsed = base + 3 * count;
        stEnd[j] = stUsed;
        stGen[j] = generation;
        return true;
    }

    private long[] keyBuf = new long[64];

    private final EntryBuffer single = new EntryBuffer(1);

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

    private int registerUnkeyed(EntryBuffer buf) {
        int need = used + buf.size;
        if (need > rd.length) {
            int cap = Math.max(need, rd.length * 2);
            rd = Arrays.copyOf(rd, cap);
            ri = Arrays.copyOf(ri, cap);
            rc = Arrays.copyOf(rc, cap);
        }
        System.arraycopy(buf.diam, 0, rd, used, buf.size);
        System.arraycopy(buf.idx, 0, ri, used, buf.size);
        System.arraycopy(buf.coef, 0, rc, used, buf.size);
        if (runCount == runStart.length) {
            runStart = Arrays.copyOf(runStart, runCount * 2);
            runEnd = Arrays.copyOf(runEnd, runCount * 2);
        }
        runStart[runCount] = used;
        runEnd[runCount] = used + buf.size;
        used += buf.size;
        return runCount++;
    }

    /** Statistics for tracing: runs registered, entries in them, cache resets, saved states. */
    String stats() {
        return "runs " + runCount + " entries " + used + " states " + stUsed / 3 + " resets " + generation;
    }

    /** Registers the sorted coboundary in {@code buf} (filtration order) as the run of simplex {@code idx}. */
    int registerRun(long idx, EntryBuffer buf) {
        int run = registerUnkeyed(buf);
        runOf.put(idx, run, 0);
        return run;
    }

    /** Adds {@code coef} times run {@code run} to the column. */
    void addRun(int run, int coef) {
        push(run, runStart[run], coef);
    }

    private void push(int run, int s, int coef) {
        if (s == runEnd[run]) {
            return;
        }
        if (hSize == hRun.length) {
            int cap = hSize * 2;
            hRun = Arrays.copyOf(hRun, cap);
            hPos = Arrays.copyOf(hPos, cap);
            hCoef = Arrays.copyOf(hCoef, cap);
            hD = Arrays.copyOf(hD, cap);
            hI = Arrays.copyOf(hI, cap);
        }
        float d = rd[s];
        long i = ri[s];
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
        hD[hole] = d;
        hI[hole] = i;
    }

    private void move(int from, int to) {
        hRun[to] = hRun[from];
        hPos[to] = hPos[from];
        hCoef[to] = hCoef[from];
        hD[to] = hD[from];
        hI[to] = hI[from];
    }

    /** Advances the top cursor past its head entry (removing the cursor when its run ends). */
    private void advanceTop() {
        int run = hRun[0];
        int pos = hPos[0] + 1;
        int coef = hCoef[0];
        float d;
        long i;
        if (pos == runEnd[run]) {
            int last = --hSize;
            if (last == 0) {
                return;
            }
            run = hRun[last];
            pos = hPos[last];
            coef = hCoef[last];
            d = hD[last];
            i = hI[last];
        } else {
            d = rd[pos];
            i = ri[pos];
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
                    c = (c + rc[hPos[0]] * hCoef[0]) % modulus;
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
