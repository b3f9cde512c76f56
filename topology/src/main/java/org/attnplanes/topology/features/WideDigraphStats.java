package org.attnplanes.topology.features;

import org.attnplanes.topology.internal.Bits;

/**
 * {@link ThresholdGraphFeatures} statistics for matrices of more than {@value SmallDigraphStats#MAX_VERTICES}
 * tokens, as {@link SmallDigraphStats} computes them up to 64 but with rows of {@code ceil(n / 64)} words: the
 * graphs of all thresholds from one pass over the matrix (each larger threshold tests only the arcs the previous one
 * kept), taken from the largest threshold down so that in-rows, arc and mutual-pair counts and the undirected
 * components (a union-find over the new arcs) grow by the new arcs only; strongly connected components by an
 * iterative Tarjan over the rows, and the simple cycles by {@link WideCycles} inside the components with two or
 * more vertices, skipped when a smaller graph already had {@code cap} cycles. Same numbers as the adjacency-list
 * code {@link ThresholdGraphFeatures#generalStats} (the capped cycle count is {@code min(total, cap)} whatever the
 * enumeration order and labels).
 *
 * <p>One instance per thread ({@link #local()}) holds the rows and work arrays, grown to the largest matrix seen;
 * it is not thread-safe itself.
 */
final class WideDigraphStats {

    private static final ThreadLocal<WideDigraphStats> LOCAL = ThreadLocal.withInitial(WideDigraphStats::new);

    private int n;
    private int words;
    /** Out-rows (self-loops included) of every threshold of the last {@link #loadRows}: n rows of words per threshold. */
    private long[] rows = new long[0];
    /** The thresholds of the last {@link #loadRows} by index, smallest first (each graph contains the next). */
    private int[] ascending = new int[6];
    private int thresholdCount;
    /** Whether every weight read by the last {@link #loadRows} was finite. */
    private boolean finite;
    private long[] out = new long[0];
    private long[] in = new long[0];
    private int[] parent = new int[0];
    /** Per vertex, its arcs out and in (self-loops not counted), of the current graph. */
    private int[] outDegree = new int[0];
    private int[] inDegree = new int[0];
    /** The vertices with arcs both out and in (the others are strongly connected components alone), as words. */
    private long[] candidates = new long[0];
    // Tarjan's work arrays
    private int[] index = new int[0];
    private int[] low = new int[0];
    private int[] stack = new int[0];
    private int[] callVertex = new int[0];
    private int[] callWord = new int[0];
    private long[] callBits = new long[0];
    /** Per vertex, its strongly connected component's number (from the last {@link #strongComponents}). */
    private int[] component = new int[0];
    /** Per component number, its size. */
    private int[] componentSize = new int[0];
    private final WideCycles cycles = new WideCycles();

    private WideDigraphStats() {
    }

    /** The instance of the calling thread. */
    static WideDigraphStats local() {
        return LOCAL.get();
    }

