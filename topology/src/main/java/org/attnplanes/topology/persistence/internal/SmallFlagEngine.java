package org.attnplanes.topology.persistence.internal;

import static org.attnplanes.topology.persistence.internal.TriangleCodes.code;
import static org.attnplanes.topology.persistence.internal.TriangleCodes.triangle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attnplanes.topology.internal.Bits;
import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;

/**
 * The fast path of {@link RipsEngine} for the small planes of real sentences: at most {@value #MAX_VERTICES}
 * vertices, dimensions 0–1, coefficients in Z/2. It computes the same persistence pairs as the general engine,
 * in the same order (the pairing of a fixed total order is unique): the same filtration order of edges and
 * triangles (diameter ascending, ties by larger combinatorial index first), the enclosing-radius cut, H0 from
 * the minimum spanning forest, and dimension 1 by cohomology with clearing, apparent pairs and emergent pairs, as
 * in Ripser. What differs is only the representation:
 *
 * <ul>
 *   <li>a vertex fits in 6 bits, so a simplex of dimension ≤ 2 is coded as its vertices
 *       {@code (u0 << 12) | (u1 << 6) | u2} ({@code u0 > u1 > u2}); codes order like combinatorial indices, so an
 *       entry packs into one {@code long} key {@code (diameter bits << 32) | (2^32 − 1 − code)} whose natural
 *       order is the filtration order ({@link FiltrationSort#key});</li>
 *   <li>there is no distance matrix: one pass writes every pair's key ({@link PairKeys}), and diameters are
 *       compared through ranks (an edge's rank is kept per vertex pair, the first rank of its diameter per rank:
 *       {@link #groupStart}); the edges entering up to the cut are sorted once (a bucket
 *       pass, finer just below the cut where attention planes crowd, then an insertion sort:
 *       {@link FiltrationSort#sortKeysCrowded}), Kruskal's pass over them (components as labels and member
 *       bitsets) gives H0, and neighbour bitsets grown one diameter at a time give every edge's pivot cofacet
 *       (the triangle with the highest third vertex within the edge's diameter) as the highest bit of an
 *       intersection, kept per edge for the apparent-pair tests of dimension 1; an edge whose two edges to that
 *       vertex are both shorter is neither a tree edge nor a column, so it needs no component lookup;</li>
 *   <li>the working coboundary column ({@link RankedColumn}) is a bitset over triangle positions (the rank of
 *       the triangle's longest edge, then its third vertex descending), which order like keys but for triangles
 *       of a diameter shared by several edges (the pivot settles those): adding a column XORs words, a cancelled
 *       pivot costs nothing, and the pivot is a few lowest-bit lookups; a coboundary visits only the vertices
 *       joined to both ends of its edge (bits of the final neighbour sets). Reduced columns are stored as their
 *       non-zero words; the pivot map addresses triangles by position, with a stamp per call instead of
 *       clearing.</li>
 * </ul>
 *
 * <p>One instance per thread ({@link #local()}) is reused across calls, so a call allocates only its result.
 * Not thread-safe itself.
 */
final class SmallFlagEngine {

    /** Largest number of vertices handled (a vertex must fit in 6 bits and an adjacency row in a long). */
    static final int MAX_VERTICES = 64;

    private static final ThreadLocal<SmallFlagEngine> LOCAL = ThreadLocal.withInitial(SmallFlagEngine::new);

    /** Stored reduced columns beyond this many entries are released after a call. */
    private static final int KEEP_POOL = 1 << 15;

    private static final int EMERGENT = -1;

