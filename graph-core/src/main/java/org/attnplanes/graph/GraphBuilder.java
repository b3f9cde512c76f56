package org.attnplanes.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attnplanes.graph.layout.BipartiteLayout;
import org.attnplanes.graph.layout.CircleLayout;
import org.attnplanes.graph.layout.ClassicalMdsLayout;
import org.attnplanes.graph.layout.ForceLayout;
import org.attnplanes.graph.layout.GridLayout;
import org.attnplanes.graph.layout.LineLayout;
import org.attnplanes.graph.layout.PlaneLayout;
import org.attnplanes.graph.layout.PlanePositions;
import org.attnplanes.graph.layout.ProcrustesAlignment;
import org.attnplanes.graph.layout.StressMajorizationLayout;

/** Internal: builds a {@link MultiPlanarGraph} from a trace and a spec (see there for the semantics). */
final class GraphBuilder {

    /** Distance along x between the centres of the head planes of one layer (PER_HEAD), in layout units. */
    static final double HEAD_SPACING = 2.5;

    /** Floats per chunk of the head reduction (16 KiB: the accumulator chunk stays in L1). */
    private static final int REDUCE_CHUNK = 4096;

    private final AttentionTrace trace;
    private final GraphSpec spec;
    private final WordGroups groups;
    private final int heads;
    /** Target nodes of a bipartite (cross) trace, else 0. */
    private final int targets;

    /** {min, max} of |w| that GLOBAL_ABS_MINMAX and LOG scale by instead of the graph's own; null = its own. */
    private float[] fixedRange;

    /** Where the plane positions come from (computed unless a caller caches them). */
    private PlanePositions positions = PlanePositions.COMPUTE;

    private GraphBuilder(AttentionTrace trace, GraphSpec spec) {
        this.trace = trace;
        this.spec = spec;
        this.targets = trace.bipartite() ? trace.targetCount() : 0;
        WordGroups g = spec.mergeWords() ? WordGroups.of(trace.tokens()) : null;
        this.groups = g == null || g.trivial() ? null : g;
        this.heads = trace.heads();
    }

    static MultiPlanarGraph build(AttentionTrace trace, GraphSpec spec) {
        return build(trace, spec, null);
    }

    /**
     * As {@link #build(AttentionTrace, GraphSpec)}; a non-null {@code range} ({min, max} of |w|) replaces the
     * graph's own range in GLOBAL_ABS_MINMAX and LOG normalization.
     */
    static MultiPlanarGraph build(AttentionTrace trace, GraphSpec spec, float[] range) {
        return build(trace, spec, range, PlanePositions.COMPUTE);
    }

    /** As {@link #build(AttentionTrace, GraphSpec, float[])}, with the plane positions taken from {@code positions}. */
    static MultiPlanarGraph build(AttentionTrace trace, GraphSpec spec, float[] range, PlanePositions positions) {
        int[] layers = spec.layers().resolve(trace.layers());
        if (spec.headReduction() == HeadReduction.SINGLE) {
            int h = spec.head().getAsInt();
            if (h >= trace.heads()) {
                throw new IllegalArgumentException("head = " + h + " is outside [0, " + (trace.heads() - 1)
                        + "] (the trace has " + trace.heads() + " heads per layer)");
            }
        }
        if (trace.bipartite() && spec.mergeWords()) {
            throw new IllegalArgumentException("mergeWords = true cannot merge the tokens of a cross-attention trace "
                    + "(target and source tokens are two word sequences); build its graph without merging words");
        }
        if (spec.links().contains(LinkKind.VALUE_WEIGHTED) && trace.valueNorms().isEmpty()) {
            throw new IllegalArgumentException("links = VALUE_WEIGHTED needs value-vector norms, but the trace of "
                    + trace.provenance().modelFile() + " has none; capture with value norms or drop VALUE_WEIGHTED");
        }
        GraphBuilder b = new GraphBuilder(trace, spec);
        b.fixedRange = range == null ? null : range.clone();
        b.positions = java.util.Objects.requireNonNull(positions, "positions");
        return b.run(layers);
    }

