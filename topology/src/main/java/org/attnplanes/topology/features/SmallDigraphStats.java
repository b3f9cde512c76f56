package org.attnplanes.topology.features;

import org.attnplanes.topology.internal.Bits;
import org.attnplanes.graph.AttentionMatrix;

/**
 * {@link ThresholdGraphFeatures} statistics for matrices of at most {@value #MAX_VERTICES} tokens, with one
 * {@code long} adjacency bitset per vertex: strongly connected components by forward ∩ backward reachability,
 * undirected components by bitset search, and Johnson's simple cycles (1975) with the blocked set, the B lists
 * and the component as bitsets, searched only inside the strongly connected components with two or more vertices,
 * and skipped when the cycles of lengths 2 to 5 alone reach the cap. Same numbers as the general code (the capped cycle count is
 * {@code min(total, cap)} whatever the enumeration order).
 *
 * <p>One instance per thread ({@link #local()}) holds the weights and work bitsets; it is reused across calls
 * and is not thread-safe itself.
 */
final class SmallDigraphStats {

    /** Largest matrix handled. */
    static final int MAX_VERTICES = 64;

    private static final ThreadLocal<SmallDigraphStats> LOCAL = ThreadLocal.withInitial(SmallDigraphStats::new);

    private final float[] weights = new float[MAX_VERTICES * MAX_VERTICES];
    private final long[] out = new long[MAX_VERTICES];
    private final long[] in = new long[MAX_VERTICES];
    private final long[] blockedBy = new long[MAX_VERTICES];
    /** Per vertex, its strongly connected component (a bitset), from the last {@link #strongComponents}. */
    private final long[] scc = new long[MAX_VERTICES];
    /** The vertices of the components with at least two vertices (every cycle of length >= 2 lies in one). */
    private long cyclic;
    private int n;

    // Johnson state
    private long blocked;
    private long component;
    private int start;
    private int found;
    private int limit;

    private SmallDigraphStats() {
    }

    /** The instance of the calling thread. */
    static SmallDigraphStats local() {
        return LOCAL.get();
    }

    /** Takes a copy of the matrix ({@code size() <= 64}). */
    SmallDigraphStats load(AttentionMatrix attention) {
        n = attention.size();
        attention.copyInto(weights, 0);
        return this;
    }

    /** Out-rows (self-loops included) of every threshold of the last {@link #loadRows}, 64 longs per threshold. */
    private long[] rows = new long[6 * MAX_VERTICES];

    /**
     * Builds the adjacency rows of every threshold in one pass over the loaded matrix: an entry below the smallest
     * threshold (most of an attention row) is skipped with one comparison. Thresholds finite, any order.
     */
    SmallDigraphStats loadRows(double[] thresholds) {
        int t = thresholds.length;
        if (rows.length < t * MAX_VERTICES) {
            rows = new long[t * MAX_VERTICES];
        }
        float[] tf = new float[t];
        float min = Float.POSITIVE_INFINITY;
        for (int k = 0; k < t; k++) {
            tf[k] = atLeast(thresholds[k]);
            min = Math.min(min, tf[k]);
        }
        int nn = n;
        float[] w = weights;
        long[] r = rows;
        java.util.Arrays.fill(r, 0, t * MAX_VERTICES, 0L);
        for (int i = 0; i < nn; i++) {
            int base = i * nn;
            for (int j = 0; j < nn; j++) {
                float x = w[base + j];
                if (x >= min) {
                    long bit = 1L << j;
                    for (int k = 0; k < t; k++) {
                        if (x >= tf[k]) {
                            r[k * MAX_VERTICES + i] |= bit;
                        }
                    }
                }
            }
        }
        return this;
    }

    /** The statistics at threshold number {@code k} of the last {@link #loadRows}, caps as in the reference. */
    ThresholdGraphFeatures.Stats statsAt(int k, int cap) {
        return stats(rows, k * MAX_VERTICES, cap);
    }