    /**
     * Builds the adjacency rows of every threshold of the row-major {@code size × size} matrix {@code matrix} (read,
     * not kept): one branch-free pass over each row for the smallest threshold, then each larger threshold tests
     * only the entries the previous one kept. Thresholds finite, any order.
     */
    WideDigraphStats loadRows(int size, float[] matrix, double[] thresholds) {
        n = size;
        int w = (size + 63) >>> 6;
        words = w;
        int t = thresholds.length;
        if (rows.length < t * size * w) {
            rows = new long[t * size * w];
        }
        if (out.length < size * w) {
            out = new long[size * w];
            in = new long[size * w];
            parent = new int[size];
            outDegree = new int[size];
            inDegree = new int[size];
            candidates = new long[w];
            index = new int[size];
            low = new int[size];
            stack = new int[size];
            callVertex = new int[size];
            callWord = new int[size];
            callBits = new long[size];
            component = new int[size];
            componentSize = new int[size];
        }
        float[] tf = new float[t];
        if (ascending.length < t) {
            ascending = new int[t];
        }
        int[] order = ascending;
        thresholdCount = t;
        SmallDigraphStats.sortThresholds(thresholds, tf, order);
        if (t == 0) {
            int bad = 0;
            for (int k = 0; k < size * size; k++) {
                bad |= (Float.floatToRawIntBits(matrix[k]) & 0x7fffffff) + 0x00800000;
            }
            finite = bad >= 0;
            return this;
        }
        long[] r = rows;
        // bad: the sign bit is set iff some weight is not finite ((bits & 0x7fffffff) >= 0x7f800000, by the carry
        // of the added exponent unit into the sign bit); the first threshold's scan reads every weight
        int bad = 0;
        int stride = size * w;
        float min = tf[0];
        int below = Float.floatToRawIntBits(min) - 1;
        for (int i = 0; i < size; i++) {
            int base = i * size;
            int first = order[0] * stride + i * w;
            boolean any = false;
            for (int x = 0; x < w; x++) {
                int j0 = x << 6;
                int count = Math.min(64, size - j0);
                long row = 0L;
                if (min > 0f) {
                    // w >= min on the raw bits, branch-free, as SmallDigraphStats.loadRows explains
                    int j = 0;
                    int k = base + j0;
                    for (; j + 3 < count; j += 4, k += 4) { // four entries per turn: C1 does not unroll
                        int b0 = Float.floatToRawIntBits(matrix[k]);
                        int b1 = Float.floatToRawIntBits(matrix[k + 1]);
                        int b2 = Float.floatToRawIntBits(matrix[k + 2]);
                        int b3 = Float.floatToRawIntBits(matrix[k + 3]);
                        bad |= ((b0 & 0x7fffffff) + 0x00800000) | ((b1 & 0x7fffffff) + 0x00800000)
                                | ((b2 & 0x7fffffff) + 0x00800000) | ((b3 & 0x7fffffff) + 0x00800000);
                        int four = ((below - b0) & ~b0) >>> 31 | (((below - b1) & ~b1) >>> 31) << 1
                                | (((below - b2) & ~b2) >>> 31) << 2 | (((below - b3) & ~b3) >>> 31) << 3;
                        row |= (long) four << j;
                    }
                    for (; j < count; j++, k++) {
                        int b = Float.floatToRawIntBits(matrix[k]);
                        bad |= (b & 0x7fffffff) + 0x00800000;
                        row |= (long) (((below - b) & ~b) >>> 31) << j;
                    }
                } else {
                    for (int j = 0; j < count; j++) {
                        float v = matrix[base + j0 + j];
                        bad |= (Float.floatToRawIntBits(v) & 0x7fffffff) + 0x00800000;
                        row |= (v >= min ? 1L : 0L) << j;
                    }
                }
                r[first + x] = row;
                any |= row != 0L;
            }
            int previous = first;
            for (int k = 1; k < t; k++) {
                int at = order[k] * stride + i * w;
                if (!any) {
                    for (int x = 0; x < w; x++) {
                        r[at + x] = 0L; // and so are the rows of the larger thresholds
                    }
                    continue;
                }
                float f = tf[k];
                int fb = Float.floatToRawIntBits(f) - 1;
                any = false;
                for (int x = 0; x < w; x++) {
                    long next = 0L;
                    int offset = base + (x << 6);
                    for (long q = r[previous + x]; q != 0L; q &= q - 1) {
                        int j = Bits.lowest(q);
                        if (f > 0f) {
                            int b = Float.floatToRawIntBits(matrix[offset + j]);
                            next |= (long) (((fb - b) & ~b) >>> 31) << j;
                        } else if (matrix[offset + j] >= f) {
                            next |= 1L << j;
                        }
                    }
                    r[at + x] = next;
                    any |= next != 0L;
                }
                previous = at;
            }
        }
        finite = bad >= 0;
        return this;
    }

    /** Whether every weight of the matrix of the last {@link #loadRows} was finite (else its rows mean nothing). */
    boolean finite() {
        return finite;
    }

