package org.attnplanes.render.scene;

/**
 * An orbit camera looking at {@code target} from {@code distance} away. Yaw turns around the world z axis
 * and pitch raises the eye above the xy plane: the eye sits in direction
 * {@code (cos pitch · cos yaw, cos pitch · sin yaw, sin pitch)} from the target. Immutable; the {@code orbit}, {@code zoom} and {@code pan} methods return new cameras.
 *
 * @param yawDegrees   rotation about z, any finite value (degrees)
 * @param pitchDegrees elevation in [−89, 89] degrees
 * @param distance     eye-to-target distance in world units, finite and > 0
 * @param target       the point looked at, not null
 * @param fieldOfViewDegrees vertical field of view in (1, 170) degrees
 */
public record Camera(double yawDegrees, double pitchDegrees, double distance, Vec3 target,
                     double fieldOfViewDegrees) {

    /** Largest |pitch| accepted, in degrees (the view would degenerate at ±90°). */
    public static final double MAX_PITCH = 89;

    /** Validates the parameters; see the component documentation for the ranges. */
    public Camera {
        if (!Double.isFinite(yawDegrees)) {
            throw new IllegalArgumentException("yawDegrees = " + yawDegrees + " must be finite");
        }
        if (!(pitchDegrees >= -MAX_PITCH && pitchDegrees <= MAX_PITCH)) {
            throw new IllegalArgumentException("pitchDegrees = " + pitchDegrees + " must be in [-89, 89]");
        }
        if (!(distance > 0) || !Double.isFinite(distance)) {
            throw new IllegalArgumentException("distance = " + distance + " must be finite and > 0");
        }
        java.util.Objects.requireNonNull(target, "target");
        if (!(fieldOfViewDegrees > 1 && fieldOfViewDegrees < 170)) {
            throw new IllegalArgumentException("fieldOfViewDegrees = " + fieldOfViewDegrees + " must be in (1, 170)");
        }
    }

    /** A camera with a 30° vertical field of view. */
    public static Camera of(double yawDegrees, double pitchDegrees, double distance, Vec3 target) {
        return new Camera(yawDegrees, pitchDegrees, distance, target, 30);
    }

    /**
     * A camera that shows the whole box {@code [min, max]} from the given direction: the target is the box
     * centre and the distance fits the bounding sphere into the field of view with a 10 % margin.
     */
    public static Camera fit(Vec3 min, Vec3 max, double yawDegrees, double pitchDegrees) {
        Vec3 centre = min.midpoint(max);
        double radius = Math.max(1e-9, max.minus(min).length() / 2);
        double fov = 30;
        double d = radius / Math.sin(Math.toRadians(fov / 2)) * 1.1;
        return new Camera(yawDegrees, pitchDegrees, d, centre, fov);
    }

    /**
     * A camera that frames the box {@code [min, max]} tightly for a viewport of the given aspect ratio
     * (width / height): starting from {@link #fit(Vec3, Vec3, double, double)}, the target is moved to the
     * centre of the projected box and the distance adjusted until the box's eight corners fill 90 % of the
     * limiting dimension.
     */
    public static Camera frame(Vec3 min, Vec3 max, double yawDegrees, double pitchDegrees, double aspect) {
        Vec3[] corners = new Vec3[8];
        for (int i = 0; i < 8; i++) {
            corners[i] = new Vec3((i & 1) == 0 ? min.x() : max.x(), (i & 2) == 0 ? min.y() : max.y(),
                    (i & 4) == 0 ? min.z() : max.z());
        }
        return frame(java.util.Arrays.asList(corners), yawDegrees, pitchDegrees, aspect, 0.9);
    }

    /**
     * A camera that frames the given points for a viewport of the given aspect ratio (width / height): the target
     * is moved to the centre of their projection and the distance adjusted until they fill the fraction
     * {@code fill} of the limiting dimension.
     *
     * @param points the points to frame, at least one
     * @param fill   fraction of the limiting viewport dimension the points span, in (0, 1]
     */
    public static Camera frame(java.util.List<Vec3> points, double yawDegrees, double pitchDegrees, double aspect,
                               double fill) {
        if (!(aspect > 0) || !Double.isFinite(aspect)) {
            throw new IllegalArgumentException("aspect = " + aspect + " must be finite and > 0");
        }
        if (!(fill > 0 && fill <= 1)) {
            throw new IllegalArgumentException("fill = " + fill + " must be in (0, 1]");
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException("points is empty; a camera frames at least one point");
        }
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (Vec3 p : points) {
            lo[0] = Math.min(lo[0], p.x());
            lo[1] = Math.min(lo[1], p.y());
            lo[2] = Math.min(lo[2], p.z());
            hi[0] = Math.max(hi[0], p.x());
            hi[1] = Math.max(hi[1], p.y());
            hi[2] = Math.max(hi[2], p.z());
        }
        Camera c = fit(new Vec3(lo[0], lo[1], lo[2]), new Vec3(hi[0], hi[1], hi[2]), yawDegrees, pitchDegrees);
        java.util.List<Vec3> corners = points;
        double tanV = Math.tan(Math.toRadians(c.fieldOfViewDegrees() / 2));
        for (int iter = 0; iter < 6; iter++) {
            Vec3 eye = c.eye();
            Vec3 f = c.forward();
            Vec3 r = c.right();
            Vec3 u = c.up();
            double loX = Double.MAX_VALUE, hiX = -Double.MAX_VALUE, loY = Double.MAX_VALUE, hiY = -Double.MAX_VALUE;
            for (Vec3 p : corners) {
                Vec3 d = p.minus(eye);
                double depth = Math.max(1e-9, d.dot(f));
                double x = d.dot(r) / (depth * tanV * aspect);
                double y = d.dot(u) / (depth * tanV);
                loX = Math.min(loX, x);
                hiX = Math.max(hiX, x);
                loY = Math.min(loY, y);
                hiY = Math.max(hiY, y);
            }
            double spread = Math.max((hiX - loX) / 2, (hiY - loY) / 2);
            double shiftX = (hiX + loX) / 2 * c.distance() * tanV * aspect;
            double shiftY = (hiY + loY) / 2 * c.distance() * tanV;
            Vec3 target = c.target().plus(r.times(shiftX)).plus(u.times(shiftY));
            double dist = c.distance() * Math.max(0.05, spread / fill);
            c = new Camera(yawDegrees, pitchDegrees, dist, target, c.fieldOfViewDegrees());
        }
        return c;
    }

    /** The eye position in world coordinates. */
    public Vec3 eye() {
        double yaw = Math.toRadians(yawDegrees);
        double pitch = Math.toRadians(pitchDegrees);
        Vec3 dir = new Vec3(Math.cos(pitch) * Math.cos(yaw), Math.cos(pitch) * Math.sin(yaw), Math.sin(pitch));
        return target.plus(dir.times(distance));
    }

    /** Unit vector from the eye towards the target. */
    public Vec3 forward() {
        return target.minus(eye()).normalized();
    }

    /** Unit vector pointing to the right on screen. */
    public Vec3 right() {
        return forward().cross(new Vec3(0, 0, 1)).normalized();
    }

    /** Unit vector pointing up on screen. */
    public Vec3 up() {
        return right().cross(forward());
    }

    /** Rotates the eye around the target by the given yaw and pitch increments (pitch is clamped). */
    public Camera orbit(double dYawDegrees, double dPitchDegrees) {
        double p = Math.max(-MAX_PITCH, Math.min(MAX_PITCH, pitchDegrees + dPitchDegrees));
        return new Camera(yawDegrees + dYawDegrees, p, distance, target, fieldOfViewDegrees);
    }

    /** Multiplies the distance by {@code factor} (> 0; below 1 moves closer). */
    public Camera zoom(double factor) {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("zoom factor = " + factor + " must be finite and > 0");
        }
        return new Camera(yawDegrees, pitchDegrees, distance * factor, target, fieldOfViewDegrees);
    }

    /** Moves eye and target together by {@code dx} along the screen's right and {@code dy} along its up axis (world units). */
    public Camera pan(double dx, double dy) {
        Vec3 t = target.plus(right().times(dx)).plus(up().times(dy));
        return new Camera(yawDegrees, pitchDegrees, distance, t, fieldOfViewDegrees);
    }

    /** A short human-readable description for legends and provenance. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "yaw %.1f°, pitch %.1f°, distance %.3g, target (%.3g, %.3g, %.3g), fov %.0f°",
                yawDegrees, pitchDegrees, distance, target.x(), target.y(), target.z(), fieldOfViewDegrees);
    }
}
