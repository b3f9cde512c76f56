package org.attnplanes.topology.persistence.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.CochainEdge;
import org.attnplanes.topology.persistence.PersistenceInterval;

/**
 * The Ripser-style engine (Bauer 2021): persistent cohomology of the flag complex with clearing, implicit
 * coboundaries, apparent and emergent pairs, H0 by union-find, the enclosing-radius cut, and dense or sparse
 * (neighbour list) cofacet enumeration. One instance computes one filtration; {@link #compute} is the entry
 * point.
 */
public final class RipsEngine {

    /** Use neighbour lists when at most this fraction of all pairs are edges. */
    private static final double SPARSE_FRACTION = 0.25;

    final int n;
    final int dimMax;
    final int modulus;
    final float threshold;
    final float[] dist;
    final int[] rowOff;
    final BinomialTable binom;
    final int[][] nbr;
    /** Sparse-backed mode ({@link #computeSparse}): the distances by pair, and {@link #dist} is null. */
    final SparseEdges sparseEdges;
    /** The number of entries of {@link #dist} at or below the threshold when known, else −1. */
    long enteringEdges = -1;
    private final int[] entryHi;
    private final int[] entryLo;
    private final float[] entryValue;
    private final int entryCount;
    /**
     * The full symmetric matrix, row-major, for dense scans (cofacet scans read rows); null above
     * {@link #FULL_MAX} vertices and with neighbour lists (sparse scans jump between rows anyway, and the copy
     * would double the input's memory).
     */
    final float[] full;

    private final Cofacets cofMain;
    private final ApparentPairs apparent;
    private final ColumnAssembly assembly;
    private final CohomologyReduction reduction;

    private final List<List<PersistenceInterval>> bars = new ArrayList<>();
    private final List<List<CochainEdge>> reps = new ArrayList<>();

    private RipsEngine(float[] dist, int n, int dimMax, int modulus, float threshold, boolean sparse,
            boolean wantRepresentatives) {
        this(dist, null, null, null, 0, n, dimMax, modulus, threshold, sparse, wantRepresentatives);
    }

    /**
     * With {@code dist == null}: sparse-backed, the first {@code entries} of {@code hi}/{@code lo}/{@code value}
     * are the edges that enter (all {@code <= threshold}).
     */
    RipsEngine(float[] dist, int[] hi, int[] lo, float[] value, int entries, int n, int dimMax,
            int modulus, float threshold, boolean sparse, boolean wantRepresentatives) {
        this.n = n;
        this.dist = dist;
        this.entryHi = hi;
        this.entryLo = lo;
        this.entryValue = value;
        this.entryCount = entries;
        this.sparseEdges = dist == null ? new SparseEdges(hi, lo, value, entries) : null;
        this.dimMax = dimMax;
        this.modulus = modulus;
        this.threshold = threshold;
        this.rowOff = new int[n];
        for (int i = 0; i < n; i++) {
            rowOff[i] = (int) ((long) i * (i - 1) / 2);
        }
        this.binom = new BinomialTable(n, dimMax + 2);
        this.nbr = dist == null ? SparseRipsEngine.neighbourLists(n, hi, lo, entries) : sparse ? neighbourLists() : null;
        this.full = !sparse && n <= FULL_MAX ? fullMatrix() : null;
        this.cofMain = new Cofacets(this, dimMax + 3);
        this.apparent = new ApparentPairs(this, dimMax + 3);
        this.assembly = new ColumnAssembly(this, cofMain, apparent);
        this.reduction = new CohomologyReduction(this, cofMain, apparent, wantRepresentatives);
    }

    /**
     * Computes the barcodes of dimensions {@code 0..maxDimension}.
     *
     * @param lower           compressed lower triangle, {@code +∞} for edges that never enter (not modified)
     * @param n               number of vertices
     * @param maxDimension    highest dimension
     * @param modulus         prime p
     * @param edgeCollapse    collapse dominated edges first (ignored when representatives are requested)
     * @param representatives dimension-1 representative cocycles
     */
    public static Barcodes compute(float[] lower, int n, int maxDimension, int modulus, boolean edgeCollapse,
            boolean representatives) {
        return compute(lower, n, maxDimension, modulus, edgeCollapse, representatives, null);
    }

