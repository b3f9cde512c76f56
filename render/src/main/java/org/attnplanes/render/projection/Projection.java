package org.attnplanes.render.projection;

import java.util.Objects;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.Vec3;

/**
 * A pinhole projection of world coordinates onto a {@code width × height} pixel viewport (origin top left,
 * y down). The vertical field of view of the camera spans the viewport height. Immutable and thread-safe.
 *
 * <pre>{@code
 * Projection p = new Projection(camera, 1200, 800);
 * double[] xyd = p.project(point);   // pixel x, pixel y, depth along the view direction (world units)
 * }</pre>
 */
public final class Projection {

    /** Depth below which a point counts as behind the eye (world units). */
    public static final double NEAR = 1e-6;

    private final Camera camera;
    private final double width;
    private final double height;
    private final double focal;
    private final double ex, ey, ez;
    private final double rx, ry, rz;
    private final double ux, uy, uz;
    private final double fx, fy, fz;

    /**
     * @param camera the camera, not null
     * @param width  viewport width in pixels, &gt; 0
     * @param height viewport height in pixels, &gt; 0
     */
    public Projection(Camera camera, double width, double height) {
        this.camera = Objects.requireNonNull(camera, "camera");
        if (!(width > 0) || !(height > 0) || !Double.isFinite(width) || !Double.isFinite(height)) {
            throw new IllegalArgumentException("viewport " + width + " × " + height + " px must be finite and > 0");
        }
        this.width = width;
        this.height = height;
        this.focal = (height / 2) / Math.tan(Math.toRadians(camera.fieldOfViewDegrees() / 2));
        Vec3 e = camera.eye();
        Vec3 f = camera.forward();
        Vec3 r = camera.right();
        Vec3 u = camera.up();
        ex = e.x(); ey = e.y(); ez = e.z();
        fx = f.x(); fy = f.y(); fz = f.z();
        rx = r.x(); ry = r.y(); rz = r.z();
        ux = u.x(); uy = u.y(); uz = u.z();
    }

    /** The camera. */
    public Camera camera() {
        return camera;
    }

    /** Viewport width in pixels. */
    public double width() {
        return width;
    }

    /** Viewport height in pixels. */
    public double height() {
        return height;
    }

    /** Focal length in pixels: a unit length at depth {@code d} spans {@code focal / d} pixels. */
    public double focalPx() {
        return focal;
    }

    /** Depth of a point along the view direction (world units; larger is farther). */
    public double depth(double x, double y, double z) {
        return (x - ex) * fx + (y - ey) * fy + (z - ez) * fz;
    }

    /** Depth of a point along the view direction. */
    public double depth(Vec3 p) {
        return depth(p.x(), p.y(), p.z());
    }

    /**
     * Projects a world point.
     *
     * @return {@code {pixelX, pixelY, depth}}; when depth &lt;= {@link #NEAR} the pixel position is meaningless
     */
    public double[] project(Vec3 p) {
        double[] out = new double[3];
        project(p.x(), p.y(), p.z(), out, 0);
        return out;
    }

    /** Projects {@code (x, y, z)} into {@code out[offset..offset+2]} = pixel x, pixel y, depth. */
    public void project(double x, double y, double z, double[] out, int offset) {
        double dx = x - ex, dy = y - ey, dz = z - ez;
        double d = dx * fx + dy * fy + dz * fz;
        double s = focal / Math.max(d, NEAR);
        out[offset] = width / 2 + s * (dx * rx + dy * ry + dz * rz);
        out[offset + 1] = height / 2 - s * (dx * ux + dy * uy + dz * uz);
        out[offset + 2] = d;
    }

    /** How many pixels a world length {@code r} spans at the depth of {@code p}. */
    public double pixels(double r, Vec3 p) {
        return r * focal / Math.max(depth(p), NEAR);
    }
}
