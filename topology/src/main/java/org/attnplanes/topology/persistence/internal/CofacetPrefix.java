package org.attnplanes.topology.persistence.internal;

import java.util.Arrays;

/**
 * The first cofacets of a simplex in filtration order, found without enumerating its whole coboundary. A
 * cofacet σ ∪ {x} has diameter {@code max(diam σ, d(u, x) for u in σ)}, so every cofacet of diameter below L
 * has {@code d(a, x) < L} for each vertex a of σ: walking a's neighbours in increasing distance up to a frontier
 * L meets all of them. The walk stops at the first frontier L (a distance in a's list) below which at least
 * {@link #ENTRIES} cofacets are known; the prefix is then exactly the cofacets of diameter {@code < L}, in
 * filtration order, and {@link RunColumn} enumerates the rest (diameter {@code >= L}) only if a cursor gets there
 * (on attention planes a run is read for ~6 of its ~100 entries). The walked vertex is the one with the fewest
 * neighbours closer than σ's diameter (a binary search in each list). Neighbour lists are sorted per vertex on
 * first use: keys of (distance, vertex), only neighbours within the threshold.
 */
final class CofacetPrefix {

    /** Cofacets known before the walk stops (a system property changes it for tests and measurements). */
    static final int ENTRIES = Math.max(1, Integer.getInteger("attnplanes.ph.prefixEntries", 12));

    private final RipsEngine e;
    private final int n;
    private final float[] dist;
    private final int[] rowOff;
    private final float[] full;
    private final SparseEdges sparse;
    private final float limit;
    private final long[][] binom;
    private final int modulus;
    private final long[][] sorted;
    private final long[] scratch;
    private final int[] buckets;
    private final int[] which;

    // candidates of one walk (filtration keys) and the heap of the smallest diameters
    private long[] candKeys = new long[64];
    private final int[] heap = new int[ENTRIES];

    /** After {@link #walk} returned true: the prefix holds exactly the cofacets of diameter {@code < bound}. */
    float bound;
    /** After {@link #walk}: the diameter of the first cofacet (if any). */
    float firstDiam;

    CofacetPrefix(RipsEngine e, int dim) {
        this.e = e;
        this.n = e.n;
        this.dist = e.dist;
        this.rowOff = e.rowOff;
        this.full = e.full;
        this.sparse = e.sparseEdges;
        this.limit = e.threshold;
        this.modulus = e.modulus;
        this.binom = e.binom.rows(dim + 3);
        this.sorted = new long[n][];
        this.scratch = new long[n];
        this.buckets = new int[4 * n + 1];
        this.which = new int[n];
    }

    /** The order-preserving int image of a distance ({@code -0.0} as {@code 0.0}). */
    private static int ord(float d) {
        int bits = Float.floatToIntBits(d + 0.0f);
        return bits ^ ((bits >> 31) & 0x7FFFFFFF);
    }

    private static float unord(int o) {
        return Float.intBitsToFloat(o ^ ((o >> 31) & 0x7FFFFFFF));
    }

    private float d(int a, int b) {
        if (full != null) {
            return full[a * n + b];
        }
        if (dist == null) {
            return sparse.get(a, b);
        }
        return a > b ? dist[rowOff[a] + b] : dist[rowOff[b] + a];
    }

    /** Vertex v's neighbours within the threshold as keys (ordered distance, vertex), ascending. */
    private long[] neighbours(int v) {
        long[] s = sorted[v];
        if (s != null) {
            return s;
        }
        int count = 0;
        long[] k = scratch;
        int max = 0;
        int min = 0;
        if (e.nbr != null) {
            for (int x : e.nbr[v]) {
                float dd = d(v, x);
                if (dd <= limit) {
                    int o = ord(dd);
                    max = Math.max(max, o);
                    min = Math.min(min, o);
                    k[count++] = ((long) o << 32) | x;
                }
            }
        } else {
            for (int x = 0; x < n; x++) {
                if (x != v) {
                    float dd = d(v, x);
                    if (dd <= limit) {
                        int o = ord(dd);
                        max = Math.max(max, o);
                        min = Math.min(min, o);
                        k[count++] = ((long) o << 32) | x;
                    }
                }
            }
        }
        s = new long[count];
        if (min >= 0 && max > 0 && max < 0x7F800000) {
            // non-negative finite distances (an attention plane's crowd just below its largest): buckets
            FiltrationSort.sortKeysSpread(k, count, unord(max), s, buckets, which);
        } else {
            System.arraycopy(k, 0, s, 0, count);
            FiltrationSort.sortKeys(s, 0, count);
        }
        sorted[v] = s;
        return s;
    }

