package org.attnplanes.app.gui;

import java.util.List;

import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.workbench.Analysis;
import org.attnplanes.app.workbench.TextResult;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.model.Cancellation;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.topology.persistence.Barcodes;

/**
 * What the desktop app shows for one text and one set of view options: the trace, the graph, the scene, and
 * per plane the statistics row and the barcodes with representative (co)cycles. Immutable.
 *
 * @param trace    the captured attention
 * @param graph    the multi-planar graph under the chosen spec
 * @param scene    the renderer-neutral scene under the chosen encoding
 * @param rows     one statistics row per plane, in plane order
 * @param barcodes one barcode set per plane (with representatives), in plane order
 */
public record GuiAnalysis(AttentionTrace trace, MultiPlanarGraph graph, Scene scene, List<PlaneRecord> rows,
                          List<Barcodes> barcodes) {

    /** Validates and copies. */
    public GuiAnalysis {
        rows = List.copyOf(rows);
        barcodes = List.copyOf(barcodes);
    }

    /** Builds everything from a trace (runs off the FX thread). */
    public static GuiAnalysis of(AttentionTrace trace, Analysis analysis, EncodingSpec encoding) {
        return of(trace, analysis, encoding, new Cancellation());
    }

    /**
     * Builds everything from a trace through the application layer (runs off the FX thread), checking
     * {@code cancellation} between steps.
     *
     * @throws java.util.concurrent.CancellationException ("analysis was cancelled") once it is cancelled
     */
    public static GuiAnalysis of(AttentionTrace trace, Analysis analysis, EncodingSpec encoding,
                                 Cancellation cancellation) {
        MultiPlanarGraph g = analysis.buildGraph(trace);
        Scene scene = SceneBuilder.build(g, encoding);
        cancellation.throwIfCancelled("analysis");
        TextResult r = analysis.analyze(1, trace, g);
        List<Barcodes> bars = analysis.barcodesWithRepresentatives(r.graph(), cancellation);
        return new GuiAnalysis(trace, r.graph(), scene, r.rows(), bars);
    }
}
