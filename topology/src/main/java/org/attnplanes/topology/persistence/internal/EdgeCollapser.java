package org.attnplanes.topology.persistence.internal;

import java.util.Arrays;

/**
 * Edge collapse of a flag filtration (Boissonnat &amp; Pritam 2020, in the backward form of Glisse &amp; Pritam
 * 2022 that GUDHI's {@code collapse_edges} implements): edges are visited in decreasing filtration value;
 * an edge {@code uv} that is dominated at its value {@code t} (some common neighbour {@code c} of u and v is
 * adjacent to every common neighbour present at t) is delayed to the first later value at which it stops
 * being dominated, or removed if it stays dominated to the end. The persistence diagram of the flag filtration
 * is unchanged; births and deaths remain original edge values.
 */
final class EdgeCollapser {

    private EdgeCollapser() {
    }

    /**
     * Collapses the edges with value {@code <= threshold}.
     *
     * @return a new compressed lower triangle: kept edges with their (possibly later) value, {@code +∞} elsewhere
     */
    static float[] collapse(float[] lower, int n, float threshold) {
        // dense time matrix, row-major n×n, +inf absent, -inf on the diagonal (closed neighbourhoods)
        float[] t = new float[n * n];
        Arrays.fill(t, Float.POSITIVE_INFINITY);
        SimplexList edges = new SimplexList(16);
        int k = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++, k++) {
                float d = lower[k];
                if (d <= threshold) {
                    t[i * n + j] = d;
                    t[j * n + i] = d;
                    edges.add(d, k);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            t[i * n + i] = Float.NEGATIVE_INFINITY;
        }
        edges.sortFiltrationOrder();
        int[] ngb = new int[n];
        float[] laterF = new float[n];
        int[] laterW = new int[n];
        long[] packed = new long[n];
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i * n;
        }
        for (int e = edges.size - 1; e >= 0; e--) {
            long idx = edges.idx[e];
            int u = (int) ((1 + Math.sqrt(1 + 8.0 * idx)) / 2);
            while ((long) u * (u - 1) / 2 > idx) {
                u--;
            }
            while ((long) (u + 1) * u / 2 <= idx) {
                u++;
            }
            int v = (int) (idx - (long) u * (u - 1) / 2);
            final float start = edges.diam[e];
            float time = start;
            int ru = rows[u];
            int rv = rows[v];
            int ngbSize = 0;
            int laterSize = 0;
            for (int w = 0; w < n; w++) {
                if (w == u || w == v) {
                    continue;
                }
                float f = Math.max(t[ru + w], t[rv + w]);
                if (f <= time) {
                    ngb[ngbSize++] = w;
                } else if (f != Float.POSITIVE_INFINITY) {
                    laterF[laterSize] = f;
                    laterW[laterSize] = w;
                    laterSize++;
                }
            }
            sortByValue(laterF, laterW, laterSize, packed);
            int laterPos = 0;
            boolean dead = false;
            while (true) {
                int dominator = -1;
                for (int a = 0; a < ngbSize && dominator < 0; a++) {
                    int c = ngb[a];
                    int rc = rows[c];
                    boolean dominated = true;
                    for (int b = 0; b < ngbSize; b++) {
                        if (t[rc + ngb[b]] > time) {
                            dominated = false;
                            break;
                        }
                    }
                    if (dominated) {
                        dominator = c;
                    }
                }
                if (dominator < 0) {
                    break;
                }
                int rd = rows[dominator];
                boolean stillDominated;
                do {
                    if (laterPos == laterSize) {
                        dead = true;
                        break;
                    }
                    time = laterF[laterPos];
                    stillDominated = true;
                    while (laterPos < laterSize && laterF[laterPos] <= time) {
                        int w = laterW[laterPos];
                        if (t[rd + w] > laterF[laterPos]) {
                            stillDominated = false;
                        }
                        ngb[ngbSize++] = w;
                        laterPos++;
                    }
                } while (stillDominated);
                if (dead) {
                    break;
                }
            }
            if (dead) {
                t[ru + v] = Float.POSITIVE_INFINITY;
                t[rv + u] = Float.POSITIVE_INFINITY;
            } else if (time != start) {
                t[ru + v] = time;
                t[rv + u] = time;
            }
        }
        float[] out = new float[lower.length];
        k = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                out[k++] = t[i * n + j];
            }
        }
        return out;
    }

    /** Sorts (value, vertex) pairs by value; values are non-negative, so their float bits sort the same. */
    private static void sortByValue(float[] f, int[] w, int size, long[] packed) {
        for (int a = 0; a < size; a++) {
            packed[a] = ((long) Float.floatToIntBits(f[a]) << 32) | w[a];
        }
        Arrays.sort(packed, 0, size);
        for (int a = 0; a < size; a++) {
            f[a] = Float.intBitsToFloat((int) (packed[a] >>> 32));
            w[a] = (int) packed[a];
        }
    }
}