    /** The statistics of the loaded matrix at {@code threshold} (finite), caps as in the reference. */
    ThresholdGraphFeatures.Stats stats(double threshold, int cap) {
        return loadRows(new double[] {threshold}).statsAt(0, cap);
    }

    private ThresholdGraphFeatures.Stats stats(long[] rowsAll, int offset, int cap) {
        int nn = n;
        int edges = 0;
        int selfLoops = 0;
        for (int i = 0; i < nn; i++) {
            in[i] = 0L;
        }
        for (int i = 0; i < nn; i++) {
            long row = rowsAll[offset + i];
            long self = 1L << i;
            if ((row & self) != 0L) {
                selfLoops++;
                row &= ~self;
            }
            out[i] = row;
            edges += Long.bitCount(row);
            for (long r = row; r != 0L; r &= r - 1) {
                in[Bits.lowest(r)] |= self;
            }
        }
        edges += selfLoops;
        int undirectedTwice = 0;
        for (int i = 0; i < nn; i++) {
            undirectedTwice += Long.bitCount(out[i] | in[i]);
        }
        int components = components();
        int scc = Math.min(cap, strongComponents());
        int cycles = selfLoops >= cap ? cap : selfLoops + cycles(cap - selfLoops);
        double averageDegree = nn == 0 ? 0.0 : 2.0 * edges / nn;
        int b1 = undirectedTwice / 2 + selfLoops - nn + components;
        return new ThresholdGraphFeatures.Stats(scc, edges, averageDegree, cycles, components, b1);
    }

    /**
     * The smallest float {@code f} with {@code (double) f >= t}, so that {@code w >= f} decides
     * {@code (double) w >= t} exactly for every float w (the reference compares in double).
     */
    static float atLeast(double t) {
        float f = (float) t;
        return (double) f < t ? Math.nextUp(f) : f;
    }

    private long all() {
        return n == 64 ? -1L : (1L << n) - 1;
    }

    /** Connected components of the undirected graph {@code out | in}. */
    private int components() {
        long unseen = all();
        int count = 0;
        while (unseen != 0L) {
            long frontier = unseen & -unseen;
            unseen &= ~frontier;
            count++;
            while (frontier != 0L) {
                long next = 0L;
                for (long f = frontier; f != 0L; f &= f - 1) {
                    int v = Bits.lowest(f);
                    next |= out[v] | in[v];
                }
                frontier = next & unseen;
                unseen &= ~frontier;
            }
        }
        return count;
    }

    /** The vertices of {@code allowed} reachable from {@code s} (included) along {@code lists}. */
    private static long reach(int s, long[] lists, long allowed) {
        long seen = 1L << s;
        long frontier = seen;
        while (frontier != 0L) {
            long next = 0L;
            for (long f = frontier; f != 0L; f &= f - 1) {
                next |= lists[Bits.lowest(f)];
            }
            frontier = next & allowed & ~seen;
            seen |= frontier;
        }
        return seen;
    }

    /**
     * Strongly connected components: the component of the lowest unassigned vertex is its forward ∩ backward
     * reach among the unassigned vertices (a path between two vertices of one component never leaves it).
     */
    private int strongComponents() {
        long unassigned = all();
        int count = 0;
        long inCycles = 0L;
        while (unassigned != 0L) {
            int s = Bits.lowest(unassigned);
            long c = reach(s, out, unassigned) & reach(s, in, unassigned);
            unassigned &= ~c;
            count++;
            if ((c & (c - 1)) != 0L) {
                inCycles |= c;
            }
            for (long r = c; r != 0L; r &= r - 1) {
                scc[Bits.lowest(r)] = c;
            }
        }
        cyclic = inCycles;
        return count;
    }

