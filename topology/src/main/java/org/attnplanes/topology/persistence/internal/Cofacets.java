package org.attnplanes.topology.persistence.internal;

/**
 * Enumerates the cofacets of one simplex in decreasing combinatorial index, computing each cofacet's index,
 * diameter and coefficient on the fly (Ripser's {@code simplex_coboundary_enumerator}). Dense mode walks
 * every vertex; sparse mode walks the neighbour list of the simplex vertex with the fewest neighbours.
 * Cofacets with diameter above the limit are skipped.
 */
final class Cofacets {

    private final RipsEngine e;
    private final int[] u;
    private final long[] above;
    private final long[] below;
    private int dim;
    private float diam;
    private int coef;
    private float limit;
    private boolean all;
    private int x;        // dense: next candidate vertex; sparse: next position in nbrList (descending)
    private int m;        // number of simplex vertices greater than the candidate
    private int[] nbrList;
    private final int[] rowStart; // u[i] * n: the simplex vertices' rows in the engine's full matrix
    private long[] colC;  // C(·, k) rows by m: colC = binomial row for k = dim + 2 - m (looked up per m)

    /** The current cofacet. */
    float cofacetDiam;
    long cofacetIdx;
    int cofacetCoef;

    Cofacets(RipsEngine e, int maxVertices) {
        this.e = e;
        this.u = new int[maxVertices];
        this.above = new long[maxVertices + 1];
        this.below = new long[maxVertices + 1];
        this.rowStart = new int[maxVertices];
    }

    /**
     * Starts enumerating the cofacets of simplex {@code idx} of dimension {@code dim}.
     *
     * @param all   false: only cofacets whose new vertex is larger than every vertex of the simplex (each
     *              (dim+1)-simplex is then produced exactly once over all dim-simplices)
     * @param limit cofacets with a larger diameter are skipped
     */
    void set(long idx, float diam, int coef, int dim, boolean all, float limit) {
        e.vertices(idx, dim, u);
        start(idx, diam, coef, dim, all, limit);
    }

    /** As {@link #set}, for a simplex whose vertices (decreasing) the caller already knows. */
    void setVertices(int[] verts, long idx, float diam, int coef, int dim, boolean all, float limit) {
        System.arraycopy(verts, 0, u, 0, dim + 1);
        start(idx, diam, coef, dim, all, limit);
    }

    private void start(long idx, float diam, int coef, int dim, boolean all, float limit) {
        this.dim = dim;
        this.diam = diam;
        this.coef = coef;
        this.all = all;
        this.limit = limit;
        BinomialTable b = e.binom;
        long a = 0;
        long bl = idx;
        above[0] = 0;
        below[0] = idx;
        for (int i = 0; i <= dim; i++) {
            a += b.get(u[i], dim + 2 - i);
            bl -= b.get(u[i], dim + 1 - i);
            above[i + 1] = a;
            below[i + 1] = bl;
        }
        if (e.full != null) {
            for (int i = 0; i <= dim; i++) {
                rowStart[i] = u[i] * e.n;
            }
        }
        m = 0;
        if (e.nbr == null) {
            x = e.n - 1;
            nbrList = null;
        } else {
            int best = u[0];
            for (int i = 1; i <= dim; i++) {
                if (e.nbr[u[i]].length < e.nbr[best].length) {
                    best = u[i];
                }
            }
            nbrList = e.nbr[best];
            x = nbrList.length - 1;
        }
    }

    private int cofacetVertex;

    /** The vertex the current cofacet adds to the simplex. */
    int cofacetVertex() {
        return cofacetVertex;
    }

    /** The simplex's vertices (decreasing) as set by {@link #set}; do not modify. */
    int[] simplexVertices() {
        return u;
    }

    /** Writes the current cofacet's vertices, in decreasing order, into {@code out}. */
    void cofacetVertices(int[] out) {
        System.arraycopy(u, 0, out, 0, m);
        out[m] = cofacetVertex;
        System.arraycopy(u, m, out, m + 1, dim + 1 - m);
    }

    /** Advances to the next cofacet; false when there is none. */
    boolean next() {
        final int[] uu = u;
        final int d = dim;
        final float[] dist = e.dist;
        final int[] rowOff = e.rowOff;
        final float[] full = e.full;
        final SparseEdges sparse = e.sparseEdges;
        final int[] off = rowStart;
        while (x >= 0) {
            int cx;
            if (nbrList == null) {
                cx = x--;
                if (m <= d && cx == uu[m]) {
                    m++;
                    continue;
                }
            } else {
                cx = nbrList[x--];
                while (m <= d && uu[m] > cx) {
                    m++;
                }
                if (m <= d && uu[m] == cx) {
                    continue;
                }
            }
            if (!all && m > 0) {
                x = -1;
                return false;
            }
            float cd = diam;
            boolean ok = true;
            if (full != null) {
                // rows of the full matrix: d(u_i, x) for consecutive x are consecutive floats
                for (int i = 0; i <= d; i++) {
                    float dd = full[off[i] + cx];
                    if (dd > cd) {
                        if (dd > limit) {
                            ok = false;
                            break;
                        }
                        cd = dd;
                    }
                }
            } else {
                for (int i = 0; i <= d; i++) {
                    int w = uu[i];
                    float dd = dist == null ? sparse.get(cx, w) : cx > w ? dist[rowOff[cx] + w] : dist[rowOff[w] + cx];
                    if (dd > cd) {
                        if (dd > limit) {
                            ok = false;
                            break;
                        }
                        cd = dd;
                    }
                }
            }
            if (!ok) {
                continue;
            }
            int k = d + 1 - m;
            cofacetVertex = cx;
            cofacetDiam = cd;
            cofacetIdx = above[m] + e.binom.get(cx, k + 1) + below[m];
            int mod = e.modulus;
            cofacetCoef = mod == 2 ? 1 : ((k & 1) == 1 ? mod - 1 : 1) * coef % mod;
            return true;
        }
        return false;
    }
}
