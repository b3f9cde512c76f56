package org.attnplanes.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.attnplanes.graph.BlockKind;
import org.attnplanes.graph.EncoderDecoderGraph;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.Legend;
import org.attnplanes.render.scene.LinkSegment;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.PlaneRect;
import org.attnplanes.render.scene.Rgba;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.scene.Vec3;

/**
 * One figure of a whole encoder–decoder pass ({@link EncoderDecoderGraph}): three columns of stacked planes — the
 * encoder's on the left, the cross planes in the middle, the decoder's on the right, each block's planes as
 * {@link SceneBuilder} draws them (block-tinted) — and the <b>block links</b> between them: every cross plane's
 * source node s is linked from node s of the encoder's last plane (slate links), and its target node t from node t
 * of the decoder plane of its layer (amber links). A cross plane sits at the height of the decoder plane it reads.
 *
 * <p>Plane indices of the scene: the encoder's planes first, then the cross planes, then the decoder's.
 */
public final class PairSceneBuilder {

    /** Link kind of an encoder → cross link ({@link LinkSegment#kind()}). */
    public static final String ENCODER_LINK = "ENCODER_TO_CROSS";
    /** Link kind of a decoder → cross link. */
    public static final String DECODER_LINK = "DECODER_TO_CROSS";

    /** Yaw of the initial camera, degrees: straight from the front (−y), x across the figure. */
    static final double FRONT_YAW = -90;
    /** Width of every column (each block's scene is scaled uniformly to it), in world units. */
    static final double COLUMN_WIDTH = 4;
    /** Gap between two columns, in column widths: room for the plane titles between them. */
    static final double COLUMN_GAP = 0.45;
    /** Height between two rows of planes, in column widths (each block's z is scaled to it). */
    static final double ROW_HEIGHT = 0.4;

    private PairSceneBuilder() {
    }

