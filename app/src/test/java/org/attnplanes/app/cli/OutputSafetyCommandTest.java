package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.attnplanes.app.AttnPlanes;
import org.attnplanes.app.export.OutputSet;
import org.attnplanes.app.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 12.1, 12.2, 12.4, 12.5 for every command: inputs and earlier results are never replaced without
 * {@code --overwrite}, every output is checked before any work, a busy folder names the other run, a failed run
 * leaves nothing, and {@code --tokenizer} without {@code --model} is refused by all commands alike.
 */
class OutputSafetyCommandTest {

    @TempDir
    Path dir;

    private static void assertBadInput(Cli.Result r, String firstLine) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(firstLine, r.err().lines().findFirst().orElse(""));
        assertFalse(r.err().contains("\tat "), r.err());
    }

    private static List<String> listing(Path d) throws Exception {
        if (!Files.exists(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(p -> !p.equals(d)).map(p -> d.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void analyze_inputInsideOut_isNeverOverwritten() throws Exception {
        Path d = Files.createDirectories(dir.resolve("d"));
        Path corpus = Files.writeString(d.resolve("planes.csv"), "text\nHello there.\n");
        for (String flag : new String[] {"--overwrite", "--resume"}) {
            Cli.Result r = Cli.inProcess("analyze", "--input", corpus.toString(), "--out", d.toString(), flag);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("writing planes.csv would replace --input " + corpus), r.err());
            assertEquals("text\nHello there.\n", Files.readString(corpus));
            assertEquals(List.of("planes.csv"), listing(d), "nothing else may appear in --out");
        }
        Cli.Result plain = Cli.inProcess("analyze", "--input", corpus.toString(), "--out", d.toString());
        assertEquals(2, plain.exitCode(), plain.err());
        assertEquals("text\nHello there.\n", Files.readString(corpus));
    }

    @Test
    void analyze_earlierResults_needOverwrite_andAreReplacedAsAUnit() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, Cli.inProcess("analyze", "--text", "Hello there.", "--out", out.toString(), "--no-features",
                "--figures").exitCode());
        List<String> first = listing(out);
        assertTrue(first.contains("figures") && first.contains(OutputSet.MANIFEST), first.toString());
        String before = Files.readString(out.resolve("planes.csv"));

        Cli.Result again = Cli.inProcess("analyze", "--text", "Good night.", "--out", out.toString(), "--no-features");
        assertBadInput(again, "attnplanes analyze: --out " + out + " already holds results of an earlier run "
                + "(planes.csv, barcodes.json, provenance.json, figures/" + first.stream()
                .filter(f -> f.startsWith("figures/")).findFirst().orElseThrow().substring(8) + ", ...); pass "
                + "--overwrite to replace them, or choose another folder.");
        assertEquals(before, Files.readString(out.resolve("planes.csv")));

        Cli.Result over = Cli.inProcess("analyze", "--text", "Good night.", "--out", out.toString(), "--no-features",
                "--overwrite");
        assertEquals(0, over.exitCode(), over.err());
        assertEquals(List.of(OutputSet.MANIFEST, "barcodes.json", "planes.csv", "provenance.json"), listing(out),
                "the first run's figures must not stay next to the second run's tables");
        assertFalse(before.equals(Files.readString(out.resolve("planes.csv"))), "replaced by the second run");
    }

    @Test
    void analyze_unwritableSaveMatrices_isRefusedBeforeAnyWorkAndLeavesNothing() throws Exception {
        Path out = dir.resolve("out");
        Path npz = dir.resolve("missing-folder").resolve("m.npz");
        Cli.Result r = Cli.inProcess("analyze", "--text", "Hello.", "--out", out.toString(), "--save-matrices",
                npz.toString());
        assertBadInput(r, "attnplanes analyze: --save-matrices " + npz + " cannot be written: its folder "
                + npz.getParent() + " does not exist.");
        assertFalse(Files.exists(out), "a run that saved nothing leaves nothing, not even its --out folder");
    }

    @Test
    void analyze_folderHeldByALiveRun_namesThatRun() throws Exception {
        Path out = dir.resolve("out");
        try (OutputSet other = OutputSet.directory("--out", out, OutputSet.Existing.REFUSE, List.of(), List.of())) {
            Cli.Result r = Cli.inProcess("analyze", "--text", "Hello.", "--out", out.toString());
            assertBadInput(r, "attnplanes analyze: --out " + out + ": another attnplanes run (pid "
                    + ProcessHandle.current().pid() + ") is writing here; wait for it to finish or choose another"
                    + " folder.");
        }
    }

    @Test
    void persistence_outputIsItsInput_orExists_refused() throws Exception {
        Path m = Files.writeString(dir.resolve("m.txt"), "1\n2 3\n");
        assertBadInput(Cli.inProcess("persistence", "--input", m.toString(), "--output", m.toString(), "--overwrite"),
                "attnplanes persistence: --out " + m + ": writing m.txt would replace --input " + m + ", an input"
                        + " of this run; choose another output.");
        assertEquals("1\n2 3\n", Files.readString(m));
        Path bars = Files.writeString(dir.resolve("bars.txt"), "old\n");
        assertBadInput(Cli.inProcess("persistence", "--input", m.toString(), "--output", bars.toString()),
                "attnplanes persistence: --out " + bars + " already exists; pass --overwrite to replace it, or"
                        + " choose another name.");
        assertEquals(0, Cli.inProcess("persistence", "--input", m.toString(), "--output", bars.toString(),
                "--overwrite").exitCode());
        assertTrue(Files.readString(bars).contains("persistence intervals in dim 0"));
        assertEquals(List.of("bars.txt", "m.txt"), listing(dir));
    }

    @Test
    void fileCommands_existingOutput_refusedBeforeTheModelLoads() throws Exception {
        Path png = Files.writeString(dir.resolve("f.png"), "not a png");
        Path json = Files.writeString(dir.resolve("t.json"), "{}");
        assertBadInput(Cli.inProcess("render", "--text", "Hi.", "--out", png.toString()),
                "attnplanes render: --out " + png + " already exists; pass --overwrite to replace it, or choose another"
                        + " name.");
        assertBadInput(Cli.inProcess("compare-encodings", "--text", "Hi.", "--out", png.toString()),
                "attnplanes compare-encodings: --out " + png + " already exists; pass --overwrite to replace it, or"
                        + " choose another name.");
        assertBadInput(Cli.inProcess("capture", "--text", "Hi.", "--out", json.toString()),
                "attnplanes capture: --out " + json + " already exists; pass --overwrite to replace it, or choose"
                        + " another name.");
        assertEquals("not a png", Files.readString(png));
        assertEquals(List.of("f.png", "t.json"), listing(dir));
    }

    @Test
    void everyCommandWithModelOptions_rejectsTokenizerWithoutModel() throws Exception {
        // issue 12.5: analyze ignored --tokenizer without --model (exit 0); now one check serves every command
        Path out = dir.resolve("out");
        java.util.Map<String, List<String>> required = java.util.Map.of(
                "analyze", List.of("--text", "Hi.", "--out", out.toString()),
                "capture", List.of("--text", "Hi.", "--out", dir.resolve("t.json").toString()),
                "render", List.of("--text", "Hi.", "--out", dir.resolve("f.png").toString()),
                "compare-encodings", List.of("--text", "Hi.", "--out", dir.resolve("e.png").toString()),
                "compare", List.of("--text", "Hi.", "--other-text", "Ho.", "--out", out.toString()),
                "inspect", List.of(),
                "divergence", List.of("--prompt", "Hi.", "--response", "Ho.", "--out", out.toString()),
                "demo", List.of("--out", out.toString()));
        CommandLine root = AttnPlanes.newCommandLine();
        int checked = 0;
        for (var e : root.getSubcommands().entrySet()) {
            var spec = e.getValue().getCommandSpec();
            if (spec.findOption("--tokenizer") == null || spec.findOption("--model") == null) {
                continue;
            }
            List<String> extra = required.get(e.getKey());
            assertTrue(extra != null, "add the required options of '" + e.getKey() + "' to this test");
            List<String> args = new java.util.ArrayList<>(List.of(e.getKey()));
            args.addAll(extra);
            args.addAll(List.of("--tokenizer", "t.json"));
            Cli.Result r = Cli.inProcess(args.toArray(String[]::new));
            assertBadInput(r, "attnplanes " + e.getKey() + ": --tokenizer t.json needs --model; the embedded model "
                    + "brings its own tokenizer.");
            assertEquals(List.of(), listing(out), e.getKey() + " left files behind");
            checked++;
        }
        assertEquals(required.size(), checked);
    }
}
