package org.attnplanes.app.workbench;

import java.util.List;
import java.util.Objects;

import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.MultiPlanarGraph;

/**
 * What the application layer made of one text: the captured trace, the multi-planar graph and one statistics
 * row (with the plane's barcodes) per plane, in plane order.
 *
 * @param input the 1-based input number written into every row
 * @param trace the captured attention
 * @param graph the multi-planar graph under the analysis' graph spec
 * @param rows  one {@link PlaneRecord} per plane: the statistics (columns of {@code planes.csv}) and the
 *              barcodes (entries of {@code barcodes.json})
 */
public record TextResult(int input, AttentionTrace trace, MultiPlanarGraph graph, List<PlaneRecord> rows) {

    /** Validates and copies. */
    public TextResult {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(graph, "graph");
        rows = List.copyOf(rows);
    }
}
