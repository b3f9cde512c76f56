package org.attnplanes.app.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.attnplanes.app.workbench.Analysis;
import org.attnplanes.app.workbench.TopologySettings;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.io.Sha256;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.topology.io.BarcodeJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: the byte-level writers of {@code planes.csv} and {@code barcodes.json} ({@link TidyTableWriter},
 * {@link JsonExport} over {@link Utf8Sink}, {@link BarcodeJson} building each plane in one line) write exactly the
 * bytes of the writers they replaced ({@link LegacyWriters}), on seeded random rows with awkward labels and values
 * and on the rows of a real MiniLM analysis with analyze's default statistics; the SHA-256 they return for the
 * manifest is the file's.
 */
class TableWritersIdentityTest {

    @TempDir
    Path dir;

    @Test
    void format_seededValuesOfEveryKind_identicalToLegacy() {
        long seed = 20261206L;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, 1e-4, Math.nextDown(1e-4), 1e9, Math.nextDown(1e9),
            1e15, Math.nextDown(1e15), -1e15, 0.5, 0.05, 0.999999999, 0.9999999995, 99999999.95, 123456789.5,
            1e-5, 4.2e-320, (double) Float.MIN_VALUE, 1.0 / 3, -2.0 / 3, 1e300};
        for (double v : special) {
            assertEquals(LegacyWriters.format(v), TidyTableWriter.format(v), "value " + v);
        }
        for (int i = 0; i < 1_000_000; i++) {
            double v = switch (i % 6) {
                case 0 -> rnd.nextDouble();
                case 1 -> (float) rnd.nextDouble();
                case 2 -> Math.pow(10, rnd.nextDouble(-12, 17)) * (rnd.nextBoolean() ? 1 : -1);
                case 3 -> rnd.nextInt(-100_000, 100_000) / 64.0;
                case 4 -> Double.longBitsToDouble(rnd.nextLong());
                default -> rnd.nextInt(-1_000_000_000, 1_000_000_000) / Math.pow(10, rnd.nextInt(0, 13));
            };
            assertEquals(LegacyWriters.format(v), TidyTableWriter.format(v), "seed " + seed + ", value " + v);
        }
    }

    /**
     * The numbers of {@code barcodes.json} ({@link BarcodeLines}: {@code +0.0} directly, others through one reused
     * builder) are the legacy writer's on 1 M seeded values of every kind, bar ends as analyze computes them
     * (float32 values 1 - w) most of all.
     */
    @Test
    void barcodeNumbers_seededValuesOfEveryKind_identicalToLegacy() throws Exception {
        long seed = 1612L;
        SplittableRandom rnd = new SplittableRandom(seed);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Utf8Sink sink = new Utf8Sink(bytes, null);
        BarcodeLines lines = new BarcodeLines(sink);
        StringBuilder want = new StringBuilder();
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0, -1.0,
            Double.MIN_VALUE, Float.MIN_VALUE, Float.MAX_VALUE, Double.MAX_VALUE, 1e-3f, 1e-3, 1e7f, 1e7, 0.1f, 0.1,
            Math.nextUp(0.0f), Math.nextDown(1.0f), 1 - Math.ulp(1.0f) / 2, 16_777_217};
        for (int i = 0; i < 1_000_000 + special.length; i++) {
            double v = i < special.length ? special[i] : switch (i % 7) {
                case 0, 1, 2 -> 1f - (float) rnd.nextDouble();
                case 3 -> Float.intBitsToFloat(rnd.nextInt());
                case 4 -> Double.longBitsToDouble(rnd.nextLong());
                case 5 -> rnd.nextDouble();
                default -> rnd.nextBoolean() ? 0.0 : rnd.nextInt(-1000, 1000);
            };
            lines.number(v);
            sink.ascii(',');
            want.append(LegacyWriters.number(v)).append(',');
        }
        sink.close();
        assertEquals(want.toString(), bytes.toString(java.nio.charset.StandardCharsets.UTF_8), "seed " + seed);
    }

    @Test
    void seededRowsWithAwkwardLabelsAndMixedSchemas_bothFilesByteIdenticalToLegacy() throws Exception {
        long seed = 16L;
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] heads = {"0", "11", "mean", "max", "a,b", "q\"x", " lead", "trail ", "#x", "", "tab\t", "\u00fc",
            "\ud83d\ude00", "x\ny", "r\rs", "-1", "+", "!", "a\\b", "\u2028", "\u0001", "\ud800", "h.1_2-3+4"};
        String[] blocks = {"self", "encoder", "decoder", "cross"};
        StatsMap.Columns one = new StatsMap.Columns(List.of("betti0_t0.50", "h0_total", "h1_mean", "cliques3_t0.10"));
        StatsMap.Columns two = new StatsMap.Columns(List.of("betti0_t0.50", "extra \"col\"", "h1_mean"));
        for (int round = 0; round < 40; round++) {
            boolean mixed = round % 4 == 3;
            List<PlaneRecord> rows = new ArrayList<>();
            for (int r = rnd.nextInt(0, 60); r > 0; r--) {
                StatsMap.Columns c = mixed && rnd.nextBoolean() ? two : one;
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
                rows.add(new PlaneRecord(rnd.nextInt(1, 500), rnd.nextInt(0, 24), heads[rnd.nextInt(heads.length)],
                        rnd.nextInt(1, 600), new StatsMap(c, v), bars, blocks[rnd.nextInt(blocks.length)]));
            }
            Map<String, String> provenance = new LinkedHashMap<>();
            provenance.put("model_file", "model \u00fc.onnx");
            provenance.put("note", "two\nlines, \"quoted\"\r\n\t\u2029 \ud83d\ude00");
            if (round % 5 == 0) {
                provenance.clear();
            }
            assertIdentical(provenance, rows, "seed " + seed + ", round " + round);
        }
    }

    /**
     * A real run: 10 sentences through all-MiniLM-L6-v2 with analyze's default graph (72 head planes each) and
     * default statistics (thresholds, H≤1, cliques ≤ 4, Kushnareva features), rows sorted by input as analyze
     * writes them.
     */
    @Test
    void realMiniLmAnalysis_defaultStatistics_bothFilesByteIdenticalToLegacy() throws Exception {
        GraphSpec spec = GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).links().classifier(false).build();
        TopologySettings topology = new TopologySettings(TopologySettings.DEFAULT_THRESHOLDS,
                TopologySettings.DEFAULT_MAX_DIM, TopologySettings.DEFAULT_MAX_CLIQUE, true, false);
        Analysis analysis = new Analysis(spec, topology, 1);
        List<String> texts = List.of("The cat sat on the mat.", "A quiet river runs past the old mill at dawn.",
                "Colorless green ideas sleep furiously.", "She sells sea shells by the sea shore.",
                "Time flies like an arrow; fruit flies like a banana.", "Hi.",
                "The committee postponed its decision until the report, which was late, arrived.",
                "Rain again.", "Über den Wolken muss die Freiheit wohl grenzenlos sein.", "1, 2, 3 \"go\"!");
        List<PlaneRecord> rows;
        try (AttentionModel model = Workbench.open(null, CaptureOptions.builder().threads(1).build())) {
            rows = new ArrayList<>(analysis.analyzeTexts(model, 1, texts).rows());
        }
        rows.sort(Comparator.comparingInt(PlaneRecord::input));
        assertEquals(10 * 72, rows.size());
        assertTrue(rows.get(0).stats().size() > 90, "the default statistics: " + rows.get(0).stats().size());
        Map<String, String> provenance = new LinkedHashMap<>(analysis.settings());
        assertIdentical(provenance, rows, "MiniLM");
    }

    private void assertIdentical(Map<String, String> provenance, List<PlaneRecord> rows, String what)
            throws Exception {
        Path csv = dir.resolve("planes.csv");
        Path json = dir.resolve("barcodes.json");
        String csvSha = TidyTableWriter.writeHashed(csv, provenance, rows);
        String jsonSha = JsonExport.writeBarcodesHashed(json, provenance, rows);
        ByteArrayOutputStream legacyCsv = new ByteArrayOutputStream();
        LegacyWriters.csv(legacyCsv, provenance, rows);
        ByteArrayOutputStream legacyJson = new ByteArrayOutputStream();
        LegacyWriters.barcodes(legacyJson, BarcodeJson.PLANE_FILTRATION, provenance, rows);
        assertArrayEquals(legacyCsv.toByteArray(), Files.readAllBytes(csv), what + ": planes.csv");
        assertArrayEquals(legacyJson.toByteArray(), Files.readAllBytes(json), what + ": barcodes.json");
        assertEquals(Sha256.ofFile(csv), csvSha, what);
        assertEquals(Sha256.ofFile(json), jsonSha, what);
        TidyTableWriter.write(csv, provenance, rows);          // the plain entry points write the same
        JsonExport.writeBarcodes(json, provenance, rows);
        assertArrayEquals(legacyCsv.toByteArray(), Files.readAllBytes(csv), what + ": planes.csv, unhashed");
        assertArrayEquals(legacyJson.toByteArray(), Files.readAllBytes(json), what + ": barcodes.json, unhashed");
    }

    private static double value(SplittableRandom rnd) {
        return switch (rnd.nextInt(10)) {
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
}
