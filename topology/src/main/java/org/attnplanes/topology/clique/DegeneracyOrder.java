package org.attnplanes.topology.clique;

import org.attnplanes.topology.internal.Bits;

/**
 * A degeneracy (smallest-last) ordering of a {@link ThresholdGraph}, computed with the O(n + m) bucket
 * algorithm of Batagelj and Zaversnik (2003), and the graph relabelled so that vertex {@code k} is the k-th
 * vertex of the order. In that labelling every vertex has at most {@link #degeneracy()} neighbours with a
 * larger label. Package-private helper of the counters.
 */
final class DegeneracyOrder {

    /** {@code order[k]} = original label of the k-th vertex. */
    final int[] order;
    /** Adjacency of the relabelled graph, row-major, {@code words} longs per row. */
    final long[] adjacency;
    /** The degeneracy: the largest core number. */
    final int degeneracy;

    DegeneracyOrder(ThresholdGraph graph) {
        int n = graph.size();
        int words = graph.words();
        long[] adj = graph.adjacency();
        int[] deg = new int[n];
        int maxDeg = 0;
        for (int v = 0; v < n; v++) {
            int d = 0;
            for (int w = 0; w < words; w++) {
                // the bit count written out (Long.bitCount is a call under C1)
                long x = adj[v * words + w];
                x -= (x >>> 1) & 0x5555555555555555L;
                x = (x & 0x3333333333333333L) + ((x >>> 2) & 0x3333333333333333L);
                x = (x + (x >>> 4)) & 0x0f0f0f0f0f0f0f0fL;
                d += (int) ((x * 0x0101010101010101L) >>> 56);
            }
            deg[v] = d;
            maxDeg = Math.max(maxDeg, d);
        }
        int[] bin = new int[maxDeg + 1];
        for (int v = 0; v < n; v++) {
            bin[deg[v]]++;
        }
        int start = 0;
        for (int d = 0; d <= maxDeg; d++) {
            int num = bin[d];
            bin[d] = start;
            start += num;
        }
        int[] pos = new int[n];
        int[] vert = new int[n];
        for (int v = 0; v < n; v++) {
            pos[v] = bin[deg[v]];
            vert[pos[v]] = v;
            bin[deg[v]]++;
        }
        for (int d = maxDeg; d >= 1; d--) {
            bin[d] = bin[d - 1];
        }
        if (maxDeg >= 0 && n > 0) {
            bin[0] = 0;
        }
        int core = 0;
        for (int i = 0; i < n; i++) {
            int v = vert[i];
            core = Math.max(core, deg[v]);
            for (int w = 0; w < words; w++) {
                long bits = adj[v * words + w];
                while (bits != 0) {
                    int u = (w << 6) + Bits.lowest(bits);
                    bits &= bits - 1;
                    if (deg[u] > deg[v]) {
                        int du = deg[u];
                        int pu = pos[u];
                        int pw = bin[du];
                        int x = vert[pw];
                        if (u != x) {
                            pos[u] = pw;
                            vert[pu] = x;
                            pos[x] = pu;
                            vert[pw] = u;
                        }
                        bin[du]++;
                        deg[u]--;
                    }
                }
            }
        }
        this.order = vert;
        this.degeneracy = core;
        long[] relabelled = new long[n * words];
        for (int k = 0; k < n; k++) {
            int v = vert[k];
            for (int w = 0; w < words; w++) {
                long bits = adj[v * words + w];
                while (bits != 0) {
                    int u = (w << 6) + Bits.lowest(bits);
                    bits &= bits - 1;
                    int j = pos[u];
                    relabelled[k * words + (j >>> 6)] |= 1L << j;
                }
            }
        }
        this.adjacency = relabelled;
    }
}
