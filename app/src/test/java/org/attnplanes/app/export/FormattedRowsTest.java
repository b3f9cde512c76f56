package org.attnplanes.app.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.attnplanes.graph.io.Sha256;
import org.attnplanes.topology.io.BarcodeJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: rows formatted in advance by the workers ({@link FormattedRows}) make {@code planes.csv} and
 * {@code barcodes.json} byte for byte as the writers formatting everything at the end ({@link LegacyWriters}, the
 * oracle), on seeded random corpora with awkward labels and values: some inputs formatted (on several threads),
 * some not, some formatted but written from other records (as a resumed run reads rows back from its checkpoint),
 * some under a header that is not their schema (mixed schemas), and with and without barcodes.
 */
class FormattedRowsTest {

    @TempDir
    Path dir;

    private static final String[] HEADS = {"0", "11", "mean", "max", "a,b", "q\"x", " lead", "#x", "", "tab\t",
        "\u00fc", "\ud83d\ude00", "x\ny", "-1", "\u2028", "\ud800", "h.1_2-3+4"};
    private static final String[] BLOCKS = {"self", "encoder", "decoder", "cross"};
    private static final StatsMap.Columns ONE =
            new StatsMap.Columns(List.of("betti0_t0.50", "h0_total", "h1_mean", "cliques3_t0.10"));
    private static final StatsMap.Columns TWO = new StatsMap.Columns(List.of("betti0_t0.50", "extra \"col\"", "h1_mean"));

