package org.attnplanes.app.workbench;

import java.util.List;

import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.MultiPlanarGraph;

/**
 * What the application layer made of one text: the captured trace, the multi-planar graph and one statistics
 * row (with the plane's barcodes) per plane, in plane order.
 *
 * @param input the 1-based input number written into every row
 * @param trace the captured attention; null when the input was analysed in several capture passes over layer
 *              groups ({@link Analysis#allowLayerPasses}), which keep no whole trace, and in the results of
 *              {@link Analysis#analyzeTexts(org.attnplanes.model.AttentionModel, List)}, whose planes are recycled
 *              once analysed
 * @param graph the multi-planar graph under the analysis' graph spec; null exactly when {@code trace} is
 * @param rows  one {@link PlaneRecord} per plane: the statistics (columns of {@code planes.csv}) and the
 *              barcodes (entries of {@code barcodes.json})
 * @param blocks for an encoder–decoder, the result of each analysed block (encoder, decoder, cross: trace, graph
 *               and that block's rows), in that order; empty for a single model or when the blocks were analysed in
 *               layer passes
 */
public record TextResult(int input, AttentionTrace trace, MultiPlanarGraph graph, List<PlaneRecord> rows,
                         List<TextResult> blocks) {

    /** A single model's result (no blocks). */
    public TextResult(int input, AttentionTrace trace, MultiPlanarGraph graph, List<PlaneRecord> rows) {
        this(input, trace, graph, rows, List.of());
    }

    /** Validates and copies. */
    public TextResult {
        if ((trace == null) != (graph == null)) {
            throw new IllegalArgumentException("trace and graph are both given or both null (layer passes)");
        }
        rows = List.copyOf(rows);
        blocks = List.copyOf(blocks);
    }
}
