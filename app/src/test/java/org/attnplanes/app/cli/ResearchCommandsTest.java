package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVRecord;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.testutil.TestFiles;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.topology.divergence.MTopDiv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code divergence} (MTop-Div, TOHA head selection) and the cross-barcode columns of {@code compare}, end to end
 * on the embedded all-MiniLM-L6-v2 (an encoder: the MTop-Div computation does not depend on causality).
 */
class ResearchCommandsTest {

    @TempDir
    Path dir;

    private static List<CSVRecord> csv(Path f) throws Exception {
        return TestFiles.csvRecords(f);
    }

    @Test
    void divergence_onePair_everyHeadMatchesMTopDivOnTheCapturedTrace() throws Exception {
        String prompt = "The Eiffel Tower is in Paris. Where is it?";
        String response = "It is in Rome.";
        Path out = dir.resolve("div");
        Cli.Result r = Cli.inProcess("divergence", "--prompt", prompt, "--response", response, "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<CSVRecord> rows = csv(out.resolve("mtopdiv.csv"));
        assertEquals(6 * 12, rows.size());
        AttentionTrace t;
        try (AttentionModel m = AttentionModel.openDefault()) {
            t = m.capture(prompt + " " + response);
        }
        // [CLS] + 12 prompt word pieces; the response "It is in Rome." and [SEP]
        int p = Integer.parseInt(rows.get(0).get("prompt_tokens"));
        assertEquals(t.tokenCount() - 6, p, "response = it, is, in, rome, '.', [SEP]");
        assertEquals("it", t.tokens().get(p).text());
        for (CSVRecord rec : rows) {
            int l = Integer.parseInt(rec.get("layer"));
            int h = Integer.parseInt(rec.get("head"));
            assertEquals(MTopDiv.score(t.attention(l, h), p), Double.parseDouble(rec.get("mtopdiv")), 1e-8);
        }
    }

    @Test
    void divergence_headSelection_writesHeadsAndScores() throws Exception {
        Path probe = dir.resolve("probe.csv");
        Files.writeString(probe, "prompt,response,label\n"
                + "\"Water boils at 100 degrees. When does it boil?\",\"At 100 degrees.\",0\n"
                + "\"Water boils at 100 degrees. When does it boil?\",\"At 40 degrees on the moon, they say.\",1\n"
                + "\"The cat is black. What colour is the cat?\",\"Black.\",0\n"
                + "\"The cat is black. What colour is the cat?\",\"It is a bright green parrot.\",1\n");
        Path out = dir.resolve("sel");
        Cli.Result r = Cli.inProcess("divergence", "--input", probe.toString(), "--select-heads", probe.toString(),
                "--top-heads", "3", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<CSVRecord> heads = csv(out.resolve("heads.csv"));
        assertEquals(72, heads.size());
        long selected = heads.stream().filter(h -> h.get("selected").equals("1")).count();
        assertTrue(selected >= 1 && selected <= 3, "selected " + selected);
        List<CSVRecord> scores = csv(out.resolve("scores.csv"));
        assertEquals(4, scores.size());
        // the selected heads are those with the largest gap, so on the probe set itself group 1 averages higher
        double g0 = (Double.parseDouble(scores.get(0).get("toha_score")) + Double.parseDouble(scores.get(2).get("toha_score")));
        double g1 = (Double.parseDouble(scores.get(1).get("toha_score")) + Double.parseDouble(scores.get(3).get("toha_score")));
        assertTrue(g1 > g0, g1 + " vs " + g0);
        assertTrue(r.out().startsWith("selected heads (layer.head): ["), r.out());
    }

    @Test
    void divergence_badInputs_exitTwoWithOneSentence() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "prompt,response,label\nA question?,An answer.,2\n");
        Cli.Result r = Cli.inProcess("divergence", "--select-heads", bad.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("label = \"2\"; allowed are 0 and 1"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        Cli.Result r2 = Cli.inProcess("divergence", "--prompt", "A question?", "--out", dir.resolve("y").toString());
        assertEquals(2, r2.exitCode());
        assertTrue(r2.err().contains("--prompt is given without --response"), r2.err());
        Cli.Result r3 = Cli.inProcess("divergence", "--prompt", "A?", "--response", "B.", "--top-heads", "0",
                "--out", dir.resolve("z").toString());
        assertEquals(2, r3.exitCode());
        assertTrue(Files.notExists(dir.resolve("z").resolve("mtopdiv.csv")));
        Path oneLabel = dir.resolve("one.csv");
        Files.writeString(oneLabel, "prompt,response,label\nA?,B.,1\nC?,D.,1\n");
        Cli.Result r4 = Cli.inProcess("divergence", "--prompt", "A?", "--response", "B.", "--select-heads",
                oneLabel.toString(), "--out", dir.resolve("w").toString());
        assertEquals(2, r4.exitCode());
        assertTrue(r4.err().contains("needs both labels 0 and 1"), r4.err());
        assertTrue(Files.notExists(dir.resolve("w")), "nothing written before the inputs are known to be usable");
    }

    @Test
    void compare_crossBarcodes_zeroForTheSameTextAndPositiveForAMinimalPair() throws Exception {
        Path same = dir.resolve("same");
        Cli.Result r = Cli.inProcess("compare", "--text", "The keys are on the table.", "--other-text",
                "The keys are on the table.", "--out", same.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (CSVRecord rec : csv(same.resolve("compare.csv"))) {
            assertEquals("0", rec.get("rtd"));
            assertEquals("0", rec.get("cross_h1_bars"));
        }
        Path off = dir.resolve("off");
        r = Cli.inProcess("compare", "--text", "The keys are on the table.", "--other-text",
                "The keys are on the table.", "--no-cross-barcodes", "--out", off.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(csv(off.resolve("compare.csv")).get(0).isMapped("rtd"));
        Path pair = dir.resolve("pair");
        r = Cli.inProcess("compare", "--text", "The keys to the cabinet are on the table.", "--other-text",
                "The key to the cabinets are on the table.", "--out", pair.toString());
        assertEquals(0, r.exitCode(), r.err());
        double total = 0;
        for (CSVRecord rec : csv(pair.resolve("compare.csv"))) {
            total += Double.parseDouble(rec.get("rtd"));
        }
        assertTrue(total > 0, "a minimal pair diverges somewhere: " + total);
    }

    @Test
    void analyze_researchFeatureColumns() throws Exception {
        Path out = dir.resolve("an");
        Cli.Result r = Cli.inProcess("analyze", "--text", "The keys to the cabinet are on the table.", "--la-tda",
                "--directed-flag", "2", "--lap-eigvals", "3", "--no-features", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<CSVRecord> rows = csv(out.resolve("planes.csv"));
        assertEquals(6 * 12, rows.size(), "analyze defaults to one plane per layer x head");
        for (CSVRecord rec : rows) {
            for (String c : List.of("attn_matching_t0.10", "attn_chordal_t0.10", "dflag_h0_bars", "dflag_h2_total",
                    "lap_eig1", "lap_eig3")) {
                assertTrue(rec.isMapped(c), c);
                assertFalse(rec.get(c).isEmpty(), c);
            }
            assertTrue(Double.parseDouble(rec.get("lap_eig1")) >= Double.parseDouble(rec.get("lap_eig2")));
        }
        Cli.Result bad = Cli.inProcess("analyze", "--text", "A b.", "--directed-flag", "3", "--out",
                dir.resolve("bad").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--directed-flag"), bad.err());
    }
}
