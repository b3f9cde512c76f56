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
}
