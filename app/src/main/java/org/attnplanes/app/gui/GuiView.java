package org.attnplanes.app.gui;

import org.attnplanes.app.workbench.ImageFigures;
import org.attnplanes.app.workbench.LayoutCache;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.EncoderDecoderTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.model.RgbImage;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.Scene;

/**
 * What the desktop app draws for one trace and one set of view options, before its topology is known: the graph
 * and its scene. Building it never computes topology. Immutable.
 *
 * @param trace   the captured attention (for an encoder–decoder: the block on screen)
 * @param graph   the multi-planar graph under the chosen spec
 * @param scene   the renderer-neutral scene under the chosen encoding
 * @param picture a vision transformer's input image drawn under the bottom plane, or null
 * @param pair    the whole capture of an encoder–decoder (its other blocks can be shown), or null
 */
public record GuiView(AttentionTrace trace, MultiPlanarGraph graph, Scene scene, Picture picture,
                      EncoderDecoderTrace pair) {

    /**
     * A vision transformer's input as the model saw it (after resize and crop), drawn under the patch grid.
     *
     * @param seen    the picture
     * @param rollout whether the attention rollout from {@code [CLS]} is blended in as a heat map
     */
    public record Picture(RgbImage seen, boolean rollout) {

        /** This picture with the overlay on or off. */
        public Picture withRollout(boolean on) {
            return on == rollout ? this : new Picture(seen, on);
        }
    }

    /** A view of a text model's trace (no picture, no pair). */
    public GuiView(AttentionTrace trace, MultiPlanarGraph graph, Scene scene) {
        this(trace, graph, scene, null, null);
    }

    /**
     * Builds the graph (layers and head checked against the trace) and the scene, off the FX thread.
     *
     * @throws org.attnplanes.app.common.UserInputException for a layer or head the trace does not have
     */
    public static GuiView build(AttentionTrace trace, GraphSpec spec, EncodingSpec encoding) {
        return build(trace, spec, encoding, null, null);
    }

    /** As {@link #build(AttentionTrace, GraphSpec, EncodingSpec)}, with a picture and the pair it belongs to. */
    public static GuiView build(AttentionTrace trace, GraphSpec spec, EncodingSpec encoding, Picture picture,
                                EncoderDecoderTrace pair) {
        return build(trace, spec, encoding, picture, pair, null);
    }

    /** As {@link #build(AttentionTrace, GraphSpec, EncodingSpec)}, plane positions from (and into) {@code layouts}. */
    public static GuiView build(AttentionTrace trace, GraphSpec spec, EncodingSpec encoding, LayoutCache layouts) {
        return build(trace, spec, encoding, null, null, layouts);
    }

    /**
     * As {@link #build(AttentionTrace, GraphSpec, EncodingSpec, Picture, EncoderDecoderTrace)}, plane positions
     * from (and into) {@code layouts} when not null (the app's layout cache: an MDS layout is computed once).
     */
    public static GuiView build(AttentionTrace trace, GraphSpec spec, EncodingSpec encoding, Picture picture,
                                EncoderDecoderTrace pair, LayoutCache layouts) {
        MultiPlanarGraph g = layouts == null ? Workbench.build(trace, spec)
                : Workbench.build(trace, spec, layouts.forGraph(trace, spec));
        return new GuiView(trace, g, scene(trace, g, encoding, picture), picture, pair);
    }

    /** This view with another encoding: the scene only is rebuilt. */
    public GuiView withEncoding(EncodingSpec encoding) {
        return withEncoding(encoding, picture);
    }

    /** This view with another encoding and picture (e.g. the rollout overlay toggled): the scene only is rebuilt. */
    public GuiView withEncoding(EncodingSpec encoding, Picture newPicture) {
        return new GuiView(trace, graph, scene(trace, graph, encoding, newPicture), newPicture, pair);
    }

    private static Scene scene(AttentionTrace trace, MultiPlanarGraph g, EncodingSpec encoding, Picture picture) {
        Scene s = SceneBuilder.build(g, encoding);
        return picture == null ? s : ImageFigures.underlay(s, g, trace, picture.seen(),
                picture.rollout() ? ImageFigures.ROLLOUT : null, false);
    }
}
