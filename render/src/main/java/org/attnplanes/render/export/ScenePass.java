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

import static org.attnplanes.render.export.ScenePainter.MAX_VERTICAL_LABEL;
import static org.attnplanes.render.export.ScenePainter.awt;
import static org.attnplanes.render.export.ScenePainter.planeCount;
import static org.attnplanes.render.export.ScenePainter.planeOrder;

/**
 * One painting pass of {@link ScenePainter} over a scene: planes in painter's order with their edges, nodes and
 * token labels (thinned so that none overlap), and the per-plane buckets it needs.
 */
final class ScenePass {
    private final Scene scene;
    private final FigureSpec spec;
    private final Graphics2D g;
    private final Projection proj;
    private final String prefix;
    /** Room left of the view (negative x in this pass's coordinates) where plane titles may go. */
    double titleRoom;
    private final double[] a = new double[3];
    private final double[] b = new double[3];

    ScenePass(Scene scene, FigureSpec spec, Graphics2D g, Projection proj, String prefix) {
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
        placeTitles(count);
        List<List<NodeGlyph>> nodes = buckets(count);
        for (NodeGlyph n : scene.nodes()) {
            nodes.get(n.plane()).add(n);
        }
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(spec.fontSize() * 0.85));
        FontMetrics fm = g.getFontMetrics(labelFont);
        int[] tally = new int[3];
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
        tally[2] = titlesLeftOut;
        return tally;
    }

    private boolean labelled(int p) {
        return spec.labels() == LabelMode.ALL_PLANES || (spec.labels() == LabelMode.FIRST_PLANE
                && (p == 0 || bottom(p) && onLine(p)));
    }

    /** Per plane: whether it is the lowest of its stack (null until computed). */
    private boolean[] stackBottom;

    /**
     * Whether plane p is the lowest plane of its stack: no plane whose rectangle overlaps its own in x and y lies
     * below it (plane 0 of a single stack; each block's first plane in a figure of side-by-side stacks).
     */
    private boolean bottom(int p) {
        if (stackBottom == null) {
            int count = planeCount(scene);
            stackBottom = new boolean[count];
            PlaneRect[] rects = new PlaneRect[count];
            for (PlaneRect r : scene.planes()) {
                rects[r.plane()] = r;
            }
            for (int i = 0; i < count; i++) {
                PlaneRect r = rects[i];
                boolean lowest = true;
                for (int j = 0; j < count && r != null && lowest; j++) {
                    PlaneRect o = rects[j];
                    lowest = j == i || o == null || o.z() >= r.z() || o.maxX() <= r.minX() || r.maxX() <= o.minX()
                            || o.maxY() <= r.minY() || r.maxY() <= o.minY();
                }
                stackBottom[i] = r == null ? i == 0 : lowest;
            }
        }
        return p < stackBottom.length && stackBottom[p];
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
        placeTitles(count);
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
        int[] tally = new int[3];
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
            boolean classes = !nodes.get(p).isEmpty() && nodes.get(p).get(0).layer() < 0;
            if (labelled(p) || classes && spec.labels() != LabelMode.NONE) {
                // the classifier plane's class names are always labelled (they are not tokens: no tally)
                g.setFont(labelFont);
                for (NodeGlyph n : classes ? nodes.get(p) : byImportance(nodes.get(p))) {
                    tally[1] += classes ? 0 : 1;
                    double[] box = labelBox(n, g.getFontMetrics());
                    if (box != null) {
                        labels.add(new Placed(n, box));
                        tally[0] += classes ? 0 : 1;
                    }
                }
            }
            endGroup();
            for (LinkSegment l : linksAfter.get(k)) {
                drawLink(l);
            }
        }
        // plane titles and token labels last (labels on a light backing), so that nearer planes, their edges and
        // pictures never hide them
        titles.forEach(Runnable::run);
        if (!labels.isEmpty()) {
            beginGroup("labels");
            g.setFont(labelFont);
            for (Placed l : labels) {
                drawLabel(l.node(), l.box());
            }
            endGroup();
        }
        tally[2] = titlesLeftOut;
        return tally;
    }

    /** A token label placed (not yet drawn) at its box. */
    private record Placed(NodeGlyph node, double[] box) {
    }

    private final List<Placed> labels = new ArrayList<>();

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
        double[] at = titleAt == null ? null : titleAt[r.plane()];
        if (!r.title().isEmpty() && at != null) {
            Font font = titleFont();
            // drawn after every plane: a picture under a plane (ViT) or a nearer plane must not cover it
            float x = (float) at[0];
            float y = (float) at[1];
            titles.add(() -> {
                g.setFont(font);
                g.setColor(awt(r.border().withAlpha(1f)));
                id("plane-title-" + r.plane());
                g.drawString(r.title(), x, y);
            });
        }
    }

    private Font titleFont() {
        return new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.round(spec.fontSize()));
    }

    /** Per plane: where its title's baseline starts {x, y}, or null (no title, behind the eye, or left out). */
    private double[][] titleAt;
    /** Plane titles left out because every place would cover another title. */
    private int titlesLeftOut;

    /** Places the plane titles ({@link PlaneTitles}) and reserves their boxes against the token labels. */
    private void placeTitles(int count) {
        PlaneTitles.Placed placed = PlaneTitles.place(scene, proj, g.getFontMetrics(titleFont()), titleRoom, count);
        titleAt = placed.at();
        titlesLeftOut = placed.leftOut();
        labelBoxes.addAll(placed.boxes());
    }


    /** Plane titles, drawn last. */
    private final List<Runnable> titles = new ArrayList<>();

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

    private void drawLabel(NodeGlyph n, double[] box) {
        // the backing: the label's box in white at 70 % (drawn under the text, over everything else)
        g.setColor(new Color(255, 255, 255, 178));
        g.fill(new Rectangle2D.Double(box[0] - 1, box[1], box[2] - box[0] + 2, box[3] - box[1]));
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
        if (n.layer() >= 0 && (n.plane() < arcFactor.length && arcFactor[n.plane()] > 0
                || arcFactor.length == 0 && onLine(n.plane()))) {
            // tokens on a line: vertical labels below the nodes, one line height apart at least
            double len = Math.min(MAX_VERTICAL_LABEL, fm.stringWidth(n.label()));
            double x = a[0] + (fm.getAscent() - fm.getDescent()) / 2.0;
            double y = a[1] + r + 3;
            double[] box = {x - fm.getAscent(), y, x + fm.getDescent() + 1, y + len, x, y, 1};
            if (box[0] < 0 || box[2] > proj.width() || box[3] > proj.height() + MAX_VERTICAL_LABEL + 6) {
                return null;
            }
            return claim(box);
        }
        double w = fm.stringWidth(n.label());
        // right of the node, or left of it when the label would leave the figure
        double x = a[0] + r + 2 + w <= proj.width() - 2 ? a[0] + r + 2 : Math.max(2, a[0] - r - 2 - w);
        double y = a[1] + r + 8;
        double[] box = {x - 1, y - fm.getAscent(), x + w + 1, y + fm.getDescent(), x, y};
        if (box[1] < 0 || box[3] > proj.height()) {
            return null;
        }
        return claim(box);
    }

    /** The box, now taken, if it overlaps no label box taken before; else null. */
    private double[] claim(double[] box) {
        for (double[] o : labelBoxes) {
            if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) {
                return null;
            }
        }
        labelBoxes.add(box);
        return box;
    }
}
