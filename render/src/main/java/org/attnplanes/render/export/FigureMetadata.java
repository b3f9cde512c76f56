package org.attnplanes.render.export;

import java.awt.image.RenderedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.attnplanes.graph.io.AtomicFiles;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Provenance in figure files: PNG text chunks written and read through ImageIO metadata, and an SVG
 * {@code <metadata>} block. Keys are stored with the prefix {@value #PREFIX}; PNG uses {@code tEXt} chunks
 * for Latin-1 values and {@code iTXt} (UTF-8) otherwise.
 */
public final class FigureMetadata {

    /** Prefix of every provenance key in a figure file. */
    public static final String PREFIX = "attnplanes.";
    /** XML namespace of the SVG provenance entries. */
    public static final String SVG_NAMESPACE = "https://attnplanes.org/ns/provenance";

    /** The XML declaration that starts every SVG file written here (no DOCTYPE: SVG 2 has none). */
    public static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private static final String PNG_FORMAT = "javax_imageio_png_1.0";

    private FigureMetadata() {
    }

    /** Encodes an image as PNG bytes with the entries as text chunks. */
    public static byte[] pngBytes(RenderedImage image, Map<String, String> entries) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1 << 16);
        try {
            writePng(image, entries, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Writes a PNG with the entries as text chunks, atomically. */
    public static void writePng(RenderedImage image, Map<String, String> entries, Path target) {
        AtomicFiles.write(target, out -> writePng(image, entries, out));
    }

    /** Writes a PNG with the entries as text chunks to a stream (not closed). */
    public static void writePng(RenderedImage image, Map<String, String> entries, OutputStream out) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG writer available in this JRE");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            IIOMetadataNode root = new IIOMetadataNode(PNG_FORMAT);
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            IIOMetadataNode itxt = new IIOMetadataNode("iTXt");
            for (Map.Entry<String, String> e : entries.entrySet()) {
                String keyword = keyword(e.getKey());
                String value = e.getValue();
                if (StandardCharsets.ISO_8859_1.newEncoder().canEncode(value)) {
                    IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                    entry.setAttribute("keyword", keyword);
                    entry.setAttribute("value", value);
                    text.appendChild(entry);
                } else {
                    IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
                    entry.setAttribute("keyword", keyword);
                    entry.setAttribute("compressionFlag", "FALSE");
                    entry.setAttribute("compressionMethod", "0");
                    entry.setAttribute("languageTag", "");
                    entry.setAttribute("translatedKeyword", "");
                    entry.setAttribute("text", value);
                    itxt.appendChild(entry);
                }
            }
            if (text.hasChildNodes()) {
                root.appendChild(text);
            }
            if (itxt.hasChildNodes()) {
                root.appendChild(itxt);
            }
            try {
                meta.mergeTree(PNG_FORMAT, root);
            } catch (IIOInvalidTreeException e) {
                throw new IOException("cannot store provenance in PNG metadata: " + e.getMessage(), e);
            }
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, meta), param);
        } finally {
            writer.dispose();
        }
    }

    /** Reads the {@value #PREFIX} entries of a PNG file (prefix removed), in file order. */
    public static Map<String, String> readPng(Path file) {
        try {
            return readPng(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the {@value #PREFIX} entries of PNG bytes (prefix removed), in file order. */
    public static Map<String, String> readPng(byte[] png) throws IOException {
        try (InputStream in = new ByteArrayInputStream(png); ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new IOException("not an image ImageIO can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, false);
                IIOMetadata meta = reader.getImageMetadata(0);
                Node root = meta.getAsTree(PNG_FORMAT);
                Map<String, String> out = new LinkedHashMap<>();
                for (Node chunk = root.getFirstChild(); chunk != null; chunk = chunk.getNextSibling()) {
                    boolean t = chunk.getNodeName().equals("tEXt");
                    boolean i = chunk.getNodeName().equals("iTXt");
                    if (!t && !i) {
                        continue;
                    }
                    for (Node e = chunk.getFirstChild(); e != null; e = e.getNextSibling()) {
                        Element el = (Element) e;
                        String k = el.getAttribute("keyword");
                        if (k.startsWith(PREFIX)) {
                            out.put(k.substring(PREFIX.length()), el.getAttribute(t ? "value" : "text"));
                        }
                    }
                }
                return out;
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * Inserts a {@code <title>} and a {@code <metadata>} block with the entries right after the opening
     * {@code <svg>} tag of an SVG document.
     */
    public static String embedInSvg(String svg, String title, Map<String, String> entries) {
        int open = svg.indexOf("<svg");
        int end = open < 0 ? -1 : svg.indexOf('>', open);
        if (end < 0) {
            throw new IllegalArgumentException("not an SVG document: no <svg> start tag");
        }
        StringBuilder m = new StringBuilder();
        if (!title.isEmpty()) {
            m.append("<title>").append(xml(title)).append("</title>");
        }
        m.append("<metadata><ap:provenance xmlns:ap=\"").append(SVG_NAMESPACE).append("\">");
        for (Map.Entry<String, String> e : entries.entrySet()) {
            m.append("<ap:entry key=\"").append(xml(e.getKey())).append("\">").append(xml(e.getValue()))
                    .append("</ap:entry>");
        }
        m.append("</ap:provenance></metadata>");
        return svg.substring(0, end + 1) + m + svg.substring(end + 1);
    }

    /** Reads the provenance entries of an SVG file, in document order. */
    public static Map<String, String> readSvg(Path file) {
        try {
            Document doc = parseXml(Files.readAllBytes(file));
            NodeList list = doc.getElementsByTagNameNS(SVG_NAMESPACE, "entry");
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < list.getLength(); i++) {
                Element e = (Element) list.item(i);
                out.put(e.getAttribute("key"), e.getTextContent());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses XML bytes with a namespace-aware parser that loads no external DTD or entity. */
    public static Document parseXml(byte[] xml) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static String keyword(String key) {
        StringBuilder k = new StringBuilder(PREFIX);
        for (int i = 0; i < key.length() && k.length() < 79; i++) {
            char c = key.charAt(i);
            k.append(c >= 32 && c <= 126 ? c : '_');
        }
        return k.toString();
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