    /**
     * As {@link #compute(float[], int, int, int, boolean, boolean)}, handing each dimension's barcode to
     * {@code sink} (if not null) as soon as that dimension is final, in increasing dimension.
     */
    public static Barcodes compute(float[] lower, int n, int maxDimension, int modulus, boolean edgeCollapse,
            boolean representatives, Consumer<Barcode> sink) {
        if (n > 0 && SmallFlagEngine.applies(n, maxDimension, modulus, edgeCollapse, representatives)) {
            Barcodes fast = SmallFlagEngine.local().compute(lower, n, maxDimension);
            if (fast != null) {
                if (sink != null) {
                    fast.byDimension().forEach(sink);
                }
                return fast;
            }
        }
        return computeGeneral(lower, Float.POSITIVE_INFINITY, n, maxDimension, modulus, edgeCollapse,
                representatives, sink);
    }

    /**
     * As {@link #compute(float[], int, int, int, boolean, boolean, Consumer)} with a threshold applied on the fly:
     * entries {@code > limit} never enter, and {@code lower} (a filtration's own, unthresholded values) is not
     * copied to apply it. The small-plane path is not used (callers with small inputs copy instead).
     */
    public static Barcodes compute(float[] lower, float limit, int n, int maxDimension, int modulus,
            boolean edgeCollapse, boolean representatives, Consumer<Barcode> sink) {
        return computeGeneral(lower, limit, n, maxDimension, modulus, edgeCollapse, representatives, sink);
    }

    /**
     * The barcodes of the flag filtration {@code 1 − max(w_ij, w_ji)} of the row-major {@code n × n} weights
     * {@code a} (each weight {@code <= zeroAtOrBelow} taken as 0 first) by the small-plane fast path, read straight
     * from the weights; null when the fast path does not apply or refuses the input (then build the filtration
     * and call {@link #compute}: same barcodes).
     */
    public static Barcodes computeFromWeights(float[] a, int n, float zeroAtOrBelow, int maxDimension, int modulus,
            boolean edgeCollapse, boolean representatives) {
        if (n > 0 && a.length == n * n && SmallFlagEngine.applies(n, maxDimension, modulus, edgeCollapse,
                representatives)) {
            return SmallFlagEngine.local().computeFromWeights(a, n, zeroAtOrBelow, maxDimension);
        }
        return null;
    }

    /** {@link #compute} without the {@link SmallFlagEngine} fast path (the reference the fast path is tested on). */
    static Barcodes computeGeneral(float[] lower, int n, int maxDimension, int modulus, boolean edgeCollapse,
            boolean representatives) {
        return computeGeneral(lower, Float.POSITIVE_INFINITY, n, maxDimension, modulus, edgeCollapse,
                representatives, null);
    }

    private static Barcodes computeGeneral(float[] lower, float limit, int n, int maxDimension, int modulus,
            boolean edgeCollapse, boolean representatives, Consumer<Barcode> sink) {
        List<Barcode> out = new ArrayList<>();
        if (n == 0) {
            for (int k = 0; k <= maxDimension; k++) {
                out.add(new Barcode(k, List.of()));
                if (sink != null) {
                    sink.accept(out.get(k));
                }
            }
            return new Barcodes(out);
        }
        float radius = DistanceMatrix.enclosingRadius(lower, n, limit);
        // At a finite enclosing radius r the complex is a cone (the apex row has every edge <= r), so every
        // class alive just below r dies at r: reduce only the simplices of diameter < r and close the
        // surviving bars at r. Exact, and it skips the whole tie block at r, which on attention planes (the
        // dense tail of near-zero weights, d = 1 - w rounding to exactly 1) is most of the complex.
        boolean closeAtRadius = !representatives && radius > 0f && radius != Float.POSITIVE_INFINITY;
        // +inf marks edges that never enter; a finite cut keeps them out even when every row has one
        float threshold = closeAtRadius ? Math.nextDown(radius) : Math.min(Math.min(radius, Float.MAX_VALUE), limit);
        long edges = countAtOrBelow(lower, threshold);
        float[] dist = lower;
        boolean sparse = n > 3 && edges <= SPARSE_FRACTION * lower.length;
        if (edgeCollapse && !representatives && n > 3 && maxDimension >= 1) {
            dist = EdgeCollapser.collapse(lower, n, threshold);
            sparse = true;
        }
        int dimMax = Math.max(0, Math.min(maxDimension, n - 2));
        RipsEngine engine = new RipsEngine(dist, n, dimMax, modulus, threshold, sparse, representatives);
        if (dist == lower) {
            engine.enteringEdges = edges;
        }
        return engine.run(out, closeAtRadius, radius, maxDimension, representatives, sink);
    }

