package org.attnplanes.topology.features;

import org.attnplanes.topology.internal.Bits;

/**
 * The capped number of simple cycles (length {@code >= 2}) of a directed graph held as rows of {@code words}
 * longs, for {@link WideDigraphStats}: Johnson's algorithm (1975) as {@link SmallDigraphStats} runs it, with every
 * set a row of words. A cycle lies inside one strongly connected component, so only the components with two or
 * more vertices are searched, on their vertices relabelled so that each component is one range of labels and,
 * inside it, by decreasing in-degree (then out-degree): a search from a vertex many arcs enter closes a cycle at
 * many of its steps, so a capped count is reached in fewer steps; the count itself does not depend on the labels.
 * Each relabelled row keeps only the arcs inside its own component, so the search from s is confined to the labels
 * {@code >= s} of s's range by a mask.
 *
 * <p>Reused by one thread; not thread-safe.
 */
final class WideCycles {

    private int m;
    private int words;
    private long[] order = new long[0];
    private int[] rank = new int[0];
    private int[] vertexOf = new int[0];
    /** Per label, one past the last label of its component. */
    private int[] end = new int[0];
    private long[] pOut = new long[0];
    private long[] pIn = new long[0];
    private long[] seen = new long[0];
    private long[] seenBack = new long[0];
    private long[] frontier = new long[0];
    private long[] next = new long[0];
    private long[] blocked = new long[0];
    private long[] waiting = new long[0];
    private long[] pending = new long[0];
    private long[] released = new long[0];
    /** Johnson's B lists the other way round: per vertex left without a cycle, the targets it waits on. */
    private long[] blockedBy = new long[0];
    private int[] stackVertex = new int[0];
    private long[] stackRest = new long[0];
    private boolean[] closedAt = new boolean[0];

    /**
     * The simple cycles (length {@code >= 2}) of the graph with out-rows {@code out} and in-rows {@code in}
     * ({@code n} rows of {@code w} words, no self-loops), stopping once {@code cap} were found (then at least
     * {@code cap} is returned, and {@code min(total, cap)} is what the caller keeps); {@code component} and
     * {@code componentSize}: the strongly connected components by number.
     */
    int count(int n, int w, long[] out, long[] in, int[] component, int[] componentSize, int cap) {
        int count = 0;
        for (int v = 0; v < n; v++) {
            if (componentSize[component[v]] >= 2) {
                count++;
            }
        }
        if (count == 0) {
            return 0;
        }
        if (order.length < count) {
            order = new long[count];
        }
        if (rank.length < n) {
            rank = new int[n];
        }
        long[] ord = order;
        int k = 0;
        for (int v = 0; v < n; v++) {
            int c = component[v];
            if (componentSize[c] < 2) {
                continue;
            }
            int inside = degreeInside(in, v * w, w, component, c);
            int outside = degreeInside(out, v * w, w, component, c);
            ord[k++] = (long) c << 48 | (long) (0xffff - inside) << 32 | (long) (0xffff - outside) << 16 | v;
        }
        java.util.Arrays.sort(ord, 0, count);
        prepare(count);
        int wm = words;
        int[] vs = vertexOf;
        for (int p = 0; p < count; p++) {
            int v = (int) (ord[p] & 0xffff);
            vs[p] = v;
            rank[v] = p;
        }
        for (int p = 0; p < count; ) {
            int c = (int) (ord[p] >>> 48);
            int q = p;
            while (q < count && (int) (ord[q] >>> 48) == c) {
                q++;
            }
            for (int r = p; r < q; r++) {
                end[r] = q;
            }
            p = q;
        }
        long[] po = pOut;
        long[] pi = pIn;
        java.util.Arrays.fill(po, 0, count * wm, 0L);
        java.util.Arrays.fill(pi, 0, count * wm, 0L);
        for (int p = 0; p < count; p++) {
            int v = vs[p];
            int c = component[v];
            permuteInside(out, v * w, w, component, c, po, p * wm);
            permuteInside(in, v * w, w, component, c, pi, p * wm);
        }
        int found = 0;
        for (int s = 0; s < count && found < cap; s++) {
            int hi = end[s];
            if (hi - s < 2) {
                continue;
            }
            int xl = s >>> 6;
            int xh = (hi - 1) >>> 6;
            long mask = -1L << s;
            if ((po[s * wm + xl] & mask) == 0L && !anyAbove(po, s * wm, xl, xh)
                    || (pi[s * wm + xl] & mask) == 0L && !anyAbove(pi, s * wm, xl, xh)) {
                continue; // no cycle through s among the labels >= s
            }
            reach(s, xl, xh, po, seen);
            reach(s, xl, xh, pi, seenBack);
            int size = 0;
            for (int x = xl; x <= xh; x++) {
                long both = seen[x] & seenBack[x];
                seen[x] = both;
                size += Bits.count(both);
            }
            if (size <= 2) {
                found += size - 1; // alone, or exactly the one 2-cycle
                continue;
            }
            found = circuits(s, xl, xh, found, cap);
        }
        return found;
    }

