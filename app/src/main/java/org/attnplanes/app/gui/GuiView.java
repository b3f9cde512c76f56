package org.attnplanes.app.gui;

import org.attnplanes.app.workbench.LayoutCache;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.Scene;

/**
 * What the desktop app draws for one trace and one set of view options, before its topology is known: the graph
 * and its scene. Building it never computes topology. Immutable.
 *
 * @param trace the captured attention
 * @param graph the multi-planar graph under the chosen spec
 * @param scene the renderer-neutral scene under the chosen encoding
 */
public record GuiView(AttentionTrace trace, MultiPlanarGraph graph, Scene scene) {

    /**
     * Builds the graph (layers and head checked against the trace) and the scene, off the FX thread.
     *
     * @throws org.attnplanes.app.common.UserInputException for a layer or head the trace does not have
     */
    public static GuiView build(AttentionTrace trace, GraphSpec spec, EncodingSpec encoding) {
        MultiPlanarGraph g = Workbench.build(trace, spec);
        return new GuiView(trace, g, SceneBuilder.build(g, encoding));
    }

    /** As {@link #build(AttentionTrace, GraphSpec, EncodingSpec)}, plane positions from (and into) {@code layouts}. */
    public static GuiView build(AttentionTrace trace, GraphSpec spec, EncodingSpec encoding, LayoutCache layouts) {
        MultiPlanarGraph g = Workbench.build(trace, spec, layouts.forGraph(trace, spec));
        return new GuiView(trace, g, SceneBuilder.build(g, encoding));
    }

    /** This view with another encoding: the scene only is rebuilt. */
    public GuiView withEncoding(EncodingSpec encoding) {
        return new GuiView(trace, graph, SceneBuilder.build(graph, encoding));
    }
}