    /**
     * The number of values {@code <= t}, branch-free (C1 compiles a float comparison to a branch, and on attention
     * planes it mispredicts): on the order-preserving int image of the floats; a NaN takes the float loop.
     */
    static long countAtOrBelow(float[] values, float t) {
        int ot = ordered(t + 0.0f);
        long count = 0;
        int nan = 0;
        for (float v : values) {
            int b = Float.floatToRawIntBits(v);
            nan |= 0x7F800000 - (b & 0x7FFFFFFF);
            count += ((long) ot - (b ^ ((b >> 31) & 0x7FFFFFFF))) >>> 63 ^ 1;
        }
        if (nan < 0 || t != t) {
            count = 0;
            for (float v : values) {
                if (v <= t) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int ordered(float f) {
        int b = Float.floatToRawIntBits(f);
        return b ^ ((b >> 31) & 0x7FFFFFFF);
    }

    Barcodes run(List<Barcode> out, boolean closeAtRadius, float radius, int maxDimension,
            boolean representatives, Consumer<Barcode> sink) {
        RipsEngine engine = this;
        engine.dimensionDone = k -> {
            List<PersistenceInterval> b = engine.bars.get(k);
            if (closeAtRadius) {
                b = RadiusCut.closeEssential(b, radius, k == 0);
            }
            List<List<CochainEdge>> r = k == 1 && representatives ? engine.reps : List.of();
            out.add(new Barcode(k, b, r));
            if (sink != null) {
                sink.accept(out.get(k));
            }
        };
        engine.computeBarcodes();
        for (int k = engine.bars.size(); k <= maxDimension; k++) {
            out.add(new Barcode(k, List.of()));
            if (sink != null) {
                sink.accept(out.get(k));
            }
        }
        return new Barcodes(out);
    }

    /** Called with k when the bars of dimension k are complete. */
    private IntConsumer dimensionDone = k -> { };

    /** Largest n with {@link EdgeApexes} in sparse mode (256 KiB). */
    private static final int SPARSE_APEX_MAX = 512;

    /** Largest n with a full n × n copy of the distances (16 MiB). */
    private static final int FULL_MAX = 2048;

    private float[] fullMatrix() {
        float[] f = new float[n * n];
        for (int i = 1; i < n; i++) {
            int off = rowOff[i];
            for (int j = 0; j < i; j++) {
                float v = dist[off + j];
                f[i * n + j] = v;
                f[j * n + i] = v;
            }
        }
        return f;
    }

    private int[][] neighbourLists() {
        int[] deg = new int[n];
        for (int i = 1; i < n; i++) {
            int off = rowOff[i];
            for (int j = 0; j < i; j++) {
                if (dist[off + j] <= threshold) {
                    deg[i]++;
                    deg[j]++;
                }
            }
        }
        int[][] lists = new int[n][];
        for (int i = 0; i < n; i++) {
            lists[i] = new int[deg[i]];
            deg[i] = 0;
        }
        // one pass in memory order, ascending neighbours: row v brings v's neighbours j < v, and the later rows
        // i > v (ascending) append i to v's list
        for (int i = 1; i < n; i++) {
            int off = rowOff[i];
            int[] li = lists[i];
            for (int j = 0; j < i; j++) {
                if (dist[off + j] <= threshold) {
                    li[deg[i]++] = j;
                    lists[j][deg[j]++] = i;
                }
            }
        }
        return lists;
    }

    float d(int a, int b) {
        if (dist == null) {
            return sparseEdges.get(a, b);
        }
        return a > b ? dist[rowOff[a] + b] : dist[rowOff[b] + a];
    }

    /** Largest {@code v <= top} with {@code C(v, k) <= idx}. */
    private int maxVertex(long idx, int k, int top) {
        long[] row = binom.row(k);
        if (row[top] <= idx) {
            return top;
        }
        int lo = k - 1;
        int hi = top; // row[lo] <= idx < row[hi]
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (row[mid] <= idx) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * {@link #maxVertex} for k = 3 without a binary search: 6 C(a, 3) = (a − 1)³ − (a − 1), so for
     * C(a, 3) <= idx < C(a + 1, 3) the cube root of 6 · idx lies in (a − 2, a), and its floor plus one is a or a − 1.
     */
    private int triangleTop(long idx, int top) {
        long[] row = binom.row(3);
        int a = Math.min(top, Math.max(2, (int) Math.cbrt(6.0 * idx) + 1));
        while (a < top && row[a + 1] <= idx) {
            a++;
        }
        return a;
    }

    /** Writes the vertices of simplex {@code idx} (dimension {@code dim}) in decreasing order into {@code out}. */
    void vertices(long idx, int dim, int[] out) {
        int v = n - 1;
        int i = 0;
        for (int k = dim + 1; k > 2; k--, i++) {
            v = k == 3 ? triangleTop(idx, v) : maxVertex(idx, k, v);
            out[i] = v;
            idx -= binom.get(v, k);
            v--;
        }
        if (dim >= 1) {
            // the edge {a > b} left has index C(a, 2) + b: a from the square root, corrected for rounding
            int a = (int) ((1 + Math.sqrt(1 + 8.0 * idx)) / 2);
            while ((long) a * (a - 1) / 2 > idx) {
                a--;
            }
            while ((long) (a + 1) * a / 2 <= idx) {
                a++;
            }
            out[i++] = a;
            idx -= (long) a * (a - 1) / 2;
        }
        out[i] = (int) idx;
    }

    private void computeBarcodes() {
        SimplexList simplices = new SimplexList(16);
        SimplexList columns = new SimplexList(16);
        long t0 = System.nanoTime();
        // every edge's pivot cofacet found once by bitsets, for all apparent-pair checks of edges (n^2 bytes, and
        // n^2/8 during the pass, beside the 2 n^2 of the lower triangle); in sparse mode, which exists to save
        // memory, only up to SPARSE_APEX_MAX vertices (attention lengths; o3_1024's peak RSS is at its limit)
        EdgeApexes apexes = dist != null && dimMax >= 1 && (full != null || n <= SPARSE_APEX_MAX)
                ? new EdgeApexes(n) : null;
        apparent.useEdgeApexes(apexes);
        computeDim0Pairs(simplices, columns, apexes);
        apexes = null;  // held by the apparent-pair checks while edges are checked, and no longer
        trace("dim 0: " + columns.size + " columns", t0);
        if (dimMax < 2) {
            simplices = null;   // the edges are kept only for assembling the columns of dimension 2
        }
        int held = 1; // dimension of the simplices in the list
        for (int dim = 1; dim <= dimMax; dim++) {
            PivotMap pivots = new PivotMap(columns.size, modulus != 2);
            t0 = System.nanoTime();
            bars.add(reduction.computePairs(columns, pivots, dim, reps));
            dimensionDone.accept(dim);
            if (TRACE) {
                System.err.println("[ph] dim " + dim + " " + reduction.stats() + " pivots " + pivots.size());
            }
            trace("dim " + dim + " reduced " + columns.size + " columns", t0);
            if (dim < dimMax) {
                t0 = System.nanoTime();
                SimplexList next = assembly.assemble(simplices, held, columns, pivots, dim + 1);
                if (next != null) {
                    simplices = next;
                    held = dim + 1;
                } else if (dim + 1 == dimMax) {
                    simplices = null;       // the last assembly is done: the held simplices are no longer needed
                }
                trace("dim " + (dim + 1) + " assembled " + columns.size + " columns", t0);
                if (dim + 1 == 2) {
                    apparent.useEdgeApexes(null);   // edges are checked no more
                }
            }
        }
    }

    private static final boolean TRACE = Boolean.getBoolean("attnplanes.ph.trace");

    private static void trace(String what, long t0) {
        if (TRACE) {
            System.err.printf("[ph] %s in %.1f ms%n", what, (System.nanoTime() - t0) / 1e6);
        }
    }

    private void computeDim0Pairs(SimplexList edges, SimplexList columns, EdgeApexes apexes) {
        Dim0Pass pass = new Dim0Pass(this, apparent, apexes);
        bars.add(pass.run(dist == null ? entryHi : null, entryLo, entryValue, entryCount, dimMax >= 2 ? edges : null,
                columns));
        if (apexes != null) {
            apexes.releaseRows();
        }
        dimensionDone.accept(0);
    }
}
