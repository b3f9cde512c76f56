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
    public static String svg(Scene scene, FigureSpec spec) {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(spec, "spec");
        SVGGraphics2D g = new SVGGraphics2D(spec.width(), spec.height(), null, new StringBuilder(capacity(scene)));
        g.setGeomDoubleConverter(Figures::twoDecimals);
        TextBoxes text = TextBoxes.wrap(g, spec.width(), spec.height());
        ScenePainter.paint(scene, spec, text, spec.width(), spec.height(), "");
        Map<String, String> m = metadata(scene, spec);
        m.put(TextBoxes.METADATA_KEY, text.describeClipped());
        return FigureMetadata.embedInSvg(FigureMetadata.XML_DECLARATION + g.getSVGElement(), spec.title().orElse(scene.title()), m);
    }

    /** Writes the SVG atomically. */
    public static void writeSvg(Scene scene, FigureSpec spec, Path target) {
        String svg = svg(scene, spec);
        AtomicFiles.write(target, svg.getBytes(StandardCharsets.UTF_8));
    }

    /** Renders the scene into an ARGB image of {@code scale·width × scale·height} pixels with Java2D. */
    public static BufferedImage image(Scene scene, FigureSpec spec) {
        return image(scene, spec, null);
    }

    /** {@link #image(Scene, FigureSpec)}, recording the drawn strings into {@code text[0]} when given. */
    static BufferedImage image(Scene scene, FigureSpec spec, TextBoxes[] text) {
        Objects.requireNonNull(scene, "scene");
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
            ScenePainter.paint(scene, spec, t, spec.width(), spec.height(), null);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Writes a PNG rendered with Java2D (no display needed), with provenance text chunks, atomically. */
    public static void writePng(Scene scene, FigureSpec spec, Path target) {
        TextBoxes[] text = new TextBoxes[1];
        BufferedImage img = image(scene, spec, text);
        Map<String, String> m = metadata(scene, spec);
        m.put(TextBoxes.METADATA_KEY, text[0].describeClipped());
        FigureMetadata.writePng(img, m, target);
    }

    /** The entries a figure file carries: the scene's provenance, then the figure settings ({@code figure.*}). */
    public static Map<String, String> metadata(Scene scene, FigureSpec spec) {
        Map<String, String> m = new LinkedHashMap<>(scene.provenance().toMap());
        Camera cam = spec.camera().orElse(scene.camera());
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
