package org.attnplanes.app.gui;

import java.util.List;

import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.render.scene.Scene;

/**
 * What the desktop app shows for one text and one set of options once its topology is known: the trace, the
 * graph, the scene and one statistics row (with its barcodes) per plane. Representative (co)cycles are computed
 * on demand, per plane ({@link org.attnplanes.app.workbench.TopologyCache#representatives}). Immutable.
 *
 * @param trace the captured attention
 * @param graph the multi-planar graph under the chosen spec
 * @param scene the renderer-neutral scene under the chosen encoding
 * @param rows  one statistics row per plane, in plane order
 */
public record GuiAnalysis(AttentionTrace trace, MultiPlanarGraph graph, Scene scene, List<PlaneRecord> rows) {

    /** Validates and copies. */
    public GuiAnalysis {
        rows = List.copyOf(rows);
        if (rows.size() != graph.planes().size()) {
            throw new IllegalArgumentException(rows.size() + " rows for " + graph.planes().size() + " planes");
        }
    }
}