    private void prepare(int count) {
        m = count;
        int wm = (count + 63) >>> 6;
        words = wm;
        if (vertexOf.length < count) {
            vertexOf = new int[count];
            end = new int[count];
            stackVertex = new int[count + 1];
            closedAt = new boolean[count + 1];
        }
        if (pOut.length < count * wm) {
            pOut = new long[count * wm];
            pIn = new long[count * wm];
            blockedBy = new long[count * wm];
            stackRest = new long[(count + 1) * wm];
        }
        if (seen.length < wm) {
            seen = new long[wm];
            seenBack = new long[wm];
            frontier = new long[wm];
            next = new long[wm];
            blocked = new long[wm];
            waiting = new long[wm];
            pending = new long[wm];
            released = new long[wm];
        }
    }

    private static int degreeInside(long[] rows, int at, int w, int[] component, int c) {
        int d = 0;
        for (int x = 0; x < w; x++) {
            for (long q = rows[at + x]; q != 0L; q &= q - 1) {
                if (component[(x << 6) + Bits.lowest(q)] == c) {
                    d++;
                }
            }
        }
        return d;
    }

    /** The row at {@code at} restricted to component {@code c}, every bit moved to its label, into {@code to}. */
    private void permuteInside(long[] rows, int at, int w, int[] component, int c, long[] to, int toAt) {
        int[] rk = rank;
        for (int x = 0; x < w; x++) {
            for (long q = rows[at + x]; q != 0L; q &= q - 1) {
                int u = (x << 6) + Bits.lowest(q);
                if (component[u] == c) {
                    int l = rk[u];
                    to[toAt + (l >>> 6)] |= 1L << l;
                }
            }
        }
    }

    private static boolean anyAbove(long[] rows, int at, int xl, int xh) {
        for (int x = xl + 1; x <= xh; x++) {
            if (rows[at + x] != 0L) {
                return true;
            }
        }
        return false;
    }

    /** The labels {@code >= s} (words xl to xh) reachable from {@code s} (included) along {@code lists}, into into. */
    private void reach(int s, int xl, int xh, long[] lists, long[] into) {
        int wm = words;
        long[] f = frontier;
        long[] nx = next;
        for (int x = xl; x <= xh; x++) {
            into[x] = 0L;
            f[x] = 0L;
        }
        into[xl] = 1L << s;
        f[xl] = 1L << s;
        long lowMask = -1L << s;
        boolean any = true;
        while (any) {
            for (int x = xl; x <= xh; x++) {
                nx[x] = 0L;
            }
            for (int x = xl; x <= xh; x++) {
                for (long q = f[x]; q != 0L; q &= q - 1) {
                    int at = ((x << 6) + Bits.lowest(q)) * wm;
                    for (int y = xl; y <= xh; y++) {
                        nx[y] |= lists[at + y];
                    }
                }
            }
            any = false;
            nx[xl] &= lowMask;
            for (int x = xl; x <= xh; x++) {
                long add = nx[x] & ~into[x];
                f[x] = add;
                into[x] |= add;
                any |= add != 0L;
            }
        }
    }

