package org.attnplanes.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.attnplanes.app.testutil.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TidyTableWriterTest {

    @TempDir
    Path dir;

    @Test
    void write_rowsWithDifferentStatistics_unionOfColumnsAndCommentsFirst() throws Exception {
        Map<String, Double> a = new LinkedHashMap<>();
        a.put("betti0_t0.10", 3.0);
        a.put("h1_total", 0.125);
        Map<String, Double> b = new LinkedHashMap<>();
        b.put("betti0_t0.10", 1.0);
        b.put("cliques_3", 7.0);
        b.put("h1_total", Double.NaN);
        List<PlaneRecord> rows = List.of(new PlaneRecord(1, 0, "mean", 5, a, List.of()),
                new PlaneRecord(2, 1, "3", 6, b, List.of()));
        Path f = dir.resolve("planes.csv");
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("model", "m.onnx");
        prov.put("note", "two\nlines");

        TidyTableWriter.write(f, prov, rows);

        List<String> lines = Files.readAllLines(f);
        assertEquals("# model: m.onnx", lines.get(0));
        assertEquals("# note: two lines", lines.get(1));
        assertEquals("input,layer,head,tokens,betti0_t0.10,h1_total,cliques_3", lines.get(2));
        List<CSVRecord> recs = TestFiles.csvRecords(f);
        assertEquals(2, recs.size());
        assertEquals("0.125", recs.get(0).get("h1_total"));
        assertEquals("", recs.get(0).get("cliques_3"));
        assertEquals("NaN", recs.get(1).get("h1_total"));
        assertEquals("3", recs.get(1).get("head"));
    }

    @Test
    void format_values_integersPlainOthersCompact() {
        assertEquals("3", TidyTableWriter.format(3.0));
        assertEquals("0.1", TidyTableWriter.format(0.1));
        assertEquals("inf", TidyTableWriter.format(Double.POSITIVE_INFINITY));
        assertEquals("0.333333333", TidyTableWriter.format(1.0 / 3));
    }

    @Test
    void format_randomValuesOverAllMagnitudes_matchesNineSignificantDigitReference() {
        long seed = 20261125L;
        SplittableRandom rnd = new SplittableRandom(seed);
        int ties = 0;
        for (int i = 0; i < 200_000; i++) {
            double v;
            switch (i % 4) {
                case 0 -> v = rnd.nextDouble();                                       // [0, 1)
                case 1 -> v = (float) rnd.nextDouble();                               // float32 values
                case 2 -> v = Math.pow(10, rnd.nextDouble(-12, 16)) * (rnd.nextBoolean() ? 1 : -1);
                default -> v = rnd.nextInt(-1000, 1000) / 64.0;                        // short binary fractions
            }
            String ours = TidyTableWriter.format(v);
            String ref = reference(v);
            if (!ours.equals(ref)) {
                // allowed only at a rounding tie of the 10th significant digit: the values differ by one unit
                // in the 9th digit, and both are within half a unit (plus round-off) of v
                double o = Double.parseDouble(ours);
                double r = Double.parseDouble(ref);
                double unit = Math.pow(10, Math.floor(Math.log10(Math.abs(v))) - 8);
                assertTrue(Math.abs(o - r) <= unit * 1.0001 && Math.abs(o - v) <= unit * 0.5001,
                        "seed " + seed + ", value " + v + ": " + ours + " vs reference " + ref);
                ties++;
            }
            assertEquals(v, Double.parseDouble(ours), Math.abs(v) * 6e-9, "seed " + seed + ", value " + v);
        }
        assertTrue(ties < 20, "seed " + seed + ": " + ties + " values differ from the reference");
    }

    /** The definition: {@code %.9g} with trailing zeros of the fraction (and a trailing point) removed. */
    private static String reference(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.9g", v);
        if (s.contains("e") || !s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
