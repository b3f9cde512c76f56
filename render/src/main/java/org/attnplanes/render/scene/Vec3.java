package org.attnplanes.render.scene;

/**
 * A point or direction in world coordinates (layout units; planes are stacked along z, z points up).
 *
 * @param x x coordinate, finite
 * @param y y coordinate, finite
 * @param z z coordinate, finite
 */
public record Vec3(double x, double y, double z) {

    /** The origin. */
    public static final Vec3 ZERO = new Vec3(0, 0, 0);

    /** Validates that every coordinate is finite. */
    public Vec3 {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("point (" + x + ", " + y + ", " + z + ") must have finite coordinates");
        }
    }

    /** {@code this + o}. */
    public Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    /** {@code this - o}. */
    public Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    /** {@code this · s}. */
    public Vec3 times(double s) {
        return new Vec3(x * s, y * s, z * s);
    }

    /** Dot product. */
    public double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    /** Cross product {@code this × o}. */
    public Vec3 cross(Vec3 o) {
        return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
    }

    /** Euclidean length. */
    public double length() {
        return Math.sqrt(dot(this));
    }

    /** This vector scaled to length 1; throws for the zero vector. */
    public Vec3 normalized() {
        double len = length();
        if (len == 0) {
            throw new IllegalArgumentException("cannot normalize the zero vector");
        }
        return times(1 / len);
    }

    /** The midpoint between this point and {@code o}. */
    public Vec3 midpoint(Vec3 o) {
        return new Vec3((x + o.x) / 2, (y + o.y) / 2, (z + o.z) / 2);
    }
}
