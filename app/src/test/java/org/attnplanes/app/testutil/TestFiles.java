package org.attnplanes.app.testutil;

import java.awt.image.BufferedImage;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.w3c.dom.Document;

/** Helpers for checking result files (CSV tables, figures) in tests. */
public final class TestFiles {

    private TestFiles() {
    }

    /** The records of a CSV file with a header line and {@code #} comment lines (planes.csv and the like). */
    public static List<CSVRecord> csvRecords(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file);
             CSVParser p = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                     .build().parse(r)) {
            return p.getRecords();
        }
    }

    /** The column names of a CSV file as {@link #csvRecords} reads it. */
    public static List<String> csvHeader(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file);
             CSVParser p = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                     .build().parse(r)) {
            return p.getHeaderNames();
        }
    }

    /** Parses an XML file without fetching external DTDs (JFreeSVG writes an SVG 1.1 DOCTYPE). */
    public static Document parseXml(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    /** Number of distinct colours in an image, capped at {@code cap}. */
    public static long distinctColours(BufferedImage img, int cap) {
        return IntStream.range(0, img.getWidth() * img.getHeight())
                .map(i -> img.getRGB(i % img.getWidth(), i / img.getWidth())).distinct().limit(cap).count();
    }
}
