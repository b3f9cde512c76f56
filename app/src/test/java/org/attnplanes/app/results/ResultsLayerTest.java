package org.attnplanes.app.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.attnplanes.app.export.JsonExport;
import org.attnplanes.app.export.OutputSet;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.workbench.Analysis;
import org.attnplanes.app.workbench.TextResult;
import org.attnplanes.app.workbench.TopologySettings;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output side of the application layer driven directly, as the desktop app or a batch job would (no picocli, no
 * command object): it writes the same bytes as the commands that parse options and call it.
 */
class ResultsLayerTest {

    private static final String TEXT = "The cat sat on the mat.";

    private static AttentionModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        model = Workbench.open(null, CaptureOptions.defaults());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static OutputSet outputs(Path folder, List<String> names) {
        return OutputSet.directory("--out", folder, OutputSet.Existing.REFUSE, List.of(), names);
    }

    private void assertSameBytes(Path a, Path b, String name) throws Exception {
        assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
    }

    /** Entry name → bytes of a zip (NPZ) file; the entries' time stamps differ between runs. */
    private static Map<String, List<Byte>> zipEntries(Path zip) throws Exception {
        Map<String, List<Byte>> out = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                List<Byte> bytes = new ArrayList<>();
                for (byte b : in.readAllBytes()) {
                    bytes.add(b);
                }
                out.put(e.getName(), bytes);
            }
        }
        assertFalse(out.isEmpty(), zip.toString());
        return out;
    }

    private static JsonNode provenanceOf(Path folder) throws Exception {
        return JsonExport.mapper().readTree(folder.resolve("provenance.json").toFile()).get("provenance");
    }

    @Test
    void analyze_layerWritesWhatTheCommandWrites() throws Exception {
        GraphSpec spec = GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).links().classifier(false).build();
        Analysis analysis = new Analysis(spec, TopologySettings.defaults(), 1);
        TextResult result = analysis.analyzeText(model, 1, TEXT, "--text");
        Map<String, String> provenance = AnalyzeResults.provenance(model, AnalyzeResults.Input.text(TEXT), 0, false,
                analysis);
        AnalyzeResults.Matrices matrices = new AnalyzeResults.Matrices();
        matrices.keep(result);
        Path layer = dir.resolve("layer");
        List<Path> files;
        try (OutputSet outs = outputs(layer, AnalyzeResults.NAMES)) {
            Path npz = outs.file("--save-matrices", layer.resolve("m.npz"));
            List<PlaneRecord> rows = new ArrayList<>(result.rows());
            AnalyzeResults.Run run = new AnalyzeResults.Run("attnplanes analyze (test)", 1, Map.of(), "line ", 1, 8,
                    System.nanoTime(), 0.5, 0);
            files = AnalyzeResults.write(outs, layer, provenance, rows, analysis, run, true, matrices, npz,
                    layer.resolve("m.npz")).files();
            outs.publish();
        }

        Path cli = dir.resolve("cli");
        Cli.Result r = Cli.inProcess("analyze", "--text", TEXT, "--out", cli.toString(), "--figures",
                "--save-matrices", cli.resolve("m.npz").toString());

        assertEquals(0, r.exitCode(), r.err());
        assertSameBytes(layer, cli, "planes.csv");
        assertSameBytes(layer, cli, "barcodes.json");
        assertEquals(zipEntries(cli.resolve("m.npz")), zipEntries(layer.resolve("m.npz")), "the arrays of m.npz");
        assertEquals(provenanceOf(cli), provenanceOf(layer));
        assertEquals(List.of("planes.csv", "barcodes.json", "provenance.json"),
                files.subList(0, 3).stream().map(p -> p.getFileName().toString()).toList());
        for (Path f : files) {
            assertTrue(Files.isRegularFile(f), f + " reported and written");
            assertTrue(r.out().contains("wrote " + cli.resolve(layer.relativize(f))), f + " also by the command");
        }
        JsonNode run = JsonExport.mapper().readTree(layer.resolve("provenance.json").toFile()).get("run");
        assertEquals("attnplanes analyze (test)", run.get("command").asText());
        assertEquals(result.rows().size(), run.get("rows").asInt());
        assertEquals(files.size() - 1, run.get("files").size(), "every file but provenance.json itself");
    }

    @Test
    void demo_layerWritesWhatTheCommandWrites() throws Exception {
        Path layer = dir.resolve("layer");
        List<Path> files;
        try (OutputSet outs = outputs(layer, DemoResults.NAMES)) {
            files = DemoResults.write(outs, layer, model, TEXT, "attnplanes demo (test)");
            outs.publish();
        }
        Path cli = dir.resolve("cli");
        Cli.Result r = Cli.inProcess("demo", "--text", TEXT, "--out", cli.toString());

        assertEquals(0, r.exitCode(), r.err());
        assertSameBytes(layer, cli, "planes.csv");
        assertSameBytes(layer, cli, "barcodes.json");
        assertEquals(provenanceOf(cli), provenanceOf(layer));
        for (Path f : files) {
            assertTrue(Files.isRegularFile(f), f + " reported and written");
            assertTrue(Files.isRegularFile(cli.resolve(layer.relativize(f))), f + " also by the command");
            assertFalse(DemoResults.describe(f).isEmpty(), "every demo file is described: " + f);
        }
    }

    @Test
    void compare_layerWritesWhatTheCommandWrites_bothFigureKinds() throws Exception {
        GraphSpec spec = GraphSpec.builder().classifier(false).build();
        var stats = TopologySettings.defaults().withFeatures(false).statistics(1);
        for (String other : List.of(TEXT, "A dog was sleeping outside.")) {
            AttentionTrace a = Workbench.capture(model, TEXT, "--text");
            AttentionTrace b = Workbench.capture(model, other, "--other-text");
            Path layer = dir.resolve("layer" + other.length());
            CompareResults.Written written;
            try (OutputSet outs = outputs(layer, CompareResults.NAMES)) {
                written = CompareResults.write(outs, layer, new CompareResults.Request(a, b,
                        Workbench.modelProvenance(model), spec, stats, true, EncodingSpec.of(Encoding.OPACITY), "test"));
                outs.publish();
            }
            Path cli = dir.resolve("cli" + other.length());
            Cli.Result r = Cli.inProcess("compare", "--text", TEXT, "--other-text", other, "--out", cli.toString());

            assertEquals(0, r.exitCode(), r.err());
            assertEquals(other.equals(TEXT), written.sameTokens());
            assertSameBytes(layer, cli, "compare.csv");
            assertEquals(provenanceOf(cli), provenanceOf(layer));
            for (Path f : written.files()) {
                assertTrue(Files.isRegularFile(f), f + " reported and written");
                assertTrue(r.out().contains("wrote " + cli.resolve(layer.relativize(f))), f + " also by the command");
            }
        }
    }
}