    private int n;
    private float threshold;
    /** The enclosing radius when the filtration is cut just below it (bars alive there end at it), else NaN. */
    private float closeAt;
    /** The ranks of the dimension-1 columns, in filtration order. */
    private int[] columns = new int[128];
    private int columnCount;
    /** The edges entering up to the threshold, as keys in filtration order (the last {@link #dim0}). */
    private long[] edges = new long[128];
    /** Scratch of the edge sort: the other key buffer, bucket starts, each key's bucket. */
    private long[] sortedEdges = new long[128];
    private int[] bucketCounts = new int[512];
    private int[] bucketStarts = new int[512];
    private int[] whichBucket = new int[128];
    /** The component label of each vertex during Kruskal's pass, each label's members and their number. */
    private final int[] parent = new int[MAX_VERTICES];
    private final long[] componentMembers = new long[MAX_VERTICES];
    private final int[] componentSizes = new int[MAX_VERTICES];
    private final long[] neighbours = new long[MAX_VERTICES];
    /**
     * Per edge code {@code (a << 6) | b} entering up to the threshold: the highest vertex x with both edges to
     * {a, b} at most the edge's own diameter (its pivot cofacet is {x, a, b}), or −1; written by {@link #dim0}.
     */
    private final byte[] cofacetVertex = new byte[MAX_VERTICES * MAX_VERTICES];
    private final PairKeys pairs = new PairKeys();

    /** The number of edges in {@link #edges}; with {@link #edgeRankCode} and {@link #groupEnd}, set by {@link #dim0}. */
    private int edgeCount;
    /** Per edge rank, the end of the ranks of its diameter (rank + 1 when no other edge has it). */
    private final int[] groupEnd = new int[RankedColumn.MAX_EDGES];
    /**
     * Per edge rank, the first rank of its diameter: an entering edge has the diameter of rank r's iff its rank is
     * at least {@code groupStart[r]} when its diameter is at most r's (as the edges of a triangle of r's diameter).
     */
    private final int[] groupStart = new int[RankedColumn.MAX_EDGES];

    /** The working column of {@link #dim1}, its stored columns and its pivot map (by position, stamped per call). */
    private final RankedColumn ranked = new RankedColumn();
    private int[] rankPool = new int[256];
    private long[] wordPool = new long[256];
    private int[] positionColumn = new int[64];
    private int[] positionStamp = new int[64];
    /** {@code (rank << 12) | code} of each entering edge {a, b}, at {@code (a << 6) | b} and {@code (b << 6) | a}. */
    private final int[] edgeRankCode = new int[MAX_VERTICES * MAX_VERTICES];
    private int poolUsed;
    private int[] colStart = new int[128];
    private int[] colSize = new int[128];
    private int stamp;

    private SmallFlagEngine() {
    }

    /** The engine of the calling thread. */
    static SmallFlagEngine local() {
        return LOCAL.get();
    }

    /**
     * Whether the fast path applies: {@code n <= 64}, {@code maxDimension <= 1}, Z/2, no representatives and
     * no edge collapse (requested options go to the general engine).
     */
    static boolean applies(int n, int maxDimension, int modulus, boolean edgeCollapse, boolean representatives) {
        return n <= MAX_VERTICES && maxDimension <= 1 && modulus == 2 && !edgeCollapse && !representatives;
    }

    /**
     * The barcodes of dimensions {@code 0..maxDimension}, cut at the enclosing radius as by the general engine;
     * or null if a value is {@code -0.0} (its key would not order like the float; the general engine handles
     * it).
     *
     * @param lower compressed lower triangle ({@code +∞} for edges that never enter), not modified
     * @param n     number of vertices, in {@code [1, 64]}
     */
    Barcodes compute(float[] lower, int n, int maxDimension) {
        this.n = n;
        ensureCapacity();
        if (!pairs.load(lower, n, edges)) {
            return null;
        }
        return barcodes(maxDimension);
    }

    /**
     * The barcodes of the filtration {@code 1 − max(w_ij, w_ji)} of the row-major {@code n × n} weights {@code a},
     * every weight {@code <= zeroAtOrBelow} taken as 0 first, read straight into the dense matrix: the same values
     * and barcodes as {@link #compute} of {@code Filtration.fromWeights(n, a, 0, zeroAtOrBelow, …)}'s triangle,
     * without building it; or null if a weight is outside [+0, 1] (the filtration's own check then names it; a −0
     * is valid there, taken as +0).
     */
    Barcodes computeFromWeights(float[] a, int n, float zeroAtOrBelow, int maxDimension) {
        this.n = n;
        ensureCapacity();
        if (!pairs.loadWeights(a, n, zeroAtOrBelow, edges)) {
            return null;
        }
        return barcodes(maxDimension);
    }

