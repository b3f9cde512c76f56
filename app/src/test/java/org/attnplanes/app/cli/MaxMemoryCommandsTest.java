package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.testutil.DecoderFolders;
import org.attnplanes.testmodels.DecoderOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --max-memory} (issue 11) is one option ({@link MemoryOptions}) honoured by every command that captures a
 * text model's layers: {@code capture} (the file is written layer group by layer group), {@code series} (through
 * the application layer's layer passes), {@code render} and {@code compare} (the trace put together from the
 * groups: same figure, same tables), {@code inspect} (the pass plan at the position limit) and {@code gui} (its
 * value checked before the window opens; the window is {@code DecoderWindowTest}); {@code analyze} is covered by
 * {@link AnalyzeLayerPassesTest}. A budget of a few bytes gives one pass per layer and exactly the
 * output of one unconstrained pass; a bad size is one sentence, exit 2, nothing written.
 */
class MaxMemoryCommandsTest {

    private static final String TEXT = "The cat sat on the mat. The mat sat on the cat.";

    @TempDir
    Path dir;

    private Path gpt2(String name, long seed) throws Exception {
        return DecoderFolders.gpt2(dir.resolve(name), seed);
    }

    @Test
    void capture_tinyBudget_writesTheSameFileInOnePassPerLayer() throws Exception {
        Path model = gpt2("m", 3);
        for (String ext : List.of(".npz", ".json")) {
            for (boolean norms : new boolean[] {false, true}) {
                Path split = dir.resolve("split" + norms + ext);
                Path whole = dir.resolve("whole" + norms + ext);
                String[] extra = norms ? new String[] {"--value-norms"} : new String[0];
                Cli.Result s = Cli.inProcess(concat(new String[] {"capture", "--model", model.toString(), "--text", TEXT,
                    "--max-memory", "100", "--out", split.toString()}, extra));
                Cli.Result w = Cli.inProcess(concat(new String[] {"capture", "--model", model.toString(), "--text", TEXT,
                    "--out", whole.toString()}, extra));
                assertEquals(0, s.exitCode(), s.err());
                assertEquals(0, w.exitCode(), w.err());
                assertTrue(s.out().contains("over --max-memory 100, captured in " + DecoderOnnx.LAYERS
                        + " passes over layer groups"), s.out());
                assertFalse(w.out().contains("passes"), w.out());
                if (ext.equals(".json")) {
                    assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(split), ext + " norms " + norms);
                } else {
                    // the archives' entries byte for byte (the zip headers carry the time of writing)
                    assertEquals(entries(whole), entries(split), ext + " norms " + norms);
                }
            }
        }
    }

    @Test
    void series_tinyBudget_sameTableAsOnePass() throws Exception {
        Path a = gpt2("a", 3);
        Path b = gpt2("b", 4);
        Path corpus = dir.resolve("c.txt");
        Files.writeString(corpus, TEXT + "\nthe cat\n");
        Path split = dir.resolve("split");
        Path whole = dir.resolve("whole");
        String[] common = {"series", a.toString(), b.toString(), "--input", corpus.toString(), "--max-dim", "1"};
        Cli.Result s = Cli.inProcess(concat(common, new String[] {"--max-memory", "100", "--out", split.toString()}));
        Cli.Result w = Cli.inProcess(concat(common, new String[] {"--out", whole.toString()}));
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(0, w.exitCode(), w.err());
        List<String> rows = body(split.resolve("series.csv"));
        assertEquals(body(whole.resolve("series.csv")), rows);
        assertTrue(rows.size() > 2, rows.toString());
        String prov = Files.readString(split.resolve("provenance.json"));
        // 2 checkpoints × 2 inputs, each in one pass per layer
        assertTrue(prov.matches("(?s).*\"inputs_in_layer_passes\" : \"?4\"?.*"), prov);
        assertTrue(prov.matches("(?s).*\"layer_passes\" : \"?" + 4 * DecoderOnnx.LAYERS + "\"?.*"), prov);
        assertTrue(Files.readString(whole.resolve("provenance.json"))
                .matches("(?s).*\"inputs_in_layer_passes\" : \"?0\"?.*"));
    }

    @Test
    void render_tinyBudget_sameFigureFromOnePassPerLayer() throws Exception {
        Path model = gpt2("m", 3);
        for (String ext : List.of(".svg", ".html")) {
            Path split = dir.resolve("split" + ext);
            Path whole = dir.resolve("whole" + ext);
            Cli.Result s = Cli.inProcess("render", "--model", model.toString(), "--text", TEXT, "--max-memory", "100",
                    "--out", split.toString());
            Cli.Result w = Cli.inProcess("render", "--model", model.toString(), "--text", TEXT, "--out",
                    whole.toString());
            assertEquals(0, s.exitCode(), s.err());
            assertEquals(0, w.exitCode(), w.err());
            assertTrue(s.out().contains("over --max-memory 100, captured in " + DecoderOnnx.LAYERS
                    + " passes over layer groups"), s.out());
            assertFalse(w.out().contains("passes"), w.out());
            // JFreeSVG names its clip paths by the time of drawing: the rest is byte for byte
            assertEquals(Files.readString(whole).replaceAll("_\\d+clip-", "clip-"),
                    Files.readString(split).replaceAll("_\\d+clip-", "clip-"), ext);
        }
    }

    @Test
    void compare_tinyBudget_sameTablesAsOnePass() throws Exception {
        Path model = gpt2("m", 3);
        Path split = dir.resolve("split");
        Path whole = dir.resolve("whole");
        String[] common = {"compare", "--model", model.toString(), "--text", TEXT, "--other-text", "the cat sat",
            "--max-dim", "1"};
        Cli.Result s = Cli.inProcess(concat(common, new String[] {"--max-memory", "100", "--out", split.toString()}));
        Cli.Result w = Cli.inProcess(concat(common, new String[] {"--out", whole.toString()}));
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(0, w.exitCode(), w.err());
        assertTrue(s.out().contains("captured in up to " + DecoderOnnx.LAYERS + " passes over layer groups (over "
                + "--max-memory 100)"), s.out());
        assertFalse(w.out().contains("passes"), w.out());
        try (var files = Files.list(whole)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                assertEquals(body(f), body(split.resolve(f.getFileName())), f.getFileName().toString());
            }
        }
    }

    @Test
    void inspect_showsThePassPlanAtThePositionLimit() throws Exception {
        Path model = gpt2("m", 3);
        Cli.Result s = Cli.inProcess("inspect", "--model", model.toString(), "--max-memory", "100");
        Cli.Result w = Cli.inProcess("inspect", "--model", model.toString(), "--max-memory", "1g");
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(0, w.exitCode(), w.err());
        int n = DecoderOnnx.GPT2_POSITIONS;
        assertTrue(s.out().contains("memory: all layers at " + n + " tokens hold 0.2 MiB of attention; --max-memory 100"
                + " (0.0 MiB) gives " + DecoderOnnx.LAYERS + " passes over layer groups"), s.out());
        assertTrue(w.out().contains("--max-memory 1g (1024.0 MiB) gives one pass"), w.out());
    }

    @Test
    void badSize_exit2OneSentenceNothingWritten() throws Exception {
        Path model = gpt2("m", 3);
        String want = "--max-memory 12x must be a positive size such as 512m or 2g (bytes, or k, m, g)";
        Cli.Result c = Cli.inProcess("capture", "--model", model.toString(), "--text", TEXT, "--max-memory", "12x",
                "--out", dir.resolve("bad.npz").toString());
        Cli.Result s = Cli.inProcess("series", model.toString(), "--text", TEXT, "--max-memory", "12x", "--out",
                dir.resolve("bad").toString());
        Cli.Result i = Cli.inProcess("inspect", "--model", model.toString(), "--max-memory", "12x");
        Cli.Result r1 = Cli.inProcess("render", "--model", model.toString(), "--text", TEXT, "--max-memory", "12x",
                "--out", dir.resolve("bad.svg").toString());
        Cli.Result c1 = Cli.inProcess("compare", "--model", model.toString(), "--text", TEXT, "--other-text", "a",
                "--max-memory", "12x", "--out", dir.resolve("badc").toString());
        // checked before the window (or the display check): no window opens
        Cli.Result g = Cli.inProcess("gui", "--model", model.toString(), "--max-memory", "12x");
        for (Cli.Result r : List.of(c, s, i, r1, c1, g)) {
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().strip().endsWith(want), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        assertFalse(Files.exists(dir.resolve("bad.npz")));
        assertFalse(Files.exists(dir.resolve("bad")));
        assertFalse(Files.exists(dir.resolve("bad.svg")));
        assertFalse(Files.exists(dir.resolve("badc")));
    }

    private static Map<String, String> entries(Path npz) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(npz))) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                out.put(e.getName(), HexFormat.of().formatHex(z.readAllBytes()));
            }
        }
        assertTrue(out.containsKey("attention.npy"), out.keySet().toString());
        return out;
    }

    private static List<String> body(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).toList();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
