package org.attnplanes.render.fx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.TriangleMesh;
import org.attnplanes.render.scene.PlaneRect;
import org.attnplanes.render.scene.Vec3;

/**
 * The translucent plane rectangles of a scene, one two-triangle {@code MeshView} each (premultiplied fill,
 * no culling, mouse-transparent). Translucent faces must be drawn back to front, so {@link #order} nudges each
 * quad just behind its own edges and nodes as seen from the eye and returns the views farthest first.
 */
final class PlaneQuads {

    private final List<MeshView> views = new ArrayList<>();
    private final List<PlaneRect> rects;
    private final double eps;

    /** Quads of {@code rects}; {@code sceneSize} (the scene's diagonal) scales the depth nudge. */
    PlaneQuads(List<PlaneRect> rects, double sceneSize) {
        this.rects = List.copyOf(rects);
        this.eps = sceneSize * 1e-4;
        for (PlaneRect r : this.rects) {
            views.add(quad(r));
        }
    }

    /** Whether these quads show exactly {@code other} at the same depth nudge (then they can be kept). */
    boolean shows(List<PlaneRect> other, double sceneSize) {
        return rects.equals(other) && eps == sceneSize * 1e-4;
    }

    /** The quads in scene order. */
    List<MeshView> views() {
        return views;
    }

    /** Nudges every quad behind its plane's content as seen from {@code eye}; returns the quads farthest first. */
    List<MeshView> order(Vec3 eye) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            PlaneRect r = rects.get(i);
            views.get(i).setTranslateZ(r.z() - Math.signum(eye.z() - r.z()) * eps);
            idx.add(i);
        }
        idx.sort(Comparator.comparingDouble(i -> -Math.abs(eye.z() - rects.get(i).z())));
        List<MeshView> out = new ArrayList<>(idx.size());
        for (int i : idx) {
            out.add(views.get(i));
        }
        return out;
    }

    private static MeshView quad(PlaneRect r) {
        TriangleMesh m = new TriangleMesh();
        Vec3[] c = r.corners();
        float[] pts = new float[12];
        for (int i = 0; i < 4; i++) {
            pts[3 * i] = (float) c[i].x();
            pts[3 * i + 1] = (float) c[i].y();
            pts[3 * i + 2] = 0f;
        }
        m.getPoints().setAll(pts);
        m.getTexCoords().setAll(0, 0);
        m.getFaces().setAll(0, 0, 1, 0, 2, 0, 0, 0, 2, 0, 3, 0);
        MeshView v = new MeshView(m);
        float[] pm = r.fill().premultiplied();
        PhongMaterial mat = new PhongMaterial(Color.color(pm[0], pm[1], pm[2], pm[3]));
        mat.setSpecularColor(Color.BLACK);
        v.setMaterial(mat);
        v.setCullFace(CullFace.NONE);
        v.setMouseTransparent(true);
        v.setTranslateZ(r.z());
        return v;
    }
}
