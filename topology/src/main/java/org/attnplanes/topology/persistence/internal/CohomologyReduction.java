package org.attnplanes.topology.persistence.internal;

import java.util.ArrayList;
import java.util.List;
import org.attnplanes.topology.persistence.CochainEdge;
import org.attnplanes.topology.persistence.PersistenceInterval;

/**
 * The reduction phase of {@link RipsEngine}: reduces one dimension's columns (cohomology, clearing already
 * applied by the caller) with implicit coboundaries, apparent and emergent pairs. Only the reduction matrix V
 * is stored, as in Ripser; the working coboundary is a lazy merge of the sorted coboundaries of V's simplices
 * ({@link RunColumn}), so entries beyond the pivot are never pushed or popped.
 */
final class CohomologyReduction {

    /**
     * Cached coboundary entries (2 bytes each, {@link RunColumn}) after which the cache is dropped between two
     * columns: 8 Mi entries, 16 MiB. A fixed size rather than a share of the heap, so that peak memory follows
     * the input and not the machine; one column's own runs are never dropped while it is being reduced.
     */
    private static final long CACHE_BUDGET = Long.getLong("attnplanes.ph.cacheEntries", 1L << 23);

    private final RipsEngine engine;
    private final Cofacets cofMain;
    private final ApparentPairs apparent;
    private final int modulus;
    private final int[] inverse;
    private final float threshold;
    private final boolean wantRepresentatives;

    private float emDiam;
    private long emIdx;
    private int emCoef;

    /**
     * Largest number of vertices for which dimension 1 is reduced with coboundary prefixes ({@link CofacetPrefix}:
     * its sorted neighbour lists take up to 8 n² bytes).
     */
    static final int PREFIX_MAX_VERTICES = Integer.getInteger("attnplanes.ph.prefixMaxVertices", 512);

    /** The prefix walker of the dimension being reduced, or null (whole coboundaries). */
    private CofacetPrefix prefix;
    private int[] simplexVerts;
    /** The vertices of the last {@link #initColumn}'s simplex and the bound of its run (NaN: whole). */
    private int[] initVerts;
    private float initBound;

    /**
     * The working column's statistics after the last {@link #computePairs} (for the trace line). Only the string is
     * kept: the column itself (its cached runs) would stay reachable through the next dimension's assembly and
     * reduction (o3_1024: +2 MB of peak RSS, 1.24x of ripser instead of 1.19x).
     */
    private String lastStats = "";

