package org.attnplanes.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

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
            assertEquals(analysis.analyze(7, cat.trace()).rows().get(3).stats(), cat.rows().get(3).stats(),
                    "a trace analysed alone gives the same row");
            Analysis.StageSeconds s = analysis.stageSeconds();
            assertTrue(s.capture() > 0 && s.graph() > 0 && s.topology() > 0, s.toString());
            assertEquals("0,5", analysis.settings().get("graph.layers"));

            Analysis tooDeep = new Analysis(spec.toBuilder().layers(LayerSelection.of(9)).build(), topology, 1);
            UserInputException e = assertThrows(UserInputException.class,
                    () -> tooDeep.analyzeText(model, 1, "The cat sat.", "--text"));
            assertEquals("--layers", e.parameter().orElseThrow());
        }
    }
}
