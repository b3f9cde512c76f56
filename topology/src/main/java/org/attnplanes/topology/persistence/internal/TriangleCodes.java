package org.attnplanes.topology.persistence.internal;

/**
 * Codes of the small-plane engine's edges and triangles ({@link SmallFlagEngine}, at most 64 vertices): a triangle
 * {@code a > b > c} is {@code (a << 12) | (b << 6) | c}, an edge {@code a > b} is {@code (a << 6) | b}; a filtration
 * key is {@code (diameter bits << 32) | (0xFFFFFFFF − code)}. Small static methods, so that C1 inlines them into the
 * engine's loops.
 */
final class TriangleCodes {

    private TriangleCodes() {
    }

    /** The code in a filtration key. */
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
}