    /**
     * Johnson's algorithm: the simple cycles (length >= 2) whose smallest vertex is s, inside the strongly
     * connected component of s in the subgraph of the vertices >= s; stops once {@code cap} were found. A cycle
     * lies inside one strongly connected component of the whole graph, so only the vertices of the components with
     * two or more vertices ({@link #cyclic}, from {@link #strongComponents}, which runs first) are searched, each
     * start within its own component.
     */
    private int cycles(int cap) {
        if (shortCycles(cap) >= cap) {
            return cap;
        }
        found = 0;
        limit = cap;
        for (long starts = cyclic; starts != 0L && found < cap; starts &= starts - 1) {
            int s = Bits.lowest(starts);
            long allowed = scc[s] & (-1L << s);
            if ((out[s] & allowed) == 0L || (in[s] & allowed) == 0L) {
                continue; // no cycle through s among the vertices >= s
            }
            long c = reach(s, out, allowed) & reach(s, in, allowed);
            if (Long.bitCount(c) <= 2) {
                found += Long.bitCount(c) - 1; // alone, or exactly the one 2-cycle
                continue;
            }
            component = c;
            start = s;
            blocked = 0L;
            for (long r = c; r != 0L; r &= r - 1) {
                blockedBy[Bits.lowest(r)] = 0L;
            }
            circuit(s);
        }
        return Math.min(found, cap);
    }

    /**
     * A lower bound of the number of simple cycles: those of lengths 2 to 5, counted exactly with bitsets (each
     * cycle once, from its smallest vertex i, which starts the walk i → a → b → c → d → i through vertices of i's
     * strongly connected component above i; the last step of each length is one intersection and a bit count);
     * stops counting at {@code cap}. When it reaches the cap, as on the dense graphs of low thresholds, the
     * enumeration is not needed.
     */
    private int shortCycles(int cap) {
        int count = 0;
        for (long starts = cyclic; starts != 0L && count < cap; starts &= starts - 1) {
            int i = Bits.lowest(starts);
            long higher = i == 63 ? 0L : scc[i] & (-1L << (i + 1));
            long successors = out[i] & higher;
            long back = in[i] & higher;
            count += Long.bitCount(successors & back);
            for (long r = successors; r != 0L && count < cap; r &= r - 1) {
                int a = Bits.lowest(r);
                long aBit = 1L << a;
                long next = out[a] & higher;
                count += Long.bitCount(next & back); // i -> a -> c -> i
                for (long q = next; q != 0L && count < cap; q &= q - 1) {
                    int b = Bits.lowest(q);
                    long notAB = ~(aBit | 1L << b);
                    long third = out[b] & higher & notAB;
                    count += Long.bitCount(third & back); // i -> a -> b -> c -> i, c distinct from a
                    for (long p = third; p != 0L; p &= p - 1) {
                        // i -> a -> b -> c -> d -> i, d distinct from a and b
                        count += Long.bitCount(out[Bits.lowest(p)] & back & notAB);
                    }
                }
            }
        }
        return count;
    }

    private boolean circuit(int v) {
        boolean closed = false;
        long vBit = 1L << v;
        blocked |= vBit;
        long targets = out[v] & component;
        long startBit = 1L << start;
        if ((targets & startBit) != 0L) {
            found++;
            closed = true;
            if (found >= limit) {
                return true;
            }
        }
        for (long r = targets & ~startBit; r != 0L; r &= r - 1) {
            int w = Bits.lowest(r);
            if ((blocked & (1L << w)) == 0L && circuit(w)) {
                closed = true;
            }
            if (found >= limit) {
                return true;
            }
        }
        if (closed) {
            unblock(v);
        } else {
            for (long r = targets; r != 0L; r &= r - 1) {
                blockedBy[Bits.lowest(r)] |= vBit;
            }
        }
        return closed;
    }

    private void unblock(int u) {
        blocked &= ~(1L << u);
        long waiting = blockedBy[u];
        blockedBy[u] = 0L;
        for (long r = waiting; r != 0L; r &= r - 1) {
            int w = Bits.lowest(r);
            if ((blocked & (1L << w)) != 0L) {
                unblock(w);
            }
        }
    }
}
