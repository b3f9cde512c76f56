package org.attnplanes.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.LayerSelection;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.junit.jupiter.api.Test;

/**
 * The application layer as a batch job (e.g. Spark) calls it: one open model, one {@link Analysis}, a batch of
 * texts in, plane statistic rows and barcodes out; bad texts are skipped with a reason, never fail the batch.
 */
class AnalysisTest {

    @Test
    void analyzeTexts_batchWithBadTexts_rowsForTheGoodOnes_reasonsForTheBad() {
        GraphSpec spec = GraphSpec.builder().layers(LayerSelection.of(0, 5)).headReduction(HeadReduction.PER_HEAD)
                .links().classifier(false).build();
        TopologySettings topology = new TopologySettings(List.of(0.1), 1, 3, false, false);
        Analysis analysis = new Analysis(spec, topology, 1);
        String longText = "word ".repeat(20);
        try (AttentionModel model = Workbench.open(null, CaptureOptions.builder().threads(1).maxTokens(16).build())) {
            BatchResult batch = analysis.analyzeTexts(model, 7, List.of("The cat sat.", " ", longText, "A dog barked."));
            assertEquals(List.of(7, 10), batch.analysed().stream().map(TextResult::input).toList());
            assertEquals(List.of(8, 9), List.copyOf(batch.skipped().keySet()));
            assertTrue(batch.skipped().get(8).contains("empty"), batch.skipped().toString());
            assertTrue(batch.skipped().get(9).contains("16"), "names the token limit: " + batch.skipped());
            List<PlaneRecord> rows = batch.rows();
            assertEquals(2 * 2 * 12, rows.size(), "2 texts x 2 layers x 12 heads");
            List<String> columns = List.copyOf(rows.get(0).stats().keySet());
            assertEquals(analysis.statistics().fixedColumns(), columns, "no features: the fixed schema columns");
            for (PlaneRecord r : rows) {
                assertEquals(columns, List.copyOf(r.stats().keySet()));
                assertEquals(2, r.barcodes().size(), "H0 and H1");
                assertTrue(r.barcodes().get(0).size() <= r.tokens(), "at most one H0 bar per token");
                assertEquals(1, r.barcodes().get(0).stream().filter(b -> b[1] == Double.POSITIVE_INFINITY).count(),
                        "one essential H0 bar: the plane is connected in the end");
                assertEquals(r.stats().get("h0_bars"), (double) r.barcodes().get(0).size());
                assertTrue(r.layer() == 0 || r.layer() == 5);
            }
            TextResult cat = batch.analysed().get(0);
            assertEquals(analysis.analyze(7, model.capture("The cat sat.")).rows().get(3).stats(),
                    cat.rows().get(3).stats(), "a trace analysed alone gives the same row");
            assertNull(cat.trace(), "the planes were recycled: the result keeps its rows only");
            Analysis.StageSeconds s = analysis.stageSeconds();
            assertTrue(s.capture() > 0 && s.graph() > 0 && s.topology() > 0, s.toString());
            assertEquals("0,5", analysis.settings().get("graph.layers"));

            // an analysis failure (not a capture one) propagates from the recycled path as it is
            Analysis tooDeep = new Analysis(spec.toBuilder().layers(LayerSelection.of(9)).build(), topology, 1);
            UserInputException e = assertThrows(UserInputException.class,
                    () -> tooDeep.analyzeText(model, 1, "The cat sat.", "--text"));
            assertEquals("--layers", e.parameter().orElseThrow());
            UserInputException inBatch = assertThrows(UserInputException.class,
                    () -> tooDeep.analyzeTexts(model, 1, List.of("The cat sat.", "A dog.")));
            assertEquals("--layers", inBatch.parameter().orElseThrow());
        }
    }

