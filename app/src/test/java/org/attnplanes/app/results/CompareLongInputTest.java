package org.attnplanes.app.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import org.apache.commons.csv.CSVRecord;
import org.attnplanes.app.export.OutputSet;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.testutil.TestFiles;
import org.attnplanes.app.workbench.PlaneStatistics;
import org.attnplanes.app.workbench.TopologySettings;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Token;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.export.FigureMetadata;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.Scene;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare on a long input (≥ {@link LongInputs#LONG_INPUT} tokens) of the embedded MiniLM: its figures get the
 * display-only thinning (top-3 |Δw| per token, residual links hidden, a legend note) while compare.csv is the same
 * bytes as with the thinning turned off (every edge, as the user asked).
 */
class CompareLongInputTest {

    @TempDir
    Path dir;

    private static AttentionModel model;
    private static AttentionTrace longA;

    @BeforeAll
    static void open() {
        model = Workbench.open(null, CaptureOptions.defaults());
        String[] words = ("the model reads every token of the sentence and attends to earlier words while the heads"
                + " in each layer specialise on syntax position and meaning").split(" ");
        StringBuilder b = new StringBuilder();
        Random r = new Random(5);
        for (int i = 0; i < 262; i++) {
            b.append(i == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
        }
        longA = Workbench.capture(model, b.append('.').toString(), "--text");
        assertTrue(longA.tokenCount() >= LongInputs.LONG_INPUT, "tokens: " + longA.tokenCount());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** The same tokens with every attention row perturbed (seeded) and renormalized: an "int8" B. */
    private static AttentionTrace perturbed(AttentionTrace a, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] data = a.toArray();
        int n = a.tokenCount();
        for (int row = 0; row < data.length / n; row++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                int i = row * n + j;
                data[i] = (float) (data[i] * (1 + 0.3 * (r.nextDouble() - 0.5)));
                sum += data[i];
            }
            for (int j = 0; j < n; j++) {
                data[row * n + j] = (float) (data[row * n + j] / sum);
            }
        }
        Provenance p = Provenance.of("b-int8.onnx", "0".repeat(64), "", a.provenance().inputSha256());
        return AttentionTrace.fromArray(a.text(), a.tokens(), a.layers(), a.heads(), data, null, Map.of(), p);
    }

    private CompareResults.Written write(Path out, AttentionTrace a, AttentionTrace b, LongInputs.Choices choices) {
        GraphSpec spec = GraphSpec.builder().classifier(false).build();
        PlaneStatistics stats = TopologySettings.defaults().withFeatures(false).statistics(1);
        Map<String, String> prov = new java.util.LinkedHashMap<>(Workbench.modelProvenance(model));
        prov.put("b.model", "b-int8.onnx");
        try (OutputSet outs = OutputSet.directory("--out", out, OutputSet.Existing.REFUSE, List.of(),
                CompareResults.NAMES)) {
            CompareResults.Written w = CompareResults.write(outs, out, new CompareResults.Request(a, b, prov, spec,
                    stats, false, EncodingSpec.of(Encoding.OPACITY), "test", choices));
            outs.publish();
            return w;
        }
    }

    @Test
    void difference_longInput_figureThinnedByLargestDelta_numbersFromEveryEdge() throws Exception {
        AttentionTrace b = perturbed(longA, 11);
        Path auto = dir.resolve("auto");
        GraphSpec spec = GraphSpec.builder().classifier(false).build();

        assertTrue(write(auto, longA, b, new LongInputs.Choices(false, false)).sameTokens());

        // the numbers: every statistic of A and B is that of the graph the user asked for (the statistics read every
        // weight of a plane whatever its pruning, so the thinned figure cannot change them)
        PlaneStatistics stats = TopologySettings.defaults().withFeatures(false).statistics(1);
        List<PlaneRecord> fullA = stats.analyze(1, Workbench.build(longA, spec));
        List<PlaneRecord> fullB = stats.analyze(2, Workbench.build(b, spec));
        List<CSVRecord> rows = TestFiles.csvRecords(auto.resolve("compare.csv"));
        assertEquals(fullA.size(), rows.size());
        int checked = 0;
        for (int i = 0; i < rows.size(); i++) {
            for (Map.Entry<String, Double> e : fullA.get(i).stats().entrySet()) {
                assertClose(e.getValue(), rows.get(i).get(e.getKey() + "_a"), "layer " + i + " " + e.getKey() + "_a");
                assertClose(fullB.get(i).stats().get(e.getKey()), rows.get(i).get(e.getKey() + "_b"),
                        "layer " + i + " " + e.getKey() + "_b");
                checked++;
            }
        }
        assertTrue(checked > 20, "statistics checked: " + checked);

        // the figure: the top-3 |Δw| per token of the full difference, the largest |Δw| among them
        Scene all = SceneBuilder.build(MultiPlanarGraph.difference(
                Workbench.build(longA, spec.toBuilder().links().build()), Workbench.build(b, spec.toBuilder().links().build())),
                EncodingSpec.of(Encoding.COLOUR, Encoding.WIDTH));
        Map<String, String> a = FigureMetadata.readPng(auto.resolve("difference.png"));
        int drawn = Integer.parseInt(a.get("figure.edges"));
        assertEquals(LongInputs.strongestPerToken(all, LongInputs.TOP_K).edges().size(), drawn);
        assertTrue(drawn <= LongInputs.TOP_K * longA.tokenCount() * longA.layers() && drawn < all.edges().size() / 10,
                drawn + " of " + all.edges().size());
        assertTrue(a.get("render.note").startsWith("auto: " + drawn + " of " + all.edges().size()
                + " edges drawn, the top-3 |Δw| per token"), a.get("render.note"));
        assertTrue(a.get("figure.legend").contains("compare.csv uses every edge"), a.get("figure.legend"));
        assertTrue(a.get("figure.legend").contains("residual links hidden"), a.get("figure.legend"));
        assertEquals(all.provenance().settings().get("render.difference.max_abs"), a.get("render.difference.max_abs"),
                "the largest |Δw| stays in the thinned figure");
        assertEquals(a.keySet(), FigureMetadata.readSvg(auto.resolve("difference.svg")).keySet());
    }

    private static void assertClose(double expected, String actual, String what) {
        double v = Double.parseDouble(actual);
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(v), what + ": " + actual);
        } else {
            assertEquals(expected, v, 1e-8 * Math.max(1, Math.abs(expected)), what + " (the CSV keeps 9 significant digits)");
        }
    }

    @Test
    void sideBySide_longAndShortText_onlyTheLongPanelThinned_titlesShowWhereTheTextsDiffer() throws Exception {
        AttentionTrace shortB = Workbench.capture(model, "A dog was sleeping outside.", "--other-text");
        Path out = dir.resolve("sbs");

        assertFalse(write(out, longA, shortB, new LongInputs.Choices(false, false)).sameTokens());

        Map<String, String> m = FigureMetadata.readPng(out.resolve("side-by-side.png"));
        assertTrue(m.get("figure.panel.0.legend").contains("auto: top-3 edges per token for " + longA.tokenCount()),
                m.get("figure.panel.0.legend"));
        assertFalse(m.get("figure.panel.1.legend").contains("auto:"), m.get("figure.panel.1.legend"));
        String t1 = CompareResults.shorten(longA.text(), longA.text().replaceFirst("attends", "looks"));
        String t2 = CompareResults.shorten(longA.text().replaceFirst("attends", "looks"), longA.text());
        assertFalse(t1.equals(t2), t1);
        assertTrue(t1.length() <= 50 && t2.length() <= 50, t1 + " / " + t2);
    }

    @Test
    void strongestPerToken_keepsExactlyTheEdgesAmongTheKLargestOfAnEnd_bruteForce() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 3 + r.nextInt(14);
            int k = 1 + r.nextInt(4);
            List<Token> tokens = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tokens.add(new Token("t" + i, i, i + 1, false, i));
            }
            float[] data = new float[2 * 2 * n * n];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) r.nextDouble();
            }
            float[] sums = new float[data.length / n];
            for (int i = 0; i < data.length; i++) {
                sums[i / n] += data[i];
            }
            for (int i = 0; i < data.length; i++) {
                data[i] /= sums[i / n];
            }
            AttentionTrace t = AttentionTrace.fromArray("x", tokens, 2, 2, data, null, Map.of(),
                    Provenance.synthetic("seed " + seed));
            GraphSpec spec = GraphSpec.builder().classifier(false).build();
            Scene s = SceneBuilder.build(MultiPlanarGraph.build(t, spec), EncodingSpec.of(Encoding.OPACITY));
            List<EdgeSegment> e = s.edges();

            List<EdgeSegment> kept = LongInputs.strongestPerToken(s, k).edges();

            List<EdgeSegment> expected = new ArrayList<>();
            for (int i = 0; i < e.size(); i++) {
                if (rank(e, i, e.get(i).source()) < k || rank(e, i, e.get(i).target()) < k) {
                    expected.add(e.get(i));
                }
            }
            assertEquals(expected, kept, "seed " + seed + ", n " + n + ", k " + k);
            assertEquals(s.nodes(), LongInputs.strongestPerToken(s, k).nodes());
        }
    }

    /** How many edges at {@code node} of edge i's plane come before edge i (larger |w|, or equal and earlier). */
    private static int rank(List<EdgeSegment> e, int i, int node) {
        EdgeSegment x = e.get(i);
        int before = 0;
        for (int j = 0; j < e.size(); j++) {
            EdgeSegment y = e.get(j);
            if (j == i || y.plane() != x.plane() || (y.source() != node && y.target() != node)) {
                continue;
            }
            float wx = Math.abs(x.weight());
            float wy = Math.abs(y.weight());
            if (wy > wx || (wy == wx && j < i)) {
                before++;
            }
        }
        return before;
    }

    @Test
    void shortInput_noThinningNoNote() {
        assertNull(LongInputs.adjust(Workbench.capture(model, "The cat sat.", "--text"), GraphSpec.defaults(),
                new LongInputs.Choices(false, false)).note());
        assertFalse(LongInputs.applies(LongInputs.LONG_INPUT, new LongInputs.Choices(true, false)));
    }
}
