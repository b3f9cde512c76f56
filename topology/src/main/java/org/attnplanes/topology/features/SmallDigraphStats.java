package org.attnplanes.topology.features;

import org.attnplanes.topology.internal.Bits;
import org.attnplanes.graph.AttentionMatrix;

/**
 * {@link ThresholdGraphFeatures} statistics for matrices of at most {@value #MAX_VERTICES} tokens, with one
 * {@code long} adjacency bitset per vertex: the graphs of all thresholds from one pass over the matrix (nested:
 * each larger threshold tests only the arcs of the previous one), taken from the largest threshold down so that
 * in-rows, arc and mutual-pair counts grow by the new arcs only; strongly connected components by forward ∩
 * backward reachability, undirected components by bitset search, and Johnson's simple cycles (1975) with the
 * blocked set, the B lists and the component as bitsets, searched only inside the strongly connected components
 * with two or more vertices, on those vertices relabelled by decreasing in-degree, skipped when the cycles of
 * lengths 2 to 5 alone reach the cap or a smaller graph already had {@code cap} cycles. Same numbers as the
 * general code (the capped cycle count is {@code min(total, cap)} whatever the enumeration order and labels).
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
    /** Per vertex, its strongly connected component (a bitset), from the last {@link #strongComponents}. */
    private final long[] scc = new long[MAX_VERTICES];
    /** The vertices of the components with at least two vertices (every cycle of length >= 2 lies in one). */
    private long cyclic;
    private int n;

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
    /** The thresholds of the last {@link #loadRows} by index, smallest first (each graph contains the next). */
    private int[] ascending = new int[6];
    private int thresholdCount;
    /**
     * The raw bits of the matrix, stored by the smallest threshold's scan for the larger thresholds' tests: under C1
     * on this project's machines (AMD Zen 3) Float.floatToRawIntBits goes through a stack slot and, depending on the
     * code around it, costs 3 to 25 ns (micro-benchmark), where an int load costs about 1 ns.
     */
    private final int[] rawBits = new int[MAX_VERTICES * MAX_VERTICES];

    private static final int ONE_BITS = Float.floatToRawIntBits(1f);

    /** {@link #unitRange()}. */
    private boolean unitRange;

    /** Whether every weight read by the last {@link #loadRows} was in [+0, 1] (not -0, negative, above 1 or NaN). */
    boolean unitRange() {
        return unitRange;
    }

    /**
     * Builds the adjacency rows of every threshold: one pass over each row of the loaded matrix for the smallest
     * threshold, then each larger threshold tests only the entries the previous one kept (an attention row keeps
     * few). Thresholds finite, any order.
     */
    SmallDigraphStats loadRows(double[] thresholds) {
        return loadRows(n, weights, thresholds);
    }

    /**
     * As {@link #loadRows(double[])} for the row-major {@code size × size} matrix {@code matrix} (read, not kept:
     * no copy into this instance), {@code size <= 64}.
     */
    SmallDigraphStats loadRows(int size, float[] matrix, double[] thresholds) {
        n = size;
        int t = thresholds.length;
        // b | (ONE_BITS - b) is negative exactly for the raw bits b of -0, negative values and negative NaNs (b < 0)
        // and of values above 1, +inf and NaNs (b > ONE_BITS): the sign bit of the OR over the matrix tells whether
        // every weight is in [+0, 1], read from the bits the threshold scan takes anyway
        int outside = 0;
        if (rows.length < t * MAX_VERTICES) {
            rows = new long[t * MAX_VERTICES];
        }
        // thresholds in ascending order: the row of each is a subset of the previous one's, so only the previous
        // row's bits are tested against it; the smallest scans the whole row, branch-free (the attention's
        // comparisons are data-dependent and would mispredict)
        float[] tf = new float[t];
        if (ascending.length < t) {
            ascending = new int[t];
        }
        int[] order = ascending;
        thresholdCount = t;
        sortThresholds(thresholds, tf, order);
        int nn = n;
        float[] w = matrix;
        long[] r = rows;
        int[] raw = rawBits;
        for (int i = 0; i < nn; i++) {
            int base = i * nn;
            long row = 0L;
            if (t > 0) {
                float min = tf[0];
                if (min > 0f) {
                    // w >= min on the raw bits, branch-free (C1 compiles a float comparison to a branch, which
                    // mispredicts on attention rows): the sign bit of (below - b) & ~b is set iff b >= 0 (a
                    // non-negative float; -0 and negatives count as +0) and b > below, i.e. for min > 0 and finite
                    // w the float comparison; two entries per iteration (C1 does not unroll)
                    int below = Float.floatToRawIntBits(min) - 1;
                    int j = 0;
                    int end = base + nn;
                    for (int k = base; k + 1 < end; k += 2, j += 2) {
                        int b0 = Float.floatToRawIntBits(w[k]);
                        int b1 = Float.floatToRawIntBits(w[k + 1]);
                        raw[k] = b0;
                        raw[k + 1] = b1;
                        outside |= b0 | (ONE_BITS - b0) | b1 | (ONE_BITS - b1);
                        int two = ((below - b0) & ~b0) >>> 31 | (((below - b1) & ~b1) >>> 31) << 1;
                        row |= (long) two << j;
                    }
                    if (j < nn) {
                        int b = Float.floatToRawIntBits(w[base + j]);
                        raw[base + j] = b;
                        outside |= b | (ONE_BITS - b);
                        row |= (long) (((below - b) & ~b) >>> 31) << j;
                    }
                } else {
                    for (int j = 0; j < nn; j++) {
                        int b = Float.floatToRawIntBits(w[base + j]);
                        raw[base + j] = b;
                        outside |= b | (ONE_BITS - b);
                        row |= (w[base + j] >= min ? 1L : 0L) << j;
                    }
                }
                r[order[0] * MAX_VERTICES + i] = row;
            } else {
                for (int j = 0; j < nn; j++) {
                    int b = Float.floatToRawIntBits(w[base + j]);
                    outside |= b | (ONE_BITS - b);
                }
            }
            for (int k = 1; k < t; k++) {
                float f = tf[k];
                long next = 0L;
                if (row == 0L) {
                    r[order[k] * MAX_VERTICES + i] = 0L; // and so are the rows of the larger thresholds
                    continue;
                }
                if (f > 0f) {
                    int below = Float.floatToRawIntBits(f) - 1; // as for the first threshold, on its raw bits
                    for (long q = row; q != 0L; q &= q - 1) {
                        int j = Bits.lowest(q);
                        int b = raw[base + j];
                        next |= (long) (((below - b) & ~b) >>> 31) << j;
                    }
                } else {
                    for (long q = row; q != 0L; q &= q - 1) {
                        int j = Bits.lowest(q);
                        if (w[base + j] >= f) {
                            next |= 1L << j;
                        }
                    }
                }
                row = next;
                r[order[k] * MAX_VERTICES + i] = row;
            }
        }
        unitRange = outside >= 0;
        return this;
    }

    /**
     * The statistics at every threshold of the last {@link #loadRows}, caps as in the reference, into
     * {@code values}: 6 per threshold in the order the thresholds were given (strong components, edges, average
     * degree, simple cycles, components, graph β1).
     *
     * <p>The graphs are taken from the largest threshold down, each containing the previous one: the in-rows grow
     * by the arcs that are new at each threshold only, and once a graph has {@code cap} cycles (self-loops
     * included) every larger graph has at least as many, so their capped count is {@code cap} without a search.
     */
    void statsInto(int cap, double[] values) {
        int nn = n;
        long[] o = out;
        long[] inRows = in;
        long[] r = rows;
        for (int i = 0; i < nn; i++) {
            o[i] = 0L;
            inRows[i] = 0L;
        }
        boolean capped = false;
        boolean connected = false;
        int arcs = 0;   // arcs i -> j, i != j, of the current graph
        int mutual = 0; // pairs with both arcs
        for (int q = thresholdCount - 1; q >= 0; q--) {
            int k = ascending[q];
            int offset = k * MAX_VERTICES;
            int selfLoops = 0;
            for (int i = 0; i < nn; i++) {
                long self = 1L << i;
                long row = r[offset + i];
                long loop = row & self;
                selfLoops += (int) (loop >>> i);
                row ^= loop;
                // the arcs not in the previous (smaller) graph: each sets one bit of an in-row, and meets its
                // reverse arc if that was added before (in this graph or a smaller one)
                for (long added = row & ~o[i]; added != 0L; added &= added - 1) {
                    int j = Bits.lowest(added);
                    inRows[j] |= self;
                    mutual += (int) (inRows[i] >>> j) & 1;
                    arcs++;
                }
                o[i] = row;
            }
            int edges = arcs + selfLoops;
            // a graph containing a connected one on the same vertices is connected: once a graph is, every larger one
            // is (on the 200-sentence corpus 36 % of all the threshold graphs skip the search)
            int components = connected ? 1 : components();
            connected = components == 1;
            int scc = Math.min(cap, strongComponents());
            int cycles;
            if (capped || selfLoops >= cap) {
                cycles = cap;
            } else {
                cycles = selfLoops + cycles(cap - selfLoops, arcs >= DENSE_ARCS_PER_VERTEX * nn);
            }
            capped = cycles >= cap;
            int v = 6 * k;
            values[v] = scc;
            values[v + 1] = edges;
            values[v + 2] = nn == 0 ? 0.0 : 2.0 * edges / nn;
            values[v + 3] = cycles;
            values[v + 4] = components;
            values[v + 5] = arcs - mutual + selfLoops - nn + components;
        }
    }

    /** The statistics of the loaded matrix at {@code threshold} (finite), caps as in the reference. */
    ThresholdGraphFeatures.Stats stats(double threshold, int cap) {
        double[] v = new double[6];
        loadRows(new double[] {threshold}).statsInto(cap, v);
        return new ThresholdGraphFeatures.Stats((int) v[0], (int) v[1], v[2], (int) v[3], (int) v[4], (int) v[5]);
    }

    /**
     * The thresholds' float bounds ({@link #atLeast}) in ascending order into {@code tf}, and in {@code order} the
     * index in {@code thresholds} each came from (insertion sort: a handful of thresholds).
     */
    static void sortThresholds(double[] thresholds, float[] tf, int[] order) {
        for (int k = 0; k < thresholds.length; k++) {
            float f = atLeast(thresholds[k]);
            int p = k;
            while (p > 0 && tf[p - 1] > f) {
                tf[p] = tf[p - 1];
                order[p] = order[p - 1];
                p--;
            }
            tf[p] = f;
            order[p] = k;
        }
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
        // a vertex without arcs (self-loops are not in out/in) is a component alone
        long linked = 0L;
        int nn = n;
        for (int v = 0; v < nn; v++) {
            long bit = (out[v] | in[v]) != 0L ? 1L : 0L;
            linked |= bit << v;
        }
        long unseen = linked;
        int count = Long.bitCount(all() & ~linked);
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
     * reach among the unassigned vertices (a path between two vertices of one component never leaves it). Records
     * {@link #scc} for the vertices of the components with two or more vertices only (the cycle search reads no
     * other).
     */
    private int strongComponents() {
        // a vertex without an arc in from, or without an arc out to, the remaining candidates (self-loops are not
        // in out/in) is on no cycle, so a component alone: removed until none is left (branch-free, x | -x has its
        // sign bit set iff x != 0); the others are searched among themselves only
        long candidates = all();
        long[] o = out;
        long[] i2 = in;
        while (true) {
            long keep = 0L;
            for (long r = candidates; r != 0L; r &= r - 1) {
                long vBit = r & -r;
                int v = Bits.ofSingle(vBit);
                long x = o[v] & candidates;
                long y = i2[v] & candidates;
                keep |= ((x | -x) & (y | -y)) >> 63 & vBit;
            }
            if (keep == candidates) {
                break;
            }
            candidates = keep;
        }
        int count = n - Long.bitCount(candidates);
        long unassigned = candidates;
        long inCycles = 0L;
        while (unassigned != 0L) {
            int s = Bits.lowest(unassigned);
            long c = reach(s, o, unassigned) & reach(s, i2, unassigned);
            unassigned &= ~c;
            count++;
            if ((c & (c - 1)) != 0L) {
                inCycles |= c;
                for (long r = c; r != 0L; r &= r - 1) {
                    scc[Bits.lowest(r)] = c;
                }
            }
        }
        cyclic = inCycles;
        return count;
    }

    /**
     * Below this many arcs per vertex the lower bound of {@link #shortCycles} is not tried (on the 200-sentence
     * corpus such graphs rarely have {@code cap} short cycles, and Johnson's search on them is short; 5 measured
     * best among 0 to 8). It only decides which exact route computes the same count.
     */
    private static final int DENSE_ARCS_PER_VERTEX = 5;

    /**
     * Johnson's algorithm: the simple cycles (length >= 2) whose smallest vertex is s, inside the strongly
     * connected component of s in the subgraph of the vertices >= s; stops once {@code cap} were found. A cycle
     * lies inside one strongly connected component of the whole graph, so only the vertices of the components with
     * two or more vertices ({@link #cyclic}, from {@link #strongComponents}, which runs first) are searched, each
     * start within its own component. {@code dense}: try the short-cycle lower bound first.
     */
    private int cycles(int cap, boolean dense) {
        if (dense && shortCycles(out, in, scc, cyclic, cap) >= cap) {
            return cap;
        }
        // Johnson's search on the cyclic vertices relabelled by decreasing in-degree (then out-degree, then
        // index): the count does not depend on the labels, and a search from a vertex many arcs enter closes a
        // cycle at many of its steps, so a capped count is reached in fewer steps (on the 200-sentence corpus the
        // whole threshold-graph stage takes 0.8x the time of the search in index order)
        int m = 0;
        int[] vs = permVertices;
        int[] key = permKey;
        long cyc = cyclic;
        for (long r = cyc; r != 0L; r &= r - 1) {
            int v = Bits.lowest(r);
            int k = Long.bitCount(in[v] & cyc) * 64 + Long.bitCount(out[v] & cyc);
            int p = m++;
            while (p > 0 && key[p - 1] < k) {
                key[p] = key[p - 1];
                vs[p] = vs[p - 1];
                p--;
            }
            key[p] = k;
            vs[p] = v;
        }
        int[] rank = permRank;
        for (int p = 0; p < m; p++) {
            rank[vs[p]] = p;
        }
        long[] o = pOut;
        long[] i2 = pIn;
        long[] sc = pScc;
        for (int p = 0; p < m; p++) {
            int v = vs[p];
            o[p] = permute(out[v] & cyc, rank);
            i2[p] = permute(in[v] & cyc, rank);
        }
        // each component relabelled once, for all its members
        for (long rest = cyc; rest != 0L; ) {
            long c = scc[Bits.lowest(rest)];
            rest &= ~c;
            long relabelled = permute(c, rank);
            for (long q = relabelled; q != 0L; q &= q - 1) {
                sc[Bits.lowest(q)] = relabelled;
            }
        }
        int found = 0;
        for (int s = 0; s < m && found < cap; s++) {
            long allowed = sc[s] & (-1L << s);
            if ((o[s] & allowed) == 0L || (i2[s] & allowed) == 0L) {
                continue; // no cycle through s among the vertices >= s
            }
            long c = reach(s, o, allowed) & reach(s, i2, allowed);
            if (Long.bitCount(c) <= 2) {
                found += Long.bitCount(c) - 1; // alone, or exactly the one 2-cycle
                continue;
            }
            found = circuits(o, i2, s, c, found, cap);
        }
        return Math.min(found, cap);
    }

    /** {@code set} with every bit v moved to {@code rank[v]}. */
    private static long permute(long set, int[] rank) {
        long r = 0L;
        for (long q = set; q != 0L; q &= q - 1) {
            r |= 1L << rank[Bits.lowest(q)];
        }
        return r;
    }

    private final int[] permVertices = new int[MAX_VERTICES];
    private final int[] permKey = new int[MAX_VERTICES];
    private final int[] permRank = new int[MAX_VERTICES];
    private final long[] pOut = new long[MAX_VERTICES];
    private final long[] pIn = new long[MAX_VERTICES];
    private final long[] pScc = new long[MAX_VERTICES];

    /**
     * A lower bound of the number of simple cycles: those of lengths 2 to 5, counted exactly with bitsets (each
     * cycle once, from its smallest vertex i, which starts the walk i → a → b → c → d → i through vertices of i's
     * strongly connected component above i; the last step of each length is one intersection and a bit count);
     * stops counting at {@code cap}. When it reaches the cap, as on the dense graphs of low thresholds, the
     * enumeration is not needed.
     */
    private static int shortCycles(long[] out, long[] in, long[] scc, long cyclic, int cap) {
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
                    long backNotAB = back & notAB;
                    for (long p = third; p != 0L; p &= p - 1) {
                        // i -> a -> b -> c -> d -> i, d distinct from a and b; the bit count written out (under
                        // C1 Long.bitCount is a call)
                        long x = out[Bits.lowest(p)] & backNotAB;
                        x -= (x >>> 1) & 0x5555555555555555L;
                        x = (x & 0x3333333333333333L) + ((x >>> 2) & 0x3333333333333333L);
                        x = (x + (x >>> 4)) & 0x0f0f0f0f0f0f0f0fL;
                        count += (int) ((x * 0x0101010101010101L) >>> 56);
                    }
                }
            }
        }
        return count;
    }

    /**
     * Johnson's CIRCUIT from {@code s} inside {@code component} (s its smallest vertex) of the graph {@code out}
     * ({@code in} its reverse), without recursion (C1 does not inline a recursive call, and the state stays in
     * locals): a stack of vertices, each with the targets still to try and whether a cycle was closed below it;
     * returns {@code found} plus the cycles found, stopping once it reaches {@code limit}. The blocked set and the
     * unblocking are Johnson's; his B lists are not kept: a vertex left without a cycle waits on all its targets in
     * the component, always the same ones, so the vertices waiting on a vertex are its in-row within the waiting
     * set, and unblocking releases them wave by wave (the closure Johnson's recursive UNBLOCK reaches; it does not
     * depend on the order), each released vertex read once, where a scan of the waiting set per wave was a fifth of
     * the search's time.
     *
     * <p>Counted one step ahead: on entering a vertex v, the cycles that close through one more vertex
     * ({@code path, v, w, s} for each unblocked w with an arc to s) are counted at once, and a target with no
     * unblocked target besides s is not entered. These are the same steps and the same blocked state as Johnson's:
     * a vertex with an arc to s is never blocked off the path (Johnson's lemma: a blocked vertex off the path has
     * every path to s through the path), so each such w is entered later, closes its cycle and is unblocked
     * releasing no one (no waiting vertex has an unblocked target with a path to s); a target without that arc and
     * without unblocked targets is left blocked and waiting, as Johnson leaves it. Each cycle is counted once, at
     * the path that is the cycle without its last vertex. The capped count is reached earlier, and the last
     * vertex of a cycle, most entries of the search, costs no stack step.
     */
    private int circuits(long[] out, long[] in, int s, long component, int found, int limit) {
        int[] vertex = stackVertex;
        long[] rest = stackRest;
        long startBit = 1L << s;
        long closing = in[s] & component & ~startBit; // the vertices with an arc to s
        long blocked = startBit;
        long waitingSet = 0L; // blocked vertices left without a cycle, each waiting on its targets
        int d = 0;
        vertex[0] = s;
        long targets = out[s] & component & ~startBit;
        long closedAt = 0L; // bit d: a cycle was closed at or below stack depth d
        long direct = targets & closing;
        if (direct != 0L) {
            found += Long.bitCount(direct);
            closedAt = 1L;
            if (found >= limit) {
                return found;
            }
        }
        rest[0] = targets;
        while (d >= 0) {
            long r = rest[d] & ~blocked;
            if (r != 0L) {
                int w = Bits.lowest(r);
                // the targets up to w are passed (blocked ones too, as the recursive loop passes them)
                rest[d] &= ~((2L << w) - 1);
                long wBit = 1L << w;
                long wTargets = out[w] & component & ~startBit;
                long next = wTargets & ~blocked; // out rows have no self-loops
                if (next == 0L) {
                    if ((wBit & closing) == 0L) {
                        // entered, it would be left without a cycle: blocked, waiting on its targets
                        blocked |= wBit;
                        waitingSet |= wBit;
                    }
                    // else its one cycle was counted on entering the vertex at depth d
                    continue;
                }
                // descend into w
                blocked |= wBit;
                d++;
                vertex[d] = w;
                long ahead = next & closing;
                closedAt = (closedAt & ~(1L << d)) | (((wBit & closing) | ahead) != 0L ? 1L << d : 0L);
                if (ahead != 0L) {
                    // counted bit by bit: few, and Long.bitCount is a call under C1
                    for (; ahead != 0L; ahead &= ahead - 1) {
                        found++;
                    }
                    if (found >= limit) {
                        return found;
                    }
                }
                rest[d] = wTargets;
                continue;
            }
            // every target of v tried: leave v
            int v = vertex[d];
            long vBit = 1L << v;
            boolean closed = (closedAt & (1L << d)) != 0L;
            if (closed) {
                // unblock(v): v and, transitively, the waiting vertices with a target just unblocked (wave by
                // wave: the closure does not depend on the order)
                blocked &= ~vBit;
                long released = waitingSet & in[v];
                while (released != 0L) {
                    waitingSet &= ~released;
                    blocked &= ~released;
                    long next = 0L;
                    for (long u = released; u != 0L; u &= u - 1) {
                        next |= in[Bits.lowest(u)];
                    }
                    released = waitingSet & next;
                }
            } else {
                waitingSet |= vBit;
            }
            d--;
            if (d >= 0 && closed) {
                closedAt |= 1L << d;
            }
        }
        return found;
    }

    private final int[] stackVertex = new int[MAX_VERTICES + 1];
    private final long[] stackRest = new long[MAX_VERTICES + 1];
}
