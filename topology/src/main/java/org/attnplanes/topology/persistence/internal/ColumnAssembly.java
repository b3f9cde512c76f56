package org.attnplanes.topology.persistence.internal;

/**
 * The columns to reduce in one dimension of {@link RipsEngine} (Ripser's {@code assemble_columns_to_reduce}): the
 * cofacets of the simplices one dimension below that are neither pivots (clearing) nor in an apparent pair, in
 * column order, and the simplices of this dimension when a later assembly needs them.
 *
 * <p>The last assembly (dimension dimMax) needs its facets only once, so the assembly before it does not store
 * them: it enumerates them again from the simplices one dimension lower, as their cofacets (new vertex on top, so
 * each facet comes from exactly one of them), the way Ripser enumerates coboundaries instead of storing them.
 * o3_1024 at H≤3 never holds its 357,593 triangles (6 MB of list with its growth) this way.
 */
final class ColumnAssembly {

    private final RipsEngine e;
    private final Cofacets cofacets;
    private final ApparentPairs apparent;
    private final int[] cofacetVerts;
    private Cofacets facets;

    /** {@code cofacets}: the engine's enumerator (used between reductions only). */
    ColumnAssembly(RipsEngine e, Cofacets cofacets, ApparentPairs apparent) {
        this.e = e;
        this.cofacets = cofacets;
        this.apparent = apparent;
        this.cofacetVerts = new int[e.dimMax + 3];
    }

    /**
     * Collects the columns of dimension {@code dim} into {@code columns} (cleared first), sorted in column order.
     *
     * @param simplices the held simplices, of dimension {@code held}: {@code dim - 1}, or {@code dim - 2} (then the
     *                  facets are enumerated on the fly)
     * @return the {@code dim}-simplices when a later assembly (of a dimension below dimMax) needs them, else null
     */
    SimplexList assemble(SimplexList simplices, int held, SimplexList columns, PivotMap pivots, int dim) {
        SimplexList next = dim + 1 < e.dimMax ? new SimplexList(simplices.size) : null;
        columns.clear();
        if (held == dim - 1) {
            for (int s = 0; s < simplices.size; s++) {
                addColumnsOfCofacets(simplices.idx[s], simplices.diam[s], null, dim, next, columns, pivots);
            }
        } else if (held == dim - 2) {
            if (facets == null) {
                facets = new Cofacets(e, e.dimMax + 3);
            }
            int[] verts = new int[dim + 1];
            for (int s = 0; s < simplices.size; s++) {
                facets.set(simplices.idx[s], simplices.diam[s], 1, dim - 2, false, e.threshold);
                while (facets.next()) {
                    facets.cofacetVertices(verts);
                    addColumnsOfCofacets(facets.cofacetIdx, facets.cofacetDiam, verts, dim, next, columns, pivots);
                }
            }
        } else {
            throw new IllegalStateException("simplices of dimension " + held + " cannot assemble dimension " + dim);
        }
        columns.sortFiltrationOrder();
        columns.reverse();
        columns.trim();     // live through the whole reduction: no growth slack (o3_1024: 38,205 of 65,536)
        return next;
    }

    /**
     * The cofacets (new vertex on top) of one (dim-1)-simplex: each goes to {@code next} (if not null) and, unless
     * a pivot or in an apparent pair, to {@code columns}. {@code verts}: the simplex's vertices if known, or null.
     */
    private void addColumnsOfCofacets(long idx, float diam, int[] verts, int dim, SimplexList next,
            SimplexList columns, PivotMap pivots) {
        Cofacets c = cofacets;
        if (verts == null) {
            c.set(idx, diam, 1, dim - 1, false, e.threshold);
        } else {
            c.setVertices(verts, idx, diam, 1, dim - 1, false, e.threshold);
        }
        while (c.next()) {
            float cd = c.cofacetDiam;
            long ci = c.cofacetIdx;
            if (next != null) {
                next.add(cd, ci);
            }
            if (pivots.contains(ci)) {
                continue;
            }
            c.cofacetVertices(cofacetVerts);
            if (!apparent.inPair(cofacetVerts, ci, cd, dim)) {
                columns.add(cd, ci);
            }
        }
    }
}