    /** Number of keys in {@code s} whose distance is below the ordered distance {@code o}. */
    private static int rank(long[] s, int o) {
        long key = (long) o << 32;
        int lo = 0;
        int hi = s.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Writes the first cofacets of the simplex with vertices {@code u} (decreasing) and diameter {@code diam}
     * into {@code out} in filtration order (as added vertices, all sorted). Returns true if that is only a
     * prefix (the cofacets of diameter {@code < bound}), false if it is the whole coboundary.
     */
    boolean walk(int[] u, int dim, float diam, VertexRun out) {
        int o = ord(diam);
        long[] list = neighbours(u[0]);
        int walked = 0;
        int best = rank(list, o);
        for (int i = 1; i <= dim && best > 0; i++) {
            long[] l = neighbours(u[i]);
            int r = rank(l, o);
            if (r < best) {
                best = r;
                list = l;
                walked = i;
            }
        }
        // candidates as filtration keys; a max-heap of the ENTRIES smallest candidate diameters (ordered bits)
        int count = 0;
        int hsize = 0;
        boolean partial = false;
        int frontier = Integer.MAX_VALUE;
        int len = list.length;
        long[] cand = candKeys;
        int[] top = heap;
        for (int p = 0; p < len; p++) {
            long kp = list[p];
            frontier = (int) (kp >> 32);
            // the candidates below this distance are final (no later one can be below it): enough of them?
            if (hsize == ENTRIES && top[0] < frontier) {
                partial = true;
                break;
            }
            int x = (int) kp;
            // d(a, x) is the key's; the others' distances with the enumerator's comparisons (the sign of a zero
            // diameter does not matter here: the keys normalize it, and RunColumn decodes the diameters itself)
            float cd = Math.max(diam, unord(frontier));
            boolean ok = true;
            for (int i = 0; i <= dim; i++) {
                int w = u[i];
                if (w == x) {
                    ok = false;
                    break;
                }
                if (i == walked) {
                    continue;
                }
                float dd = d(w, x);
                if (dd > cd) {
                    if (dd > limit) {
                        ok = false;
                        break;
                    }
                    cd = dd;
                }
            }
            if (!ok) {
                continue;
            }
            int co = ord(cd);
            if (count == cand.length) {
                cand = candKeys = Arrays.copyOf(cand, count * 2);
            }
            cand[count++] = ((long) co << 32) | (0xFFFFFFFFL - x);
            if (hsize < ENTRIES) {
                hsize = push(top, hsize, co);
            } else if (co < top[0]) {
                replaceTop(top, hsize, co);
            }
        }
        // the prefix: candidates below the bound (all of them when the list was walked to its end)
        int m = 0;
        if (partial) {
            bound = unord(frontier);
            for (int c = 0; c < count; c++) {
                long key = cand[c];
                if ((int) (key >> 32) < frontier) {
                    cand[m++] = key;
                }
            }
        } else {
            m = count;
        }
        FiltrationSort.sortKeys(cand, 0, m);
        out.clear();
        for (int k = 0; k < m; k++) {
            out.add(0f, VertexRun.vertexOf(cand[k]));
        }
        out.sorted = m;
        firstDiam = m > 0 ? unord((int) (cand[0] >> 32)) : Float.NaN;
        return partial;
    }

    /** Adds {@code v} to the max-heap {@code h[0, size)}; returns the new size. */
    private static int push(int[] h, int size, int v) {
        int hole = size;
        while (hole > 0) {
            int parent = (hole - 1) >>> 1;
            if (h[parent] >= v) {
                break;
            }
            h[hole] = h[parent];
            hole = parent;
        }
        h[hole] = v;
        return size + 1;
    }

    /** Replaces the largest value of the max-heap {@code h[0, size)} by {@code v}. */
    private static void replaceTop(int[] h, int size, int v) {
        int hole = 0;
        int half = size >>> 1;
        while (hole < half) {
            int child = 2 * hole + 1;
            if (child + 1 < size && h[child + 1] > h[child]) {
                child++;
            }
            if (h[child] <= v) {
                break;
            }
            h[hole] = h[child];
            hole = child;
        }
        h[hole] = v;
    }

    /** The index of the cofacet σ ∪ {x} of the simplex with vertices {@code u} (decreasing), as {@link RunColumn}. */
    long cofacetIndex(int[] u, int dim, int x) {
        long idx = 0;
        int k = dim + 2;
        boolean placed = false;
        for (int i = 0; i <= dim; i++) {
            int w = u[i];
            if (!placed && x > w) {
                idx += binom[k--][x];
                placed = true;
            }
            idx += binom[k--][w];
        }
        if (!placed) {
            idx += binom[k][x];
        }
        return idx;
    }

    /** The coefficient of σ ∪ {x} in σ's coboundary: {@code (-1)^(number of σ's vertices above x)}. */
    int cofacetCoef(int[] u, int dim, int x) {
        if (modulus == 2) {
            return 1;
        }
        int above = 0;
        for (int i = 0; i <= dim; i++) {
            if (u[i] > x) {
                above++;
            }
        }
        return ((dim + 1 - above) & 1) == 1 ? modulus - 1 : 1;
    }
}