    CohomologyReduction(RipsEngine engine, Cofacets cofMain, ApparentPairs apparent, boolean wantRepresentatives) {
        this.engine = engine;
        this.cofMain = cofMain;
        this.apparent = apparent;
        this.modulus = engine.modulus;
        this.inverse = inverses(modulus);
        this.threshold = engine.threshold;
        this.wantRepresentatives = wantRepresentatives;
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

    /** The working column's statistics of the last {@link #computePairs}. */
    String stats() {
        return lastStats;
    }

    /**
     * Sorts the coboundary of the column's simplex into {@code w} (as added vertices) and returns false; or,
     * for an emergent pair (the first cofacet of equal diameter is no pivot yet and not in an apparent pair),
     * sets the {@code em*} fields and returns true without sorting.
     */
    private boolean initColumn(float diam, long idx, int dim, VertexRun w, PivotMap pivots) {
        if (prefix != null) {
            int[] u = simplexVerts;
            engine.vertices(idx, dim, u);
            initVerts = u;
            initBound = prefix.walk(u, dim, diam, w) ? prefix.bound : Float.NaN;
            if (w.size > 0 && prefix.firstDiam == diam) {
                // the first cofacet in filtration order is the first of diameter diam in decreasing index order
                int x = w.vertex[0];
                long ci = prefix.cofacetIndex(u, dim, x);
                if (!pivots.contains(ci) && apparent.apparentFacet(ci, diam, dim + 1) == -1) {
                    emDiam = diam;
                    emIdx = ci;
                    emCoef = prefix.cofacetCoef(u, dim, x);
                    return true;
                }
            }
            return false;
        }
        initBound = Float.NaN;
        boolean checkEmergent = true;
        w.clear();
        Cofacets c = cofMain;
        c.set(idx, diam, 1, dim, true, threshold);
        while (c.next()) {
            w.add(c.cofacetDiam, c.cofacetVertex());
            if (checkEmergent && c.cofacetDiam == diam) {
                if (!pivots.contains(c.cofacetIdx) && apparent.apparentFacet(c.cofacetIdx, diam, dim + 1) == -1) {
                    emDiam = c.cofacetDiam;
                    emIdx = c.cofacetIdx;
                    emCoef = c.cofacetCoef;
                    return true;
                }
                checkEmergent = false;
            }
        }
        w.sort();
        initVerts = c.simplexVertices();
        return false;
    }

    /** Adds {@code coef} times the coboundary of a simplex to the working column (sorted run, cached). */
    private void addSimplexRun(RunColumn col, VertexRun gen, float diam, long idx, int coef, int dim) {
        int run = col.findRun(idx);
        if (run < 0 && prefix != null) {
            engine.vertices(idx, dim, simplexVerts);
            float bound = prefix.walk(simplexVerts, dim, diam, gen) ? prefix.bound : Float.NaN;
            run = col.registerRun(idx, diam, simplexVerts, gen, bound);
        } else if (run < 0) {
            gen.clear();
            Cofacets c = cofMain;
            c.set(idx, diam, 1, dim, true, threshold);
            while (c.next()) {
                gen.add(c.cofacetDiam, c.cofacetVertex());
            }
            gen.sort();
            run = col.registerRun(idx, diam, c.simplexVertices(), gen);
        }
        col.addRun(run, coef);
    }

    /**
     * Reduces the columns of dimension {@code dim} (in reduction order) and returns their finite and essential
     * bars; the pivots found are put into {@code pivots}, and with representatives in dimension 1 each bar's
     * cocycle is appended to {@code reps}.
     */
    List<PersistenceInterval> computePairs(SimplexList columns, PivotMap pivots, int dim,
            List<List<CochainEdge>> reps) {
        List<PersistenceInterval> out = new ArrayList<>();
        boolean withReps = wantRepresentatives && dim == 1;
        int nc = columns.size;
        ReductionMatrix v = new ReductionMatrix(nc);
        RunColumn col = new RunColumn(engine, dim, CACHE_BUDGET, nc);
        prefix = dim == 1 && engine.n <= PREFIX_MAX_VERTICES ? new CofacetPrefix(engine, dim) : null;
        if (prefix != null) {
            simplexVerts = new int[dim + 1];
            col.enablePrefixRuns(cofMain, threshold);
        }
        VertexRun w = new VertexRun();
        VertexRun gen = new VertexRun();
        EntryBuffer vw = new EntryBuffer(16);
        for (int j = 0; j < nc; j++) {
            float diameter = columns.diam[j];
            long idx = columns.idx[j];
            v.appendColumn();
            vw.clear();
            col.clear();
            if (initColumn(diameter, idx, dim, w, pivots)) {
                pivots.put(emIdx, j, emCoef);
                if (emDiam > diameter) {
                    out.add(new PersistenceInterval(diameter, emDiam));
                    if (withReps) {
                        reps.add(cochain(idx, v.idx, v.coef, 0, 0));
                    }
                }
                continue;
            }
            int run = col.findRun(idx);
            if (run < 0) {
                run = col.registerRun(idx, diameter, initVerts, w, initBound);
            }
            col.addRun(run, 1);
            col.getPivot();
            while (true) {
                if (col.pivotIdx == -1) {
                    out.add(PersistenceInterval.essential(diameter));
                    if (withReps) {
                        int start = v.end(j);
                        storeV(vw, v);
                        reps.add(cochain(idx, v.idx, v.coef, start, v.end(j)));
                    }
                    break;
                }
                float pd = col.pivotDiam;
                long pi = col.pivotIdx;
                int pc = col.pivotCoef;
                int slot = pivots.find(pi);
                long e;
                if (slot >= 0) {
                    int other = pivots.columnAt(slot);
                    int factor = modulus == 2 ? 1 : modulus - pc * inverse[pivots.coefAt(slot)] % modulus;
                    boolean saved = col.hasState(other);
                    if (saved) {
                        col.addState(other, factor);
                    } else {
                        addSimplexRun(col, gen, columns.diam[other], columns.idx[other], factor, dim);
                    }
                    vw.add(columns.diam[other], columns.idx[other], factor);
                    for (int k = v.begin(other), end = v.end(other); k < end; k++) {
                        int c = modulus == 2 ? 1 : v.coef[k] * factor % modulus;
                        if (!saved) {
                            addSimplexRun(col, gen, v.diam[k], v.idx[k], c, dim);
                        }
                        vw.add(v.diam[k], v.idx[k], c);
                    }
                    col.getPivot();
                } else if ((e = apparent.apparentFacet(pi, pd, dim + 1)) != -1) {
                    // cancel the pivot: its coefficient in the facet's coboundary is ±1 (facetSign)
                    int factor = modulus == 2 ? 1 : (modulus - pc) * apparent.facetSign() % modulus;
                    addSimplexRun(col, gen, pd, e, factor, dim);
                    vw.add(pd, e, factor);
                    col.getPivot();
                } else {
                    pivots.put(pi, j, pc);
                    int start = v.end(j);
                    storeV(vw, v);
                    if (v.end(j) > start) {
                        col.saveState(j, v.end(j) - start + 1);
                    }
                    if (pd > diameter) {
                        out.add(new PersistenceInterval(diameter, pd));
                        if (withReps) {
                            reps.add(cochain(idx, v.idx, v.coef, start, v.end(j)));
                        }
                    }
                    break;
                }
            }
        }
        prefix = null;
        lastStats = col.stats();
        return out;
    }

    /** Combines the collected reduction entries and appends them as the current column of V. */
    private void storeV(EntryBuffer vw, ReductionMatrix v) {
        vw.sortAndCombine(modulus);
        for (int k = 0; k < vw.size; k++) {
            v.pushBack(vw.diam[k], vw.idx[k], vw.coef[k]);
        }
    }

    private List<CochainEdge> cochain(long diagonal, long[] idx, int[] coef, int from, int to) {
        List<CochainEdge> edges = new ArrayList<>(to - from + 1);
        int[] uv = new int[2];
        engine.vertices(diagonal, 1, uv);
        edges.add(new CochainEdge(uv[0], uv[1], 1));
        for (int k = from; k < to; k++) {
            engine.vertices(idx[k], 1, uv);
            edges.add(new CochainEdge(uv[0], uv[1], coef[k]));
        }
        return edges;
    }
}
