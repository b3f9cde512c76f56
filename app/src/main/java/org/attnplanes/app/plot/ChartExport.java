package org.attnplanes.app.plot;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.attnplanes.graph.io.AtomicFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes charts as PNG (with the provenance as {@code tEXt} chunks) or SVG (with the provenance in a
 * {@code <metadata>} element), atomically. Works without a display (plain Java2D).
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
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
            g.dispose();
            writePng(img, target, provenance);
        } else if (name.endsWith(".svg")) {
            SVGGraphics2D g = new SVGGraphics2D(width, height);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
            String svg = withMetadata(g.getSVGDocument(), provenance);
            AtomicFiles.writeString(target, svg);
        } else {
            throw new IllegalArgumentException("figure file " + target + " must end in .png or .svg");
        }
    }

    /** Writes an image as PNG with one {@code tEXt} chunk per provenance entry (key prefixed {@code attnplanes:}). */
    public static void writePng(BufferedImage img, Path target, Map<String, String> provenance) {
        AtomicFiles.write(target, out -> {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
                IIOMetadataNode text = new IIOMetadataNode("tEXt");
                for (Map.Entry<String, String> e : provenance.entrySet()) {
                    IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                    entry.setAttribute("keyword", latin1Keyword("attnplanes:" + e.getKey()));
                    entry.setAttribute("value", latin1(e.getValue()));
                    text.appendChild(entry);
                }
                IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
                root.appendChild(text);
                try {
                    meta.mergeTree("javax_imageio_png_1.0", root);
                } catch (javax.imageio.metadata.IIOInvalidTreeException e) {
                    throw new IOException("cannot store provenance in PNG: " + e.getMessage(), e);
                }
                writer.write(null, new IIOImage(img, null, meta), param);
            } finally {
                writer.dispose();
            }
        });
    }

    /** Inserts a {@code <metadata>} element with the provenance right after the opening {@code <svg>} tag. */
    public static String withMetadata(String svg, Map<String, String> provenance) {
        StringBuilder meta = new StringBuilder("<metadata><attnplanes:provenance xmlns:attnplanes=\"https://attnplanes.org/provenance\">");
        for (Map.Entry<String, String> e : provenance.entrySet()) {
            meta.append("<attnplanes:entry key=\"").append(xml(e.getKey())).append("\">").append(xml(e.getValue()))
                    .append("</attnplanes:entry>");
        }
        meta.append("</attnplanes:provenance></metadata>");
        int open = svg.indexOf("<svg");
        int close = open < 0 ? -1 : svg.indexOf('>', open);
        if (close < 0) {
            throw new IllegalArgumentException("not an SVG document (no <svg> element)");
        }
        return svg.substring(0, close + 1) + meta + svg.substring(close + 1);
    }

    /** Reads the {@code attnplanes:} tEXt entries of a PNG (for tests and tools). */
    public static Map<String, String> readPngProvenance(Path png) throws IOException {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        javax.imageio.ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            reader.setInput(in);
            org.w3c.dom.Node root = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!"tEXt".equals(n.getNodeName())) {
                    continue;
                }
                for (org.w3c.dom.Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
                    String key = ((IIOMetadataNode) e).getAttribute("keyword");
                    if (key.startsWith("attnplanes:")) {
                        out.put(key.substring("attnplanes:".length()), ((IIOMetadataNode) e).getAttribute("value"));
                    }
                }
            }
        } finally {
            reader.dispose();
        }
        return out;
    }

    private static String latin1Keyword(String key) {
        String k = latin1(key);
        return k.length() > 79 ? k.substring(0, 79) : k;
    }

    private static String latin1(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
