package org.attnplanes.render.scene;

import java.util.Objects;

/**
 * A picture lying in one plane of the scene (a vision transformer's input image under its patch grid): opaque
 * {@code 0xAARRGGBB} pixels, row-major, mapped onto the parallelogram {@code origin + u·(x / width) + v·(y /
 * height)}. Drawn right after that plane's rectangle, before its edges. Immutable; no toolkit types.
 */
public final class SceneImage {

    private final int plane;
    private final int width;
    private final int height;
    private final int[] argb;
    private final Vec3 origin;
    private final Vec3 u;
    private final Vec3 v;

    /**
     * @param plane  the plane the image lies in (drawn with it)
     * @param width  pixels per row, at least 1
     * @param height rows, at least 1
     * @param argb   {@code width · height} pixels (copied)
     * @param origin world position of the image's top-left corner
     * @param u      world vector along the image's full width (left → right)
     * @param v      world vector along the image's full height (top → bottom)
     */
    public SceneImage(int plane, int width, int height, int[] argb, Vec3 origin, Vec3 u, Vec3 v) {
        Objects.requireNonNull(argb, "argb");
        if (width < 1 || height < 1 || argb.length != (long) width * height) {
            throw new IllegalArgumentException("image of " + width + " × " + height + " needs " + ((long) width * height)
                    + " pixels, got " + argb.length);
        }
        this.plane = plane;
        this.width = width;
        this.height = height;
        this.argb = argb.clone();
        this.origin = Objects.requireNonNull(origin, "origin");
        this.u = Objects.requireNonNull(u, "u");
        this.v = Objects.requireNonNull(v, "v");
    }

    public int plane() {
        return plane;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** A copy of the pixels ({@code 0xAARRGGBB}, row-major). */
    public int[] argb() {
        return argb.clone();
    }

    /** The pixel at (x, y). */
    public int pixel(int x, int y) {
        return argb[y * width + x];
    }

    public Vec3 origin() {
        return origin;
    }

    public Vec3 u() {
        return u;
    }

    public Vec3 v() {
        return v;
    }

    /** The world position of image point (x, y) in pixel units (x ∈ [0, width], y ∈ [0, height]). */
    public Vec3 at(double x, double y) {
        double a = x / width;
        double b = y / height;
        return new Vec3(origin.x() + u.x() * a + v.x() * b, origin.y() + u.y() * a + v.y() * b,
                origin.z() + u.z() * a + v.z() * b);
    }
}
