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
        paintFramed(scene, spec, g, width, height, svgIdPrefix, legendReserve);
    }

    /**
     * Paints as {@link #paint(Scene, FigureSpec, Graphics2D, double, double, String, double)}; with
     * {@link FigureSpec#frame()} and no camera override the scene's camera direction is re-framed for the area the scene really gets (below the title, above
     * the legend and the token labels, right of the plane titles), so its planes fill that area's limiting
     * dimension.
     *
     * @return the camera used and where the view went
     */
    static Framing.Painted paintFramed(Scene scene, FigureSpec spec, Graphics2D g, double width, double height,
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
            Camera base = spec.camera().orElse(scene.camera());
            boolean reframe = spec.camera().isEmpty() && spec.frame();
            String title = spec.title().orElse(scene.title());
            double top = title.isEmpty() ? 0 : spec.fontSize() * 1.4 + 12;
            double bottom = spec.legend() ? Math.max(legendReserve, legendHeight(g2, scene.legend(), spec, width) + 12) : 0;
            double labelRoom = verticalLabelRoom(scene, spec, g2);
            bottom += labelRoom;
            double viewHeight = Math.max(16, height - top - bottom);
            // a dry run of the token labels: when some must be left out, the legend gets a line saying so
            double room0 = titleRoom(scene, spec, g2, width);
            Camera camera = reframe ? Framing.frame(scene, base, (width - room0) / viewHeight) : base;
            int[] shown = new ScenePass(scene, spec, g2, new Projection(camera, width - room0, viewHeight), null).placeLabels();
            Legend legend = scene.legend();
            if (spec.legend() && (shown[0] < shown[1] || shown[2] > 0)) {
                legend = withLine(withLine(legend, labelNote(shown[1], shown[1])), titleNote(shown[2]));
                bottom = Math.max(legendReserve, legendHeight(g2, legend, spec, width) + 12) + labelRoom;
                viewHeight = Math.max(16, height - top - bottom);
            }
            int[] drawn;
            double room = titleRoom(scene, spec, g2, width);
            camera = reframe ? Framing.frame(scene, base, (width - room) / viewHeight) : base;
            Projection proj = new Projection(camera, width - room, viewHeight);
            double[] box = Framing.box(scene, proj);
            if (box != null) {
                box = new double[] {box[0] + room, box[1] + top, box[2] + room, box[3] + top};
            }
            Graphics2D g3 = (Graphics2D) g2.create();
            try {
                g3.translate(room, top);
                ScenePass pass = new ScenePass(scene, spec, g3, proj, svgIdPrefix);
                pass.titleRoom = room;
                drawn = pass.run();
            } finally {
                g3.dispose();
            }
            if (legend != scene.legend()) {
                // the dry run's view was taller: the final one may place every label after all
                legend = scene.legend();
                if (drawn[0] < drawn[1]) {
                    legend = withLine(legend, labelNote(drawn[0], drawn[1]));
                }
                if (drawn[2] > 0) {
                    legend = withLine(legend, titleNote(drawn[2]));
                }
            }
            drawTitle(g2, title, spec, width);
            if (spec.legend()) {
                drawLegend(g2, legend, spec, width, height);
            }
            return new Framing.Painted(box, camera, room, top, width - room, viewHeight);
        } finally {
            g2.dispose();
        }
    }

    /**
     * The canvas a {@link FigureSpec#fit()} figure gets, {width, height}: when the scene is taller than the canvas
     * (the usual stack), the width of the plane titles' room plus the scene's projection filling the height left by
     * the title, the legend (wrapped to that width) and the token labels, within
     * [min(width, {@link FigureSpec#MIN_FITTED_WIDTH}), width]; when it is wider (side-by-side stacks of few
     * layers), the height that holds title, legend, labels and the scene filling the width, within
     * [min(height, {@link FigureSpec#MIN_FITTED_HEIGHT}), height]. The spec's size otherwise.
     */
    static int[] fittedSize(Scene scene, FigureSpec spec, Graphics2D g) {
        if (!spec.fit() || spec.camera().isPresent()) {
            return new int[] {spec.width(), spec.height()};
        }
        double aspect = Framing.aspect(scene, scene.camera());
        double height = spec.height();
        double top = spec.title().orElse(scene.title()).isEmpty() ? 0 : spec.fontSize() * 1.4 + 12;
        double labels = verticalLabelRoom(scene, spec, g);
        // never so narrow that the title must shrink
        String shown = spec.title().orElse(scene.title());
        double titleWidth = shown.isEmpty() ? 0 : g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD,
                (int) Math.round(spec.fontSize() * 1.4))).stringWidth(shown) + 24;
        double lo = Math.min(spec.width(), Math.max(FigureSpec.MIN_FITTED_WIDTH, titleWidth));
        double w = spec.width();
        double need = w;
        for (int k = 0; k < 4; k++) {
            double bottom = (spec.legend() ? legendHeight(g, scene.legend(), spec, w) + 12 : 0) + labels;
            double view = Math.max(16, height - top - bottom);
            need = titleRoom(scene, spec, g, w) + aspect * view + 4;
            w = Math.max(lo, Math.min(spec.width(), need));
        }
        if (need <= spec.width()) {
            return new int[] {(int) Math.ceil(w), spec.height()};
        }
        // wider than the canvas: keep the width, cut the height to what the scene needs at this width
        w = spec.width();
        double bottom = (spec.legend() ? legendHeight(g, scene.legend(), spec, w) + 12 : 0) + labels;
        double view = (w - titleRoom(scene, spec, g, w) - 4) / aspect;
        double h = top + bottom + view + 4;
        return new int[] {spec.width(), (int) Math.ceil(Math.max(Math.min(spec.height(), FigureSpec.MIN_FITTED_HEIGHT),
                Math.min(spec.height(), h)))};
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

    private static String titleNote(int leftOut) {
        return "plane titles: " + leftOut + " left out (they would cover other titles; --size for more room)";
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
