package org.attnplanes.render.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attnplanes.render.projection.Projection;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.Legend;
import org.attnplanes.render.scene.LinkSegment;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.PlaneRect;
import org.attnplanes.render.scene.Rgba;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.scene.SceneImage;
import org.attnplanes.render.scene.Vec3;
import org.jfree.svg.SVGHints;

/**
 * Draws a {@link Scene} onto any {@code Graphics2D} (a {@code BufferedImage}, JFreeSVG's
 * {@code SVGGraphics2D}, a printer) in painter's order: planes from the farthest to the nearest along the
 * stacking axis (exact for parallel planes), and within a plane its rectangle, then its edges from the weakest
 * to the strongest, then its nodes and labels; the links between two planes are drawn after the farther one.
 * Title and legend come last. Needs no display.
 *
 * <p>When an SVG id prefix is given the painter tags elements through JFreeSVG hints: one group
 * {@code plane-<p>} per plane, one element {@code e-<plane>-<source>-<target>} per kept edge and
 * {@code n-<plane>-<node>} per node (each id preceded by the prefix), so exported SVGs can be queried and styled.
 */
public final class ScenePainter {

    private ScenePainter() {
    }

    /**
     * Paints the scene into the rectangle {@code [0, width] × [0, height]} of {@code g} (user space).
     *
     * @param scene  the scene, not null
     * @param spec   figure options (camera and title overrides, background, legend, labels, font size)
     * @param g      the target; its transform, clip and hints are restored afterwards
     * @param width  width of the drawing area in user units
     * @param height height of the drawing area in user units
     * @param svgIdPrefix prefix of the JFreeSVG element ids and groups ({@code ""} for a single figure), or
     *                    null to emit none (raster targets)
     */
    public static void paint(Scene scene, FigureSpec spec, Graphics2D g, double width, double height,
                             String svgIdPrefix) {
        paint(scene, spec, g, width, height, svgIdPrefix, -1);
    }

