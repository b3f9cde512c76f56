package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVRecord;
import org.attnplanes.app.export.TidyTableWriter;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.testutil.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: {@code analyze --stats none}, the capture-only pass that is the baseline of the statistics' cost: the
 * same inputs, skips, planes and publication as a full run, with key columns only and no barcodes.
 */
class AnalyzeStatsNoneTest {

    @TempDir
    Path dir;

    @Test
    void statsNone_sameRowsAsFullRun_keyColumnsOnly_noBarcodes() throws Exception {
        Path corpus = dir.resolve("corpus.txt");
        Files.writeString(corpus, "The cat sat on the mat.\n\nA much longer sentence about dogs that bark at night.\n"
                + "Short one.\n");
        Path full = dir.resolve("full");
        Path none = dir.resolve("none");
        Cli.Result f = Cli.inProcess("analyze", "--input", corpus.toString(), "--out", full.toString(),
                "--batch", "2", "--no-features");
        assertEquals(0, f.exitCode(), f.err());
        Cli.Result r = Cli.inProcess("analyze", "--input", corpus.toString(), "--out", none.toString(),
                "--batch", "2", "--stats", "none");
        assertEquals(0, r.exitCode(), r.err());
        // the same bad line is skipped the same way
        assertTrue(r.err().contains("line 2 skipped"), r.err());
        assertEquals(f.err().lines().filter(l -> l.contains("skipped")).toList(),
                r.err().lines().filter(l -> l.contains("skipped")).toList());

        List<CSVRecord> fullRows = TestFiles.csvRecords(full.resolve("planes.csv"));
        List<CSVRecord> noneRows = TestFiles.csvRecords(none.resolve("planes.csv"));
        assertEquals(TidyTableWriter.KEY_COLUMNS, TestFiles.csvHeader(none.resolve("planes.csv")));
        assertTrue(TestFiles.csvHeader(full.resolve("planes.csv")).size() > TidyTableWriter.KEY_COLUMNS.size());
        assertEquals(keys(fullRows), keys(noneRows), "the capture-only pass has one row per plane of the full run");
        assertEquals(3 * 6 * 12, noneRows.size(), "3 good inputs x 6 layers x 12 heads (per-head planes)");

        assertTrue(Files.exists(full.resolve("barcodes.json")));
        assertFalse(Files.exists(none.resolve("barcodes.json")), "no barcodes are computed, so none are written");
        JsonNode prov = new ObjectMapper().readTree(none.resolve("provenance.json").toFile());
        assertTrue(prov.path("provenance").path("topology.stats").asText().startsWith("none"), prov.toString());
        assertFalse(prov.path("provenance").has("topology.max_dim"), prov.toString());
        // no statistics are computed, so the topology stage is nearly empty. Its seconds are wall time summed over the
        // workers, so on a loaded machine they are not exactly 0 (0.013 s seen in CI beside another build): the bound
        // leaves room for that
        assertEquals(0.0, prov.path("run").path("worker_seconds").path("topology").asDouble(), 0.1);
        assertTrue(prov.path("run").path("worker_seconds").path("capture").asDouble() > 0, prov.toString());
        List<String> files = new ArrayList<>();
        prov.path("run").path("files").forEach(n -> files.add(Path.of(n.asText()).getFileName().toString()));
        assertEquals(List.of("planes.csv"), files, "the files besides provenance.json itself");
        assertTrue(r.out().contains("wrote " + none.resolve("planes.csv")), r.out());
        assertFalse(r.out().contains("barcodes.json"), r.out());
    }

    @Test
    void statsNone_overwritingAFullRun_removesItsBarcodes() throws Exception {
        Path out = dir.resolve("out");
        Cli.Result f = Cli.inProcess("analyze", "--text", "The cat sat on the mat.", "--out", out.toString(),
                "--heads", "mean", "--no-features");
        assertEquals(0, f.exitCode(), f.err());
        assertTrue(Files.exists(out.resolve("barcodes.json")));
        Cli.Result r = Cli.inProcess("analyze", "--text", "The cat sat on the mat.", "--out", out.toString(),
                "--heads", "mean", "--stats", "none", "--overwrite");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(Files.exists(out.resolve("barcodes.json")), "a folder never holds files of two runs");
        assertEquals(6, TestFiles.csvRecords(out.resolve("planes.csv")).size());
    }

    @Test
    void statsNone_withSaveMatrices_exportsThePlanes() throws Exception {
        Path out = dir.resolve("out");
        Path npz = dir.resolve("m.npz");
        Cli.Result r = Cli.inProcess("analyze", "--text", "The cat sat on the mat.", "--out", out.toString(),
                "--heads", "mean", "--stats", "none", "--save-matrices", npz.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.size(npz) > 6 * 8 * 8 * 4, "6 mean planes of 8 tokens as float32");
    }

    @Test
    void statsNone_withFiguresOrATopologyOption_exit2NamingBoth() {
        for (List<String> extra : List.of(List.of("--figures"), List.of("--max-dim", "2"),
                List.of("--thresholds", "0.2"), List.of("--no-features"), List.of("--min-weight", "0.01"))) {
            List<String> args = new ArrayList<>(List.of("analyze", "--text", "Hi.", "--out",
                    dir.resolve("x").toString(), "--stats", "none"));
            args.addAll(extra);
            Cli.Result r = Cli.inProcess(args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), extra + ": " + r.err());
            assertEquals("attnplanes analyze: --stats none computes no statistics, so " + extra.get(0)
                    + " would have no effect; drop one of the two.", r.err().strip(), extra.toString());
            assertFalse(Files.exists(dir.resolve("x")), "nothing written for " + extra);
        }
    }

    @Test
    void stats_unknownValue_exit2ListingTheChoices() {
        Cli.Result r = Cli.inProcess("analyze", "--text", "Hi.", "--out", dir.resolve("x").toString(),
                "--stats", "some");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("attnplanes analyze: --stats some is not one of full, none.", r.err().lines().findFirst()
                .orElse(""));
        assertFalse(r.err().contains("\tat "), r.err());
    }

    private static List<String> keys(List<CSVRecord> rows) {
        List<String> out = new ArrayList<>();
        for (CSVRecord r : rows) {
            out.add(r.get("input") + "/" + r.get("layer") + "/" + r.get("head") + "/" + r.get("tokens") + "/"
                    + r.get("block"));
        }
        return out;
    }
}