    /**
     * The recycled path analyze takes ({@link Analysis#analyzeTexts}: planes leased from the model's pool, released
     * after each input) gives rows identical to analysing traces of the allocating capture, over a seeded corpus of
     * mixed lengths in batches (so recycled arrays held other inputs' planes), per-head and head-mean graphs; the
     * hook sees the live trace and graph, which throw once released.
     */
    @Test
    void recycledPath_rowsIdenticalToAllocatingPath_overSeededMixedBatches() {
        String[] words = {"the", "cat", "sat", "on", "a", "mat", "dog", "ran", "to", "river", "unbelievably", "quietly"};
        java.util.Random r = new java.util.Random(16L);
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 14; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + r.nextInt(i % 4 == 0 ? 30 : 9);
            for (int w = 0; w < n; w++) {
                b.append(w == 0 ? "" : " ").append(words[r.nextInt(words.length)]);
            }
            texts.add(b.append('.').toString());
        }
        TopologySettings topology = new TopologySettings(List.of(0.1, 0.3), 2, 3, false, false);
        try (AttentionModel model = Workbench.open(null, CaptureOptions.builder().threads(1).build())) {
            for (HeadReduction reduction : List.of(HeadReduction.PER_HEAD, HeadReduction.MEAN)) {
                GraphSpec spec = GraphSpec.builder().layers(LayerSelection.of(0, 3, 5)).headReduction(reduction)
                        .links().classifier(false).build();
                Analysis recycled = new Analysis(spec, topology, 1);
                Analysis allocating = new Analysis(spec, topology, 1);
                List<TextResult> live = new java.util.ArrayList<>();
                List<PlaneRecord> rows = new java.util.ArrayList<>();
                for (int from = 0; from < texts.size(); from += 4) {
                    List<org.attnplanes.app.corpus.CorpusEntry> batch = new java.util.ArrayList<>();
                    for (int i = from; i < Math.min(texts.size(), from + 4); i++) {
                        batch.add(org.attnplanes.app.corpus.CorpusEntry.of(1 + i, texts.get(i)));
                    }
                    BatchResult got = recycled.analyzeTexts(model, batch, res -> {
                        assertEquals(res.trace().tokenCount(), res.graph().planes().get(0).size());
                        live.add(res);
                    });
                    assertEquals(Map.of(), got.skipped());
                    rows.addAll(got.rows());
                }
                List<PlaneRecord> expected = new java.util.ArrayList<>();
                for (int i = 0; i < texts.size(); i++) {
                    expected.addAll(allocating.analyze(1 + i, model.capture(texts.get(i))).rows());
                }
                assertEquals(expected.size(), rows.size());
                for (int k = 0; k < rows.size(); k++) {
                    PlaneRecord a = expected.get(k);
                    PlaneRecord b = rows.get(k);
                    String where = reduction + " row " + k;
                    assertEquals(List.of(a.input(), a.layer(), a.head(), a.tokens()),
                            List.of(b.input(), b.layer(), b.head(), b.tokens()), where);
                    assertEquals(a.stats(), b.stats(), where);
                    assertEquals(a.barcodes().size(), b.barcodes().size(), where);
                    for (int d = 0; d < a.barcodes().size(); d++) {
                        assertEquals(a.barcodes().get(d).size(), b.barcodes().get(d).size(), where);
                        for (int j = 0; j < a.barcodes().get(d).size(); j++) {
                            org.junit.jupiter.api.Assertions.assertArrayEquals(a.barcodes().get(d).get(j),
                                    b.barcodes().get(d).get(j), where);
                        }
                    }
                }
                assertEquals(texts.size(), live.size());
                TextResult first = live.get(0);
                assertThrows(IllegalStateException.class, () -> first.trace().weight(0, 0, 0, 0));
                if (reduction == HeadReduction.PER_HEAD) {
                    assertThrows(IllegalStateException.class, () -> first.graph().planes().get(0).weight(0, 1),
                            "a per-head plane shares the released array");
                }
            }
        }
    }
}
