package org.attnplanes.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.attnplanes.graph.BlockKind;
import org.attnplanes.graph.ClassifierPlane;
import org.attnplanes.graph.EdgeList;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.Layout;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.Link;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.graph.Point3;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Token;
import org.attnplanes.graph.layout.ClassicalMdsLayout;
import org.attnplanes.graph.layout.ProcrustesAlignment;
import org.attnplanes.graph.layout.StressMajorizationLayout;
import org.attnplanes.render.encoding.ColourMap;
import org.attnplanes.render.encoding.EdgeEncoding;
import org.attnplanes.render.encoding.EdgeStyle;
import org.attnplanes.render.encoding.Encoding;
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
 * Turns a {@link MultiPlanarGraph} into a renderer-neutral {@link Scene} under an {@link EncodingSpec}.
 *
 * <pre>{@code
 * MultiPlanarGraph g = MultiPlanarGraph.build(trace, GraphSpec.builder().topK(8).build());
 * Scene s = SceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY, Encoding.WIDTH), 0.05);
 * Figures.writeSvg(s, FigureSpec.defaults(), Path.of("stack.svg"));
 * }</pre>
 *
 * <p>Every kept edge of every plane ({@link Plane#edges()}) whose |normalized weight| is at least the display
 * threshold becomes one {@link EdgeSegment}; nodes are placed by the graph's {@link Layout}, with x and y
 * scaled uniformly so that the widest plane spans {@link #PLANE_WIDTH} units (z, the plane stacking, is kept). With
 * {@link Encoding#LENGTH} the nodes must sit in a distance layout: the graph's own when it is
 * {@link LayoutKind#MDS}, {@link LayoutKind#STRESS} or {@link LayoutKind#FORCE}, otherwise graph-core's
 * {@link StressMajorizationLayout} (started from {@link ClassicalMdsLayout}, which alone collapses long inputs of
 * nearly equidistant tokens into a needle) is run on each plane here (centred where the graph put the plane, rotated
 * onto the plane below it by {@link ProcrustesAlignment}); the legend says which, with the normalized stress. A graph built with
 * {@link HeadReduction#PER_HEAD} gets a hue per head unless colour already encodes weight. A difference graph
 * (signed weights) uses the diverging colour map. Stateless.
 */
public final class SceneBuilder {

    /** Width in layout units of the widest plane in a scene (x and y are scaled uniformly to it). */
    public static final double PLANE_WIDTH = 2;

    /**
     * In a plane whose tokens lie on a line ({@link LayoutKind#LINE}) an edge would run along the line over the
     * tokens between its ends: the figure painters draw it as an arc in the plane instead (an arc diagram), whose
     * height is this fraction of the distance it spans; the plane rectangle is made deep enough for the longest.
     */
    public static final double ARC_DEPTH = 0.25;

    /** Node colour of ordinary tokens. */
    public static final Rgba NODE_COLOUR = Rgba.hex("2b2b33");
    /** Node colour of special tokens ([CLS], [SEP], …). */
    public static final Rgba SPECIAL_NODE_COLOUR = Rgba.hex("8a8f99");
    /** Plane fill. */
    public static final Rgba PLANE_FILL = Rgba.hex("7f93b8").withAlpha(0.10f);
    /** Plane border and title colour. */
    public static final Rgba PLANE_BORDER = Rgba.hex("4a5878").withAlpha(0.55f);

    /** Yaw of the initial camera, degrees. */
    public static final double DEFAULT_YAW = -62;
    /** Pitch of the initial camera, degrees. */
    public static final double DEFAULT_PITCH = 24;
    /** How much longer than {@link #PLANE_WIDTH} the token line of the line layout is drawn. */
    public static final double LINE_STRETCH = 2.2;
    /** Yaw of the initial camera for the line layout (the line seen from the front, slightly turned), degrees. */
    public static final double LINE_YAW = -78;
    /** Pitch of the initial camera for the line layout, degrees. */
    public static final double LINE_PITCH = 26;
    /** Aspect ratio (width / height) the initial camera frames the scene for. */
    public static final double DEFAULT_ASPECT = 1.5;

    private static final int COLOUR_BAR_SAMPLES = 64;

    private SceneBuilder() {
    }

    /** {@link #build(MultiPlanarGraph, EncodingSpec, double)} with display threshold 0 (every kept edge). */
    public static Scene build(MultiPlanarGraph graph, EncodingSpec encoding) {
        return build(graph, encoding, 0);
    }

    /**
     * Builds the scene.
     *
     * @param graph     the graph, not null
     * @param encoding  the edge-weight encoding, not null
     * @param threshold display threshold on |normalized weight| in [0, 1]; edges below it are left out
     * @throws IllegalArgumentException if the threshold is outside [0, 1] or NaN
     */
    public static Scene build(MultiPlanarGraph graph, EncodingSpec encoding, double threshold) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(encoding, "encoding");
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold = " + threshold + " must be in [0, 1]");
        }
        GraphSpec gs = graph.spec();
        boolean signed = graph.isDifference();
        boolean headHue = encoding.has(Encoding.HEAD_HUE)
                || (gs.headReduction() == HeadReduction.PER_HEAD && !encoding.has(Encoding.COLOUR));
        EncodingSpec effective = headHue && !encoding.has(Encoding.HEAD_HUE) ? withHeadHue(encoding) : encoding;
        EdgeEncoding edgeEncoding = effective.edgeEncoding(signed);
        EdgeStyle base = effective.baseStyle();

        // a difference graph's colours and widths span the data: symmetric around 0 at the largest |Δw| shown
        double diffScale = signed ? largestAbsWeight(graph, threshold) : 1;
        double weightScale = diffScale > 0 ? diffScale : 1;
        Positions pos = positions(graph, encoding.has(Encoding.LENGTH));
        List<Plane> planes = graph.planes();
        List<Token> tokens = graph.tokens();
        // after normalization the widest plane spans PLANE_WIDTH: size glyphs per plane, not per scene, so
        // side-by-side heads (PER_HEAD) keep the same node size; crowded planes get smaller nodes
        double extent = PLANE_WIDTH;
        int maxNodes = 1;
        for (Plane p : planes) {
            maxNodes = Math.max(maxNodes, p.size());
        }
        double radius = PLANE_WIDTH * Math.min(0.012, 0.6 / maxNodes);

        List<NodeGlyph> nodes = new ArrayList<>();
        List<EdgeSegment> edges = new ArrayList<>();
        List<PlaneRect> rects = new ArrayList<>();
        for (Plane p : planes) {
            int pi = p.index();
            int n = p.size();
            for (int i = 0; i < n; i++) {
                Token t = tokens.get(i);
                nodes.add(new NodeGlyph(pi, p.layer(), i, t.text(), pos.at(pi, i), radius,
                        t.special() ? SPECIAL_NODE_COLOUR : NODE_COLOUR, stats(p, i)));
            }
            EdgeList el = p.edges();
            OptionalInt h = p.head();
            int head = h.isPresent() ? h.getAsInt() : -1;
            for (int k = 0; k < el.size(); k++) {
                float w = el.weight(k);
                if (Math.abs(w) < threshold) {
                    continue;
                }
                int s = el.source(k);
                int t = el.target(k);
                EdgeStyle st = edgeEncoding.apply(base, (float) Math.max(-1, Math.min(1, w / weightScale)), head);
                edges.add(new EdgeSegment(pi, p.layer(), p.headLabel(), head, s, t, pos.at(pi, s), pos.at(pi, t),
                        el.rawWeight(k), w, st.colour(), st.widthPx(), p.directed()));
            }
            rects.add(rect(pi, p.layer(), planeTitle(p), pos, pi, n, extent, p.block()));
        }
        Optional<ClassifierPlane> cls = graph.classifier();
        cls.ifPresent(c -> {
            for (int k = 0; k < c.size(); k++) {
                String label = String.format(Locale.ROOT, "%s (p=%.2f)", c.label(k), c.probability(k));
                nodes.add(new NodeGlyph(c.index(), -1, k, label, pos.at(c.index(), k), radius * 1.4,
                        k == c.predicted() ? Rgba.hex("b2182b") : NODE_COLOUR, NodeGlyph.NodeStats.NONE));
            }
            rects.add(rect(c.index(), -1, "classifier", pos, c.index(), c.size(), extent, BlockKind.SELF));
        });
        List<LinkSegment> links = new ArrayList<>();
        // value-weighted links are in the units of the value vectors: their opacity is relative to the largest
        double valueMax = 0;
        for (Link l : graph.links()) {
            if (l.kind() == LinkKind.VALUE_WEIGHTED) {
                valueMax = Math.max(valueMax, Math.abs(l.weight()));
            }
        }
        for (Link l : graph.links()) {
            links.add(link(l, pos, valueMax));
        }
        Legend legend = legend(graph, effective, signed, threshold, pos, diffScale);
        Provenance prov = graph.provenance()
                .with("render.encoding", effective.shortName())
                .with("render.encoding.detail", encodingLine(effective, signed, diffScale))
                .with("render.gamma", Double.toString(effective.contrast().gamma()))
                .with("render.threshold", Double.toString(threshold))
                .with("render.normalization", normalizationName(gs))
                .with("render.layout", pos.description);
        if (signed) {
            prov = prov.with("render.difference.max_abs", Float.toString((float) diffScale));
        }
        String title = provenanceTitle(graph.provenance()) + (signed && effective.has(Encoding.COLOUR)
                ? effective.shortName().replace("(" + effective.colourMap().displayName() + ")",
                        "(" + effective.effectiveColourMap(true).displayName() + ")") : effective.shortName());
        Scene draft = new Scene(title, nodes, edges, links, rects, legend, Camera.of(0, 20, 1, Vec3.ZERO), prov);
        // tokens on a line (arc diagrams): look at the line from the front so that its tokens spread across the figure
        boolean line = graph.layout().kind() == LayoutKind.LINE && !encoding.has(Encoding.LENGTH);
        Camera cam = Camera.frame(draft.boundsMin(), draft.boundsMax(), line ? LINE_YAW : DEFAULT_YAW,
                line ? LINE_PITCH : DEFAULT_PITCH, DEFAULT_ASPECT);
        return draft.withCamera(cam);
    }

    private static String provenanceTitle(Provenance p) {
        return p.modelFile().isEmpty() ? "" : p.modelFile() + " · ";
    }

    private static EncodingSpec withHeadHue(EncodingSpec e) {
        java.util.EnumSet<Encoding> set = java.util.EnumSet.copyOf(e.encodings());
        set.add(Encoding.HEAD_HUE);
        EncodingSpec.Builder b = EncodingSpec.builder().encodings(set).colourMap(e.colourMap())
                .gamma(e.contrast().gamma());
        return copyRanges(e, b).build();
    }

    private static EncodingSpec.Builder copyRanges(EncodingSpec e, EncodingSpec.Builder b) {
        return b.opacityRange(e.minAlpha(), e.maxAlpha()).widthRange(e.minWidthPx(), e.maxWidthPx())
                .base(e.baseColour(), e.baseWidthPx());
    }

    private static String planeTitle(Plane p) {
        String h = p.headLabel();
        return (p.block() == BlockKind.SELF ? "" : p.block().label() + " ") + "layer " + p.layer() + (h.isEmpty() ? "" : " · " + (p.head().isPresent() ? "head " + h : h));
    }

    private static NodeGlyph.NodeStats stats(Plane p, int i) {
        int n = p.size();
        if (n < 2) {
            return NodeGlyph.NodeStats.NONE;
        }
        int bestIn = -1;
        int bestOut = -1;
        float in = Float.NEGATIVE_INFINITY;
        float out = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (j == i) {
                continue;
            }
            float wi = p.weight(j, i);
            float wo = p.weight(i, j);
            if (wi > in) {
                in = wi;
                bestIn = j;
            }
            if (wo > out) {
                out = wo;
                bestOut = j;
            }
        }
        return new NodeGlyph.NodeStats(p.selfWeight(i), bestIn, in, bestOut, out);
    }

    /** Border colour of a plane by its block: encoder/self slate, decoder amber, cross green (figures and GUI). */
    public static Rgba planeBorder(BlockKind block) {
        return switch (block) {
            case SELF, ENCODER -> PLANE_BORDER;
            case DECODER -> Rgba.hex("b8752a").withAlpha(0.75f);
            case CROSS -> Rgba.hex("2f8a4e").withAlpha(0.75f);
        };
    }

    /** Fill colour of a plane by its block (see {@link #planeBorder}). */
    public static Rgba planeFill(BlockKind block) {
        return switch (block) {
            case SELF, ENCODER -> PLANE_FILL;
            case DECODER -> Rgba.hex("e0b07a").withAlpha(0.10f);
            case CROSS -> Rgba.hex("7fc497").withAlpha(0.10f);
        };
    }

    private static PlaneRect rect(int plane, int layer, String title, Positions pos, int pi, int n, double extent,
                                  BlockKind block) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            Vec3 v = pos.at(pi, i);
            minX = Math.min(minX, v.x());
            minY = Math.min(minY, v.y());
            maxX = Math.max(maxX, v.x());
            maxY = Math.max(maxY, v.y());
        }
        double m = extent * 0.06;
        // tokens on a line: the painters draw each edge as an arc in the plane, up to ARC_DEPTH × the line's length
        double arcs = n >= 3 && maxY - minY < 1e-9 ? ARC_DEPTH * (maxX - minX) : 0;
        return new PlaneRect(plane, layer, title, minX - m, minY - m, maxX + m, maxY + m + arcs, pos.at(pi, 0).z(),
                planeFill(block), planeBorder(block));
    }

    private static LinkSegment link(Link l, Positions pos, double valueMax) {
        float w = l.weight();
        double rel = l.kind() == LinkKind.VALUE_WEIGHTED ? (valueMax > 0 ? Math.abs(w) / valueMax : 0) : Math.abs(w);
        Rgba c;
        double width;
        if (l.kind() == LinkKind.RESIDUAL) {
            c = Rgba.hex("6b6b6b").withAlpha(0.18f);
            width = 0.6;
        } else if (l.kind() == LinkKind.CLASSIFIER) {
            c = Rgba.hex("b2182b").withAlpha((float) (0.15 + 0.8 * Math.min(1, Math.abs(w))));
            width = 0.5 + 2.5 * Math.min(1, Math.abs(w));
        } else {
            c = Rgba.hex(l.kind() == LinkKind.VALUE_WEIGHTED ? "7a4fa8" : "3b6ea8")
                    .withAlpha((float) (0.05 + 0.6 * Math.min(1, rel)));
            width = 0.6;
        }
        return new LinkSegment(l.fromPlane(), l.fromNode(), l.toPlane(), l.toNode(), l.kind().name(), w,
                pos.at(l.fromPlane(), l.fromNode()), pos.at(l.toPlane(), l.toNode()), c, width);
    }

    /** The encoding's legend line; a difference's diverging colours are labelled at ±(largest |Δw|). */
    private static String encodingLine(EncodingSpec e, boolean signed, double diffScale) {
        String line = e.describe(signed);
        if (signed && diffScale > 0) {
            line = line.replace("(−1 blue, 0 white, +1 red)", "(−" + num(diffScale) + " blue, 0 white, +"
                    + num(diffScale) + " red)");
        }
        // a difference graph encodes the signed difference: name it Δw, not w
        return signed ? line.replace("|w|", "|Δw|") : line;
    }

    /** The human name of the graph's weight normalization ({@code "global min–max of |w| over all planes"}). */
    public static String normalizationName(GraphSpec s) {
        return switch (s.normalization()) {
            case GLOBAL_ABS_MINMAX -> "global min–max of |w| over all planes";
            case PER_LAYER -> "min–max of |w| within each plane";
            case PER_ROW -> "min–max within each query row";
            case RANK -> "rank (quantile) within each plane";
            case LOG -> "log min–max of |w| (ε = " + num(s.logEpsilon()) + ")";
        };
    }

    /** The largest |normalized weight| over the kept edges at or above the display threshold (0 if none). */
    static double largestAbsWeight(MultiPlanarGraph g, double threshold) {
        double m = 0;
        for (Plane p : g.planes()) {
            EdgeList el = p.edges();
            for (int k = 0; k < el.size(); k++) {
                double a = Math.abs(el.weight(k));
                if (a >= threshold) {
                    m = Math.max(m, a);
                }
            }
        }
        return m;
    }

    private static Legend legend(MultiPlanarGraph g, EncodingSpec e, boolean signed, double threshold, Positions pos,
                                 double diffScale) {
        GraphSpec s = g.spec();
        String normalization = normalizationName(s);
        if (signed) {
            normalization += "; Δw = A − B of the normalized weights";
        }
        List<String> kept = new ArrayList<>();
        s.topK().ifPresent(k -> kept.add("top-" + k + " per node"));
        s.cumulativeMass().ifPresent(p -> kept.add("cumulative mass " + num(p)));
        if (s.threshold() > 0) {
            kept.add("graph threshold ≥ " + num(s.threshold()));
        }
        String range;
        if (!signed) {
            range = "w in [0, 1]";
        } else if (diffScale > 0) {
            range = "Δw in [−" + num(diffScale) + ", " + num(diffScale) + "], symmetric at the largest |Δw| = "
                    + num(diffScale);
        } else {
            range = "Δw = 0 on every kept edge (A and B agree)";
        }
        String scale = range + "; kept: " + (kept.isEmpty() ? "all edges" : String.join(", ", kept))
                + "; gamma " + num(e.contrast().gamma()) + ", display threshold |w| ≥ " + num(threshold);
        List<String> extra = new ArrayList<>();
        extra.add("planes: " + headText(s) + ", symmetrization " + s.symmetrization().name().toLowerCase(Locale.ROOT)
                + ", layout " + pos.description);
        String links = linksLine(g);
        if (!links.isEmpty()) {
            extra.add(links);
        }
        g.classifier().ifPresent(c -> extra.add(classifierLine(c)));
        if (g.block() == BlockKind.CROSS) {
            extra.add("cross-attention (green planes): decoder target tokens on the back line attend to encoder"
                    + " source tokens on the front line; bipartite, no target-target or source-source edges");
        } else if (g.block() != BlockKind.SELF) {
            extra.add(g.block().label() + " self-attention (" + (g.block() == BlockKind.DECODER ? "amber" : "slate")
                    + " planes); layers count within the " + g.block().label());
        }
        String causal = g.provenance().settings().get("causal_planes");
        if (causal != null) {
            extra.add("attention " + causal);
        }
        Optional<Legend.ColourBar> bar = Optional.empty();
        if (e.has(Encoding.COLOUR)) {
            ColourMap m = e.effectiveColourMap(signed);
            List<Rgba> samples = new ArrayList<>(COLOUR_BAR_SAMPLES);
            for (int i = 0; i < COLOUR_BAR_SAMPLES; i++) {
                samples.add(m.at(i / (COLOUR_BAR_SAMPLES - 1.0)));
            }
            double top = signed && diffScale > 0 ? diffScale : 1;
            bar = Optional.of(new Legend.ColourBar(m.displayName(), samples, signed ? "−" + num(top) : "0",
                    signed ? "+" + num(top) : "1"));
        }
        return new Legend(encodingLine(e, signed, diffScale), normalization, scale, extra, bar);
    }

    /** The legend line of the classifier plane: the predicted class and every class name with its probability. */
    static String classifierLine(ClassifierPlane c) {
        StringBuilder b = new StringBuilder("classifier ").append(c.outputName()).append(": predicted ")
                .append(c.label(c.predicted())).append(String.format(Locale.ROOT, " (p = %.2f)", c.probability(c.predicted())))
                .append("; classes");
        int shown = Math.min(c.size(), 12);
        for (int k = 0; k < shown; k++) {
            b.append(k == 0 ? " " : ", ").append(k).append(' ').append(c.label(k));
        }
        if (shown < c.size()) {
            b.append(", … (").append(c.size()).append(" in all)");
        }
        return b.toString();
    }

    /** The legend line naming the inter-plane links drawn and their scale ({@code ""} when there are none). */
    static String linksLine(MultiPlanarGraph g) {
        java.util.EnumMap<LinkKind, double[]> seen = new java.util.EnumMap<>(LinkKind.class);
        for (Link l : g.links()) {
            double[] c = seen.computeIfAbsent(l.kind(), k -> new double[2]);
            c[0]++;
            c[1] = Math.max(c[1], Math.abs(l.weight()));
        }
        List<String> parts = new ArrayList<>();
        seen.forEach((k, c) -> parts.add(switch (k) {
            case RESIDUAL -> "residual (grey, token i to token i)";
            case ATTENTION -> "attention A of the next layer (blue, opacity ∝ A)";
            case ROLLOUT -> "rollout R of the next layer (blue, opacity ∝ R)";
            case VALUE_WEIGHTED -> "value-weighted ‖α v‖ of the next layer (purple, opacity ∝ ‖α v‖ / " + num(c[1])
                    + ", its largest)";
            case CLASSIFIER -> "classifier (red, width ∝ class probability)";
        } + " ×" + (long) c[0]));
        return parts.isEmpty() ? "" : "links: " + String.join("; ", parts);
    }

    private static String num(double v) {
        return v == 0 ? "0" : new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros()
                .toPlainString();
    }

    private static String headText(GraphSpec s) {
        return switch (s.headReduction()) {
            case SINGLE -> "head " + s.head().orElse(-1);
            case MEAN -> "mean over heads";
            case MAX -> "max over heads";
            case PER_HEAD -> "one plane per head";
        };
    }

    /** Node positions per plane (graph layout, or MDS computed here for LENGTH). */
    private static final class Positions {
        final Vec3[][] at;
        final String description;

        Positions(Vec3[][] at, String description) {
            this.at = at;
            this.description = description;
        }

        Vec3 at(int plane, int node) {
            return at[plane][node];
        }
    }

    private static Positions positions(MultiPlanarGraph g, boolean length) {
        Layout layout = g.layout();
        int count = layout.planeCount();
        Vec3[][] at = new Vec3[count][];
        for (int p = 0; p < count; p++) {
            int n = layout.nodeCount(p);
            at[p] = new Vec3[n];
            for (int i = 0; i < n; i++) {
                Point3 q = layout.position(p, i);
                at[p][i] = new Vec3(q.x(), q.y(), q.z());
            }
        }
        LayoutKind kind = layout.kind();
        String desc = switch (kind) {
            case MDS -> "classical MDS on 1 − w (graph-core)";
            case STRESS -> "stress majorization (SMACOF from classical MDS) on 1 − w (graph-core)";
            case FORCE -> "weighted force-directed (graph-core)";
            case LINE -> "tokens on a line";
            case CIRCLE -> "tokens on a circle";
            case GRID -> "image patches on their grid";
        };
        if (g.block() == BlockKind.CROSS) {
            desc = "bipartite (targets on one line, sources on another)";     // GraphBuilder's BipartiteLayout
        }
        if (kind == LayoutKind.LINE && !length) {
            // an arc diagram reads along its line: a wider line spreads the tokens over the figure
            Positions p = normalized(at, desc);
            for (Vec3[] plane : p.at) {
                for (int i = 0; i < plane.length; i++) {
                    plane[i] = new Vec3(plane[i].x() * LINE_STRETCH, plane[i].y(), plane[i].z());
                }
            }
            return p;
        }
        if (!length || kind == LayoutKind.MDS || kind == LayoutKind.STRESS || kind == LayoutKind.FORCE) {
            return normalized(at, desc);
        }
        // LENGTH on a layout that is not a distance layout: stress majorization here, each plane rotated (or
        // reflected) onto the one below it of the same head, so consecutive layers read alike
        StressMajorizationLayout stress = new StressMajorizationLayout();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        java.util.Map<String, double[]> below = new java.util.HashMap<>();
        // the fits are independent and deterministic: computed on all cores (12 planes of 512 tokens: 1.3 s on one
        // core, over the desktop app's 1 s view-change goal), then aligned layer by layer in order
        List<StressMajorizationLayout.Result> fits = g.planes().parallelStream().map(stress::fit).toList();
        for (int k = 0; k < fits.size(); k++) {
            Plane p = g.planes().get(k);
            StressMajorizationLayout.Result r = fits.get(k);
            double[] xy = r.xy();
            lo = Math.min(lo, r.normalizedStress());
            hi = Math.max(hi, r.normalizedStress());
            double[] previous = below.get(p.headLabel());
            if (previous != null && previous.length == xy.length) {
                xy = ProcrustesAlignment.align(previous, xy);
            }
            below.put(p.headLabel(), xy);
            int n = p.size();
            double cx = 0, cy = 0;
            for (int i = 0; i < n; i++) {
                cx += at[p.index()][i].x();
                cy += at[p.index()][i].y();
            }
            cx /= n;
            cy /= n;
            double z = at[p.index()][0].z();
            for (int i = 0; i < n; i++) {
                at[p.index()][i] = new Vec3(cx + xy[2 * i], cy + xy[2 * i + 1], z);
            }
        }
        String range = lo == Double.MAX_VALUE ? "" : "; normalized stress " + (num(lo).equals(num(hi)) ? num(lo)
                : num(lo) + "–" + num(hi));
        return normalized(at, "stress majorization (SMACOF from classical MDS) on 1 − w, applied by render for"
                + " LENGTH" + range);
    }

    /**
     * Scales every plane's x and y (about the origin, z untouched) so that the widest plane spans
     * {@link #PLANE_WIDTH} layout units: a uniform scale keeps length ratios, so LENGTH stays truthful, while
     * MDS layouts (units of 1 − w) no longer look flat next to the plane spacing.
     */
    private static Positions normalized(Vec3[][] at, String desc) {
        double widest = 0;
        for (Vec3[] plane : at) {
            double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (Vec3 v : plane) {
                minX = Math.min(minX, v.x());
                maxX = Math.max(maxX, v.x());
                minY = Math.min(minY, v.y());
                maxY = Math.max(maxY, v.y());
            }
            if (plane.length > 0) {
                widest = Math.max(widest, Math.max(maxX - minX, maxY - minY));
            }
        }
        double k = widest > 0 ? PLANE_WIDTH / widest : 1;
        if (Math.abs(k - 1) > 1e-12) {
            for (Vec3[] plane : at) {
                for (int i = 0; i < plane.length; i++) {
                    plane[i] = new Vec3(plane[i].x() * k, plane[i].y() * k, plane[i].z());
                }
            }
        }
        return new Positions(at, desc);
    }
}