    private Barcodes barcodes(int maxDimension) {
        threshold = pairs.threshold;
        closeAt = pairs.closeAt;
        int dimMax = Math.max(0, Math.min(maxDimension, n - 2));
        List<Barcode> out = new ArrayList<>(maxDimension + 1);
        out.add(new Barcode(0, dim0(dimMax >= 1)));
        if (maxDimension >= 1) {
            out.add(new Barcode(1, dimMax >= 1 ? dim1() : List.of()));
        }
        if (rankPool.length > KEEP_POOL) {
            rankPool = new int[256];
            wordPool = new long[256];
        }
        return new Barcodes(out);
    }

    private void ensureCapacity() {
        int maxEdges = n * (n - 1) / 2;
        if (columns.length < maxEdges) {
            columns = new int[maxEdges];
            colStart = new int[maxEdges];
            colSize = new int[maxEdges];
        }
        if (edges.length < maxEdges || sortedEdges.length < maxEdges) {
            // the two key buffers trade places in every sort
            edges = new long[maxEdges];
            sortedEdges = new long[maxEdges];
        }
    }

    /**
     * H0, and the dimension-1 columns when asked. The edges entering up to the threshold are sorted once into
     * filtration order (keys are distinct, so the order is total). Kruskal's union-find over them gives the
     * minimum spanning forest, whose edges are the pairs of H0, in increasing order. On the way, the neighbour
     * bitsets grow one diameter at a time, so that once every edge of a diameter d is in, the pivot cofacet
     * vertex of each edge of diameter d (the highest vertex adjacent to both ends at {@code <= d}) is the highest
     * bit of the two ends' bitsets' intersection; it is kept per edge ({@link #cofacetVertex}) for the apparent
     * pair tests of dimension 1. The columns are the other entering edges (clearing) that are not in an apparent
     * pair, in filtration order.
     */
    private List<PersistenceInterval> dim0(boolean collect) {
        int nn = n;
        float t = threshold;
        long[] keys = edges;
        int m = 0;
        // the pairs' keys (PairKeys) compacted in place, branch-free (about a third of the pairs enter, at random):
        // every key is moved, kept iff d <= t on the bits (values >= +0 order like their bits; +inf and NaN exceed
        // any finite t; a NaN t admits nothing)
        int tb = t == t ? Float.floatToRawIntBits(t) : -1;
        int pairCount = nn * (nn - 1) / 2;
        for (int k = 0; k < pairCount; k++) {
            long key = keys[k];
            keys[m] = key;
            m += (tb - (int) (key >>> 32)) >>> 31 ^ 1;
        }
        if (m > 24 && t > 0f && t < 0x1p100f) {
            if (bucketCounts.length < 4 * m) {
                // fresh counts are zero, as the sort needs them (it leaves them so)
                bucketCounts = new int[4 * m];
                bucketStarts = new int[4 * m];
                whichBucket = new int[m];
            }
            long[] sorted = sortedEdges;
            FiltrationSort.sortKeysCrowded(keys, m, t, sorted, bucketCounts, bucketStarts, whichBucket);
            sortedEdges = keys;
            edges = sorted;
            keys = sorted;
        } else {
            FiltrationSort.sortKeys(keys, 0, m);
        }
        // components as labels (one load per lookup) and member bitsets; a union relabels the smaller side
        int[] label = parent;
        long[] members = componentMembers;
        int[] sizes = componentSizes;
        long[] nb = neighbours;
        byte[] cofacet = cofacetVertex;
        for (int i = 0; i < nn; i++) {
            label[i] = i;
            members[i] = 1L << i;
            sizes[i] = 1;
            nb[i] = 0L;
        }
        PersistenceInterval[] h0 = new PersistenceInterval[nn];
        int bars = 0;
        int treeEdges = 0;
        columnCount = 0;
        int[] enc = edgeRankCode;
        int[] ge = groupEnd;
        int[] gs = groupStart;
        int g = 0;
        while (g < m) {
            long diamBits = keys[g] >>> 32;
            int e = g + 1;
            while (e < m && keys[e] >>> 32 == diamBits) {
                e++;
            }
            // a diameter of several edges (rare on attention planes): all of them join the neighbour sets before
            // any pivot cofacet is looked up; a single edge does both in one step below
            boolean tie = e > g + 1;
            if (tie) {
                for (int k = g; k < e; k++) {
                    enter(code(keys[k]), k, g, e);
                }
            }
            float d = Float.intBitsToFloat((int) diamBits);
            for (int k = g; k < e; k++) {
                int c = code(keys[k]);
                int a = c >>> 6;
                int b = c & 63;
                long common = nb[a] & nb[b];
                if (!tie) {
                    // enter(c, k, g, e), inlined
                    nb[a] |= 1L << b;
                    nb[b] |= 1L << a;
                    int v = (k << 12) | c;
                    enc[c] = v;
                    enc[(b << 6) | a] = v;
                    ge[k] = e;
                    gs[k] = g;
                }
                int x = -1;
                if (common != 0L) {
                    // the highest bit as the exponent of a double (l2d is one instruction under C1; a smear and
                    // lookup or Long.numberOfLeadingZeros cost 2-3x more): h keeps common's highest bit and clears
                    // the one below, so that the conversion cannot round up to the next power of two; shifted
                    // right once so that bit 63 converts as positive; a lone bit 0 gives exponent -1, clamped to 0
                    long h = (common & ~(common >>> 1)) >>> 1;
                    x = (int) (Double.doubleToRawLongBits((double) h) >>> 52) - 1022;
                    x &= ~(x >> 31);
                }
                cofacet[c] = (byte) x;
                int rxa = 0;
                int rxb = 0;
                if (x >= 0) {
                    if (!tie) {
                        // the edges to x entered before this one, the only edge of its diameter: both are shorter
                        continue;
                    }
                    // the ranks of the edges to x (entered at <= d: x is a neighbour of both); shorter than d iff < g
                    rxa = enc[(a << 6) | x] >>> 12;
                    rxb = enc[(b << 6) | x] >>> 12;
                    if (rxa < g && rxb < g) {
                        // both edges to x are shorter than d, so they came first: a and b are already connected
                        // (not a tree edge), and {a, b} is the pivot facet of {x, a, b} (an apparent pair, not a
                        // column)
                        continue;
                    }
                }
                int ra = label[a];
                int rb = label[b];
                if (ra != rb) {
                    if (sizes[ra] > sizes[rb]) {
                        int swap = ra;
                        ra = rb;
                        rb = swap;
                    }
                    long move = members[ra];
                    members[rb] |= move;
                    sizes[rb] += sizes[ra];
                    while (move != 0L) {
                        long low = move & -move;
                        move ^= low;
                        label[Bits.ofSingle(low)] = rb;
                    }
                    treeEdges++;
                    if (d != 0f) {
                        h0[bars++] = new PersistenceInterval(0f, d);
                    }
                } else if (collect && (x < 0 || (x < a && (rxb >= g || (x < b && rxa >= g))))) {
                    // not apparent: {a, b} is the pivot facet of its pivot cofacet {x, a, b} (diameter d), i.e.
                    // removedVertex(triangle(x, a, b), d) == x, unless a facet that removes a vertex larger than x
                    // also has diameter d ({x, b} removing a > x; then {x, a} removing b > x); inlined for C1
                    columns[columnCount++] = k;
                }
            }
            g = e;
        }
        edgeCount = m;
        int components = nn - treeEdges;
        PersistenceInterval essential = PersistenceInterval.essential(0f);
        for (int c = 0; c < components; c++) {
            // cut at the radius: every component but one ends at r (the cone is connected)
            h0[bars++] = closeAt == closeAt && c < components - 1 ? new PersistenceInterval(0f, closeAt) : essential;
        }
        return List.of(bars == h0.length ? h0 : Arrays.copyOf(h0, bars));
    }

