package org.attnplanes.graph;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The multi-planar attention graph: one {@link Plane} of token nodes per selected layer (or layer × head),
 * {@link Link}s between consecutive planes, an optional {@link ClassifierPlane}, a 3D {@link Layout} and the
 * {@link Provenance} (the trace's, plus every {@link GraphSpec} setting). Immutable and thread-safe.
 *
 * <pre>{@code
 * AttentionTrace trace = ...;                       // from model-io, or synthetic
 * GraphSpec spec = GraphSpec.builder().headReduction(HeadReduction.MEAN)
 *         .symmetrization(Symmetrization.SUM).topK(8).build();
 * MultiPlanarGraph g = MultiPlanarGraph.build(trace, spec);
 * Plane last = g.planes().get(g.planes().size() - 1);
 * float w = last.weight(1, 2);                      // normalized, in [0, 1]
 * Point3 p = g.layout().position(last.index(), 1);
 * }</pre>
 */
public final class MultiPlanarGraph {

    private final GraphSpec spec;
    private final Provenance provenance;
    private final List<Token> tokens;
    private final List<Plane> planes;
    private final List<Link> links;
    private final Layout layout;
    private final ClassifierPlane classifier;
    private final boolean difference;

    MultiPlanarGraph(GraphSpec spec, Provenance provenance, List<Token> tokens, List<Plane> planes,
                     List<Link> links, Layout layout, ClassifierPlane classifier, boolean difference) {
        this.spec = spec;
        this.provenance = provenance;
        this.tokens = List.copyOf(tokens);
        this.planes = List.copyOf(planes);
        this.links = List.copyOf(links);
        this.layout = layout;
        this.classifier = classifier;
        this.difference = difference;
    }

    /**
     * Builds the graph of a trace.
     *
     * @throws IllegalArgumentException naming the offending value: a layer outside the trace, a head ≥ H,
     *                                  VALUE_WEIGHTED links without value norms, a missing or ill-shaped
     *                                  classifier output, word indices that are not non-decreasing
     */
    public static MultiPlanarGraph build(AttentionTrace trace, GraphSpec spec) {
        return GraphBuilder.build(Objects.requireNonNull(trace, "trace"), Objects.requireNonNull(spec, "spec"));
    }

    /**
     * As {@link #build(AttentionTrace, GraphSpec)}, with every plane's 2D positions taken from {@code positions}
     * (e.g. a cache of layouts computed for earlier graphs of the same trace).
     */
    public static MultiPlanarGraph build(AttentionTrace trace, GraphSpec spec,
                                         org.attnplanes.graph.layout.PlanePositions positions) {
        return GraphBuilder.build(Objects.requireNonNull(trace, "trace"), Objects.requireNonNull(spec, "spec"), null,
                positions);
    }

    /**
     * The smallest and largest |w| over the off-diagonal weights of every plane {@code spec} selects from
     * {@code trace}, before normalization: the range GLOBAL_ABS_MINMAX and LOG normalization scale by.
     *
     * @return {@code {min, max}} ({@code {0, 0}} for fewer than two nodes)
     */
    public static float[] weightRange(AttentionTrace trace, GraphSpec spec) {
        return GraphBuilder.weightRange(Objects.requireNonNull(trace, "trace"), Objects.requireNonNull(spec, "spec"));
    }

    /**
     * As {@link #build(AttentionTrace, GraphSpec)}, but GLOBAL_ABS_MINMAX and LOG normalization scale by the given
     * range instead of the graph's own. A graph built in parts (layer groups of one input captured in several
     * passes) is normalized exactly as the whole would be when {@code range} is the min and max of the parts'
     * {@link #weightRange}s.
     */
    public static MultiPlanarGraph build(AttentionTrace trace, GraphSpec spec, float min, float max) {
        return GraphBuilder.build(Objects.requireNonNull(trace, "trace"), Objects.requireNonNull(spec, "spec"),
                new float[] {min, max});
    }

    /**
     * The signed difference {@code first − second} of two graphs over identical tokens (e.g. fp32 vs int8, two
     * checkpoints): every plane's raw, attention and normalized weights are differences (normalized in
     * [−1, 1]); an edge is kept when either graph kept it; links are the differences of same-kind links
     * (absent = 0); layout and spec are the first graph's; provenance is the first's with
     * {@code difference.minus.*} entries naming the second.
     *
     * @throws IllegalArgumentException when tokens, planes (count, layer, head, size, direction) or the
     *                                  classifier differ, naming the first mismatch
     */
    public static MultiPlanarGraph difference(MultiPlanarGraph first, MultiPlanarGraph second) {
        return GraphDifference.of(Objects.requireNonNull(first, "first"), Objects.requireNonNull(second, "second"));
    }

    /** The spec this graph was built with. */
    public GraphSpec spec() {
        return spec;
    }

    /** The trace's provenance with every spec setting added ({@code graph.*} keys). */
    public Provenance provenance() {
        return provenance;
    }

    /** Node tokens (after word merging, if any); node i of every plane is token i. */
    public List<Token> tokens() {
        return tokens;
    }

    /** Planes in layer order; with PER_HEAD layer-major, head-minor. */
    public List<Plane> planes() {
        return planes;
    }

    /** Links between consecutive planes (and to the classifier plane), grouped by plane pair and kind. */
    public List<Link> links() {
        return links;
    }

    /** 3D positions of every node. */
    public Layout layout() {
        return layout;
    }

    /** The classifier plane, when the trace had a logits output and the spec asked for it. */
    public Optional<ClassifierPlane> classifier() {
        return Optional.ofNullable(classifier);
    }

    /**
     * The attention block the planes show ({@link BlockKind#SELF} for a single model); a {@link BlockKind#CROSS}
     * graph has bipartite planes (see {@link Plane#bipartite()}).
     */
    public BlockKind block() {
        return planes.isEmpty() ? BlockKind.SELF : planes.get(0).block();
    }

    /** Whether this graph is a signed {@link #difference} of two graphs. */
    public boolean isDifference() {
        return difference;
    }

    @Override
    public String toString() {
        return "MultiPlanarGraph[" + planes.size() + " planes × " + tokens.size() + " nodes, " + links.size()
                + " links" + (difference ? ", difference" : "") + "]";
    }
}
