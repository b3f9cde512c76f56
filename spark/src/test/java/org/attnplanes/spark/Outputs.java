package org.attnplanes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.attnplanes.app.export.JsonExport;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.export.TidyTableWriter;

/** Compares the Parquet tables of spark-analyze with analyze's planes.csv and barcodes.json. */
final class Outputs {

    private Outputs() {
    }

    /** planes.csv without the # lines: header and rows. */
    static List<CSVRecord> planesCsv(Path analyzeOut, List<String> header) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(analyzeOut.resolve("planes.csv"))) {
            if (!line.startsWith("#")) {
                sb.append(line).append('\n');
            }
        }
        try (Reader r = new java.io.StringReader(sb.toString());
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            header.addAll(p.getHeaderNames());
            return p.getRecords();
        }
    }

    /**
     * Asserts that the planes table has analyze's columns in the same order and, joined on (input, layer, head),
     * every cell equal to 9 significant digits (planes.csv's own formatting of the double), with no duplicates.
     */
    static void assertSamePlanes(SparkSession spark, Path analyzeOut, String sparkOut) throws Exception {
        List<String> header = new ArrayList<>();
        List<CSVRecord> csv = planesCsv(analyzeOut, header);
        var table = spark.read().parquet(sparkOut + "/planes");
        assertEquals(header, List.of(table.columns()), "planes columns");
        List<Row> rows = table.collectAsList();
        assertEquals(csv.size(), rows.size(), "planes rows");
        Map<String, Row> byKey = new LinkedHashMap<>();
        for (Row r : rows) {
            Row previous = byKey.put(r.getInt(0) + "/" + r.getInt(1) + "/" + r.getString(2), r);
            assertEquals(null, previous, "duplicate plane " + r.getInt(0) + "/" + r.getInt(1) + "/" + r.getString(2));
        }
        for (CSVRecord c : csv) {
            String key = c.get(0) + "/" + c.get(1) + "/" + c.get(2);
            Row r = byKey.get(key);
            assertTrue(r != null, "plane " + key + " is missing from the Parquet table");
            assertEquals(c.get(3), Integer.toString(r.getInt(3)), key + " tokens");
            assertEquals(c.get(4), r.getString(4), key + " block");
            for (int i = 5; i < header.size(); i++) {
                String cell = r.isNullAt(i) ? "" : TidyTableWriter.format(r.getDouble(i));
                assertEquals(c.get(i), cell, key + " " + header.get(i));
            }
        }
    }

    /** Asserts that the long-form barcodes equal barcodes.json bar by bar, in order. */
    static void assertSameBarcodes(SparkSession spark, Path analyzeOut, String sparkOut) {
        List<PlaneRecord> json = JsonExport.readBarcodes(analyzeOut.resolve("barcodes.json"));
        Map<String, List<double[]>> expected = new LinkedHashMap<>();
        for (PlaneRecord p : json) {
            List<double[]> bars = new ArrayList<>();
            for (int dim = 0; dim < p.barcodes().size(); dim++) {
                for (double[] b : p.barcodes().get(dim)) {
                    bars.add(new double[] {dim, b[0], b[1]});
                }
            }
            expected.put(p.input() + "/" + p.layer() + "/" + p.head(), bars);
        }
        var table = spark.read().parquet(sparkOut + "/barcodes");
        assertEquals(List.of("input", "layer", "head", "dim", "birth", "death"), List.of(table.columns()));
        Map<String, List<double[]>> actual = new LinkedHashMap<>();
        for (Row r : table.collectAsList()) { // files are written in (input, plane, bar) order
            actual.computeIfAbsent(r.getInt(0) + "/" + r.getInt(1) + "/" + r.getString(2), k -> new ArrayList<>())
                    .add(new double[] {r.getInt(3), r.getDouble(4), r.getDouble(5)});
        }
        assertEquals(expected.keySet(), actual.keySet(), "barcode planes");
        for (String key : expected.keySet()) {
            List<double[]> e = expected.get(key);
            List<double[]> a = actual.get(key);
            assertEquals(e.size(), a.size(), key + " bars");
            for (int i = 0; i < e.size(); i++) {
                assertEquals(e.get(i)[0], a.get(i)[0], key + " bar " + i + " dim");
                assertSameNumber(e.get(i)[1], a.get(i)[1], key + " bar " + i + " birth");
                assertSameNumber(e.get(i)[2], a.get(i)[2], key + " bar " + i + " death");
            }
        }
    }

    /** barcodes.json writes a float-valued double as a float: compare the way it was written. */
    private static void assertSameNumber(double fromJson, double fromParquet, String what) {
        if ((float) fromParquet == fromParquet) {
            assertEquals((float) fromJson, (float) fromParquet, what);
        } else {
            assertEquals(fromJson, fromParquet, what);
        }
    }

    /** The errors table as "input: reason" lines. */
    static List<String> errors(SparkSession spark, String sparkOut) {
        var table = spark.read().parquet(sparkOut + "/errors");
        assertEquals(List.of("input", "reason"), List.of(table.columns()));
        List<String> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Row r : table.orderBy("input").collectAsList()) {
            assertTrue(seen.add(r.getInt(0)), "duplicate error row for input " + r.getInt(0));
            out.add(r.getInt(0) + ": " + r.getString(1));
        }
        return out;
    }
}
