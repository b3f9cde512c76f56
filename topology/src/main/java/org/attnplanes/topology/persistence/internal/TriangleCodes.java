package org.attnplanes.topology.persistence.internal;

/**
 * Codes of the small-plane engine's triangles ({@link SmallFlagEngine}, at most 64 vertices): a triangle
 * {@code a > b > c} is {@code (a << 12) | (b << 6) | c}, its index in the colexicographic order is
 * {@code C(a, 3) + C(b, 2) + c}; a working-column key is {@code (diameter bits << 32) | (0xFFFFFFFF − code)}. Small
 * static methods, so that C1 inlines them into the engine's loops.
 */
final class TriangleCodes {

    /** {@code C(v, 2)} and {@code C(v, 3)} for {@code v < 64}. */
    static final int[] C2 = new int[SmallFlagEngine.MAX_VERTICES];
    static final int[] C3 = new int[SmallFlagEngine.MAX_VERTICES];

    static {
        for (int v = 0; v < SmallFlagEngine.MAX_VERTICES; v++) {
            C2[v] = v * (v - 1) / 2;
            C3[v] = v * (v - 1) * (v - 2) / 6;
        }
    }

    private TriangleCodes() {
    }

    static int code(long key) {
        return (int) (0xFFFFFFFFL - (key & 0xFFFFFFFFL));
    }

    /** The code of the triangle {x, a, b}, {@code a > b}, x distinct from both. */
    static int triangle(int x, int a, int b) {
        if (x > a) {
            return (x << 12) | (a << 6) | b;
        }
        if (x > b) {
            return (a << 12) | (x << 6) | b;
        }
        return (a << 12) | (b << 6) | x;
    }

    static int triangleIndex(int tri) {
        return C3[tri >>> 12] + C2[(tri >>> 6) & 63] + (tri & 63);
    }

    /**
     * Appends the keys of the cofacets {@code x} of the edge {@code a > b} (rows {@code a·nn}, {@code b·nn} of the
     * distances {@code dd}) to {@code w} from {@code size}, in the three ranges of x (below b, between, above a) that
     * give the triangle's code without a call to {@link #triangle}; see {@code SmallFlagEngine.addCoboundary}.
     * Returns the new size.
     */
    static int appendCoboundary(float[] dd, int nn, int a, int b, int tb, int db, long[] w, int size) {
        int ra = a * nn;
        int rb = b * nn;
        size = appendCofacets(dd, ra, rb, 0, b, 0xFFFFFFFFL - ((a << 12) | (b << 6)), 0, tb, db, w, size);
        size = appendCofacets(dd, ra, rb, b + 1, a, 0xFFFFFFFFL - ((a << 12) | b), 6, tb, db, w, size);
        return appendCofacets(dd, ra, rb, a + 1, nn, 0xFFFFFFFFL - ((a << 6) | b), 12, tb, db, w, size);
    }

    /**
     * One range of {@link #appendCoboundary}: cofacets {@code x} in [{@code from}, {@code to}) of the edge whose rows
     * start at {@code ra}, {@code rb}; the code of cofacet x is {@code base − (x << shift)}. Returns the new size.
     */
    private static int appendCofacets(float[] dd, int ra, int rb, int from, int to, long base, int shift, int tb,
            int db, long[] w, int size) {
        for (int x = from; x < to; x++) {
            int ub = Float.floatToRawIntBits(dd[ra + x]);
            int vb = Float.floatToRawIntBits(dd[rb + x]);
            int q = ub - db;
            int cb = ub - (q & (q >> 31));
            q = cb - vb;
            cb -= q & (q >> 31);
            w[size] = ((long) cb << 32) | (base - (x << shift));
            size += ~((tb - ub) | (tb - vb)) >>> 31;
        }
        return size;
    }
}