    /**
     * The statistics at every threshold of the last {@link #loadRows}, caps as in the reference, into
     * {@code values}: 6 per threshold in the order the thresholds were given (strong components, edges, average
     * degree, simple cycles, components, graph β1); as {@link SmallDigraphStats#statsInto}.
     */
    void statsInto(int cap, double[] values) {
        int nn = n;
        int w = words;
        long[] o = out;
        long[] inRows = in;
        long[] r = rows;
        int[] p = parent;
        java.util.Arrays.fill(o, 0, nn * w, 0L);
        java.util.Arrays.fill(inRows, 0, nn * w, 0L);
        int[] od = outDegree;
        int[] id = inDegree;
        for (int i = 0; i < nn; i++) {
            p[i] = i;
            od[i] = 0;
            id[i] = 0;
        }
        int components = nn;
        boolean capped = false;
        int arcs = 0;   // arcs i -> j, i != j, of the current graph
        int mutual = 0; // pairs with both arcs
        for (int q = thresholdCount - 1; q >= 0; q--) {
            int k = ascending[q];
            int offset = k * nn * w;
            int selfLoops = 0;
            for (int i = 0; i < nn; i++) {
                int at = i * w;
                int iWord = i >>> 6;
                long self = 1L << i;
                int root = find(p, i); // i's root, kept as the unions below move it
                for (int x = 0; x < w; x++) {
                    long row = r[offset + at + x];
                    if (x == iWord) {
                        long loop = row & self;
                        selfLoops += (int) (loop >>> i);
                        row ^= loop;
                    }
                    // the arcs not in the previous (smaller) graph: each sets one bit of an in-row, meets its
                    // reverse arc if that was added before, and may join two undirected components
                    for (long added = row & ~o[at + x]; added != 0L; added &= added - 1) {
                        int j = (x << 6) + Bits.lowest(added);
                        inRows[j * w + iWord] |= self;
                        mutual += (int) (inRows[at + (j >>> 6)] >>> j) & 1;
                        arcs++;
                        od[i]++;
                        id[j]++;
                        int b = find(p, j);
                        if (root != b) {
                            p[root] = b;
                            root = b;
                            components--;
                        }
                    }
                    o[at + x] = row;
                }
            }
            int edges = arcs + selfLoops;
            int scc = Math.min(cap, strongComponents());
            int cycleCount;
            if (capped || selfLoops >= cap) {
                cycleCount = cap;
            } else {
                cycleCount = selfLoops + cycles.count(nn, w, o, inRows, component, componentSize, cap - selfLoops);
            }
            capped = cycleCount >= cap;
            int v = 6 * k;
            values[v] = scc;
            values[v + 1] = edges;
            values[v + 2] = nn == 0 ? 0.0 : 2.0 * edges / nn;
            values[v + 3] = cycleCount;
            values[v + 4] = components;
            values[v + 5] = arcs - mutual + selfLoops - nn + components;
        }
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /**
     * The number of strongly connected components of the graph {@link #out} (iterative Tarjan, out-neighbours taken
     * word by word from the rows); records each vertex's component number in {@link #component} and each
     * component's size in {@link #componentSize}.
     */
    private int strongComponents() {
        int nn = n;
        int w = words;
        long[] o = out;
        int[] idx = index;
        int[] lo = low;
        int[] st = stack;
        int[] cv = callVertex;
        int[] cw = callWord;
        long[] cb = callBits;
        int[] comp = component;
        int[] size = componentSize;
        // a vertex without an arc out or without an arc in (self-loops are not arcs here) is on no cycle: a
        // component alone, recorded under the last component number (unused by the search: it numbers the
        // components of the other vertices from 0, and there are fewer of them); the search visits the others only
        long[] cand = candidates;
        int[] od = outDegree;
        int[] id = inDegree;
        int alone = 0;
        for (int x = 0; x < w; x++) {
            cand[x] = 0L;
        }
        for (int v = 0; v < nn; v++) {
            idx[v] = -1;
            if (od[v] > 0 && id[v] > 0) {
                comp[v] = -1;
                cand[v >>> 6] |= 1L << v;
            } else {
                comp[v] = nn - 1;
                alone++;
            }
        }
        if (alone > 0) {
            size[nn - 1] = 1;
        }
        int counter = 0;
        int sp = 0;
        int count = 0;
        for (int root = 0; root < nn; root++) {
            if (idx[root] >= 0 || comp[root] >= 0) {
                continue;
            }
            int depth = 0;
            cv[0] = root;
            cw[0] = 0;
            cb[0] = o[root * w] & cand[0];
            idx[root] = lo[root] = counter++;
            st[sp++] = root;
            while (depth >= 0) {
                int v = cv[depth];
                long bits = cb[depth];
                int x = cw[depth];
                while (bits == 0L && x < w - 1) {
                    x++;
                    bits = o[v * w + x] & cand[x];
                }
                if (bits != 0L) {
                    int u = (x << 6) + Bits.lowest(bits);
                    cb[depth] = bits & (bits - 1);
                    cw[depth] = x;
                    if (idx[u] < 0) {
                        idx[u] = lo[u] = counter++;
                        st[sp++] = u;
                        depth++;
                        cv[depth] = u;
                        cw[depth] = 0;
                        cb[depth] = o[u * w] & cand[0];
                    } else if (comp[u] < 0 && idx[u] < lo[v]) {
                        lo[v] = idx[u]; // u is on the stack: visited, not yet in a component
                    }
                } else {
                    cb[depth] = 0L;
                    cw[depth] = x;
                    if (lo[v] == idx[v]) {
                        int members = 0;
                        int u;
                        do {
                            u = st[--sp];
                            comp[u] = count;
                            members++;
                        } while (u != v);
                        size[count] = members;
                        count++;
                    }
                    depth--;
                    if (depth >= 0) {
                        int parentVertex = cv[depth];
                        if (lo[v] < lo[parentVertex]) {
                            lo[parentVertex] = lo[v];
                        }
                    }
                }
            }
        }
        return count + alone;
    }
}
