package org.attnplanes.topology.persistence.internal;

import java.util.ArrayList;
import java.util.List;
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
    private final int[] inverse;
    private final boolean wantRepresentatives;

    private final Cofacets cofMain;
    private final Cofacets cofAux;
    private final int[] fv;
    private final float[][] pd;

    private final List<List<PersistenceInterval>> bars = new ArrayList<>();
    private final List<List<CochainEdge>> reps = new ArrayList<>();

    private RipsEngine(float[] dist, int n, int dimMax, int modulus, float threshold, boolean sparse,
            boolean wantRepresentatives) {
        this.n = n;
        this.dist = dist;
        this.dimMax = dimMax;
        this.modulus = modulus;
        this.threshold = threshold;
        this.wantRepresentatives = wantRepresentatives;
        this.rowOff = new int[n];
        for (int i = 0; i < n; i++) {
            rowOff[i] = (int) ((long) i * (i - 1) / 2);
        }
        this.binom = new BinomialTable(n, dimMax + 2);
        this.inverse = inverses(modulus);
        this.nbr = sparse ? neighbourLists() : null;
        this.cofMain = new Cofacets(this, dimMax + 3);
        this.cofAux = new Cofacets(this, dimMax + 3);
        this.fv = new int[dimMax + 3];
        this.pd = new float[dimMax + 3][dimMax + 3];
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
        List<Barcode> out = new ArrayList<>();
        if (n == 0) {
            for (int k = 0; k <= maxDimension; k++) {
                out.add(new Barcode(k, List.of()));
            }
            return new Barcodes(out);
        }
        float radius = enclosingRadius(lower, n);
        float threshold = radius;
        long edges = 0;
        for (float d : lower) {
            if (d <= threshold) {
                edges++;
            }
        }
        float[] dist = lower;
        boolean sparse = n > 3 && edges <= SPARSE_FRACTION * lower.length;
        if (edgeCollapse && !representatives && n > 3 && maxDimension >= 1) {
            dist = EdgeCollapser.collapse(lower, n, threshold);
            sparse = true;
        }
        int dimMax = Math.max(0, Math.min(maxDimension, n - 2));
        RipsEngine engine = new RipsEngine(dist, n, dimMax, modulus, threshold, sparse, representatives);
        engine.computeBarcodes();
        for (int k = 0; k <= maxDimension; k++) {
            List<PersistenceInterval> b = k < engine.bars.size() ? engine.bars.get(k) : List.of();
            List<List<CochainEdge>> r = List.of();
            if (k == 1 && representatives && k < engine.bars.size()) {
                r = engine.reps;
            }
            out.add(new Barcode(k, b, r));
        }
        return new Barcodes(out);
    }

    static float enclosingRadius(float[] lower, int n) {
        if (n < 2) {
            return Float.POSITIVE_INFINITY;
        }
        float[] rowMax = new float[n];
        int k = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                float d = lower[k++];
                if (d > rowMax[i]) {
                    rowMax[i] = d;
                }
                if (d > rowMax[j]) {
                    rowMax[j] = d;
                }
            }
        }
        float r = Float.POSITIVE_INFINITY;
        for (float m : rowMax) {
            r = Math.min(r, m);
        }
        return r;
    }

    private static int[] inverses(int p) {
        int[] inv = new int[p];
        if (p > 1) {
            inv[1] = 1;
        }
        for (int a = 2; a < p; a++) {
            inv[a] = p - (inv[p % a] * (p / a)) % p;
        }
        return inv;
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
        // ascending neighbour order: for vertex v, neighbours j < v come from row v, then i > v from column v
        for (int v = 0; v < n; v++) {
            int off = rowOff[v];
            for (int j = 0; j < v; j++) {
                if (dist[off + j] <= threshold) {
                    lists[v][deg[v]++] = j;
                }
            }
            for (int i = v + 1; i < n; i++) {
                if (dist[rowOff[i] + v] <= threshold) {
                    lists[v][deg[v]++] = i;
                }
            }
        }
        return lists;
    }

    float d(int a, int b) {
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

    /** Writes the vertices of simplex {@code idx} (dimension {@code dim}) in decreasing order into {@code out}. */
    void vertices(long idx, int dim, int[] out) {
        int v = n - 1;
        for (int k = dim + 1, i = 0; k > 0; k--, i++) {
            v = maxVertex(idx, k, v);
            out[i] = v;
            idx -= binom.get(v, k);
            v--;
        }
    }

    /** The first cofacet (in decreasing index) with diameter equal to {@code diam}, or −1. */
    private long zeroPivotCofacet(long idx, float diam, int dim) {
        Cofacets c = cofAux;
        c.set(idx, diam, 1, dim, true, diam);
        while (c.next()) {
            if (c.cofacetDiam == diam) {
                return c.cofacetIdx;
            }
        }
        return -1;
    }

    /** The facet of smallest index with diameter equal to {@code diam} (the boundary pivot), or −1. */
    private long zeroPivotFacet(long idx, float diam, int dim) {
        int[] u = fv;
        vertices(idx, dim, u);
        for (int a = 0; a <= dim; a++) {
            for (int b = 0; b < a; b++) {
                pd[a][b] = d(u[a], u[b]);
            }
        }
        for (int r = 0; r <= dim; r++) {
            float fd = Float.NEGATIVE_INFINITY;
            for (int a = 0; a <= dim; a++) {
                if (a == r) {
                    continue;
                }
                for (int b = 0; b < a; b++) {
                    if (b != r && pd[a][b] > fd) {
                        fd = pd[a][b];
                    }
                }
            }
            if (fd == diam) {
                long f = 0;
                for (int j = 0; j < r; j++) {
                    f += binom.get(u[j], dim - j);
                }
                for (int j = r + 1; j <= dim; j++) {
                    f += binom.get(u[j], dim + 1 - j);
                }
                return f;
            }
        }
        return -1;
    }

    private long zeroApparentFacet(long idx, float diam, int dim) {
        long f = zeroPivotFacet(idx, diam, dim);
        return f != -1 && zeroPivotCofacet(f, diam, dim - 1) == idx ? f : -1;
    }

    private long zeroApparentCofacet(long idx, float diam, int dim) {
        long c = zeroPivotCofacet(idx, diam, dim);
        return c != -1 && zeroPivotFacet(c, diam, dim + 1) == idx ? c : -1;
    }

    private boolean isInZeroApparentPair(long idx, float diam, int dim) {
        return zeroApparentCofacet(idx, diam, dim) != -1 || zeroApparentFacet(idx, diam, dim) != -1;
    }

    private void computeBarcodes() {
        SimplexList simplices = new SimplexList(16);
        SimplexList columns = new SimplexList(16);
        computeDim0Pairs(simplices, columns);
        for (int dim = 1; dim <= dimMax; dim++) {
            PivotMap pivots = new PivotMap(columns.size);
            computePairs(columns, pivots, dim);
            if (dim < dimMax) {
                simplices = assembleColumnsToReduce(simplices, columns, pivots, dim + 1);
            }
        }
    }

    private void computeDim0Pairs(SimplexList edges, SimplexList columns) {
        List<PersistenceInterval> h0 = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            int off = rowOff[i];
            for (int j = 0; j < i; j++) {
                float dd = dist[off + j];
                if (dd <= threshold) {
                    edges.add(dd, off + j);
                }
            }
        }
        edges.sortFiltrationOrder();
        UnionFind uf = new UnionFind(n);
        int[] uv = new int[2];
        for (int k = 0; k < edges.size; k++) {
            long idx = edges.idx[k];
            float dd = edges.diam[k];
            vertices(idx, 1, uv);
            int a = uf.find(uv[0]);
            int b = uf.find(uv[1]);
            if (a != b) {
                if (dd > 0f) {
                    h0.add(new PersistenceInterval(0f, dd));
                }
                uf.linkRoots(a, b);
            } else if (dimMax >= 1 && zeroApparentCofacet(idx, dd, 1) == -1) {
                columns.add(dd, idx);
            }
        }
        columns.reverse();
        for (int i = 0; i < n; i++) {
            if (uf.find(i) == i) {
                h0.add(PersistenceInterval.essential(0f));
            }
        }
        bars.add(h0);
    }

    private void addSimplexCoboundary(float diam, long idx, int coef, int dim, EntryHeap red, EntryHeap cob) {
        red.push(diam, idx, coef);
        Cofacets c = cofMain;
        c.set(idx, diam, coef, dim, true, threshold);
        while (c.next()) {
            cob.push(c.cofacetDiam, c.cofacetIdx, c.cofacetCoef);
        }
    }

    private void addCoboundary(ReductionMatrix v, SimplexList columns, int column, int factor, int dim,
            EntryHeap red, EntryHeap cob) {
        addSimplexCoboundary(columns.diam[column], columns.idx[column], factor, dim, red, cob);
        for (int k = v.begin(column), end = v.end(column); k < end; k++) {
            int c = modulus == 2 ? 1 : v.coef[k] * factor % modulus;
            addSimplexCoboundary(v.diam[k], v.idx[k], c, dim, red, cob);
        }
    }

    private float[] tmpDiam = new float[64];
    private long[] tmpIdx = new long[64];
    private int[] tmpCoef = new int[64];

    /**
     * Fills the working coboundary with the coboundary of the column's simplex and reports its pivot in
     * {@code cob}'s pivot fields, short-cutting emergent pairs (then {@code cob} stays empty).
     */
    private void initCoboundaryAndGetPivot(float diam, long idx, int dim, EntryHeap cob, PivotMap pivots) {
        boolean checkEmergent = true;
        int count = 0;
        Cofacets c = cofMain;
        c.set(idx, diam, 1, dim, true, threshold);
        while (c.next()) {
            if (count == tmpDiam.length) {
                tmpDiam = java.util.Arrays.copyOf(tmpDiam, count * 2);
                tmpIdx = java.util.Arrays.copyOf(tmpIdx, count * 2);
                tmpCoef = java.util.Arrays.copyOf(tmpCoef, count * 2);
            }
            tmpDiam[count] = c.cofacetDiam;
            tmpIdx[count] = c.cofacetIdx;
            tmpCoef[count] = c.cofacetCoef;
            count++;
            if (checkEmergent && c.cofacetDiam == diam) {
                if (!pivots.contains(c.cofacetIdx) && zeroApparentFacet(c.cofacetIdx, diam, dim + 1) == -1) {
                    cob.pivotDiam = c.cofacetDiam;
                    cob.pivotIdx = c.cofacetIdx;
                    cob.pivotCoef = c.cofacetCoef;
                    return;
                }
                checkEmergent = false;
            }
        }
        for (int k = 0; k < count; k++) {
            cob.push(tmpDiam[k], tmpIdx[k], tmpCoef[k]);
        }
        cob.getPivot();
    }

    private void computePairs(SimplexList columns, PivotMap pivots, int dim) {
        List<PersistenceInterval> out = new ArrayList<>();
        boolean reps = wantRepresentatives && dim == 1;
        ReductionMatrix v = new ReductionMatrix();
        EntryHeap red = new EntryHeap(modulus);
        EntryHeap cob = new EntryHeap(modulus);
        for (int j = 0; j < columns.size; j++) {
            float diameter = columns.diam[j];
            long idx = columns.idx[j];
            v.appendColumn();
            red.clear();
            cob.clear();
            initCoboundaryAndGetPivot(diameter, idx, dim, cob, pivots);
            while (true) {
                if (cob.pivotIdx != -1) {
                    int slot = pivots.find(cob.pivotIdx);
                    long e;
                    if (slot >= 0) {
                        int other = pivots.columnAt(slot);
                        int factor = modulus == 2 ? 1
                                : modulus - cob.pivotCoef * inverse[pivots.coefAt(slot)] % modulus;
                        addCoboundary(v, columns, other, factor, dim, red, cob);
                        cob.getPivot();
                    } else if ((e = zeroApparentFacet(cob.pivotIdx, cob.pivotDiam, dim + 1)) != -1) {
                        int factor = modulus == 2 ? 1 : modulus - cob.pivotCoef;
                        addSimplexCoboundary(cob.pivotDiam, e, factor, dim, red, cob);
                        cob.getPivot();
                    } else {
                        float death = cob.pivotDiam;
                        long pivotIdx = cob.pivotIdx;
                        pivots.put(pivotIdx, j, cob.pivotCoef);
                        int start = v.end(j);
                        while (true) {
                            red.popPivot();
                            if (red.pivotIdx == -1) {
                                break;
                            }
                            v.pushBack(red.pivotDiam, red.pivotIdx, red.pivotCoef);
                        }
                        if (death > diameter) {
                            out.add(new PersistenceInterval(diameter, death));
                            if (reps) {
                                this.reps.add(cochain(idx, v.idx, v.coef, start, v.end(j)));
                            }
                        }
                        break;
                    }
                } else {
                    out.add(PersistenceInterval.essential(diameter));
                    if (reps) {
                        int start = v.end(j);
                        while (true) {
                            red.popPivot();
                            if (red.pivotIdx == -1) {
                                break;
                            }
                            v.pushBack(red.pivotDiam, red.pivotIdx, red.pivotCoef);
                        }
                        this.reps.add(cochain(idx, v.idx, v.coef, start, v.end(j)));
                    }
                    break;
                }
            }
        }
        bars.add(out);
    }

    private List<CochainEdge> cochain(long diagonal, long[] idx, int[] coef, int from, int to) {
        List<CochainEdge> edges = new ArrayList<>(to - from + 1);
        int[] uv = new int[2];
        vertices(diagonal, 1, uv);
        edges.add(new CochainEdge(uv[0], uv[1], 1));
        for (int k = from; k < to; k++) {
            vertices(idx[k], 1, uv);
            edges.add(new CochainEdge(uv[0], uv[1], coef[k]));
        }
        return edges;
    }

    private SimplexList assembleColumnsToReduce(SimplexList simplices, SimplexList columns, PivotMap pivots,
            int dim) {
        SimplexList next = new SimplexList(dim < dimMax ? simplices.size : 16);
        columns.clear();
        Cofacets c = cofMain;
        for (int s = 0; s < simplices.size; s++) {
            c.set(simplices.idx[s], simplices.diam[s], 1, dim - 1, false, threshold);
            while (c.next()) {
                float cd = c.cofacetDiam;
                long ci = c.cofacetIdx;
                if (dim < dimMax) {
                    next.add(cd, ci);
                }
                if (!pivots.contains(ci) && !isInZeroApparentPair(ci, cd, dim)) {
                    columns.add(cd, ci);
                }
            }
        }
        columns.sortFiltrationOrder();
        columns.reverse();
        return next;
    }
}