    /** {min, max} of |w| over the off-diagonal weights of every plane before normalization. */
    static float[] weightRange(AttentionTrace trace, GraphSpec spec) {
        GraphBuilder b = new GraphBuilder(trace, spec);
        int n = b.nodeCount();
        boolean directed = spec.symmetrization() == Symmetrization.DIRECTED;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        float[] scratch = directed ? null : new float[n * n];
        for (int layer : spec.layers().resolve(trace.layers())) {
            int[] hs;
            if (spec.headReduction() == HeadReduction.PER_HEAD) {
                hs = new int[trace.heads()];
                java.util.Arrays.setAll(hs, h -> h);
            } else {
                hs = new int[] {spec.headReduction() == HeadReduction.SINGLE ? spec.head().getAsInt() : -1};
            }
            for (int h : hs) {
                ReducedWeights w = new ReducedWeights(n, b.reduce(layer, h, false), spec.symmetrization(), null,
                        b.targets);
                float[] raw = w.rawMatrix(scratch);
                for (int i = 0; i < n; i++) {
                    for (int j = directed ? 0 : i + 1; j < n; j++) {
                        if (j != i && w.allowed(i, j) && (b.targets == 0 || !directed || i < b.targets)) {
                            float v = Math.abs(raw[i * n + j]);
                            min = Math.min(min, v);
                            max = Math.max(max, v);
                        }
                    }
                }
            }
        }
        return n < 2 ? new float[] {0f, 0f} : new float[] {min, max};
    }

    private MultiPlanarGraph run(int[] layers) {
        List<Token> tokens = groups == null ? trace.tokens() : groups.words();
        int n = tokens.size();
        boolean directed = spec.symmetrization() == Symmetrization.DIRECTED;

        // 1. head reduction (+ word merging): one directed matrix per plane
        List<int[]> ids = new ArrayList<>(); // {layer, head or −1}
        List<float[]> matrices = new ArrayList<>();
        for (int layer : layers) {
            if (spec.headReduction() == HeadReduction.PER_HEAD) {
                for (int h = 0; h < heads; h++) {
                    ids.add(new int[] {layer, h});
                    matrices.add(reduce(layer, h, false));
                }
            } else {
                int h = spec.headReduction() == HeadReduction.SINGLE ? spec.head().getAsInt() : -1;
                ids.add(new int[] {layer, h});
                matrices.add(reduce(layer, h, false));
            }
        }

        // 2. normalization (a view over the stored matrices)
        List<ReducedWeights> weights = normalize(matrices, n, directed);

        // 3. pruning
        boolean[] excluded = null;
        if (!spec.keepSpecialTokens()) {
            excluded = new boolean[n];
            for (int i = 0; i < n; i++) {
                excluded[i] = tokens.get(i).special();
            }
        }
        Pruner pruner = new Pruner(spec, excluded, spec.normalization() == Normalization.PER_ROW, targets);
        List<Plane> planes = new ArrayList<>(matrices.size());
        float[] scratch = directed ? null : new float[n * n];
        for (int p = 0; p < matrices.size(); p++) {
            int layer = ids.get(p)[0];
            int head = ids.get(p)[1];
            String label = head >= 0 ? Integer.toString(head)
                    : spec.headReduction() == HeadReduction.MAX ? "max" : "mean";
            ReducedWeights rw = weights.get(p);
            Plane plane = new Plane(p, layer, label, head, n, directed, rw,
                    w -> pruner.prune(rw, n, directed, rw.rawMatrix(scratch)), trace.block(), targets);
            if (head >= 0 && groups == null && matrices.get(p) == trace.attention(layer, head).array()) {
                plane.sharing(trace.attention(layer, head));    // a leased trace plane: reads throw once released
            }
            planes.add(plane);
        }

        // 4. links
        int[][] chains = chains(planes.size(), layers.length);
        List<Link> links = new LinkBuilder(this, spec, planes, n).build(chains);
        ClassifierPlane classifier = Classifiers.find(trace, spec, planes.size());
        if (classifier != null) {
            int last = layers.length - 1;
            for (int[] chain : chains) {
                int from = chain[last];
                for (int k = 0; k < classifier.size(); k++) {
                    links.add(new Link(from, 0, classifier.index(), k, (float) classifier.probability(k),
                            LinkKind.CLASSIFIER));
                }
            }
        }

        // 5. layout
        Layout layout = layout(planes, chains, layers.length, classifier);

        Provenance provenance = trace.provenance();
        for (Map.Entry<String, String> e : spec.settings().entrySet()) {
            provenance = provenance.with(e.getKey(), e.getValue());
        }
        if (trace.causal()) {
            provenance = provenance.with(CAUSAL_PLANES, causalPlanes(spec.symmetrization()));
        }
        if (targets > 0) {
            provenance = provenance.with(BIPARTITE_PLANES, "cross-attention: nodes 0.." + (targets - 1) + " are the "
                    + targets + " target (decoder) tokens, nodes " + targets + ".." + (n - 1) + " the " + (n - targets)
                    + " source (encoder) tokens; only target-source pairs carry weight; bipartite layout "
                    + "(targets on y = +0.5, sources on y = -0.5) whatever the layout option");
        }
        return new MultiPlanarGraph(spec, provenance, tokens, planes, links, layout, classifier, false);
    }