    /**
     * Enters the edge {@code c = (a << 6) | b} of rank k, whose diameter's ranks are {@code [from, to)}: it joins
     * the neighbour sets, and for dimension 1 its rank and code go under both orders into {@link #edgeRankCode},
     * its diameter's ranks into {@link #groupStart} and {@link #groupEnd}.
     */
    private void enter(int c, int k, int from, int to) {
        int a = c >>> 6;
        int b = c & 63;
        long[] nb = neighbours;
        nb[a] |= 1L << b;
        nb[b] |= 1L << a;
        int v = (k << 12) | c;
        edgeRankCode[c] = v;
        edgeRankCode[(b << 6) | a] = v;
        groupEnd[k] = to;
        groupStart[k] = from;
    }

    /**
     * The vertex whose removal gives the pivot facet of a triangle whose diameter's first rank is {@code from}
     * ({@link #groupStart}): the facet of smallest index with that diameter (removing the largest vertex first).
     */
    private int removedVertex(int tri, int from) {
        int u0 = tri >>> 12;
        int u1 = (tri >>> 6) & 63;
        int u2 = tri & 63;
        int[] enc = edgeRankCode;
        if (enc[(u1 << 6) | u2] >>> 12 >= from) {
            return u0;
        }
        if (enc[(u0 << 6) | u2] >>> 12 >= from) {
            return u1;
        }
        return u2;
    }