    /**
     * Johnson's CIRCUIT from {@code s} inside the component {@link #seen} (s its smallest label; words xl to xh),
     * without recursion, as {@code SmallDigraphStats.circuits} with every set a row of words: a stack of vertices,
     * each with the targets still to try and whether a cycle was closed below it; returns {@code found} plus the
     * cycles found, stopping once it reaches {@code limit}. A vertex left without a cycle waits on its targets;
     * unblocking releases, wave by wave, the waiting vertices with a target just unblocked.
     */
    private int circuits(int s, int xl, int xh, int found, int limit) {
        int wm = words;
        long[] c = seen;
        long[] o = pOut;
        long[] b = blockedBy;
        long[] bl = blocked;
        long[] wt = waiting;
        long[] pd = pending;
        long[] rl = released;
        int[] vertex = stackVertex;
        long[] rest = stackRest;
        boolean[] closed = closedAt;
        for (int x = xl; x <= xh; x++) {
            bl[x] = 0L;
            wt[x] = 0L;
        }
        long startBit = 1L << s;
        bl[xl] = startBit;
        int d = 0;
        vertex[0] = s;
        closed[0] = false;
        for (int x = xl; x <= xh; x++) {
            rest[x] = o[s * wm + x] & c[x];
        }
        rest[xl] &= ~startBit;
        boolean anyWaiting = false;
        while (d >= 0) {
            int base = d * wm;
            int w = -1;
            for (int x = xl; x <= xh; x++) {
                long r = rest[base + x] & ~bl[x];
                if (r != 0L) {
                    int bit = Bits.lowest(r);
                    w = (x << 6) + bit;
                    // the targets up to w are passed (blocked ones too, as the recursive loop passes them)
                    rest[base + x] &= ~((2L << bit) - 1);
                    for (int y = xl; y < x; y++) {
                        rest[base + y] = 0L;
                    }
                    break;
                }
            }
            if (w >= 0) {
                // descend into w
                bl[w >>> 6] |= 1L << w;
                d++;
                vertex[d] = w;
                int nb = d * wm;
                int at = w * wm;
                for (int x = xl; x <= xh; x++) {
                    rest[nb + x] = o[at + x] & c[x];
                }
                boolean close = (rest[nb + xl] & startBit) != 0L;
                closed[d] = close;
                if (close) {
                    rest[nb + xl] &= ~startBit;
                    found++;
                    if (found >= limit) {
                        return found;
                    }
                }
                continue;
            }
            // every target of v tried: leave v
            int v = vertex[d];
            boolean wasClosed = closed[d];
            if (wasClosed) {
                // unblock(v): v and, transitively, the waiting vertices with a target just unblocked
                bl[v >>> 6] &= ~(1L << v);
                if (anyWaiting) {
                    for (int x = xl; x <= xh; x++) {
                        pd[x] = 0L;
                    }
                    pd[v >>> 6] = 1L << v;
                    boolean more = true;
                    while (more) {
                        boolean left = false;
                        for (int x = xl; x <= xh; x++) {
                            rl[x] = 0L;
                        }
                        for (int x = xl; x <= xh; x++) {
                            for (long u = wt[x]; u != 0L; u &= u - 1) {
                                int y = (x << 6) + Bits.lowest(u);
                                int at = y * wm;
                                for (int z = xl; z <= xh; z++) {
                                    if ((b[at + z] & pd[z]) != 0L) {
                                        rl[x] |= 1L << y;
                                        break;
                                    }
                                }
                            }
                        }
                        more = false;
                        for (int x = xl; x <= xh; x++) {
                            long r = rl[x];
                            wt[x] &= ~r;
                            bl[x] &= ~r;
                            pd[x] = r;
                            more |= r != 0L;
                            left |= wt[x] != 0L;
                        }
                        more &= left;
                        anyWaiting = left;
                    }
                }
            } else {
                int at = v * wm;
                for (int x = xl; x <= xh; x++) {
                    b[at + x] = o[at + x] & c[x];
                }
                wt[v >>> 6] |= 1L << v;
                anyWaiting = true;
            }
            d--;
            if (d >= 0 && wasClosed) {
                closed[d] = true;
            }
        }
        return found;
    }
}
