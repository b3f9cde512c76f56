package org.attnplanes.render.export;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.attnplanes.graph.io.AtomicFiles;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.Scene;
import org.jfree.svg.SVGGraphics2D;

/**
 * Headless figure export of one {@link Scene}: SVG through JFreeSVG and PNG through Java2D, neither needing
 * a display. Both embed the scene's provenance plus the figure settings; files are written atomically.
 *
 * <pre>{@code
 * Figures.writeSvg(scene, FigureSpec.defaults(), Path.of("out/stack.svg"));
 * Figures.writePng(scene, FigureSpec.builder().scale(2).build(), Path.of("out/stack.png"));
 * }</pre>
 */
public final class Figures {

    private Figures() {
    }

    /** The SVG document of the scene (one element per kept edge, painter's order, provenance metadata). */
    public static String svg(Scene scene, FigureSpec given) {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(given, "spec");
        FigureSpec spec = fitted(scene, given);
        SVGGraphics2D g = new SVGGraphics2D(spec.width(), spec.height(), null, new StringBuilder(capacity(scene)));
        g.setGeomDoubleConverter(Figures::twoDecimals);
        TextBoxes text = TextBoxes.wrap(g, spec.width(), spec.height());
        Framing.Painted painted = ScenePainter.paintFramed(scene, spec, text, spec.width(), spec.height(), "", -1);
        Map<String, String> m = metadata(scene, spec, painted.camera());
        m.put(TextBoxes.METADATA_KEY, text.describeClipped());
        m.put(SCENE_BOX_KEY, describeBox(painted.box(), spec));
        return FigureMetadata.embedInSvg(FigureMetadata.XML_DECLARATION + g.getSVGElement(), spec.title().orElse(scene.title()), m);
    }

    /** Writes the SVG atomically. */
    public static void writeSvg(Scene scene, FigureSpec spec, Path target) {
        String svg = svg(scene, spec);
        AtomicFiles.write(target, svg.getBytes(StandardCharsets.UTF_8));
    }

    /** Renders the scene into an ARGB image of {@code scale·width × scale·height} pixels with Java2D. */
    public static BufferedImage image(Scene scene, FigureSpec spec) {
        return image(scene, spec, null, null);
    }

    /**
     * {@link #image(Scene, FigureSpec)}, recording the drawn strings into {@code text[0]} and the scene's box (see
     * {@link #SCENE_BOX_KEY}) into {@code box[0]} when given.
     */
    static BufferedImage image(Scene scene, FigureSpec given, TextBoxes[] text, Framing.Painted[] painted) {
        Objects.requireNonNull(scene, "scene");
        FigureSpec spec = fitted(scene, given);
        int w = (int) Math.round(spec.width() * spec.scale());
        int h = (int) Math.round(spec.height() * spec.scale());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.scale(spec.scale(), spec.scale());
            TextBoxes t = TextBoxes.wrap(g, spec.width(), spec.height());
            if (text != null) {
                text[0] = t;
            }
            Framing.Painted p = ScenePainter.paintFramed(scene, spec, t, spec.width(), spec.height(), null, -1);
            if (painted != null) {
                painted[0] = p;
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * Metadata key of the projected bounding box of the scene's planes, pictures and nodes in canvas units:
     * {@code "x0 y0 x1 y1 in W x H"} (plane titles, token labels and legend are measured under
     * {@link TextBoxes#METADATA_KEY}).
     */
    public static final String SCENE_BOX_KEY = "figure.scene_box";

    private static String describeBox(double[] box, FigureSpec spec) {
        String in = " in " + spec.width() + " x " + spec.height();
        return box == null ? "none" + in : String.format(Locale.ROOT, "%.1f %.1f %.1f %.1f", box[0], box[1], box[2],
                box[3]) + in;
    }

    /** The spec with the size {@link FigureSpec#fit()} gives this scene (the spec itself otherwise). */
    public static FigureSpec fitted(Scene scene, FigureSpec spec) {
        if (!spec.fit()) {
            return spec;
        }
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        try {
            int[] wh = ScenePainter.fittedSize(scene, spec, g);
            return spec.toBuilder().size(wh[0], wh[1]).fit(false).frame(true).build();
        } finally {
            g.dispose();
        }
    }

    /** Writes a PNG rendered with Java2D (no display needed), with provenance text chunks, atomically. */
    public static void writePng(Scene scene, FigureSpec given, Path target) {
        FigureSpec spec = fitted(scene, given);
        TextBoxes[] text = new TextBoxes[1];
        Framing.Painted[] painted = new Framing.Painted[1];
        BufferedImage img = image(scene, spec, text, painted);
        Map<String, String> m = metadata(scene, spec, painted[0].camera());
        m.put(TextBoxes.METADATA_KEY, text[0].describeClipped());
        m.put(SCENE_BOX_KEY, describeBox(painted[0].box(), spec));
        FigureMetadata.writePng(img, m, target);
    }

    /** The entries a figure file carries: the scene's provenance, then the figure settings ({@code figure.*}). */
    public static Map<String, String> metadata(Scene scene, FigureSpec spec) {
        return metadata(scene, spec, spec.camera().orElse(scene.camera()));
    }

    private static Map<String, String> metadata(Scene scene, FigureSpec spec, Camera cam) {
        Map<String, String> m = new LinkedHashMap<>(scene.provenance().toMap());
        m.put("figure.title", spec.title().orElse(scene.title()));
        m.put("figure.size", spec.width() + "x" + spec.height() + " px, scale " + spec.scale());
        m.put("figure.camera", cam.describe());
        m.put("figure.legend", String.join(" | ", scene.legend().lines()));
        m.put("figure.edges", Integer.toString(scene.edges().size()));
        return m;
    }

    /** A capacity estimate for the SVG text (≈ 330 characters per edge, link or node) to avoid regrowth. */
    static int capacity(Scene scene) {
        long n = 4096L + 330L * (scene.edges().size() + scene.links().size() + scene.nodes().size());
        return (int) Math.min(Integer.MAX_VALUE - 16, n);
    }

    /** Formats a coordinate with at most two decimals and no trailing zeros (hot path of SVG export). */
    static String twoDecimals(double v) {
        if (!Double.isFinite(v) || Math.abs(v) >= 1e12) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        long hundredths = Math.round(v * 100);
        StringBuilder b = new StringBuilder(12);
        if (hundredths < 0) {
            b.append('-');
            hundredths = -hundredths;
        }
        b.append(hundredths / 100);
        int frac = (int) (hundredths % 100);
        if (frac != 0) {
            b.append('.').append((char) ('0' + frac / 10));
            if (frac % 10 != 0) {
                b.append((char) ('0' + frac % 10));
            }
        }
        return b.toString();
    }
}