    /**
     * The edge (code) of an apparent pair with triangle {@code tri} whose diameter's first rank is {@code from}, or
     * −1.
     */
    private int apparentFacet(int tri, int from) {
        int x = removedVertex(tri, from);
        int u0 = tri >>> 12;
        int u1 = (tri >>> 6) & 63;
        int u2 = tri & 63;
        int a;
        int b;
        if (x == u0) {
            a = u1;
            b = u2;
        } else if (x == u1) {
            a = u0;
            b = u2;
        } else {
            a = u0;
            b = u1;
        }
        // the facet {a, b} has diameter d (x was removed for that), so its pivot cofacet vertex is known
        return cofacetVertex[(a << 6) | b] == x ? (a << 6) | b : -1;
    }

    /**
     * Persistent cohomology of dimension 1 over the collected columns, in column order, with triangles as
     * positions in a {@link RankedColumn}: the pivot needs no scan, the pivot map is by position, a stored column
     * is its non-zero words with their ranks.
     */
    private List<PersistenceInterval> dim1() {
        int count = columnCount;
        if (count == 0) {
            return List.of();
        }
        long[] keys = edges;
        int[] enc = edgeRankCode;
        int[] ge = groupEnd;
        int[] gs = groupStart;
        int positions = edgeCount << 6;
        if (positionColumn.length < positions) {
            int size = Math.max(positions, Math.min(positionColumn.length * 2, RankedColumn.MAX_EDGES << 6));
            positionColumn = new int[size];
            positionStamp = new int[size];
        }
        if (++stamp == Integer.MAX_VALUE) {
            // fresh arrays hold 0, never a current stamp
            Arrays.fill(positionStamp, 0);
            stamp = 1;
        }
        poolUsed = 0;
        bars = 0;
        int[] pc = positionColumn;
        int[] ps = positionStamp;
        int st = stamp;
        RankedColumn rc = ranked;
        for (int j = 0; j < count; j++) {
            int rank = columns[count - 1 - j];
            long key = keys[rank];
            int code = code(key);
            int a = code >>> 6;
            int b = code & 63;
            float d = FiltrationSort.keyDiam(key);
            int x = cofacetVertex[code];
            // the coboundary's pivot when known: its cofacet {x, a, b} of longest edge {a, b} with the highest x
            int first = -1;
            if (x >= 0) {
                int p = position(enc, code, x);
                if (ps[p] != st && apparentFacet(triangle(x, a, b), gs[rank]) < 0) {
                    // emergent pair: the column's pivot is its first cofacet of equal diameter
                    ps[p] = st;
                    pc[p] = j;
                    colSize[j] = EMERGENT;
                    continue;
                }
                first = p;
            }
            addCoboundary(a, b);
            while (true) {
                int pivot = first >= 0 ? first : rc.pivot(ge, keys);
                first = -1;
                if (pivot < 0) {
                    rc.resetEmpty();
                    bar(d, closeAt == closeAt ? closeAt : Float.POSITIVE_INFINITY);
                    break;
                }
                if (ps[pivot] == st) {
                    int other = pc[pivot];
                    if (colSize[other] == EMERGENT) {
                        int oc = code(keys[columns[count - 1 - other]]);
                        addCoboundary(oc >>> 6, oc & 63);
                    } else {
                        rc.addColumn(rankPool, wordPool, colStart[other], colSize[other]);
                    }
                    continue;
                }
                long edge = keys[pivot >>> 6];
                int ec = code(edge);
                float pd = FiltrationSort.keyDiam(edge);
                int facet = apparentFacet(triangle(63 - (pivot & 63), ec >>> 6, ec & 63), gs[pivot >>> 6]);
                if (facet >= 0) {
                    addCoboundary(facet >>> 6, facet & 63);
                    continue;
                }
                ps[pivot] = st;
                pc[pivot] = j;
                storeRanked(j);
                if (pd > d) {
                    bar(d, pd);
                }
                break;
            }
        }
        return barList();
    }