    /**
     * The head-reduced, word-merged directed matrix of one layer: head {@code h} (≥ 0) or the spec's reduction
     * over all heads (h = −1); with {@code valueWeighted}, entries are α_ij ‖v_j‖ instead of α_ij. The result
     * may share the trace's storage and must not be modified.
     */
    float[] reduce(int layer, int h, boolean valueWeighted) {
        int tokens = trace.tokenCount();
        float[] out;
        if (h >= 0) {
            out = headMatrix(layer, h, valueWeighted);
        } else {
            int nn = tokens * tokens;
            out = new float[nn];
            boolean max = spec.headReduction() == HeadReduction.MAX;
            float[][] x = new float[heads][];
            for (int k = 0; k < heads; k++) {
                x[k] = headMatrix(layer, k, valueWeighted);
            }
            // chunked so that the accumulator stays in cache while every head streams through it
            for (int from = 0; from < nn; from += REDUCE_CHUNK) {
                int to = Math.min(nn, from + REDUCE_CHUNK);
                System.arraycopy(x[0], from, out, from, to - from);
                for (int k = 1; k < heads; k++) {
                    float[] a = x[k];
                    if (max) {
                        for (int e = from; e < to; e++) {
                            out[e] = Math.max(out[e], a[e]);
                        }
                    } else {
                        for (int e = from; e < to; e++) {
                            out[e] += a[e];
                        }
                    }
                }
                if (!max) {
                    float inv = 1f / heads;
                    for (int e = from; e < to; e++) {
                        out[e] *= inv;
                    }
                }
            }
        }
        return groups == null ? out : groups.merge(out);
    }

