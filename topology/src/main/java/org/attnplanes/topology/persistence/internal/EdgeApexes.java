package org.attnplanes.topology.persistence.internal;

/**
 * The pivot cofacet of every edge at its own diameter, found once during the dimension-0 pass and looked up by
 * every later apparent-pair check of an edge. An edge {a, b} of diameter δ has as its first cofacet of diameter δ
 * (Ripser's order: largest index first) the triangle with the largest third vertex x such that d(a, x) ≤ δ and
 * d(b, x) ≤ δ. The dimension-0 pass visits the edges in filtration order; before it visits the edges of one
 * diameter it {@linkplain #enter enters} all of them into per-vertex adjacency bitsets, so that the bitsets hold
 * exactly the edges of diameter ≤ δ, and x is the highest set bit of the AND of rows a and b (n/64 words instead
 * of a walk over all n vertices with two distance loads each).
 *
 * <p>Used for inputs given as a lower triangle (dense mode up to 2,048 vertices, sparse mode up to 512):
 * {@code n²/8} bytes of bitsets, released after the pass, and {@code n²} bytes of apexes (one {@code char} per pair)
 * kept while edges are checked, beside the {@code 2n²} bytes of the lower triangle.
 */
final class EdgeApexes {

    private final int words;
    private long[] rows;
    /** Per edge index {@code C(a, 2) + b}: 0 for no apex (or an edge never entered), else apex + 1. */
    private final char[] apex;

    /** For {@code n <= 65,535} vertices. */
    EdgeApexes(int n) {
        if (n > Character.MAX_VALUE) {
            throw new IllegalArgumentException("n = " + n + " exceeds " + (int) Character.MAX_VALUE);
        }
        this.words = (n + 63) >>> 6;
        this.rows = new long[n * words];
        this.apex = new char[(int) ((long) n * (n - 1) / 2)];
    }

    /** Adds the edge {a, b} ({@code a != b}) to the adjacency bitsets. */
    void enter(int a, int b) {
        long[] r = rows;
        r[a * words + (b >>> 6)] |= 1L << b;
        r[b * words + (a >>> 6)] |= 1L << a;
    }

    /**
     * The largest vertex adjacent to both a and b among the entered edges, or −1; recorded as the apex of edge
     * {@code idx} ({a, b}).
     */
    int find(int a, int b, int idx) {
        long[] r = rows;
        int w = words;
        int ra = a * w;
        int rb = b * w;
        for (int k = w - 1; k >= 0; k--) {
            long common = r[ra + k] & r[rb + k];
            if (common != 0) {
                int x = (k << 6) + 63 - Long.numberOfLeadingZeros(common);
                apex[idx] = (char) (x + 1);
                return x;
            }
        }
        apex[idx] = 0;
        return -1;
    }

    /** The apex {@link #find} recorded for edge {@code idx}, or −1. */
    int apex(long idx) {
        return apex[(int) idx] - 1;
    }

    /** Drops the bitsets (the pass is over; the apexes stay). */
    void releaseRows() {
        rows = null;
    }
}
