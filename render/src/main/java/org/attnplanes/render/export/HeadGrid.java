package org.attnplanes.render.export;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.graph.io.AtomicFiles;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.Legend;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.Scene;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * The per-head figure: one small plane per layer × head, laid out as a grid (rows = layers from the first at
 * the top, columns = heads), each plane seen from above with its kept edges in the scene's encoding. A graph
 * in the {@link LayoutKind#LINE line layout} draws every cell as an arc diagram (tokens on a baseline, each edge
 * an arc whose height grows with the distance it spans), any other layout as the plane's own 2D layout. One
 * layer gives one row: that layer's heads side by side. Row and column labels and the token labels under the
 * first column shrink, abbreviate or thin out until they never overlap; the scene's legend goes below. Needs no
 * display; usable by the command line and the desktop app alike.
 *
 * <pre>{@code
 * MultiPlanarGraph g = MultiPlanarGraph.build(trace, GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).build());
 * Scene s = SceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY));
 * HeadGrid.writePng(g, s, FigureSpec.builder().size(1600, 1000).build(), Path.of("heads.png"));
 * BufferedImage img = HeadGrid.image(g, s, spec);       // e.g. for an ImageView
 * }</pre>
 */
public final class HeadGrid {

    private static final double PAD = 8;
    private static final float MIN_FONT = 7f;

    private HeadGrid() {
    }

    /** Whether a graph has one plane per head, i.e. whether its figure should be this grid. */
    public static boolean applies(MultiPlanarGraph graph) {
        return graph.spec().headReduction() == HeadReduction.PER_HEAD;
    }

    /**
     * A figure size in pixels ({@code {width, height}}) that gives each cell room: 1600 px wide (1200 for four
     * heads or fewer), cells about half as high as wide in the line layout (arcs) and square otherwise, plus room
     * for the title, labels and a legend of about six lines; within [480, 4000] px high.
     */
    public static int[] preferredSize(MultiPlanarGraph graph) {
        Cells c = cells(graph);
        int cols = Math.max(1, c.heads.size());
        int rows = Math.max(1, c.layers.size());
        int width = cols <= 4 ? 1200 : 1600;
        double cell = (width - 80.0) / cols;
        boolean arcs = graph.layout().kind() == LayoutKind.LINE;
        double ch = arcs ? Math.max(48, cell * 0.5) : Math.max(60, cell);
        int height = (int) Math.round(rows * ch + 40 + 24 + (arcs ? 90 : 0) + 110);
        return new int[] {width, Math.max(480, Math.min(4000, height))};
    }

    /** The SVG document of the grid (one group {@code cell-<layer>-<head>} per cell). */
    public static String svg(MultiPlanarGraph graph, Scene scene, FigureSpec spec) {
        SVGGraphics2D g = new SVGGraphics2D(spec.width(), spec.height(), null,
                new StringBuilder(Figures.capacity(scene)));
        g.setGeomDoubleConverter(Figures::twoDecimals);
        TextBoxes text = TextBoxes.wrap(g, spec.width(), spec.height());
        paint(graph, scene, spec, text, true);
        Map<String, String> m = metadata(graph, scene, spec);
        m.put(TextBoxes.METADATA_KEY, text.describeClipped());
        return FigureMetadata.embedInSvg(FigureMetadata.XML_DECLARATION + g.getSVGElement(),
                spec.title().orElse(scene.title()), m);
    }

    /** Writes the SVG atomically. */
    public static void writeSvg(MultiPlanarGraph graph, Scene scene, FigureSpec spec, Path target) {
        AtomicFiles.write(target, svg(graph, scene, spec).getBytes(StandardCharsets.UTF_8));
    }

    /** The grid as an ARGB image of {@code scale·width × scale·height} pixels (Java2D, no display). */
    public static BufferedImage image(MultiPlanarGraph graph, Scene scene, FigureSpec spec) {
        return image(graph, scene, spec, null);
    }