    /**
     * As {@link #paint(Scene, FigureSpec, Graphics2D, double, double, String)}, reserving at least
     * {@code legendReserve} user units at the bottom for the legend (so that panels of a small-multiples
     * figure project identically even when their legends differ in height); negative means "as needed".
     */
    static void paint(Scene scene, FigureSpec spec, Graphics2D g, double width, double height,
                      String svgIdPrefix, double legendReserve) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.clip(new Rectangle2D.Double(0, 0, width, height));
            if (spec.background().a() > 0) {
                g2.setColor(awt(spec.background()));
                g2.fill(new Rectangle2D.Double(0, 0, width, height));
            }
            Camera camera = spec.camera().orElse(scene.camera());
            String title = spec.title().orElse(scene.title());
            double top = title.isEmpty() ? 0 : spec.fontSize() * 1.4 + 12;
            double bottom = spec.legend() ? Math.max(legendReserve, legendHeight(g2, scene.legend(), spec, width) + 12) : 0;
            double labelRoom = verticalLabelRoom(scene, spec, g2);
            bottom += labelRoom;
            double viewHeight = Math.max(16, height - top - bottom);
            // a dry run of the token labels: when some must be left out, the legend gets a line saying so
            double room0 = titleRoom(scene, spec, g2, width);
            int[] shown = new Pass(scene, spec, g2, new Projection(camera, width - room0, viewHeight), null).placeLabels();
            Legend legend = scene.legend();
            if (spec.legend() && shown[0] < shown[1]) {
                legend = withLine(legend, labelNote(shown[1], shown[1]));
                bottom = Math.max(legendReserve, legendHeight(g2, legend, spec, width) + 12) + labelRoom;
                viewHeight = Math.max(16, height - top - bottom);
            }
            int[] drawn;
            double room = titleRoom(scene, spec, g2, width);
            Graphics2D g3 = (Graphics2D) g2.create();
            try {
                g3.translate(room, top);
                Projection proj = new Projection(camera, width - room, viewHeight);
                Pass pass = new Pass(scene, spec, g3, proj, svgIdPrefix);
                pass.titleRoom = room;
                drawn = pass.run();
            } finally {
                g3.dispose();
            }
            if (legend != scene.legend()) {
                legend = withLine(scene.legend(), labelNote(drawn[0], drawn[1]));
            }
            drawTitle(g2, title, spec, width);
            if (spec.legend()) {
                drawLegend(g2, legend, spec, width, height);
            }
        } finally {
            g2.dispose();
        }
    }

    /**
     * Room kept free on the left for the plane titles ("layer 3 · mean"), so that they sit beside their planes
     * instead of on them: the widest title in the plane-title font plus a gap, at most a third of the width.
     */
    static double titleRoom(Scene scene, FigureSpec spec, Graphics2D g, double width) {
        FontMetrics fm = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.round(spec.fontSize())));
        double widest = 0;
        for (PlaneRect r : scene.planes()) {
            widest = Math.max(widest, fm.stringWidth(r.title()));
        }
        return widest == 0 ? 0 : Math.min(width / 3, widest + 12);
    }

    /** Longest vertical token label drawn (a line layout labels its tokens downwards from the line). */
    static final double MAX_VERTICAL_LABEL = 64;

    /**
     * Room below the view for the vertical token labels of a first plane whose tokens lie on a line (the camera
     * frames the nodes, not their labels).
     */
    private static double verticalLabelRoom(Scene scene, FigureSpec spec, Graphics2D g) {
        if (spec.labels() == LabelMode.NONE) {
            return 0;
        }
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        int n = 0;
        double widest = 0;
        FontMetrics fm = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(spec.fontSize() * 0.85)));
        for (NodeGlyph node : scene.nodes()) {
            if (node.plane() == 0) {
                lo = Math.min(lo, node.position().y());
                hi = Math.max(hi, node.position().y());
                widest = Math.max(widest, fm.stringWidth(node.label()));
                n++;
            }
        }
        return n >= 3 && hi - lo < 1e-9 ? Math.min(MAX_VERTICAL_LABEL, widest) + 6 : 0;
    }

    private static Legend withLine(Legend l, String line) {
        List<String> extra = new ArrayList<>(l.extra());
        extra.add(line);
        return new Legend(l.encoding(), l.normalization(), l.scale(), extra, l.colourBar());
    }

    private static String labelNote(int shown, int total) {
        return "token labels: " + shown + " of " + total + " shown, the most attended first (the others would"
                + " overlap; --size or --scale for more)";
    }

    /** The order in which planes are painted: farthest from the eye along z first. */
    public static int[] planeOrder(Scene scene, Camera camera) {
        int count = planeCount(scene);
        double[] z = planeZ(scene, count);
        double ez = camera.eye().z();
        Integer[] idx = new Integer[count];
        for (int i = 0; i < count; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(Math.abs(ez - z[b]), Math.abs(ez - z[a])));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    static int planeCount(Scene scene) {
        int count = 0;
        for (PlaneRect r : scene.planes()) {
            count = Math.max(count, r.plane() + 1);
        }
        for (NodeGlyph n : scene.nodes()) {
            count = Math.max(count, n.plane() + 1);
        }
        for (EdgeSegment e : scene.edges()) {
            count = Math.max(count, e.plane() + 1);
        }
        return count;
    }

    static double[] planeZ(Scene scene, int count) {
        double[] z = new double[count];
        boolean[] known = new boolean[count];
        for (PlaneRect r : scene.planes()) {
            z[r.plane()] = r.z();
            known[r.plane()] = true;
        }
        for (NodeGlyph n : scene.nodes()) {
            if (!known[n.plane()]) {
                z[n.plane()] = n.position().z();
                known[n.plane()] = true;
            }
        }
        return z;
    }

    /** One painting pass; holds the per-plane buckets. */
    private static final class Pass {
        private final Scene scene;
        private final FigureSpec spec;
        private final Graphics2D g;
        private final Projection proj;
        private final String prefix;
        /** Room left of the view (negative x in this pass's coordinates) where plane titles may go. */
        double titleRoom;
        private final double[] a = new double[3];
        private final double[] b = new double[3];

        Pass(Scene scene, FigureSpec spec, Graphics2D g, Projection proj, String prefix) {
            this.scene = scene;
            this.spec = spec;
            this.g = g;
            this.proj = proj;
            this.prefix = prefix;
        }

        private boolean onLine(int plane) {
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            int n = 0;
            for (NodeGlyph g0 : scene.nodes()) {
                if (g0.plane() == plane) {
                    lo = Math.min(lo, g0.position().y());
                    hi = Math.max(hi, g0.position().y());
                    n++;
                }
            }
            return n >= 3 && hi - lo < 1e-9;
        }

        /** Places the token labels without drawing anything: {shown, labelled nodes}. */
        int[] placeLabels() {
            int count = planeCount(scene);
            arcs(count);
            List<List<NodeGlyph>> nodes = buckets(count);
            for (NodeGlyph n : scene.nodes()) {
                nodes.get(n.plane()).add(n);
            }
            Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(spec.fontSize() * 0.85));
            FontMetrics fm = g.getFontMetrics(labelFont);
            int[] tally = new int[2];
            for (int p = 0; p < count; p++) {
                if (labelled(p)) {
                    for (NodeGlyph n : byImportance(nodes.get(p))) {
                        tally[1]++;
                        if (labelBox(n, fm) != null) {
                            tally[0]++;
                        }
                    }
                }
            }
            return tally;
        }

        private boolean labelled(int p) {
            return spec.labels() == LabelMode.ALL_PLANES || (spec.labels() == LabelMode.FIRST_PLANE && p == 0);
        }

        /** A plane's nodes, the most attended first (sum of |w| of their drawn edges; special tokens last). */
        private List<NodeGlyph> byImportance(List<NodeGlyph> plane) {
            if (plane.isEmpty()) {
                return plane;
            }
            java.util.Map<Integer, Double> weight = new java.util.HashMap<>();
            int p = plane.get(0).plane();
            for (EdgeSegment e : scene.edges()) {
                if (e.plane() == p) {
                    weight.merge(e.source(), (double) Math.abs(e.weight()), Double::sum);
                    weight.merge(e.target(), (double) Math.abs(e.weight()), Double::sum);
                }
            }
            List<NodeGlyph> out = new ArrayList<>(plane);
            out.sort((x, y) -> {
                boolean sx = x.colour().equals(org.attnplanes.render.SceneBuilder.SPECIAL_NODE_COLOUR);
                boolean sy = y.colour().equals(org.attnplanes.render.SceneBuilder.SPECIAL_NODE_COLOUR);
                if (sx != sy) {
                    return sx ? 1 : -1;
                }
                int c = Double.compare(weight.getOrDefault(y.node(), 0.0), weight.getOrDefault(x.node(), 0.0));
                return c != 0 ? c : Integer.compare(x.node(), y.node());
            });
            return out;
        }

        /** Paints the planes; returns {token labels drawn, labelled nodes}. */
        int[] run() {
            int count = planeCount(scene);
            arcs(count);
            int[] order = planeOrder(scene, proj.camera());
            int[] position = new int[count];
            for (int k = 0; k < order.length; k++) {
                position[order[k]] = k;
            }
            List<List<EdgeSegment>> edges = buckets(count);
            for (EdgeSegment e : scene.edges()) {
                edges.get(e.plane()).add(e);
            }
            for (List<EdgeSegment> l : edges) {
                l.sort((x, y) -> Float.compare(Math.abs(x.weight()), Math.abs(y.weight())));
            }
            List<List<NodeGlyph>> nodes = buckets(count);
            for (NodeGlyph n : scene.nodes()) {
                nodes.get(n.plane()).add(n);
            }
            PlaneRect[] rects = new PlaneRect[count];
            for (PlaneRect r : scene.planes()) {
                rects[r.plane()] = r;
            }
            List<List<LinkSegment>> linksAfter = buckets(count);
            for (LinkSegment l : scene.links()) {
                int from = position[Math.min(count - 1, l.fromPlane())];
                int to = position[Math.min(count - 1, l.toPlane())];
                linksAfter.get(Math.min(from, to)).add(l);
            }
            Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(spec.fontSize() * 0.85));
            int[] tally = new int[2];
            for (int k = 0; k < order.length; k++) {
                int p = order[k];
                beginGroup("plane-" + p);
                if (rects[p] != null) {
                    drawPlane(rects[p]);
                }
                for (SceneImage im : scene.images()) {
                    if (im.plane() == p) {
                        drawImage(im);
                    }
                }
                for (EdgeSegment e : edges.get(p)) {
                    drawEdge(e);
                }
                for (NodeGlyph n : nodes.get(p)) {
                    drawNode(n);
                }
                if (labelled(p)) {
                    g.setFont(labelFont);
                    for (NodeGlyph n : byImportance(nodes.get(p))) {
                        tally[1]++;
                        if (drawLabel(n)) {
                            tally[0]++;
                        }
                    }
                }
                endGroup();
                for (LinkSegment l : linksAfter.get(k)) {
                    drawLink(l);
                }
            }
            return tally;
        }

        /** Per plane: the height of an arc per unit of spanned x when its tokens lie on a line, else 0. */
        private double[] arcFactor = new double[0];
        private double[] lineY = new double[0];

        private void arcs(int count) {
            arcFactor = new double[count];
            lineY = new double[count];
            double[] lo = new double[count];
            double[] hi = new double[count];
            int[] n = new int[count];
            java.util.Arrays.fill(lo, Double.MAX_VALUE);
            java.util.Arrays.fill(hi, -Double.MAX_VALUE);
            for (NodeGlyph g0 : scene.nodes()) {
                int p = g0.plane();
                lo[p] = Math.min(lo[p], g0.position().y());
                hi[p] = Math.max(hi[p], g0.position().y());
                lineY[p] = g0.position().y();
                n[p]++;
            }
            for (int p = 0; p < count; p++) {
                if (n[p] >= 3 && hi[p] - lo[p] < 1e-9) {
                    arcFactor[p] = org.attnplanes.render.SceneBuilder.ARC_DEPTH;
                }
            }
        }

        private static <T> List<List<T>> buckets(int n) {
            List<List<T>> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new ArrayList<>());
            }
            return out;
        }

        private void beginGroup(String id) {
            if (prefix != null) {
                g.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, prefix + id);
            }
        }

        private void endGroup() {
            if (prefix != null) {
                g.setRenderingHint(SVGHints.KEY_END_GROUP, "true");
            }
        }

        private void id(String id) {
            if (prefix != null) {
                g.setRenderingHint(SVGHints.KEY_ELEMENT_ID, prefix + id);
            }
        }

        private boolean project(Vec3 p, double[] out) {
            proj.project(p.x(), p.y(), p.z(), out, 0);
            return out[2] > Projection.NEAR;
        }

        private void drawPlane(PlaneRect r) {
            Path2D.Double path = new Path2D.Double();
            Vec3[] c = r.corners();
            for (int i = 0; i < c.length; i++) {
                if (!project(c[i], a)) {
                    return;
                }
                if (i == 0) {
                    path.moveTo(a[0], a[1]);
                } else {
                    path.lineTo(a[0], a[1]);
                }
            }
            path.closePath();
            id("plane-fill-" + r.plane());
            g.setColor(awt(r.fill()));
            g.fill(path);
            id("plane-border-" + r.plane());
            g.setColor(awt(r.border()));
            g.setStroke(new BasicStroke(0.8f));
            g.draw(path);
            if (!r.title().isEmpty()) {
                double lx = Double.MAX_VALUE;
                double ly = 0;
                for (Vec3 corner : c) {
                    project(corner, b);
                    if (b[0] < lx) {
                        lx = b[0];
                        ly = b[1];
                    }
                }
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.round(spec.fontSize())));
                g.setColor(awt(r.border().withAlpha(1f)));
                id("plane-title-" + r.plane());
                double tw = g.getFontMetrics().stringWidth(r.title());
                double tx = lx - tw - 6 >= 2 - titleRoom ? lx - tw - 6 : Math.max(2 - titleRoom, lx - tw - 6);
                g.drawString(r.title(), (float) tx, (float) ly + 4);
            }
        }

        /**
         * The image in tiles of at most 16 × 16, each drawn with the affine map of its projected corners (a
         * piecewise-affine approximation of the perspective).
         */
        private void drawImage(SceneImage im) {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(im.width(), im.height(),
                    java.awt.image.BufferedImage.TYPE_INT_ARGB);
            img.setRGB(0, 0, im.width(), im.height(), im.argb(), 0, im.width());
            int tilesX = Math.min(16, im.width());
            int tilesY = Math.min(16, im.height());
            Object hint = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            beginGroup("image-" + im.plane());
            double[] p0 = new double[3];
            double[] p1 = new double[3];
            double[] p2 = new double[3];
            for (int ty = 0; ty < tilesY; ty++) {
                int y0 = ty * im.height() / tilesY;
                int y1 = (ty + 1) * im.height() / tilesY;
                for (int tx = 0; tx < tilesX; tx++) {
                    int x0 = tx * im.width() / tilesX;
                    int x1 = (tx + 1) * im.width() / tilesX;
                    if (!project(im.at(x0, y0), p0) || !project(im.at(x1, y0), p1) || !project(im.at(x0, y1), p2)) {
                        continue;
                    }
                    int tw = x1 - x0;
                    int th = y1 - y0;
                    java.awt.geom.AffineTransform t = new java.awt.geom.AffineTransform(
                            (p1[0] - p0[0]) / tw, (p1[1] - p0[1]) / tw, (p2[0] - p0[0]) / th, (p2[1] - p0[1]) / th,
                            p0[0], p0[1]);
                    // one source pixel of overlap to the right and below hides the seams between tiles
                    g.drawImage(img.getSubimage(x0, y0, Math.min(tw + 1, im.width() - x0),
                            Math.min(th + 1, im.height() - y0)), t, null);
                }
            }
            endGroup();
            if (hint != null) {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, hint);
            }
        }

        private void drawEdge(EdgeSegment e) {
            if (!project(e.from(), a) || !project(e.to(), b)) {
                return;
            }
            id("e-" + e.plane() + "-" + e.source() + "-" + e.target());
            g.setColor(awt(e.colour()));
            g.setStroke(new BasicStroke((float) e.widthPx(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            double k = e.plane() < arcFactor.length ? arcFactor[e.plane()] : 0;
            if (k > 0) {
                drawArc(e.from(), e.to(), k);
            } else {
                g.draw(new Line2D.Double(a[0], a[1], b[0], b[1]));
            }
        }

        /** An edge between two tokens on a line: a quadratic arc in the plane, as high as k × its span. */
        private void drawArc(Vec3 from, Vec3 to, double k) {
            double span = Math.abs(to.x() - from.x());
            double cx = (from.x() + to.x()) / 2;
            double cy = from.y() + 2 * k * span;      // a quadratic Bezier peaks at half its control height
            Path2D.Double path = new Path2D.Double();
            int steps = Math.max(4, Math.min(24, (int) (span * 12)));
            double[] q = new double[3];
            for (int i = 0; i <= steps; i++) {
                double t = (double) i / steps;
                double u = 1 - t;
                double x = u * u * from.x() + 2 * u * t * cx + t * t * to.x();
                double y = u * u * from.y() + 2 * u * t * cy + t * t * to.y();
                double z = u * u * from.z() + 2 * u * t * from.z() + t * t * to.z();
                proj.project(x, y, z, q, 0);
                if (q[2] <= Projection.NEAR) {
                    return;
                }
                if (i == 0) {
                    path.moveTo(q[0], q[1]);
                } else {
                    path.lineTo(q[0], q[1]);
                }
            }
            g.draw(path);
        }

        private void drawLink(LinkSegment l) {
            if (!project(l.from(), a) || !project(l.to(), b)) {
                return;
            }
            id("l-" + l.fromPlane() + "-" + l.fromNode() + "-" + l.toPlane() + "-" + l.toNode());
            g.setColor(awt(l.colour()));
            g.setStroke(new BasicStroke((float) l.widthPx(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(a[0], a[1], b[0], b[1]));
        }

        private void drawNode(NodeGlyph n) {
            if (!project(n.position(), a)) {
                return;
            }
            double r = Math.max(0.75, n.radius() * proj.focalPx() / a[2]);
            id("n-" + n.plane() + "-" + n.node());
            Ellipse2D.Double disc = new Ellipse2D.Double(a[0] - r, a[1] - r, 2 * r, 2 * r);
            g.setColor(awt(n.colour()));
            g.fill(disc);
        }

        /** Boxes of the labels drawn so far: a label that would overlap one is left out (long inputs). */
        private final List<double[]> labelBoxes = new java.util.ArrayList<>();

        private boolean drawLabel(NodeGlyph n) {
            double[] box = labelBox(n, g.getFontMetrics());
            if (box == null) {
                return false;
            }
            g.setColor(new Color(40, 40, 40));
            if (box.length > 6) {
                // vertical, reading downwards from below the node
                java.awt.geom.AffineTransform saved = g.getTransform();
                g.translate(box[4], box[5]);
                g.rotate(Math.PI / 2);
                g.drawString(clipped(n.label(), g.getFontMetrics()), 0f, 0f);
                g.setTransform(saved);
            } else {
                g.drawString(n.label(), (float) box[4], (float) box[5]);
            }
            return true;
        }

        private static String clipped(String s, FontMetrics fm) {
            String shown = s;
            while (fm.stringWidth(shown) > MAX_VERTICAL_LABEL && shown.length() > 2) {
                shown = shown.substring(0, shown.length() - (shown.endsWith("…") ? 2 : 1)) + "…";
            }
            return shown;
        }

        /**
         * Where a node's label goes ({x0, y0, x1, y1, text x, baseline}), remembered as taken; null when it would
         * overlap a label placed before or leave the view.
         */
        private double[] labelBox(NodeGlyph n, FontMetrics fm) {
            if (!project(n.position(), a)) {
                return null;
            }
            double r = Math.max(0.75, n.radius() * proj.focalPx() / a[2]);
            if (n.plane() < arcFactor.length && arcFactor[n.plane()] > 0 || arcFactor.length == 0 && onLine(n.plane())) {
                // tokens on a line: vertical labels below the nodes, one line height apart at least
                double len = Math.min(MAX_VERTICAL_LABEL, fm.stringWidth(n.label()));
                double x = a[0] + (fm.getAscent() - fm.getDescent()) / 2.0;
                double y = a[1] + r + 3;
                double[] box = {x - fm.getAscent(), y, x + fm.getDescent() + 1, y + len, x, y, 1};
                if (box[0] < 0 || box[2] > proj.width() || box[3] > proj.height() + MAX_VERTICAL_LABEL + 6) {
                    return null;
                }
                for (double[] o : labelBoxes) {
                    if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) {
                        return null;
                    }
                }
                labelBoxes.add(box);
                return box;
            }
            double w = fm.stringWidth(n.label());
            // right of the node, or left of it when the label would leave the figure
            double x = a[0] + r + 2 + w <= proj.width() - 2 ? a[0] + r + 2 : Math.max(2, a[0] - r - 2 - w);
            double y = a[1] + r + 8;
            double[] box = {x - 1, y - fm.getAscent(), x + w + 1, y + fm.getDescent(), x, y};
            if (box[1] < 0 || box[3] > proj.height()) {
                return null;
            }
            for (double[] o : labelBoxes) {
                if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) {
                    return null;
                }
            }
            labelBoxes.add(box);
            return box;
        }
    }

    static void drawTitle(Graphics2D g, String title, FigureSpec spec, double width) {
        if (title.isEmpty()) {
            return;
        }
        // never cut: shrink the font (down to 60 %) until the title fits, then shorten it with an ellipsis
        int size = (int) Math.round(spec.fontSize() * 1.4);
        Font f = new Font(Font.SANS_SERIF, Font.BOLD, size);
        FontMetrics fm = g.getFontMetrics(f);
        while (fm.stringWidth(title) > width - 8 && size > spec.fontSize() * 0.84) {
            f = new Font(Font.SANS_SERIF, Font.BOLD, --size);
            fm = g.getFontMetrics(f);
        }
        String shown = title;
        while (fm.stringWidth(shown) > width - 8 && shown.length() > 2) {
            shown = shown.substring(0, shown.length() - 2) + "…";
        }
        g.setFont(f);
        g.setColor(textColour(spec.background()));
        g.drawString(shown, (float) Math.max(4, (width - fm.stringWidth(shown)) / 2), fm.getAscent() + 6f);
    }

    /** The legend's lines wrapped at spaces (or anywhere, for a long word) to at most {@code maxWidth}. */
    static List<String> wrap(List<String> lines, FontMetrics fm, double maxWidth) {
        List<String> out = new java.util.ArrayList<>();
        for (String line : lines) {
            String rest = line;
            while (fm.stringWidth(rest) > maxWidth && rest.length() > 1) {
                int cut = rest.length();
                while (cut > 1 && fm.stringWidth(rest.substring(0, cut)) > maxWidth) {
                    cut--;
                }
                int indent = rest.length() - rest.stripLeading().length();
                int space = rest.lastIndexOf(' ', cut);
                int end = space > indent ? space : Math.max(cut, indent + 1);
                out.add(rest.substring(0, end));
                rest = "   " + rest.substring(end).strip();
            }
            out.add(rest);
        }
        return out;
    }

    /** Height in user units of the legend box plus its margin, as drawn with this spec's font. */
    static double legendSpace(Graphics2D g, Legend legend, FigureSpec spec, double width) {
        return spec.legend() ? legendHeight(g, legend, spec, width) + 12 : 0;
    }

    private static double legendHeight(Graphics2D g, Legend legend, FigureSpec spec, double width) {
        FontMetrics fm = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(spec.fontSize() * 0.9)));
        double lineH = fm.getHeight();
        return wrap(legend.lines(), fm, width - 24).size() * lineH + (legend.colourBar().isPresent() ? lineH * 1.6 : 0) + 8;
    }

    static void drawLegend(Graphics2D g, Legend legend, FigureSpec spec, double width, double height) {
        Font f = new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(spec.fontSize() * 0.9));
        g.setFont(f);
        FontMetrics fm = g.getFontMetrics();
        List<String> lines = wrap(legend.lines(), fm, width - 24);
        double lineH = fm.getHeight();
        double barH = legend.colourBar().isPresent() ? lineH * 1.6 : 0;
        double widest = 0;
        for (String s : lines) {
            widest = Math.max(widest, fm.stringWidth(s));
        }
        double boxW = widest + 12;
        double boxH = lines.size() * lineH + barH + 8;
        double x0 = 6;
        double y0 = height - boxH - 6;
        g.setColor(awt(spec.background().withAlpha(Math.max(0.75f, spec.background().a()))));
        g.fill(new Rectangle2D.Double(x0, y0, boxW, boxH));
        Color text = textColour(spec.background());
        g.setColor(text);
        double y = y0 + 4 + fm.getAscent();
        for (String s : lines) {
            g.drawString(s, (float) (x0 + 6), (float) y);
            y += lineH;
        }
        legend.colourBar().ifPresent(bar -> {
            double bx = x0 + 6 + fm.stringWidth(bar.low()) + 4;
            double bw = Math.min(200, boxW - 24 - fm.stringWidth(bar.low()) - fm.stringWidth(bar.high()));
            double by = y0 + 4 + lines.size() * lineH + 2;
            double bh = lineH * 0.9;
            g.drawString(bar.low(), (float) (x0 + 6), (float) (by + fm.getAscent()));
            int n = bar.samples().size();
            for (int i = 0; i < n; i++) {
                g.setColor(awt(bar.samples().get(i).withAlpha(1f)));
                g.fill(new Rectangle2D.Double(bx + bw * i / n, by, bw / n + 0.5, bh));
            }
            g.setColor(text);
            g.drawString(bar.high(), (float) (bx + bw + 4), (float) (by + fm.getAscent()));
            g.drawString(bar.name(), (float) (bx + bw + 8 + fm.stringWidth(bar.high())), (float) (by + fm.getAscent()));
        });
    }

    static Color textColour(Rgba background) {
        double lum = 0.2126 * background.r() + 0.7152 * background.g() + 0.0722 * background.b();
        return background.a() < 0.5 || lum > 0.5 ? new Color(20, 20, 20) : new Color(235, 235, 235);
    }

    /** The AWT colour of a straight RGBA colour. */
    static Color awt(Rgba c) {
        return new Color(c.r(), c.g(), c.b(), c.a());
    }
}
