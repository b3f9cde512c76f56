package org.attnplanes.render.export;

import java.util.ArrayList;
import java.util.List;
import org.attnplanes.render.projection.Projection;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.PlaneRect;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.scene.SceneImage;
import org.attnplanes.render.scene.Vec3;

/**
 * How a single-scene figure fits its canvas: the scene's own camera direction, re-framed for the viewport the
 * painter really draws in (below the title, above the legend, right of the plane titles), so that the planes fill
 * the limiting dimension; and, for {@link FigureSpec#fit()}, the canvas size the projected scene needs.
 */
final class Framing {

    /** Fraction of the limiting viewport dimension the projected planes span. */
    static final double FILL = 0.92;

    private Framing() {
    }

    /**
     * What a painter did with a scene: the camera it used, the view rectangle ({@code left}, {@code top},
     * {@code width} × {@code height}, in the coordinates of the target) and the projected bounding box {x0, y0, x1,
     * y1} of the planes, pictures and nodes in those coordinates (null when nothing was in front of the camera).
     */
    record Painted(double[] box, Camera camera, double left, double top, double width, double height) {

        /** The projection of the view (coordinates relative to {@code left, top}). */
        Projection projection() {
            return new Projection(camera, width, height);
        }
    }

    /** What the camera frames: every plane's corners, every picture's corners, and the nodes. */
    static List<Vec3> contentPoints(Scene scene) {
        List<Vec3> out = new ArrayList<>();
        for (PlaneRect r : scene.planes()) {
            out.addAll(List.of(r.corners()));
        }
        for (SceneImage im : scene.images()) {
            out.add(im.at(0, 0));
            out.add(im.at(im.width(), 0));
            out.add(im.at(0, im.height()));
            out.add(im.at(im.width(), im.height()));
        }
        for (NodeGlyph n : scene.nodes()) {
            out.add(n.position());
        }
        return out;
    }

    /** The scene seen from {@code direction}'s yaw and pitch, framed for a viewport of {@code aspect}. */
    static Camera frame(Scene scene, Camera direction, double aspect) {
        List<Vec3> points = contentPoints(scene);
        if (points.isEmpty()) {
            return direction;
        }
        return Camera.frame(points, direction.yawDegrees(), direction.pitchDegrees(), aspect, FILL);
    }

    /** Width / height of the scene's projection seen from {@code direction} (framed in a square viewport). */
    static double aspect(Scene scene, Camera direction) {
        double[] box = box(scene, new Projection(frame(scene, direction, 1), 1000, 1000));
        return box == null ? 1 : Math.max(1e-3, box[2] - box[0]) / Math.max(1e-3, box[3] - box[1]);
    }

    /** The projected bounding box {x0, y0, x1, y1} of the content points, or null when nothing is in front. */
    static double[] box(Scene scene, Projection proj) {
        double[] out = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        double[] q = new double[3];
        boolean any = false;
        for (Vec3 p : contentPoints(scene)) {
            proj.project(p.x(), p.y(), p.z(), q, 0);
            if (q[2] <= Projection.NEAR) {
                continue;
            }
            out[0] = Math.min(out[0], q[0]);
            out[1] = Math.min(out[1], q[1]);
            out[2] = Math.max(out[2], q[0]);
            out[3] = Math.max(out[3], q[1]);
            any = true;
        }
        return any ? out : null;
    }
}
