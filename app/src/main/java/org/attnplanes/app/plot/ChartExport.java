package org.attnplanes.app.plot;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;


import org.attnplanes.graph.io.AtomicFiles;
import org.attnplanes.render.export.FigureMetadata;
import org.attnplanes.render.export.TextBoxes;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes charts as PNG or SVG with the provenance stored exactly as render's figures store it
 * ({@link FigureMetadata}: PNG text chunks, SVG {@code <metadata>}; the same keys in both), atomically. Works
 * without a display (plain Java2D).
 */
public final class ChartExport {

    private ChartExport() {
    }

    /**
     * Writes {@code chart} to {@code target}; the format follows the extension ({@code .png} or {@code .svg}).
     *
     * @param width      pixels (PNG) or user units (SVG), ≥ 1
     * @param height     likewise
     * @param provenance key → value pairs stored in the file, not null
     * @throws IllegalArgumentException for another extension or a non-positive size
     */
    public static void write(JFreeChart chart, Path target, int width, int height, Map<String, String> provenance) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("figure size " + width + " × " + height + " must be at least 1 × 1");
        }
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            TextBoxes text = TextBoxes.wrap(g, width, height);
            chart.draw(text, new Rectangle2D.Double(0, 0, width, height));
            g.dispose();
            Map<String, String> m = entries(chart, width, height, provenance);
            m.put(TextBoxes.METADATA_KEY, text.describeClipped());
            FigureMetadata.writePng(img, m, target);
        } else if (name.endsWith(".svg")) {
            SVGGraphics2D g = new SVGGraphics2D(width, height);
            TextBoxes text = TextBoxes.wrap(g, width, height);
            chart.draw(text, new Rectangle2D.Double(0, 0, width, height));
            Map<String, String> m = entries(chart, width, height, provenance);
            m.put(TextBoxes.METADATA_KEY, text.describeClipped());
            String svg = FigureMetadata.embedInSvg(FigureMetadata.XML_DECLARATION + g.getSVGElement(), title(chart), m);
            AtomicFiles.writeString(target, svg);
        } else {
            throw new IllegalArgumentException("figure file " + target + " must end in .png or .svg");
        }
    }

    /** Writes an image as PNG with the provenance as text chunks (render's {@link FigureMetadata} format). */
    public static void writePng(BufferedImage img, Path target, Map<String, String> provenance) {
        FigureMetadata.writePng(img, provenance, target);
    }

    /**
     * The entries a chart file carries, the same in PNG and SVG (and the same keys as render's scene figures):
     * the provenance, then {@code figure.title} and {@code figure.size}.
     */
    static Map<String, String> entries(JFreeChart chart, int width, int height, Map<String, String> provenance) {
        Map<String, String> m = new LinkedHashMap<>(provenance);
        m.put("figure.title", title(chart));
        m.put("figure.size", width + "x" + height + " px, scale 1.0");
        return m;
    }

    private static String title(JFreeChart chart) {
        return chart.getTitle() == null || chart.getTitle().getText() == null ? "" : chart.getTitle().getText();
    }

    /** Reads the provenance entries of a PNG written here (for tests and tools). */
    public static Map<String, String> readPngProvenance(Path png) throws IOException {
        return FigureMetadata.readPng(png);
    }
}