    /**
     * Builds the three-column scene.
     *
     * @param graph    the pair's graphs and block links, not null
     * @param encoding the edge-weight encoding, not null
     */
    public static Scene build(EncoderDecoderGraph graph, EncodingSpec encoding) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(encoding, "encoding");
        Scene enc = SceneBuilder.build(graph.encoder(), encoding);
        Scene cross = SceneBuilder.build(graph.cross(), encoding);
        Scene dec = SceneBuilder.build(graph.decoder(), encoding);
        int encPlanes = graph.encoder().planes().size();
        int crossPlanes = graph.cross().planes().size();
        // columns: each block's scene moved right of the previous one; z as each block lays it out
        double x = 0;
        Column[] cols = new Column[3];
        Scene[] scenes = {enc, cross, dec};
        int[] planeBase = {0, encPlanes, encPlanes + crossPlanes};
        double spacing = Math.max(1e-9, graph.encoder().spec().planeSpacing());
        for (int c = 0; c < 3; c++) {
            Vec3 min = scenes[c].boundsMin();
            Vec3 max = scenes[c].boundsMax();
            // each block as wide as the others (uniformly: lengths keep their ratios), rows ROW_HEIGHT apart
            double s = COLUMN_WIDTH / Math.max(1e-9, max.x() - min.x());
            cols[c] = new Column(scenes[c], s, ROW_HEIGHT * COLUMN_WIDTH / spacing,
                    new Vec3(x - min.x() * s, -min.y() * s, 0), planeBase[c]);
            x += COLUMN_WIDTH * (1 + COLUMN_GAP);
        }
        List<NodeGlyph> nodes = new ArrayList<>();
        List<EdgeSegment> edges = new ArrayList<>();
        List<PlaneRect> rects = new ArrayList<>();
        List<LinkSegment> links = new ArrayList<>();
        for (Column c : cols) {
            c.addTo(nodes, edges, rects, links);
        }
        Column encCol = cols[0];
        Column crossCol = cols[1];
        Column decCol = cols[2];
        Rgba encColour = SceneBuilder.planeBorder(BlockKind.ENCODER).withAlpha(0.35f);
        Rgba decColour = SceneBuilder.planeBorder(BlockKind.DECODER).withAlpha(0.45f);
        int encoderLinks = 0;
        int decoderLinks = 0;
        for (EncoderDecoderGraph.BlockLink l : graph.blockLinks()) {
            boolean fromEncoder = l.fromBlock() == BlockKind.ENCODER;
            Column from = fromEncoder ? encCol : decCol;
            links.add(new LinkSegment(from.base + l.fromPlane(), l.fromNode(), crossCol.base + l.toPlane(), l.toNode(),
                    fromEncoder ? ENCODER_LINK : DECODER_LINK, l.weight(), from.position(l.fromPlane(), l.fromNode()),
                    crossCol.position(l.toPlane(), l.toNode()), fromEncoder ? encColour : decColour, 0.7));
            if (fromEncoder) {
                encoderLinks++;
            } else {
                decoderLinks++;
            }
        }
        Legend base = cross.legend();
        List<String> extra = new ArrayList<>(base.extra());
        extra.add("columns: encoder (slate planes) | cross-attention (green planes) | decoder (amber planes)");
        extra.add("block links: encoder's last plane → cross sources (" + encoderLinks + "), decoder layer → cross "
                + "targets of that layer (" + decoderLinks + ")");
        Legend legend = new Legend(base.encoding(), base.normalization(), base.scale(), extra, base.colourBar());
        String title = cross.title().replace(" · ", " · encoder | cross | decoder · ");
        Scene draft = new Scene(title, nodes, edges, links, rects, legend, Camera.of(0, 20, 1, Vec3.ZERO),
                cross.provenance().with("render.blocks", "encoder | cross | decoder, with block links")
                        .with("render.block_links", Integer.toString(encoderLinks + decoderLinks)));
        // seen straight from the front: the three columns side by side at one depth, none shrunk by perspective
        Camera cam = Camera.frame(draft.boundsMin(), draft.boundsMax(), FRONT_YAW, SceneBuilder.LINE_PITCH,
                SceneBuilder.DEFAULT_ASPECT);
        return draft.withCamera(cam);
    }

    /**
     * One block's scene scaled by {@code scale} in x and y and {@code zScale} in z, then moved by {@code shift}, its
     * planes renumbered from {@code base}.
     */
    private record Column(Scene scene, double scale, double zScale, Vec3 shift, int base) {

        Vec3 move(Vec3 v) {
            return new Vec3(v.x() * scale + shift.x(), v.y() * scale + shift.y(), v.z() * zScale + shift.z());
        }

        /** The moved position of node {@code node} of the block's plane {@code plane}. */
        Vec3 position(int plane, int node) {
            for (NodeGlyph n : scene.nodes()) {
                if (n.plane() == plane && n.node() == node) {
                    return move(n.position());
                }
            }
            throw new IllegalArgumentException("plane " + plane + " has no node " + node);
        }

        void addTo(List<NodeGlyph> nodes, List<EdgeSegment> edges, List<PlaneRect> rects, List<LinkSegment> links) {
            for (NodeGlyph n : scene.nodes()) {
                nodes.add(new NodeGlyph(base + n.plane(), n.layer(), n.node(), n.label(), move(n.position()),
                        n.radius() * scale, n.colour(), n.stats()));
            }
            for (EdgeSegment e : scene.edges()) {
                edges.add(new EdgeSegment(base + e.plane(), e.layer(), e.headLabel(), e.head(), e.source(),
                        e.target(), move(e.from()), move(e.to()), e.rawWeight(), e.weight(), e.colour(), e.widthPx(),
                        e.directed()));
            }
            for (PlaneRect r : scene.planes()) {
                rects.add(new PlaneRect(base + r.plane(), r.layer(), r.title(), r.minX() * scale + shift.x(),
                        r.minY() * scale + shift.y(), r.maxX() * scale + shift.x(), r.maxY() * scale + shift.y(),
                        r.z() * zScale + shift.z(), r.fill(), r.border()));
            }
            for (LinkSegment l : scene.links()) {
                links.add(new LinkSegment(base + l.fromPlane(), l.fromNode(), base + l.toPlane(), l.toNode(),
                        l.kind(), l.weight(), move(l.from()), move(l.to()), l.colour(), l.widthPx()));
            }
        }
    }
}