    /** Adds the coboundary of the edge {@code a > b} (its triangles up to the threshold) to the working column. */
    private void addCoboundary(int a, int b) {
        ranked.addCoboundary(edgeRankCode, a, b, neighbours[a] & neighbours[b]);
    }

    /**
     * The position of the triangle {x, a, b} ({@code code} = {@code (a << 6) | b}): its longest edge (the largest
     * of the three {@code enc} entries, see {@link RankedColumn#addCoboundary}) and third vertex.
     */
    private static int position(int[] enc, int code, int x) {
        int a = code >>> 6;
        int b = code & 63;
        int m = Math.max(enc[code], Math.max(enc[(a << 6) | x], enc[(b << 6) | x]));
        int third = a ^ b ^ x ^ (m >>> 6 & 63) ^ (m & 63);
        return (m >>> 12 << 6) | (63 - third);
    }

    /** Saves (and empties) the ranked working column as the reduced column {@code j}. */
    private void storeRanked(int j) {
        int need = poolUsed + ranked.sizeBound();
        if (rankPool.length < need) {
            rankPool = Arrays.copyOf(rankPool, Math.max(need, rankPool.length * 2));
            wordPool = Arrays.copyOf(wordPool, rankPool.length);
        }
        colStart[j] = poolUsed;
        colSize[j] = ranked.drainTo(rankPool, wordPool, poolUsed);
        poolUsed += colSize[j];
    }

    /** The bars collected by {@link #bar}, in order. */
    private List<PersistenceInterval> barList() {
        // the intervals go into a fresh array: storing new objects into a long-lived workspace array would take
        // G1's slow cross-region write barrier (and card refinement work) for every bar
        PersistenceInterval[] out = new PersistenceInterval[bars];
        for (int k = 0; k < bars; k++) {
            out[k] = new PersistenceInterval(births[k], deaths[k]);
        }
        return List.of(out);
    }

    private float[] births = new float[16];
    private float[] deaths = new float[16];
    private int bars;

    private void bar(float birth, float death) {
        if (bars == births.length) {
            births = Arrays.copyOf(births, bars * 2);
            deaths = Arrays.copyOf(deaths, bars * 2);
        }
        births[bars] = birth;
        deaths[bars] = death;
        bars++;
    }
}
