package org.attnplanes.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The graphs of an {@link EncoderDecoderTrace}: one {@link MultiPlanarGraph} per block (encoder, decoder, cross; each
 * built with the same {@link GraphSpec}, layers counted within the block's stack) and the {@link BlockLink}s that tie
 * the cross planes to the other two: every cross plane's source node s is linked from node s of the encoder's
 * <em>last</em> plane (the encoder output every cross layer reads), and its target node t from node t of the
 * decoder plane of the <em>same layer</em> and head (whose output the cross-attention's queries come from).
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * EncoderDecoderGraph g = EncoderDecoderGraph.build(trace, GraphSpec.defaults());
 * Plane cross0 = g.cross().planes().get(0);            // bipartite: targets 0..t−1, then sources
 * for (EncoderDecoderGraph.BlockLink l : g.blockLinks()) { ... }
 * }</pre>
 */
public final class EncoderDecoderGraph {

    /**
     * A link from a node of an encoder or decoder plane to a node of a cross plane.
     *
     * @param fromBlock {@link BlockKind#ENCODER} or {@link BlockKind#DECODER}
     * @param fromPlane plane index in that block's graph
     * @param fromNode  node (token) index in that plane
     * @param toPlane   plane index in the cross graph
     * @param toNode    node index in that cross plane (t for a target, t_count + s for a source)
     * @param weight    1: the token's representation flows on unchanged (a residual-style link)
     */
    public record BlockLink(BlockKind fromBlock, int fromPlane, int fromNode, int toPlane, int toNode, float weight) {
    }

    private final MultiPlanarGraph encoder;
    private final MultiPlanarGraph decoder;
    private final MultiPlanarGraph cross;
    private final List<BlockLink> blockLinks;

    private EncoderDecoderGraph(MultiPlanarGraph encoder, MultiPlanarGraph decoder, MultiPlanarGraph cross,
                                List<BlockLink> blockLinks) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.cross = cross;
        this.blockLinks = List.copyOf(blockLinks);
    }

    /**
     * Builds the three graphs and their block links.
     *
     * @throws IllegalArgumentException as {@link MultiPlanarGraph#build} does for any block (e.g. a layer outside
     *                                  the encoder's or the decoder's stack)
     */
    public static EncoderDecoderGraph build(EncoderDecoderTrace trace, GraphSpec spec) {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(spec, "spec");
        MultiPlanarGraph enc = MultiPlanarGraph.build(trace.encoder(), spec);
        MultiPlanarGraph dec = MultiPlanarGraph.build(trace.decoder(), spec);
        MultiPlanarGraph cr = MultiPlanarGraph.build(trace.cross(), spec);
        List<BlockLink> links = new ArrayList<>();
        int targets = trace.cross().targetCount();
        int lastEncoderLayer = enc.planes().get(enc.planes().size() - 1).layer();
        for (Plane q : cr.planes()) {
            Plane fromEncoder = find(enc, lastEncoderLayer, q.headLabel());
            if (fromEncoder != null) {
                for (int s = 0; s < fromEncoder.size(); s++) {
                    links.add(new BlockLink(BlockKind.ENCODER, fromEncoder.index(), s, q.index(), targets + s, 1f));
                }
            }
            Plane fromDecoder = find(dec, q.layer(), q.headLabel());
            if (fromDecoder != null) {
                for (int t = 0; t < fromDecoder.size(); t++) {
                    links.add(new BlockLink(BlockKind.DECODER, fromDecoder.index(), t, q.index(), t, 1f));
                }
            }
        }
        return new EncoderDecoderGraph(enc, dec, cr, links);
    }

    private static Plane find(MultiPlanarGraph g, int layer, String headLabel) {
        for (Plane p : g.planes()) {
            if (p.layer() == layer && p.headLabel().equals(headLabel)) {
                return p;
            }
        }
        return null;
    }

    /** The encoder's graph (source tokens). */
    public MultiPlanarGraph encoder() {
        return encoder;
    }

    /** The decoder's graph (target tokens, causal planes). */
    public MultiPlanarGraph decoder() {
        return decoder;
    }

    /** The cross-attention graph (bipartite planes: target tokens, then source tokens). */
    public MultiPlanarGraph cross() {
        return cross;
    }

    /** The graph of one block kind. */
    public MultiPlanarGraph block(BlockKind kind) {
        return switch (kind) {
            case ENCODER -> encoder;
            case DECODER -> decoder;
            case CROSS -> cross;
            case SELF -> throw new IllegalArgumentException("block = self is not part of an encoder–decoder graph; "
                    + "use encoder, decoder or cross");
        };
    }

    /** The links from encoder and decoder planes into the cross planes. */
    public List<BlockLink> blockLinks() {
        return blockLinks;
    }

    @Override
    public String toString() {
        return "EncoderDecoderGraph[" + encoder.planes().size() + " encoder, " + decoder.planes().size() + " decoder, "
                + cross.planes().size() + " cross planes, " + blockLinks.size() + " block links]";
    }
}
