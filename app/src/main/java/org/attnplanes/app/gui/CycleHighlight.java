package org.attnplanes.app.gui;

import java.util.ArrayList;
import java.util.List;

import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.Rgba;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.topology.persistence.CochainEdge;

/**
 * Adds the edges of a representative cycle (or cocycle) of one plane to a scene as opaque, wide, highlighted
 * segments on top of the normal edges. Pure function of its inputs.
 */
public final class CycleHighlight {

    /** Colour of highlighted edges (opaque vermilion, visible on every colour map). */
    public static final Rgba COLOUR = Rgba.hex("e8431a");

    private CycleHighlight() {
    }

    /**
     * The scene with the given edges of {@code plane} highlighted.
     *
     * @param plane index of the plane in the scene (as in {@link NodeGlyph#plane()})
     * @param edges edges by node index within the plane
     * @return a new scene; {@code scene} itself when no edge could be placed
     */
    public static Scene withEdges(Scene scene, int plane, List<CochainEdge> edges) {
        List<EdgeSegment> extra = new ArrayList<>();
        for (CochainEdge e : edges) {
            NodeGlyph a = glyph(scene, plane, e.u());
            NodeGlyph b = glyph(scene, plane, e.v());
            if (a == null || b == null) {
                continue;
            }
            extra.add(new EdgeSegment(plane, a.layer(), "cycle", -1, e.u(), e.v(), a.position(), b.position(), 1f, 1f,
                    COLOUR, 4.0, false));
        }
        if (extra.isEmpty()) {
            return scene;
        }
        List<EdgeSegment> all = new ArrayList<>(scene.edges());
        all.addAll(extra);
        return new Scene(scene.title(), scene.nodes(), all, scene.links(), scene.planes(), scene.legend(),
                scene.camera(), scene.provenance());
    }

    /** Number of segments {@link #withEdges} added (for tests and the status line). */
    public static int added(Scene before, Scene after) {
        return after.edges().size() - before.edges().size();
    }

    private static NodeGlyph glyph(Scene scene, int plane, int node) {
        for (NodeGlyph g : scene.nodes()) {
            if (g.plane() == plane && g.node() == node) {
                return g;
            }
        }
        return null;
    }
}
