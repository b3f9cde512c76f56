package org.attnplanes.render.export;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.io.AtomicFiles;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.Vec3;
import org.attnplanes.render.scene.Scene;
import org.jfree.svg.SVGGraphics2D;

/**
 * One figure showing several scenes of the same graph (typically the same graph under different encodings)
 * side by side in a grid, all through the identical camera: {@link FigureSpec#camera()} when set, else the
 * first panel's camera. Each panel is {@code spec.width() × spec.height()} and keeps its own title (the
 * encoding) and legend; every panel reserves the height of the tallest legend, so all panels project the
 * graph identically. The figure title goes on top.
 *
 * <pre>{@code
 * List<Scene> panels = SmallMultiples.ofEncodings(graph, List.of(EncodingSpec.of(Encoding.OPACITY),
 *         EncodingSpec.of(Encoding.COLOUR), EncodingSpec.of(Encoding.WIDTH)), 0.05);
 * SmallMultiples.writeSvg(panels, FigureSpec.builder().title("compare encodings").build(), Path.of("cmp.svg"));
 * }</pre>
 */
public final class SmallMultiples {

    private SmallMultiples() {
    }

    /**
     * One scene per encoding of the same graph, titled by the encoding's short name, all with the camera of
     * the first (the camera depends only on the layout, so they agree anyway).
     */
    public static List<Scene> ofEncodings(MultiPlanarGraph graph, List<EncodingSpec> encodings, double threshold) {
        if (encodings.isEmpty()) {
            throw new IllegalArgumentException("encodings is empty; a small-multiples figure needs at least one");
        }
        List<Scene> out = new java.util.ArrayList<>();
        Camera cam = null;
        for (EncodingSpec e : encodings) {
            Scene s = SceneBuilder.build(graph, e, threshold).withTitle(e.shortName());
            cam = cam == null ? s.camera() : cam;
            out.add(s.withCamera(cam));
        }
        return List.copyOf(out);
    }

    /** The SVG document of the grid. */
    public static String svg(List<Scene> panels, FigureSpec given) {
        FigureSpec spec = fitted(panels, given);
        Layout l = layout(panels, spec);
        int capacity = 0;
        for (Scene s : panels) {
            capacity = (int) Math.min(Integer.MAX_VALUE / 2, (long) capacity + Figures.capacity(s));
        }
        SVGGraphics2D g = new SVGGraphics2D(l.width, l.height, null, new StringBuilder(capacity));
        g.setGeomDoubleConverter(Figures::twoDecimals);
        TextBoxes text = TextBoxes.wrap(g, l.width, l.height);
        paint(panels, spec, text, l, true);
        Map<String, String> m = metadata(panels, spec);
        m.put(TextBoxes.METADATA_KEY, text.describeClipped());
        return FigureMetadata.embedInSvg(FigureMetadata.XML_DECLARATION + g.getSVGElement(), spec.title().orElse(""), m);
    }

    /** Writes the SVG grid atomically. */
    public static void writeSvg(List<Scene> panels, FigureSpec spec, Path target) {
        AtomicFiles.write(target, svg(panels, spec).getBytes(StandardCharsets.UTF_8));
    }

    /** The grid as an ARGB image (Java2D; no display needed), at {@code spec.scale()}. */
    public static BufferedImage image(List<Scene> panels, FigureSpec spec) {
        return image(panels, spec, null);
    }

