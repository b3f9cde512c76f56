package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVRecord;
import org.attnplanes.app.export.Checkpoint;
import org.attnplanes.app.export.JsonExport;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.testutil.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attnplanes analyze} end to end in a real child process on the embedded MiniLM (6 layers × 12 heads). */
class AnalyzeCommandProcessTest {

    static final String[] SENTENCES = {
        "The cat sat on the mat.", "A quick brown fox jumps over the lazy dog.", "Attention is all you need.",
        "She sells sea shells by the sea shore.", "Graphs have nodes and edges.", "It rained all day in Paris.",
        "Topology studies shapes that bend but do not tear.", "My phone battery died again.",
        "The committee approved the budget on Friday.", "Birds migrate south for the winter.",
        "He plays the violin every evening.", "Water boils at one hundred degrees.", "The museum opens at nine.",
        "Please close the door quietly.", "Transformers stack many attention layers.",
        "The river flows into the sea.", "Coffee tastes better in the morning.", "We walked home after dinner.",
        "Numbers can be prime or composite.", "The library has thousands of books."};

    @TempDir
    Path dir;

    /** 20 lines; line 7 is blank. */
    private Path corpus(int lines) throws Exception {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            l.add(i == 6 ? "   " : SENTENCES[i % SENTENCES.length]);
        }
        return Files.write(dir.resolve("corpus.txt"), l);
    }

    private static List<CSVRecord> readCsv(Path f, List<String> header) throws Exception {
        header.addAll(TestFiles.csvHeader(f));
        return TestFiles.csvRecords(f);
    }

    @Test
    void analyze_corpusWithOneBlankLine_analyses19AndReportsLine7() throws Exception {
        corpus(20);

        Cli.Result r = Cli.process(dir, 600, "analyze", "--input", "corpus.txt", "--out", "out", "--batch", "4");

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("attnplanes analyze: line 7 skipped: empty line"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertTrue(r.out().startsWith("analysed 19 of 20 inputs (1 skipped)"), r.out());
        List<String> header = new ArrayList<>();
        List<CSVRecord> rows = readCsv(dir.resolve("out/planes.csv"), header);
        assertEquals(List.of("input", "layer", "head", "tokens"), header.subList(0, 4));
        List<String> expected = new ArrayList<>(List.of("betti0_t0.10", "betti1_t0.10", "betti1_t0.05",
                "cliques3_t0.10", "h1_bars", "h1_total", "h1_entropy"));
        expected.addAll(new org.attnplanes.topology.features.ThresholdGraphFeatures().names());
        expected.addAll(org.attnplanes.topology.features.PatternDistances.names());
        for (String col : expected) {
            assertTrue(header.contains(col), "missing column " + col + " in " + header);
        }
        assertEquals(19 * 6 * 12, rows.size());
        Set<String> inputs = new HashSet<>();
        for (CSVRecord rec : rows) {
            inputs.add(rec.get("input"));
            int n = Integer.parseInt(rec.get("tokens"));
            assertTrue(Double.parseDouble(rec.get("betti0_t0.10")) >= 1 && Double.parseDouble(rec.get("betti0_t0.10")) <= n,
                    "β0 must be in [1, n] at input " + rec.get("input"));
        }
        assertEquals(19, inputs.size());
        assertFalse(inputs.contains("7"));
        assertTrue(Files.readString(dir.resolve("out/planes.csv")).startsWith("# model: all-minilm-l6-v2.onnx\n"));
        assertEquals(19 * 72, JsonExport.readBarcodes(dir.resolve("out/barcodes.json")).size());
        String prov = Files.readString(dir.resolve("out/provenance.json"));
        assertTrue(prov.contains("\"skipped\" : [ {\n      \"line\" : 7,\n      \"problem\" : \"empty line\""), prov);
        assertFalse(Files.exists(dir.resolve("out").resolve(Checkpoint.DIR)), "checkpoint must be removed");
        try (Stream<Path> s = Files.walk(dir.resolve("out"))) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void analyze_interruptedThenResumed_completesWithoutHalfWrittenFiles() throws Exception {
        corpus(12);
        List<String> args = List.of("analyze", "--input", "corpus.txt", "--out", "out", "--batch", "1",
                "--workers", "1", "--max-clique", "3", "--no-features");
        Process p = Cli.start(dir, args);
        Path cp = dir.resolve("out").resolve(Checkpoint.DIR);
        // woken by the checkpoint's files appearing (a file watch), not by polling
        boolean threeParts = Cli.awaitFiles(cp, p, 300, () -> countParts(cp) >= 3);
        assertTrue(threeParts && p.isAlive(), "the run finished before it could be interrupted: "
                + Cli.read(dir.resolve("stderr.txt")));
        p.destroy(); // SIGTERM: like Ctrl-C, shutdown hooks run
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = Cli.read(dir.resolve("stderr.txt"));
        assertTrue(p.exitValue() == 130 || p.exitValue() == 143, "exit " + p.exitValue() + ": " + err);
        assertTrue(err.contains("interrupted;") && err.contains("run again with --resume"), err);
        assertFalse(Files.exists(dir.resolve("out/planes.csv")), "no final output after an interruption");
        try (Stream<Path> s = Files.walk(dir.resolve("out"))) {
            assertEquals(List.of(), s.filter(f -> f.toString().endsWith(".tmp")).toList());
        }

        List<String> resumeArgs = new ArrayList<>(args);
        resumeArgs.add("--resume");
        Cli.Result r = Cli.process(dir, 600, resumeArgs.toArray(String[]::new));

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().matches("(?s).*resuming; ([1-9]|1[01]) of 12 inputs already done.*"), r.err());
        List<CSVRecord> rows = readCsv(dir.resolve("out/planes.csv"), new ArrayList<>());
        assertEquals(11 * 72, rows.size());
        Set<String> keys = new HashSet<>();
        for (CSVRecord rec : rows) {
            assertTrue(keys.add(rec.get("input") + "/" + rec.get("layer") + "/" + rec.get("head")), "duplicate row");
        }
    }

    private static int countParts(Path cp) throws Exception {
        if (!Files.isDirectory(cp)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(cp)) {
            return (int) s.filter(f -> f.getFileName().toString().matches("part-\\d+\\.bin")).count();
        }
    }
}
