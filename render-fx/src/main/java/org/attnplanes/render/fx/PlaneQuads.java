package org.attnplanes.render.fx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.TriangleMesh;
import org.attnplanes.render.scene.PlaneRect;
import org.attnplanes.render.scene.SceneImage;
import org.attnplanes.render.scene.Vec3;

/**
 * The translucent plane rectangles of a scene, one two-triangle {@code MeshView} each (premultiplied fill,
 * no culling, mouse-transparent), and the scene's pictures (a vision transformer's input image under its plane,
 * {@link SceneImage}), one textured quad each. Translucent faces must be drawn back to front, so {@link #order}
 * nudges each quad just behind its own edges and nodes as seen from the eye and returns the views farthest first,
 * after the opaque pictures (nudged half as far, so that they lie between the plane's content and its fill).
 */
final class PlaneQuads {

    private final List<MeshView> views = new ArrayList<>();
    private final List<PlaneRect> rects;
    private final double eps;
    private final List<MeshView> pictures = new ArrayList<>();
    private final List<SceneImage> images;
    private final double[] pictureZ;

    /** Quads of {@code rects}; {@code sceneSize} (the scene's diagonal) scales the depth nudge. */
    PlaneQuads(List<PlaneRect> rects, double sceneSize) {
        this(rects, List.of(), sceneSize);
    }

    /** Quads of {@code rects} and textured quads of {@code images} (each at its plane's depth). */
    PlaneQuads(List<PlaneRect> rects, List<SceneImage> images, double sceneSize) {
        this.rects = List.copyOf(rects);
        this.images = List.copyOf(images);
        this.eps = sceneSize * 1e-4;
        for (PlaneRect r : this.rects) {
            views.add(quad(r));
        }
        this.pictureZ = new double[this.images.size()];
        for (int i = 0; i < pictureZ.length; i++) {
            SceneImage im = this.images.get(i);
            pictureZ[i] = im.origin().z();
            for (PlaneRect r : this.rects) {
                if (r.plane() == im.plane()) {
                    pictureZ[i] = r.z();
                }
            }
            pictures.add(picture(im, pictureZ[i]));
        }
    }

    /**
     * Whether these quads show exactly {@code otherRects} and {@code otherImages} (pictures compared as the same
     * objects) at the same depth nudge: then they can be kept for another scene.
     */
    boolean shows(List<PlaneRect> otherRects, List<SceneImage> otherImages, double sceneSize) {
        return rects.equals(otherRects) && images.equals(otherImages) && eps == sceneSize * 1e-4;
    }

    /** The pictures, then the quads in scene order. */
    List<MeshView> views() {
        if (pictures.isEmpty()) {
            return views;
        }
        List<MeshView> all = new ArrayList<>(pictures);
        all.addAll(views);
        return all;
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
        List<MeshView> out = new ArrayList<>(idx.size() + pictures.size());
        for (int i = 0; i < pictures.size(); i++) {
            pictures.get(i).setTranslateZ(pictureZ[i] - Math.signum(eye.z() - pictureZ[i]) * eps / 2);
            out.add(pictures.get(i));      // opaque: drawn before every translucent quad
        }
        for (int i : idx) {
            out.add(views.get(i));
        }
        return out;
    }

    /** A quad carrying the picture as its texture, lit only by the flat (ambient) light. */
    private static MeshView picture(SceneImage im, double z) {
        TriangleMesh m = new TriangleMesh();
        Vec3 o = im.origin();
        Vec3[] c = {o, o.plus(im.u()), o.plus(im.u()).plus(im.v()), o.plus(im.v())};
        float[] pts = new float[12];
        for (int i = 0; i < 4; i++) {
            pts[3 * i] = (float) c[i].x();
            pts[3 * i + 1] = (float) c[i].y();
            pts[3 * i + 2] = (float) (c[i].z() - z);
        }
        m.getPoints().setAll(pts);
        m.getTexCoords().setAll(0, 0, 1, 0, 1, 1, 0, 1);
        m.getFaces().setAll(0, 0, 1, 1, 2, 2, 0, 0, 2, 2, 3, 3);
        WritableImage tex = new WritableImage(im.width(), im.height());
        tex.getPixelWriter().setPixels(0, 0, im.width(), im.height(), PixelFormat.getIntArgbInstance(), im.argb(), 0,
                im.width());
        PhongMaterial mat = new PhongMaterial(Color.WHITE);
        mat.setDiffuseMap(tex);
        mat.setSpecularColor(Color.BLACK);
        MeshView v = new MeshView(m);
        v.setMaterial(mat);
        v.setCullFace(CullFace.NONE);
        v.setMouseTransparent(true);
        v.setTranslateZ(z);
        return v;
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