    private static BufferedImage image(MultiPlanarGraph graph, Scene scene, FigureSpec spec, TextBoxes[] text) {
        BufferedImage img = new BufferedImage((int) Math.round(spec.width() * spec.scale()),
                (int) Math.round(spec.height() * spec.scale()), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.scale(spec.scale(), spec.scale());
            TextBoxes t = TextBoxes.wrap(g, spec.width(), spec.height());
            if (text != null) {
                text[0] = t;
            }
            paint(graph, scene, spec, t, false);
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * The plane whose cell contains the point (x, y) of the figure (in figure units, i.e. image pixels divided by
     * {@code spec.scale()}), or −1 outside every cell: which plane was clicked in an image of {@link #image}.
     */
    public static int planeAt(MultiPlanarGraph graph, Scene scene, FigureSpec spec, double x, double y) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scratch.createGraphics();
        try {
            g.scale(spec.scale(), spec.scale());
            return new Painter(graph, scene, spec, TextBoxes.wrap(g, spec.width(), spec.height()), false)
                    .planeAt(x, y);
        } finally {
            g.dispose();
        }
    }

    /** Writes the PNG with provenance text chunks, atomically. */
    public static void writePng(MultiPlanarGraph graph, Scene scene, FigureSpec spec, Path target) {
        TextBoxes[] text = new TextBoxes[1];
        BufferedImage img = image(graph, scene, spec, text);
        Map<String, String> m = metadata(graph, scene, spec);
        m.put(TextBoxes.METADATA_KEY, text[0].describeClipped());
        FigureMetadata.writePng(img, m, target);
    }

    /** The figure's metadata: the scene's provenance and the figure settings, with the grid's shape. */
    public static Map<String, String> metadata(MultiPlanarGraph graph, Scene scene, FigureSpec spec) {
        Map<String, String> m = new LinkedHashMap<>(scene.provenance().toMap());
        Cells c = cells(graph);
        m.put("figure.title", spec.title().orElse(scene.title()));
        m.put("figure.size", spec.width() + "x" + spec.height() + " px, scale " + spec.scale());
        m.put("figure.grid", c.layers.size() + " layers (rows) × " + c.heads.size() + " heads (columns)");
        m.put("figure.legend", String.join(" | ", scene.legend().lines()));
        m.put("figure.edges", Integer.toString(scene.edges().size()));
        return m;
    }

    /** Which plane sits in which cell: rows are the graph's layers, columns its head labels, both in order. */
    record Cells(List<Integer> layers, List<String> heads, Map<Integer, Integer> rowOfPlane,
                 Map<Integer, Integer> columnOfPlane) {
    }

    static Cells cells(MultiPlanarGraph graph) {
        TreeMap<Integer, Integer> layerRow = new TreeMap<>();
        LinkedHashMap<String, Integer> headColumn = new LinkedHashMap<>();
        List<Plane> planes = new ArrayList<>(graph.planes());
        planes.sort((a, b) -> Integer.compare(a.head().orElse(-1), b.head().orElse(-1)));
        for (Plane p : planes) {
            layerRow.putIfAbsent(p.layer(), 0);
            headColumn.putIfAbsent(p.headLabel(), headColumn.size());
        }
        int r = 0;
        for (Map.Entry<Integer, Integer> e : layerRow.entrySet()) {
            e.setValue(r++);
        }
        Map<Integer, Integer> row = new TreeMap<>();
        Map<Integer, Integer> col = new TreeMap<>();
        for (Plane p : graph.planes()) {
            row.put(p.index(), layerRow.get(p.layer()));
            col.put(p.index(), headColumn.get(p.headLabel()));
        }
        return new Cells(List.copyOf(layerRow.keySet()), List.copyOf(headColumn.keySet()), row, col);
    }

    static void paint(MultiPlanarGraph graph, Scene scene, FigureSpec spec, Graphics2D g0, boolean svg) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(scene, "scene");
        Graphics2D g = (Graphics2D) g0.create();
        try {
            new Painter(graph, scene, spec, g, svg).run();
        } finally {
            g.dispose();
        }
    }

    /** One painting of the grid. */
    private static final class Painter {
        private final MultiPlanarGraph graph;
        private final Scene scene;
        private final FigureSpec spec;
        private final Graphics2D g;
        private final boolean svg;
        private final Cells cells;
        private final boolean arcs;
        private final double w;
        private final double h;

        Painter(MultiPlanarGraph graph, Scene scene, FigureSpec spec, Graphics2D g, boolean svg) {
            this.graph = graph;
            this.scene = scene;
            this.spec = spec;
            this.g = g;
            this.svg = svg;
            this.cells = cells(graph);
            this.arcs = graph.layout().kind() == LayoutKind.LINE;
            this.w = spec.width();
            this.h = spec.height();
        }

        void run() {
            hints();
            g.clip(new Rectangle2D.Double(0, 0, w, h));
            if (spec.background().a() > 0) {
                g.setColor(ScenePainter.awt(spec.background()));
                g.fill(new Rectangle2D.Double(0, 0, w, h));
            }
            geometry();
            columnLabels(gx, top, cw, colHeader);
            rowLabels(gy, ch, rowHeader);
            Bounds b = bounds();
            for (Plane p : graph.planes()) {
                int r = cells.rowOfPlane.get(p.index());
                int c = cells.columnOfPlane.get(p.index());
                cell(p, gx + c * cw, gy + r * ch, cw, ch, b);
            }
            if (arcs && !graph.planes().isEmpty()) {
                tokenLabels(graph.planes().get(0), gx, gy + rows * ch, cw, tokenAxis, b);
            }
            ScenePainter.drawTitle(g, title, spec, w);
            if (spec.legend()) {
                ScenePainter.drawLegend(g, shownLegend, spec, w, h);
            }
        }

        private void hints() {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        }

        private String title;
        private Legend shownLegend;
        private double top;
        private double colHeader;
        private double rowHeader;
        private double tokenAxis;
        private int rows;
        private double gx;
        private double gy;
        private double cw;
        private double ch;

        /** Where the cells go: title, header and legend space measured with this painter's fonts. */
        private void geometry() {
            title = spec.title().orElse(scene.title());
            top = title.isEmpty() ? PAD : spec.fontSize() * 1.4 + 16;
            // the grid draws no links between planes and no picture under a plane: their legend lines would
            // describe nothing on the page
            List<String> extra = new ArrayList<>(scene.legend().extra());
            extra.removeIf(l -> l.startsWith("links: ") || l.startsWith("image: "));
            shownLegend = new Legend(scene.legend().encoding(), scene.legend().normalization(),
                    scene.legend().scale(), extra, scene.legend().colourBar());
            double legend = spec.legend() ? ScenePainter.legendSpace(g, shownLegend, spec, w) : 0;
            rows = Math.max(1, cells.layers.size());
            int cols = Math.max(1, cells.heads.size());

            Font headerFont = font(spec.fontSize() * 0.9);
            FontMetrics hm = g.getFontMetrics(headerFont);
            rowHeader = 0;
            for (int layer : cells.layers) {
                rowHeader = Math.max(rowHeader, hm.stringWidth("layer " + layer));
            }
            rowHeader += 10;
            colHeader = hm.getHeight() + 4;
            tokenAxis = 0;
            if (arcs) {
                FontMetrics tm = g.getFontMetrics(font(Math.max(MIN_FONT, spec.fontSize() * 0.75)));
                double longest = 0;
                for (NodeGlyph n : scene.nodes()) {
                    longest = Math.max(longest, tm.stringWidth(n.label().strip()));
                }
                tokenAxis = Math.min(Math.min(90, Math.max(24, h * 0.12)), longest + 10);
            }
            gx = rowHeader;
            gy = top + colHeader;
            double gw = Math.max(16, w - gx - PAD);
            double gh = Math.max(16, h - gy - legend - tokenAxis - 4);
            cw = gw / cols;
            ch = gh / rows;
        }

        /** The plane whose cell contains (x, y), or −1. */
        int planeAt(double x, double y) {
            hints();
            geometry();
            for (Plane p : graph.planes()) {
                double x0 = gx + cells.columnOfPlane.get(p.index()) * cw;
                double y0 = gy + cells.rowOfPlane.get(p.index()) * ch;
                if (x >= x0 && x < x0 + cw && y >= y0 && y < y0 + ch) {
                    return p.index();
                }
            }
            return -1;
        }

        /** Column labels "head h", shrunk, then shortened to "h", then thinned so that none overlaps. */
        private void columnLabels(double gx, double top, double cw, double height) {
            List<String> labels = new ArrayList<>();
            for (String head : cells.heads) {
                labels.add(head.isEmpty() ? "" : head.chars().allMatch(Character::isDigit) ? "head " + head : head);
            }
            Font f = fit(labels, cw - 4, spec.fontSize() * 0.9);
            FontMetrics fm = g.getFontMetrics(f);
            if (widest(labels, fm) > cw - 4) {
                labels = new ArrayList<>(cells.heads);
            }
            int step = thinning(widest(labels, fm) + 6, cw);
            g.setFont(f);
            g.setColor(ScenePainter.textColour(spec.background()));
            for (int c = 0; c < labels.size(); c += step) {
                String s = clip(labels.get(c), fm, cw * step - 4);
                double x = gx + c * cw + (cw - fm.stringWidth(s)) / 2;
                g.drawString(s, (float) Math.max(0, x), (float) (top + height - fm.getDescent() - 2));
            }
        }

        /** Row labels "layer l", right-aligned before the row, thinned when rows are lower than a line. */
        private void rowLabels(double gy, double ch, double width) {
            Font f = font(Math.max(MIN_FONT, Math.min(spec.fontSize() * 0.9, ch * 0.8)));
            FontMetrics fm = g.getFontMetrics(f);
            int step = thinning(fm.getHeight(), ch);
            g.setFont(f);
            g.setColor(ScenePainter.textColour(spec.background()));
            for (int r = 0; r < cells.layers.size(); r += step) {
                String s = clip("layer " + cells.layers.get(r), fm, width - 8);
                double y = gy + r * ch + ch / 2 + (fm.getAscent() - fm.getDescent()) / 2.0;
                g.drawString(s, (float) Math.max(0, width - 6 - fm.stringWidth(s)), (float) y);
            }
        }

        /** Token labels under the first column of the bottom row, vertical, thinned to one per line height. */
        private void tokenLabels(Plane p, double gx, double y0, double cw, double height, Bounds b) {
            Font f = font(Math.max(MIN_FONT, spec.fontSize() * 0.75));
            FontMetrics fm = g.getFontMetrics(f);
            List<NodeGlyph> nodes = nodesOf(p.index());
            if (nodes.isEmpty()) {
                return;
            }
            double spacing = (cw - 2 * inset(cw)) / Math.max(1, nodes.size() - 1);
            int step = thinning(fm.getHeight(), spacing);
            g.setFont(f);
            g.setColor(ScenePainter.textColour(spec.background()));
            double lastX = -Double.MAX_VALUE;
            for (int k = 0; k < nodes.size(); k += step) {
                NodeGlyph n = nodes.get(k);
                double x = mapX(p.index(), n.position().x(), gx, cw, b);
                if (x - lastX < fm.getHeight()) {
                    continue;
                }
                lastX = x;
                String s = clip(n.label().strip().isEmpty() ? "␣" : n.label().strip(), fm, height - 6);
                AffineTransform saved = g.getTransform();
                g.translate(x + (fm.getAscent() - fm.getDescent()) / 2.0, y0 + 4);
                g.rotate(Math.PI / 2);
                g.drawString(s, 0f, 0f);
                g.setTransform(saved);
            }
            if (step > 1) {
                String note = "every " + step + (step == 2 ? "nd" : step == 3 ? "rd" : "th") + " token labelled";
                double nx = gx + cw + 6;
                if (nx + fm.stringWidth(note) < w - 4) {
                    g.drawString(note, (float) nx, (float) (y0 + 4 + fm.getAscent()));
                }
            }
        }

        private void cell(Plane p, double x0, double y0, double cw, double ch, Bounds b) {
            if (svg) {
                g.setRenderingHint(SVGHints.KEY_BEGIN_GROUP, "cell-" + p.layer() + "-" + p.headLabel());
            }
            double in = inset(cw);
            Rectangle2D.Double box = new Rectangle2D.Double(x0 + 1.5, y0 + 1.5, cw - 3, ch - 3);
            g.setColor(ScenePainter.awt(SceneBuilder.PLANE_FILL));
            g.fill(box);
            g.setColor(ScenePainter.awt(SceneBuilder.PLANE_BORDER));
            g.setStroke(new BasicStroke(0.6f));
            g.draw(box);
            List<NodeGlyph> nodes = nodesOf(p.index());
            Map<Integer, double[]> at = new TreeMap<>();
            double baseline = y0 + ch - in;
            for (NodeGlyph n : nodes) {
                at.put(n.node(), arcs ? new double[] {mapX(p.index(), n.position().x(), x0, cw, b), baseline}
                        : map(p.index(), n.position().x(), n.position().y(), x0, y0, cw, ch, b));
            }
            List<EdgeSegment> edges = new ArrayList<>();
            for (EdgeSegment e : scene.edges()) {
                if (e.plane() == p.index()) {
                    edges.add(e);
                }
            }
            edges.sort((a, c) -> Float.compare(Math.abs(a.weight()), Math.abs(c.weight())));
            double widthScale = Math.max(0.2, Math.min(1, Math.min(cw, ch) / 300));
            double span = Math.max(1e-9, (cw - 2 * in));
            double lift = Math.max(2, ch - 2 * in);
            for (EdgeSegment e : edges) {
                double[] a = at.get(e.source());
                double[] c = at.get(e.target());
                if (a == null || c == null) {
                    continue;
                }
                g.setColor(ScenePainter.awt(e.colour()));
                g.setStroke(new BasicStroke((float) Math.max(0.3, e.widthPx() * widthScale), BasicStroke.CAP_ROUND,
                        BasicStroke.JOIN_ROUND));
                if (arcs) {
                    // a quadratic arc peaks at half its control height: the widest arc reaches the top of the cell
                    double height = lift * Math.abs(c[0] - a[0]) / span;
                    g.draw(new QuadCurve2D.Double(a[0], a[1], (a[0] + c[0]) / 2, baseline - 2 * height, c[0], c[1]));
                } else {
                    g.draw(new Line2D.Double(a[0], a[1], c[0], c[1]));
                }
            }
            double r = Math.max(0.6, Math.min(2.2, Math.min(cw, ch) / (4.0 * Math.max(1, Math.sqrt(nodes.size()))
                    * (arcs ? Math.sqrt(nodes.size()) / 3 + 0.5 : 1))));
            for (NodeGlyph n : nodes) {
                double[] q = at.get(n.node());
                g.setColor(ScenePainter.awt(n.colour()));
                g.fill(new Ellipse2D.Double(q[0] - r, q[1] - r, 2 * r, 2 * r));
            }
            if (svg) {
                g.setRenderingHint(SVGHints.KEY_END_GROUP, "true");
            }
        }

        private List<NodeGlyph> nodesOf(int plane) {
            List<NodeGlyph> out = new ArrayList<>();
            for (NodeGlyph n : scene.nodes()) {
                if (n.plane() == plane) {
                    out.add(n);
                }
            }
            out.sort((a, b) -> Double.compare(a.position().x(), b.position().x()));
            return out;
        }

        /**
         * Each plane's own lower corner, and the largest x and y extent of any plane: the head planes sit side by
         * side in the graph's layout, so every cell is drawn relative to its own plane, all at one scale.
         */
        private Bounds bounds() {
            int planes = graph.planes().size();
            double[] minX = new double[planes];
            double[] minY = new double[planes];
            double[] maxX = new double[planes];
            double[] maxY = new double[planes];
            java.util.Arrays.fill(minX, Double.MAX_VALUE);
            java.util.Arrays.fill(minY, Double.MAX_VALUE);
            java.util.Arrays.fill(maxX, -Double.MAX_VALUE);
            java.util.Arrays.fill(maxY, -Double.MAX_VALUE);
            for (NodeGlyph n : scene.nodes()) {
                int p = n.plane();
                if (p >= planes) {
                    continue;
                }
                minX[p] = Math.min(minX[p], n.position().x());
                maxX[p] = Math.max(maxX[p], n.position().x());
                minY[p] = Math.min(minY[p], n.position().y());
                maxY[p] = Math.max(maxY[p], n.position().y());
            }
            double ex = 1e-9;
            double ey = 1e-9;
            for (int p = 0; p < planes; p++) {
                if (minX[p] <= maxX[p]) {
                    ex = Math.max(ex, maxX[p] - minX[p]);
                    ey = Math.max(ey, maxY[p] - minY[p]);
                }
            }
            // centre each plane in the common extent
            for (int p = 0; p < planes; p++) {
                if (minX[p] <= maxX[p]) {
                    minX[p] -= (ex - (maxX[p] - minX[p])) / 2;
                    minY[p] -= (ey - (maxY[p] - minY[p])) / 2;
                }
            }
            return new Bounds(minX, minY, ex, ey);
        }

        private double mapX(int plane, double x, double x0, double cw, Bounds b) {
            double in = inset(cw);
            return x0 + in + (x - b.minX[plane]) / b.ex * (cw - 2 * in);
        }

        /** A 2D layout position in its cell, keeping the aspect ratio (y up). */
        private double[] map(int plane, double x, double y, double x0, double y0, double cw, double ch, Bounds b) {
            double in = inset(Math.min(cw, ch));
            double k = Math.min((cw - 2 * in) / b.ex, (ch - 2 * in) / b.ey);
            double ox = x0 + (cw - k * b.ex) / 2;
            double oy = y0 + (ch + k * b.ey) / 2;
            return new double[] {ox + (x - b.minX[plane]) * k, oy - (y - b.minY[plane]) * k};
        }

        private static double inset(double size) {
            return Math.max(3, Math.min(10, size * 0.06));
        }

        private Font fit(List<String> labels, double room, double size) {
            float s = (float) size;
            Font f = font(s);
            while (s > MIN_FONT && widest(labels, g.getFontMetrics(f)) > room) {
                s -= 0.5f;
                f = font(s);
            }
            return f;
        }

        private static double widest(List<String> labels, FontMetrics fm) {
            double m = 0;
            for (String s : labels) {
                m = Math.max(m, fm.stringWidth(s));
            }
            return m;
        }

        /** Every how-many-th label fits when each needs {@code need} and they are {@code pitch} apart. */
        private static int thinning(double need, double pitch) {
            return pitch <= 0 ? Integer.MAX_VALUE : Math.max(1, (int) Math.ceil(need / pitch));
        }

        private static String clip(String s, FontMetrics fm, double room) {
            String shown = s;
            while (fm.stringWidth(shown) > room && shown.length() > 1) {
                shown = shown.substring(0, shown.length() - (shown.endsWith("…") ? 2 : 1)) + "…";
                if (shown.equals("…")) {
                    break;
                }
            }
            return fm.stringWidth(shown) > room ? "" : shown;
        }

        private static Font font(double px) {
            return new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont((float) Math.max(MIN_FONT, px));
        }
    }

    private record Bounds(double[] minX, double[] minY, double ex, double ey) {
    }
}