    @Test
    void seededCorpora_formattedInParts_bothFilesByteIdenticalToLegacy() throws Exception {
        long seed = 1607L;
        SplittableRandom rnd = new SplittableRandom(seed);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 60; round++) {
                boolean mixed = round % 5 == 4;
                boolean barcodes = round % 7 != 3;
                List<List<PlaneRecord>> inputs = new ArrayList<>();
                for (int input = 1, n = rnd.nextInt(1, 30); input <= n; input++) {
                    List<PlaneRecord> rows = new ArrayList<>();
                    for (int r = rnd.nextInt(0, 12); r > 0; r--) {
                        rows.add(row(rnd, input, mixed && rnd.nextInt(4) == 0 ? TWO : ONE));
                    }
                    inputs.add(rows);
                }
                FormattedRows formatted = new FormattedRows(barcodes);
                List<Future<?>> adds = new ArrayList<>();
                List<PlaneRecord> all = new ArrayList<>();
                int expectCopied = 0;
                for (List<PlaneRecord> rows : inputs) {
                    int how = rnd.nextInt(4);  // 0: not formatted, 1: formatted, 2: read back (other records), 3: twice
                    for (int k = how == 0 ? 0 : how == 3 ? 2 : 1; k > 0; k--) {
                        adds.add(pool.submit(() -> formatted.add(rows)));
                    }
                    List<PlaneRecord> written = how == 2 ? copies(rows) : rows;
                    all.addAll(written);
                    if (how != 0 && how != 2 && !rows.isEmpty()) {
                        expectCopied++;
                    }
                }
                for (Future<?> f : adds) {
                    f.get();
                }
                int copied = 0;
                for (int i = 0; i < all.size(); i++) {
                    FormattedRows.Input done = formatted.at(all, i);
                    if (done != null) {
                        assertEquals(all.get(i).input(), done.rows().get(0).input());
                        copied++;
                        i += done.rows().size() - 1;
                    }
                }
                assertEquals(expectCopied, copied, "seed " + seed + ", round " + round + ": inputs to copy");
                Map<String, String> provenance = new LinkedHashMap<>();
                provenance.put("model_file", "model \u00fc.onnx");
                provenance.put("note", "two\nlines, \"quoted\" \ud83d\ude00");
                assertIdentical(provenance, all, formatted, barcodes, "seed " + seed + ", round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void at_recordsDifferOrAreFewer_null() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<PlaneRecord> rows = List.of(row(rnd, 3, ONE), row(rnd, 3, ONE), row(rnd, 3, ONE));
        FormattedRows formatted = new FormattedRows(true);
        formatted.add(rows);
        assertNotNull(formatted.at(rows, 0));
        assertNull(formatted.at(rows.subList(0, 2), 0), "fewer rows than formatted");
        assertNull(formatted.at(List.of(rows.get(0), rows.get(2), rows.get(1)), 0), "another order");
        assertNull(formatted.at(copies(rows), 0), "equal records, not the same");
        assertNull(formatted.at(rows, 1), "from the middle of the input");
        List<PlaneRecord> twoInputs = List.of(rows.get(0), row(rnd, 4, ONE));
        FormattedRows none = new FormattedRows(true);
        none.add(twoInputs);   // rows of two inputs: left to the writers
        assertNull(none.at(twoInputs, 0));
    }

    private static List<PlaneRecord> copies(List<PlaneRecord> rows) {
        List<PlaneRecord> out = new ArrayList<>();
        for (PlaneRecord r : rows) {
            out.add(new PlaneRecord(r.input(), r.layer(), r.head(), r.tokens(), r.stats(), r.barcodes(), r.block()));
        }
        return out;
    }

    private static PlaneRecord row(SplittableRandom rnd, int input, StatsMap.Columns c) {
        double[] v = new double[c.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = value(rnd);
        }
        List<List<double[]>> bars = new ArrayList<>();
        for (int d = rnd.nextInt(0, 4); d > 0; d--) {
            List<double[]> dim = new ArrayList<>();
            for (int b = rnd.nextInt(0, 8); b > 0; b--) {
                dim.add(new double[] {value(rnd), rnd.nextInt(5) == 0 ? Double.POSITIVE_INFINITY : value(rnd)});
            }
            bars.add(dim);
        }
        return new PlaneRecord(input, rnd.nextInt(0, 24), HEADS[rnd.nextInt(HEADS.length)], rnd.nextInt(1, 600),
                new StatsMap(c, v), bars, BLOCKS[rnd.nextInt(BLOCKS.length)]);
    }

    private static double value(SplittableRandom rnd) {
        return switch (rnd.nextInt(9)) {
            case 0 -> rnd.nextInt(0, 500);
            case 1 -> Double.NaN;
            case 2 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 3 -> -0.0;
            case 4 -> Double.longBitsToDouble(rnd.nextLong());
            case 5 -> Float.intBitsToFloat(rnd.nextInt());
            case 6 -> rnd.nextDouble();
            default -> (float) rnd.nextDouble();
        };
    }

    private void assertIdentical(Map<String, String> provenance, List<PlaneRecord> rows, FormattedRows formatted,
                                 boolean barcodes, String what) throws Exception {
        Path csv = dir.resolve("planes.csv");
        ByteArrayOutputStream legacyCsv = new ByteArrayOutputStream();
        LegacyWriters.csv(legacyCsv, provenance, rows);
        String csvSha = TidyTableWriter.writeHashed(csv, provenance, rows, formatted);
        assertArrayEquals(legacyCsv.toByteArray(), Files.readAllBytes(csv), what + ": planes.csv");
        assertEquals(Sha256.ofFile(csv), csvSha, what);
        if (!barcodes) {
            return;
        }
        Path json = dir.resolve("barcodes.json");
        ByteArrayOutputStream legacyJson = new ByteArrayOutputStream();
        LegacyWriters.barcodes(legacyJson, BarcodeJson.PLANE_FILTRATION, provenance, rows);
        String jsonSha = JsonExport.writeBarcodesHashed(json, provenance, rows, formatted);
        assertArrayEquals(legacyJson.toByteArray(), Files.readAllBytes(json), what + ": barcodes.json");
        assertEquals(Sha256.ofFile(json), jsonSha, what);
    }
}
