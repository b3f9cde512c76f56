package org.attnplanes.render.export;

import java.awt.FontMetrics;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.attnplanes.render.projection.Projection;
import org.attnplanes.render.scene.PlaneRect;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.scene.SceneImage;
import org.attnplanes.render.scene.Vec3;

/** Where {@link ScenePass} draws the plane titles: beside, above, or under their planes, clear of the others. */
final class PlaneTitles {

    private PlaneTitles() {
    }

    /**
     * The placed titles.
     *
     * @param at       per plane: where its title's baseline starts {x, y}, or null (no title, behind the eye, or
     *                 left out)
     * @param boxes    the placed titles' boxes {x0, y0, x1, y1}
     * @param leftOut  titles left out because every place would cover another title
     */
    record Placed(double[][] at, List<double[]> boxes, int leftOut) {
    }

    /**
     * Places every plane title before anything is drawn, so that token labels can keep clear of them: left of the
     * plane (in the title room when it is the leftmost), else above its back edge, else right of it, else under its
     * front edge — the first place whose box meets no other plane's projected rectangle, no title placed before and
     * stays in the view; failing that, the first clear of the other titles; a title with no such place is left out
     * and counted (the legend says so).
     *
     * @param titleRoom room left of the view (negative x) where titles may go
     */
    static Placed place(Scene scene, Projection proj, FontMetrics fm, double titleRoom, int count) {
        double[][] titleAt = new double[count][];
        int titlesLeftOut = 0;
        List<double[]> reserved = new ArrayList<>();
        double[] a = new double[3];
        // each plane's projected outline: its rectangle and the pictures lying in it (a ViT's input image)
        java.awt.geom.Area[] quads = new java.awt.geom.Area[count];
        double[][] xs = new double[count][];
        double[][] ys = new double[count][];
        for (PlaneRect r : scene.planes()) {
            List<Vec3[]> shapes = new ArrayList<>();
            shapes.add(r.corners());
            for (SceneImage im : scene.images()) {
                if (im.plane() == r.plane()) {
                    shapes.add(new Vec3[] {im.at(0, 0), im.at(im.width(), 0), im.at(im.width(), im.height()),
                            im.at(0, im.height())});
                }
            }
            double[] px = new double[4 * shapes.size()];
            double[] py = new double[4 * shapes.size()];
            java.awt.geom.Area area = new java.awt.geom.Area();
            boolean front = true;
            for (int s = 0; s < shapes.size(); s++) {
                Path2D.Double path = new Path2D.Double();
                for (int i = 0; i < 4; i++) {
                    front &= project(proj, shapes.get(s)[i], a);
                    px[4 * s + i] = a[0];
                    py[4 * s + i] = a[1];
                    if (i == 0) {
                        path.moveTo(a[0], a[1]);
                    } else {
                        path.lineTo(a[0], a[1]);
                    }
                }
                path.closePath();
                area.add(new java.awt.geom.Area(path));
            }
            if (front) {
                quads[r.plane()] = area;
                xs[r.plane()] = px;
                ys[r.plane()] = py;
            }
        }
        List<Rectangle2D> placed = new ArrayList<>();
        for (PlaneRect r : scene.planes()) {
            int p = r.plane();
            if (r.title().isEmpty() || quads[p] == null) {
                continue;
            }
            double[] px = xs[p];
            double[] py = ys[p];
            int left = 0;
            int right = 0;
            int upper = 0;
            for (int i = 1; i < px.length; i++) {
                left = px[i] < px[left] ? i : left;
                right = px[i] > px[right] ? i : right;
                upper = py[i] < py[upper] ? i : upper;
            }
            double tw = fm.stringWidth(r.title());
            int lower = 0;
            for (int i = 1; i < py.length; i++) {
                lower = py[i] > py[lower] ? i : lower;
            }
            double under = Math.max(2 - titleRoom, Math.min(px[left], proj.width() - tw - 2));
            double[][] candidates = {
                {Math.max(2 - titleRoom, px[left] - tw - 6), py[left] + 4},
                {under, py[upper] - 4 - fm.getDescent()},
                {px[right] + 6, py[right] + 4},
                {under, py[lower] + 4 + fm.getAscent()}};
            double[] chosen = null;
            // first clear of other planes and titles; failing that, clear of the titles at least
            for (int pass = 0; pass < 2 && chosen == null; pass++) {
                for (double[] cand : candidates) {
                    Rectangle2D box = new Rectangle2D.Double(cand[0] - 1, cand[1] - fm.getAscent(), tw + 2,
                            fm.getAscent() + fm.getDescent());
                    if (fits(box, p, pass == 0 ? quads : new java.awt.geom.Area[0], placed, proj, titleRoom)) {
                        chosen = cand;
                        break;
                    }
                }
            }
            if (chosen == null) {
                // every place would cover another title: left out, and the legend says how many
                titlesLeftOut++;
                continue;
            }
            titleAt[p] = chosen;
            Rectangle2D box = new Rectangle2D.Double(chosen[0] - 1, chosen[1] - fm.getAscent(), tw + 2,
                    fm.getAscent() + fm.getDescent());
            placed.add(box);
            reserved.add(new double[] {box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY()});
        }
        return new Placed(titleAt, reserved, titlesLeftOut);
    }

    private static boolean fits(Rectangle2D box, int plane, java.awt.geom.Area[] quads, List<Rectangle2D> placed,
                                Projection proj, double titleRoom) {
        if (box.getMinX() < 1 - titleRoom || box.getMaxX() > proj.width() - 1 || box.getMinY() < 0
                || box.getMaxY() > proj.height()) {
            return false;
        }
        for (int q = 0; q < quads.length; q++) {
            if (q != plane && quads[q] != null && quads[q].intersects(box)) {
                return false;
            }
        }
        for (Rectangle2D o : placed) {
            if (o.intersects(box)) {
                return false;
            }
        }
        return true;
    }
    private static boolean project(Projection proj, Vec3 p, double[] out) {
        proj.project(p.x(), p.y(), p.z(), out, 0);
        return out[2] > Projection.NEAR;
    }
}