    private static BufferedImage image(List<Scene> panels, FigureSpec given, TextBoxes[] text) {
        FigureSpec spec = fitted(panels, given);
        Layout l = layout(panels, spec);
        BufferedImage img = new BufferedImage((int) Math.round(l.width * spec.scale()),
                (int) Math.round(l.height * spec.scale()), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.scale(spec.scale(), spec.scale());
            TextBoxes t = TextBoxes.wrap(g, l.width, l.height);
            if (text != null) {
                text[0] = t;
            }
            paint(panels, spec, t, l, false);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes the grid as PNG with provenance text chunks, atomically. */
    public static void writePng(List<Scene> panels, FigureSpec given, Path target) {
        FigureSpec spec = fitted(panels, given);
        TextBoxes[] text = new TextBoxes[1];
        BufferedImage img = image(panels, spec, text);
        Map<String, String> m = metadata(panels, spec);
        m.put(TextBoxes.METADATA_KEY, text[0].describeClipped());
        FigureMetadata.writePng(img, m, target);
    }

    /** The shared camera: the spec's, else the first panel's. */
    public static Camera sharedCamera(List<Scene> panels, FigureSpec spec) {
        return spec.camera().orElse(panels.get(0).camera());
    }

    /** Provenance of the first panel plus the list of panel titles and the shared camera. */
    public static Map<String, String> metadata(List<Scene> panels, FigureSpec given) {
        FigureSpec spec = fitted(panels, given);
        Map<String, String> m = new LinkedHashMap<>(panels.get(0).provenance().toMap());
        m.remove("encoding");
        m.put("figure.title", spec.title().orElse(""));
        StringBuilder titles = new StringBuilder();
        for (int i = 0; i < panels.size(); i++) {
            titles.append(i == 0 ? "" : " | ").append(panels.get(i).title());
            m.put("figure.panel." + i + ".legend", String.join(" | ", panels.get(i).legend().lines()));
        }
        m.put("figure.panels", titles.toString());
        m.put("figure.size", spec.width() + "x" + spec.height() + " px per panel, scale " + spec.scale());
        java.awt.Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        try {
            m.put("figure.camera", panelCamera(panels, spec, legendReserve(panels, spec, g)).describe());
        } finally {
            g.dispose();
        }
        return m;
    }

    private record Layout(int cols, int rows, double header, double width, double height) {
    }

    private static Layout layout(List<Scene> panels, FigureSpec spec) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("panels is empty; a small-multiples figure needs at least one scene");
        }
        int cols = spec.columns() == 0 ? panels.size() : Math.min(spec.columns(), panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        double header = spec.title().map(t -> spec.fontSize() * 2.6).orElse(0.0);
        return new Layout(cols, rows, header, (double) cols * spec.width(), rows * spec.height() + header);
    }

    /**
     * The camera every panel uses: the spec's when set; otherwise the first panel's direction, framing the union
     * of the panels for the area a panel really draws in (below its title, above the reserved legend), so the
     * graph fills the panel instead of a 3:2 box inside it.
     */
    static Camera panelCamera(List<Scene> panels, FigureSpec spec, double legendReserve) {
        Camera camera = sharedCamera(panels, spec);
        if (spec.camera().isPresent()) {
            return camera;
        }
        double top = spec.fontSize() * 1.4 + 12;
        double view = Math.max(16, spec.height() - top - legendReserve);
        Vec3 lo = panels.get(0).boundsMin();
        Vec3 hi = panels.get(0).boundsMax();
        for (Scene s : panels) {
            lo = new Vec3(Math.min(lo.x(), s.boundsMin().x()), Math.min(lo.y(), s.boundsMin().y()),
                    Math.min(lo.z(), s.boundsMin().z()));
            hi = new Vec3(Math.max(hi.x(), s.boundsMax().x()), Math.max(hi.y(), s.boundsMax().y()),
                    Math.max(hi.z(), s.boundsMax().z()));
        }
        java.awt.Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        double room = 0;
        try {
            for (Scene s : panels) {
                room = Math.max(room, ScenePainter.titleRoom(s, spec, g, spec.width()));
            }
        } finally {
            g.dispose();
        }
        return Camera.frame(lo, hi, camera.yawDegrees(), camera.pitchDegrees(), (spec.width() - room) / view);
    }

    /** The narrowest panel {@link FigureSpec#fit()} cuts to, in pixels (or the spec's width when smaller). */
    static final int MIN_FITTED_PANEL_WIDTH = 400;

    /**
     * The spec with the panel width {@link FigureSpec#fit()} gives these panels: the plane titles' room plus the
     * width of the panels' shared projection when it fills the panel height left by title and the reserved legend
     * (wrapped to that width), within [min(width, {@value #MIN_FITTED_PANEL_WIDTH}), width]; the spec itself
     * without {@code fit()} or with a camera override.
     */
    public static FigureSpec fitted(List<Scene> panels, FigureSpec spec) {
        if (!spec.fit() || spec.camera().isPresent() || panels.isEmpty()) {
            return spec;
        }
        java.awt.Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        try {
            double w = spec.width();
            double lo = Math.min(spec.width(), MIN_FITTED_PANEL_WIDTH);
            for (int k = 0; k < 3; k++) {
                FigureSpec s = spec.toBuilder().size((int) Math.ceil(w), spec.height()).fit(false).build();
                double reserve = legendReserve(panels, s, g);
                Camera cam = panelCamera(panels, s, reserve);
                double aspect = 0;
                double room = 0;
                for (Scene p : panels) {
                    double[] box = Framing.box(p, new org.attnplanes.render.projection.Projection(cam, 1000, 1000));
                    if (box != null) {
                        aspect = Math.max(aspect, (box[2] - box[0]) / Math.max(1e-3, box[3] - box[1]));
                    }
                    room = Math.max(room, ScenePainter.titleRoom(p, s, g, s.width()));
                }
                if (aspect <= 0) {
                    return spec;
                }
                double view = Math.max(16, spec.height() - (spec.fontSize() * 1.4 + 12) - reserve);
                w = Math.max(lo, Math.min(spec.width(), room + aspect * view + 8));
            }
            return spec.toBuilder().size((int) Math.ceil(w), spec.height()).fit(false).build();
        } finally {
            g.dispose();
        }
    }

    /** The legend height every panel reserves: the tallest legend, as wrapped to the panel width. */
    static double legendReserve(List<Scene> panels, FigureSpec spec, Graphics2D g) {
        double reserve = 0;
        for (Scene s : panels) {
            reserve = Math.max(reserve, ScenePainter.legendSpace(g, s.legend(), spec, spec.width()));
        }
        return reserve;
    }

    private static void paint(List<Scene> panels, FigureSpec spec, Graphics2D g, Layout l, boolean svg) {
        Camera camera = sharedCamera(panels, spec);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(ScenePainter.awt(spec.background()));
        g.fill(new java.awt.geom.Rectangle2D.Double(0, 0, l.width, l.height));
        spec.title().ifPresent(t -> {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.round(spec.fontSize() * 1.6)));
            FontMetrics fm = g.getFontMetrics();
            g.setColor(java.awt.Color.BLACK);
            g.drawString(t, (float) Math.max(4, (l.width - fm.stringWidth(t)) / 2), fm.getAscent() + 6f);
        });
        double reserve = legendReserve(panels, spec, g);
        camera = panelCamera(panels, spec, reserve);
        for (int i = 0; i < panels.size(); i++) {
            Scene s = panels.get(i);
            FigureSpec panelSpec = spec.toBuilder().camera(camera).title(s.title()).build();
            double x = (i % l.cols) * (double) spec.width();
            double y = l.header + (i / l.cols) * (double) spec.height();
            Graphics2D pg = (Graphics2D) g.create();
            try {
                if (svg) {
                    pg.setRenderingHint(org.jfree.svg.SVGHints.KEY_BEGIN_GROUP, "panel-" + i);
                }
                pg.translate(x, y);
                ScenePainter.paint(s, panelSpec, pg, spec.width(), spec.height(), svg ? "p" + i + "-" : null, reserve);
                if (svg) {
                    pg.setRenderingHint(org.jfree.svg.SVGHints.KEY_END_GROUP, "true");
                }
            } finally {
                pg.dispose();
            }
        }
    }
}
