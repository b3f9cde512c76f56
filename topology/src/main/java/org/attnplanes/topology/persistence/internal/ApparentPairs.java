package org.attnplanes.topology.persistence.internal;

/**
 * Zero-persistence apparent pairs (Ripser 1.2): (σ, τ) with equal diameters where τ is σ's first cofacet of that
 * diameter (largest index) and σ is τ's facet of that diameter with the smallest index. The checks work on the
 * simplex's vertices (decreasing order) when the caller knows them, so that the assembly of a dimension's columns,
 * which checks every simplex, does not decode indices (a binary search per vertex) again and again.
 */
final class ApparentPairs {

    private final RipsEngine e;
    private final Cofacets cof;
    private final int[] decoded;
    private final int[] cofacetVerts;
    private final int[] facetVerts;
    private final float[][] pd;
    private int facetSign;
    /** The edges' pivot cofacets when the dimension-0 pass recorded them, else null (then edges walk too). */
    private EdgeApexes apexes;

    ApparentPairs(RipsEngine e, int maxVertices) {
        this.e = e;
        this.cof = new Cofacets(e, maxVertices);
        this.decoded = new int[maxVertices];
        this.cofacetVerts = new int[maxVertices];
        this.facetVerts = new int[maxVertices];
        this.pd = new float[maxVertices][maxVertices];
    }

    /** Edge checks look their pivot cofacet up in {@code a} (null: walk the cofacets). */
    void useEdgeApexes(EdgeApexes a) {
        apexes = a;
    }

    /** Coefficient of the simplex in the coboundary of the facet last returned by a facet check. */
    int facetSign() {
        return facetSign;
    }

    /** The first cofacet (decreasing index) of diameter {@code diam}, or −1; its vertices go to {@code cofacetVerts}. */
    private long pivotCofacet(int[] verts, long idx, float diam, int dim) {
        if (dim == 1 && apexes != null) {
            return edgePivotCofacet(verts[0], verts[1], apexes.apex(idx));
        }
        Cofacets c = cof;
        c.setVertices(verts, idx, diam, 1, dim, true, diam);
        while (c.next()) {
            if (c.cofacetDiam == diam) {
                c.cofacetVertices(cofacetVerts);
                return c.cofacetIdx;
            }
        }
        return -1;
    }

    /** The triangle {a > b} + x (x −1: none), its vertices to {@code cofacetVerts}, or −1. */
    private long edgePivotCofacet(int a, int b, int x) {
        if (x < 0) {
            return -1;
        }
        int[] t = cofacetVerts;
        if (x > a) {
            t[0] = x;
            t[1] = a;
            t[2] = b;
        } else if (x > b) {
            t[0] = a;
            t[1] = x;
            t[2] = b;
        } else {
            t[0] = a;
            t[1] = b;
            t[2] = x;
        }
        BinomialTable binom = e.binom;
        return binom.get(t[0], 3) + binom.get(t[1], 2) + t[2];
    }

    /** The facet of smallest index with diameter {@code diam}, or −1; its vertices go to {@code facetVerts}. */
    private long pivotFacet(int[] u, float diam, int dim) {
        if (dim == 2) {
            return triangleFacet(u, diam);
        }
        for (int a = 0; a <= dim; a++) {
            for (int b = 0; b < a; b++) {
                pd[a][b] = e.d(u[a], u[b]);
            }
        }
        BinomialTable binom = e.binom;
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
                facetSign = ((dim - r) & 1) == 1 ? e.modulus - 1 : 1;
                long f = 0;
                for (int j = 0; j < r; j++) {
                    f += binom.get(u[j], dim - j);
                    facetVerts[j] = u[j];
                }
                for (int j = r + 1; j <= dim; j++) {
                    f += binom.get(u[j], dim + 1 - j);
                    facetVerts[j - 1] = u[j];
                }
                return f;
            }
        }
        return -1;
    }

    /**
     * {@link #pivotFacet} of a triangle {@code u0 > u1 > u2}: its facets are edges, in increasing index {u1, u2}
     * (sign +1), {u0, u2} (−1), {u0, u1} (+1), each with its own length as diameter.
     */
    private long triangleFacet(int[] u, float diam) {
        int a = u[0];
        int b = u[1];
        int c = u[2];
        float[] f = e.full;
        int n = e.n;
        int[] rowOff = e.rowOff;
        int lo;
        int hi;
        int sign;
        if ((f != null ? f[b * n + c] : e.d(b, c)) == diam) {
            hi = b;
            lo = c;
            sign = 1;
        } else if ((f != null ? f[a * n + c] : e.d(a, c)) == diam) {
            hi = a;
            lo = c;
            sign = e.modulus - 1;
        } else if ((f != null ? f[a * n + b] : e.d(a, b)) == diam) {
            hi = a;
            lo = b;
            sign = 1;
        } else {
            return -1;
        }
        facetSign = sign;
        facetVerts[0] = hi;
        facetVerts[1] = lo;
        return rowOff[hi] + lo;
    }

    /** The apparent partner facet of the simplex with vertices {@code verts}, or −1. */
    long apparentFacet(int[] verts, long idx, float diam, int dim) {
        if (dim == 2 && apexes != null) {
            // the facet's pivot cofacet is this triangle iff the facet's apex is the vertex the facet leaves out
            long f = triangleFacet(verts, diam);
            return f != -1 && apexes.apex(f) == verts[0] + verts[1] + verts[2] - facetVerts[0] - facetVerts[1] ? f
                    : -1;
        }
        long f = pivotFacet(verts, diam, dim);
        if (f == -1) {
            return -1;
        }
        int sign = facetSign;
        long back = pivotCofacet(facetVerts, f, diam, dim - 1);
        facetSign = sign;
        return back == idx ? f : -1;
    }

    /** The apparent partner cofacet of the simplex with vertices {@code verts}, or −1. */
    long apparentCofacet(int[] verts, long idx, float diam, int dim) {
        long c = pivotCofacet(verts, idx, diam, dim);
        return c != -1 && pivotFacet(cofacetVerts, diam, dim + 1) == idx ? c : -1;
    }

    /**
     * {@code apparentCofacet(...) != -1} for the edge {a > b} of diameter {@code dd} whose pivot cofacet adds
     * vertex {@code x} (−1: none): the triangle's pivot facet (first of length dd in increasing index: {t1, t2},
     * {t0, t2}, {t0, t1}) is the edge iff no facet before it has length dd.
     */
    boolean edgeInPair(int a, int b, float dd, int x) {
        if (x < 0) {
            return false;
        }
        if (x > a) {
            return true;
        }
        float[] f = e.full;
        int n = e.n;
        float xb = f != null ? f[x * n + b] : e.d(x, b);
        if (x > b) {
            return xb != dd;
        }
        return xb != dd && (f != null ? f[x * n + a] : e.d(x, a)) != dd;
    }

    /** {@link #apparentFacet(int[], long, float, int)} of a simplex given by index only. */
    long apparentFacet(long idx, float diam, int dim) {
        e.vertices(idx, dim, decoded);
        return apparentFacet(decoded, idx, diam, dim);
    }

    /** Whether the simplex with vertices {@code verts} is in a zero-persistence apparent pair. */
    boolean inPair(int[] verts, long idx, float diam, int dim) {
        return apparentCofacet(verts, idx, diam, dim) != -1 || apparentFacet(verts, idx, diam, dim) != -1;
    }
}
