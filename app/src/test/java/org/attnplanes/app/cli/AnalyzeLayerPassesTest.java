package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.testutil.DecoderFolders;
import org.attnplanes.testmodels.DecoderOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze --max-memory} (issue 11): an input whose requested layers exceed the budget is captured in several
 * passes over layer groups, each group analysed before the next, with exactly the rows of one unconstrained pass.
 */
class AnalyzeLayerPassesTest {

    private static final String[] CHEAP = {"--max-dim", "0", "--max-clique", "2", "--no-features", "--thresholds",
        "0.5", "--threads", "1"};

    @TempDir
    Path dir;

    private Path llama() throws Exception {
        return DecoderFolders.mergedLlama(dir.resolve("llama"), 5);
    }

    private Path gpt2() throws Exception {
        return DecoderFolders.gpt2(dir.resolve("gpt2"), 3);
    }

    /**
     * 2,048 tokens of a rotary decoder (2 layers × 4 heads: 64 MiB of attention per layer) in a child JVM with
     * {@code -Xmx512m}: the default budget (a quarter of the heap, 128 MiB) holds one layer and its copy-out, so
     * every layer gets its own pass; the rows equal those of one pass in this JVM.
     */
    @Test
    void analyze_2048TokensUnder512mHeap_twoPassesRowsEqualOneUnconstrainedPass() throws Exception {
        Path model = llama();
        Path text = dir.resolve("long.txt");
        Files.writeString(text, "The cat sat on the mat. ".repeat(200));
        Path child = Files.createDirectories(dir.resolve("child"));
        String[] common = {"analyze", "--model", model.toString(), "--input", text.toString(), "--max-tokens",
            "2048", "--truncate"};
        Cli.Result small = Cli.processWithHeap(child, "-Xmx512m", 600, true, concat(common, CHEAP, "--out",
                child.resolve("out").toString()));
        assertEquals(0, small.exitCode(), small.err());
        assertTrue(small.out().contains("1 inputs exceeded --max-memory (a quarter of the heap) and were captured in"
                + " 2 passes over layer groups"), small.out());
        assertTrue(Files.readString(child.resolve("out/provenance.json")).contains("\"inputs_in_layer_passes\" : 1"));

        Path one = dir.resolve("one");
        Cli.Result big = Cli.inProcess(concat(common, CHEAP, "--max-memory", "4g", "--out", one.toString()));
        assertEquals(0, big.exitCode(), big.err());
        assertFalse(big.out().contains("passes"), big.out());

        List<String> a = body(child.resolve("out/planes.csv"));
        List<String> b = body(one.resolve("planes.csv"));
        assertEquals(1 + DecoderOnnx.LAYERS * DecoderOnnx.HEADS, a.size());
        assertTrue(a.get(1).startsWith("1,0,0,2048,"), a.get(1));
        assertEquals(b, a);
    }

    /** Every normalization, a selected layer subset and a corpus: a 100-byte budget gives one pass per layer. */
    @Test
    void analyze_tinyBudget_onePassPerLayerSameRowsForEveryNormalization() throws Exception {
        Path model = gpt2();
        Path corpus = dir.resolve("c.txt");
        Files.writeString(corpus, "The cat sat on the mat.\nthe cat\nThe mat sat on the cat sat on the mat.\n");
        for (String norm : List.of("global-abs-minmax", "per-layer", "log", "rank", "per-row")) {
            for (String layers : List.of("all", "1")) {
                String[] common = {"analyze", "--model", model.toString(), "--input", corpus.toString(),
                    "--normalization", norm, "--layers", layers, "--threads", "1"};
                Path split = dir.resolve(norm + layers + "-split");
                Path whole = dir.resolve(norm + layers + "-whole");
                Cli.Result s = Cli.inProcess(concat(common, new String[0], "--max-memory", "100", "--out",
                        split.toString()));
                Cli.Result w = Cli.inProcess(concat(common, new String[0], "--out", whole.toString()));
                assertEquals(0, s.exitCode(), s.err());
                assertEquals(0, w.exitCode(), w.err());
                if (layers.equals("all")) {
                    assertTrue(s.out().contains("3 inputs exceeded --max-memory 100 and were captured in 6 passes over"
                            + " layer groups"), s.out());
                } else {
                    assertFalse(s.out().contains("passes"), s.out());
                }
                assertEquals(body(whole.resolve("planes.csv")), body(split.resolve("planes.csv")), norm + " " + layers);
                if (layers.equals("all")) {
                    // one model run per group, also when the normalization needs the range of every group first
                    String prov = Files.readString(split.resolve("provenance.json"));
                    assertTrue(prov.contains("\"layer_passes\" : 6"), prov);
                    assertTrue(prov.contains("\"layer_pass_model_runs\" : 6"), prov);
                }
            }
        }
        Cli.Result bad = Cli.inProcess("analyze", "--model", model.toString(), "--text", "Hi.", "--max-memory", "lots",
                "--out", dir.resolve("bad").toString());
        assertEquals(2, bad.exitCode());
        assertEquals("attnplanes analyze: --max-memory lots must be a positive size such as 512m or 2g (bytes, or k,"
                + " m, g)", bad.err().strip());
        assertFalse(Files.exists(dir.resolve("bad")));
    }

    /**
     * Global normalization in passes: the first sweep keeps each group's planes in a temporary file, so the model
     * runs once per group; the rows equal those of the model run twice per group (the old way, kept behind a
     * system property as the benchmark's baseline) and of one unconstrained pass.
     */
    @Test
    void analyze_globalNormalizationInPasses_runsTheModelOncePerGroup() throws Exception {
        Path model = llama();
        Path text = dir.resolve("t.txt");
        Files.writeString(text, "The cat sat on the mat. ".repeat(12));
        String[] common = {"analyze", "--model", model.toString(), "--input", text.toString(), "--normalization",
            "global-abs-minmax"};
        Path spilled = dir.resolve("spilled");
        Path rerun = dir.resolve("rerun");
        Path whole = dir.resolve("whole");
        Cli.Result s = Cli.inProcess(concat(common, CHEAP, "--max-memory", "1k", "--out", spilled.toString()));
        Cli.Result r;
        System.setProperty("attnplanes.layerPasses.rerun", "true");
        try {
            r = Cli.inProcess(concat(common, CHEAP, "--max-memory", "1k", "--out", rerun.toString()));
        } finally {
            System.clearProperty("attnplanes.layerPasses.rerun");
        }
        Cli.Result w = Cli.inProcess(concat(common, CHEAP, "--out", whole.toString()));
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(0, w.exitCode(), w.err());
        String sp = Files.readString(spilled.resolve("provenance.json"));
        String rp = Files.readString(rerun.resolve("provenance.json"));
        assertTrue(sp.contains("\"layer_pass_model_runs\" : " + DecoderOnnx.LAYERS), sp);
        assertTrue(rp.contains("\"layer_pass_model_runs\" : " + 2 * DecoderOnnx.LAYERS), rp);
        assertEquals(body(whole.resolve("planes.csv")), body(spilled.resolve("planes.csv")));
        assertEquals(body(rerun.resolve("planes.csv")), body(spilled.resolve("planes.csv")));
    }

    private static List<String> body(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).toList();
    }

    private static String[] concat(String[] a, String[] b, String... c) {
        String[] out = new String[a.length + b.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }
}