    private float[] headMatrix(int layer, int h, boolean valueWeighted) {
        float[] a = trace.attention(layer, h).array();
        if (!valueWeighted) {
            return a;
        }
        ValueNorms norms = trace.valueNorms().orElseThrow();
        int n = trace.tokenCount();
        float[] out = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = a[i * n + j] * norms.norm(layer, h, j);
            }
        }
        return out;
    }

    /** Node count after merging. */
    int nodeCount() {
        return groups == null ? trace.tokenCount() : groups.size();
    }

    int heads() {
        return heads;
    }

    private List<ReducedWeights> normalize(List<float[]> matrices, int n, boolean directed) {
        List<ReducedWeights> out = new ArrayList<>(matrices.size());
        Normalization norm = spec.normalization();
        if (norm == Normalization.PER_ROW) {
            for (float[] a : matrices) {
                out.add(new ReducedWeights(n, a, spec.symmetrization(), targets));
            }
            return out;
        }
        List<ReducedWeights> unscaled = new ArrayList<>(matrices.size());
        float globalMin = Float.POSITIVE_INFINITY;
        float globalMax = Float.NEGATIVE_INFINITY;
        float[] mins = new float[matrices.size()];
        float[] maxs = new float[matrices.size()];
        float[] scratch = directed ? null : new float[n * n];
        float[][] rankValues = norm == Normalization.RANK ? new float[matrices.size()][] : null;
        for (int p = 0; p < matrices.size(); p++) {
            ReducedWeights w = new ReducedWeights(n, matrices.get(p), spec.symmetrization(), null, targets);
            unscaled.add(w);
            float[] raw = w.rawMatrix(scratch);
            float[] values = null;
            int c = 0;
            if (rankValues != null) {
                values = new float[targets > 0 ? targets * (n - targets)
                        : directed ? n * (n - 1) : n * (n - 1) / 2];
                rankValues[p] = values;
            }
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                for (int j = directed ? 0 : i + 1; j < n; j++) {
                    if (j != i && w.allowed(i, j) && (targets == 0 || !directed || i < targets)) {
                        float v = Math.abs(raw[i * n + j]);
                        if (values != null) {
                            values[c++] = v;
                        }
                        if (v < min) {
                            min = v;
                        }
                        if (v > max) {
                            max = v;
                        }
                    }
                }
            }
            if (n < 2) {
                min = 0f;
                max = 0f;
            }
            mins[p] = min;
            maxs[p] = max;
            globalMin = Math.min(globalMin, min);
            globalMax = Math.max(globalMax, max);
        }
        if (fixedRange != null) {
            globalMin = fixedRange[0];
            globalMax = fixedRange[1];
        }
        for (int p = 0; p < matrices.size(); p++) {
            WeightScale scale;
            switch (norm) {
                case GLOBAL_ABS_MINMAX:
                    scale = new WeightScale.MinMax(globalMin, globalMax);
                    break;
                case PER_LAYER:
                    scale = new WeightScale.MinMax(mins[p], maxs[p]);
                    break;
                case LOG:
                    scale = new WeightScale.Log(spec.logEpsilon(), globalMin, globalMax);
                    break;
                case RANK:
                    scale = new WeightScale.Rank(rankValues[p]);
                    break;
                default:
                    throw new IllegalStateException("normalization " + norm);
            }
            out.add(new ReducedWeights(n, matrices.get(p), spec.symmetrization(), scale, targets));
        }
        return out;
    }

    /** Plane indices of each chain of consecutive planes: one chain, or one per head with PER_HEAD. */
    private int[][] chains(int planeCount, int layerCount) {
        int perLayer = planeCount / layerCount;
        int[][] chains = new int[perLayer][layerCount];
        for (int h = 0; h < perLayer; h++) {
            for (int t = 0; t < layerCount; t++) {
                chains[h][t] = t * perLayer + h;
            }
        }
        return chains;
    }

    private Layout layout(List<Plane> planes, int[][] chains, int layerCount, ClassifierPlane classifier) {
        int total = planes.size() + (classifier == null ? 0 : 1);
        double[][] xy = new double[total][];
        double[] xOffset = new double[total];
        double[] z = new double[total];
        PlaneLayout algorithm = targets > 0 ? new BipartiteLayout() : switch (spec.layout()) {
            case LINE -> new LineLayout();
            case CIRCLE -> new CircleLayout();
            case MDS -> new ClassicalMdsLayout();
            case STRESS -> new StressMajorizationLayout();
            case FORCE -> new ForceLayout(ForceLayout.DEFAULT_ITERATIONS, spec.seed());
            case GRID -> new GridLayout(ImageGrid.of(trace).filter(g -> groups == null).orElseThrow(
                    () -> new IllegalArgumentException("layout = GRID needs the image grid of a vision transformer's "
                            + "trace (without word merging), but the trace of " + trace.provenance().modelFile()
                            + " has " + (groups != null ? "merged words" : "no image grid")
                            + "; use LINE, CIRCLE, MDS or FORCE")));
        };
        boolean align = targets == 0 && spec.alignPlanes() && (spec.layout() == LayoutKind.MDS
                || spec.layout() == LayoutKind.STRESS || spec.layout() == LayoutKind.FORCE);
        int perLayer = chains.length;
        for (int h = 0; h < perLayer; h++) {
            double[] previous = null;
            for (int t = 0; t < layerCount; t++) {
                int p = chains[h][t];
                double[] pos = positions.of(planes.get(p), algorithm);
                if (align && previous != null) {
                    pos = ProcrustesAlignment.align(previous, pos);
                }
                xy[p] = pos;
                previous = pos;
                xOffset[p] = (h - (perLayer - 1) / 2.0) * HEAD_SPACING;
                z[p] = t * spec.planeSpacing();
            }
        }
        if (classifier != null) {
            xy[classifier.index()] = LineLayout.line(classifier.size());
            z[classifier.index()] = layerCount * spec.planeSpacing();
        }
        return new Layout(spec.layout(), xy, xOffset, z);
    }

    /** Provenance setting that describes the bipartite planes of a cross-attention trace. */
    static final String BIPARTITE_PLANES = "bipartite_planes";

    /** Provenance setting that states how the lower-triangular planes of a causal trace were symmetrized. */
    static final String CAUSAL_PLANES = "causal_planes";

    /** What a symmetrization makes of a causal plane (A[i][j] = 0 for every key j after query i). */
    static String causalPlanes(Symmetrization s) {
        return switch (s) {
            case SUM, MAX -> "lower-triangular (causal); " + s.name().toLowerCase(java.util.Locale.ROOT)
                    + " symmetrization gives w(i, j) = A[max][min], the weight from the later token to the earlier";
            case MEAN -> "lower-triangular (causal); mean symmetrization gives w(i, j) = A[max][min] / 2, half the"
                    + " weight from the later token to the earlier";
            case DIRECTED -> "lower-triangular (causal); kept directed: arcs from each query to itself and earlier keys";
        };
    }
}
