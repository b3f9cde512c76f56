package org.attnplanes.graph;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a {@link MultiPlanarGraph} is built from an {@link AttentionTrace}: layer selection, head reduction,
 * symmetrization, normalization, pruning, word merging, links, classifier plane and layout. Immutable;
 * made with {@link #builder()}. Values that do not depend on the trace are checked when set (the builder
 * throws at once, naming the value); layers and the head are checked against the trace by
 * {@link MultiPlanarGraph#build(AttentionTrace, GraphSpec)}.
 *
 * <pre>{@code
 * GraphSpec spec = GraphSpec.builder()
 *         .layers(LayerSelection.range(0, 5))
 *         .headReduction(HeadReduction.MEAN)
 *         .symmetrization(Symmetrization.SUM)
 *         .topK(8)
 *         .links(LinkKind.RESIDUAL, LinkKind.ATTENTION)
 *         .layout(LayoutKind.MDS)
 *         .build();
 * }</pre>
 *
 * <p>Defaults ({@link #defaults()}): all layers, MEAN, SUM, GLOBAL_ABS_MINMAX, no pruning, special tokens
 * kept, no word merging, RESIDUAL links, classifier plane when a logits output is found, LINE layout,
 * plane spacing 1, seed 0, Procrustes alignment on.
 *
 * <p>Pruning decides which edges {@link Plane#edges()} lists (statistics can still read every weight).
 * Every active criterion must hold for an edge to be kept: normalized weight ≥ threshold; chosen by top-k;
 * chosen by cumulative mass; and, when special tokens are dropped, neither end is special.
 */
public final class GraphSpec {

    /** Default ε of {@link Normalization#LOG}. */
    public static final double DEFAULT_LOG_EPSILON = 1e-6;

    private final LayerSelection layers;
    private final HeadReduction headReduction;
    private final int head;
    private final Symmetrization symmetrization;
    private final Normalization normalization;
    private final double logEpsilon;
    private final double threshold;
    private final int topK;
    private final double cumulativeMass;
    private final boolean keepSpecialTokens;
    private final boolean mergeWords;
    private final Set<LinkKind> links;
    private final double linkThreshold;
    private final boolean classifier;
    private final String classifierOutput;
    private final Map<Integer, String> classLabels;
    private final LayoutKind layout;
    private final double planeSpacing;
    private final long seed;
    private final boolean alignPlanes;

    private GraphSpec(Builder b) {
        this.layers = b.layers;
        this.headReduction = b.headReduction;
        this.head = b.head;
        this.symmetrization = b.symmetrization;
        this.normalization = b.normalization;
        this.logEpsilon = b.logEpsilon;
        this.threshold = b.threshold;
        this.topK = b.topK;
        this.cumulativeMass = b.cumulativeMass;
        this.keepSpecialTokens = b.keepSpecialTokens;
        this.mergeWords = b.mergeWords;
        EnumSet<LinkKind> l = EnumSet.noneOf(LinkKind.class);
        l.addAll(b.links);
        this.links = Collections.unmodifiableSet(l);
        this.linkThreshold = b.linkThreshold;
        this.classifier = b.classifier;
        this.classifierOutput = b.classifierOutput;
        this.classLabels = Collections.unmodifiableMap(new TreeMap<>(b.classLabels));
        this.layout = b.layout;
        this.planeSpacing = b.planeSpacing;
        this.seed = b.seed;
        this.alignPlanes = b.alignPlanes;
    }

    /** The default spec (see the class documentation). */
    public static GraphSpec defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.layers = layers;
        b.headReduction = headReduction;
        b.head = head;
        b.symmetrization = symmetrization;
        b.normalization = normalization;
        b.logEpsilon = logEpsilon;
        b.threshold = threshold;
        b.topK = topK;
        b.cumulativeMass = cumulativeMass;
        b.keepSpecialTokens = keepSpecialTokens;
        b.mergeWords = mergeWords;
        b.links = EnumSet.noneOf(LinkKind.class);
        b.links.addAll(links);
        b.linkThreshold = linkThreshold;
        b.classifier = classifier;
        b.classifierOutput = classifierOutput;
        b.classLabels = new TreeMap<>(classLabels);
        b.layout = layout;
        b.planeSpacing = planeSpacing;
        b.seed = seed;
        b.alignPlanes = alignPlanes;
        return b;
    }

    /** Selected layers. */
    public LayerSelection layers() {
        return layers;
    }

    /** Head reduction. */
    public HeadReduction headReduction() {
        return headReduction;
    }

    /** The head when {@link #headReduction()} is {@link HeadReduction#SINGLE}. */
    public OptionalInt head() {
        return headReduction == HeadReduction.SINGLE ? OptionalInt.of(head) : OptionalInt.empty();
    }

    /** Symmetrization. */
    public Symmetrization symmetrization() {
        return symmetrization;
    }

    /**
     * What this spec's symmetrization makes of a causal (lower-triangular) plane, the provenance setting
     * {@code causal_planes} of a graph built from a causal trace.
     */
    public String causalPlanes() {
        return GraphBuilder.causalPlanes(symmetrization);
    }

    /** Normalization. */
    public Normalization normalization() {
        return normalization;
    }

    /** ε of {@link Normalization#LOG}, &gt; 0. */
    public double logEpsilon() {
        return logEpsilon;
    }

    /** Minimum normalized weight of a kept edge, in [0, 1]; 0 keeps every edge. */
    public double threshold() {
        return threshold;
    }

    /** k of top-k pruning, when set (&gt; 0). */
    public OptionalInt topK() {
        return topK > 0 ? OptionalInt.of(topK) : OptionalInt.empty();
    }

    /** p of cumulative row-mass pruning, when set (in (0, 1]). */
    public OptionalDouble cumulativeMass() {
        return cumulativeMass > 0 ? OptionalDouble.of(cumulativeMass) : OptionalDouble.empty();
    }

    /** Whether edges at special tokens ([CLS], [SEP], …) are kept (default true). */
    public boolean keepSpecialTokens() {
        return keepSpecialTokens;
    }

    /** Whether sub-word tokens are merged into words (to = sum, from = mean). */
    public boolean mergeWords() {
        return mergeWords;
    }

    /** Kinds of links between consecutive planes (CLASSIFIER is controlled by {@link #classifier()}). */
    public Set<LinkKind> links() {
        return links;
    }

    /**
     * Minimum weight of an ATTENTION, ROLLOUT or VALUE_WEIGHTED link (default 0: every link of positive
     * weight, i.e. up to n² links per pair of planes); with top-k set, each target node keeps only its k
     * strongest incoming links of each kind (ties to the lower index).
     */
    public double linkThreshold() {
        return linkThreshold;
    }

    /** Whether to add a classifier plane when the trace has a logits output {@code [1, C]} (default true). */
    public boolean classifier() {
        return classifier;
    }

    /** Name of the logits output, when fixed; otherwise "logits" or the only {@code [1, C]} output is used. */
    public Optional<String> classifierOutput() {
        return Optional.ofNullable(classifierOutput);
    }

    /** Class labels by class index (missing ones are named {@code "class k"}). */
    public Map<Integer, String> classLabels() {
        return classLabels;
    }

    /** Layout within planes. */
    public LayoutKind layout() {
        return layout;
    }

    /** Distance between consecutive layers along z, &gt; 0. */
    public double planeSpacing() {
        return planeSpacing;
    }

    /** Seed of the randomized layouts. */
    public long seed() {
        return seed;
    }

    /** Whether consecutive planes are aligned by orthogonal Procrustes (MDS and FORCE layouts). */
    public boolean alignPlanes() {
        return alignPlanes;
    }

    /** Every setting as ordered {@code graph.*} keys and values, as added to the provenance. */
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("graph.layers", layers.toString());
        m.put("graph.head_reduction", headReduction == HeadReduction.SINGLE ? "head " + head
                : headReduction.name());
        m.put("graph.symmetrization", symmetrization.name());
        m.put("graph.normalization", normalization.name());
        if (normalization == Normalization.LOG) {
            m.put("graph.log_epsilon", Double.toString(logEpsilon));
        }
        m.put("graph.threshold", Double.toString(threshold));
        m.put("graph.top_k", topK > 0 ? Integer.toString(topK) : "off");
        m.put("graph.cumulative_mass", cumulativeMass > 0 ? Double.toString(cumulativeMass) : "off");
        m.put("graph.special_tokens", keepSpecialTokens ? "keep" : "drop");
        m.put("graph.word_merging", Boolean.toString(mergeWords));
        m.put("graph.links", links.toString());
        m.put("graph.link_threshold", Double.toString(linkThreshold));
        m.put("graph.classifier", classifier ? (classifierOutput == null ? "auto" : classifierOutput) : "off");
        m.put("graph.layout", layout.name());
        m.put("graph.plane_spacing", Double.toString(planeSpacing));
        m.put("graph.seed", Long.toString(seed));
        m.put("graph.align_planes", Boolean.toString(alignPlanes));
        return Collections.unmodifiableMap(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GraphSpec s && s.settings().equals(settings()) && s.classLabels.equals(classLabels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(settings(), classLabels);
    }

    @Override
    public String toString() {
        return "GraphSpec" + settings();
    }

    /** Mutable builder of a {@link GraphSpec}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private LayerSelection layers = LayerSelection.all();
        private HeadReduction headReduction = HeadReduction.MEAN;
        private int head = -1;
        private Symmetrization symmetrization = Symmetrization.SUM;
        private Normalization normalization = Normalization.GLOBAL_ABS_MINMAX;
        private double logEpsilon = DEFAULT_LOG_EPSILON;
        private double threshold = 0;
        private int topK = 0;
        private double cumulativeMass = 0;
        private boolean keepSpecialTokens = true;
        private boolean mergeWords = false;
        private EnumSet<LinkKind> links = EnumSet.of(LinkKind.RESIDUAL);
        private double linkThreshold = 0;
        private boolean classifier = true;
        private String classifierOutput;
        private Map<Integer, String> classLabels = new TreeMap<>();
        private LayoutKind layout = LayoutKind.LINE;
        private double planeSpacing = 1.0;
        private long seed = 0;
        private boolean alignPlanes = true;

        private Builder() {
        }

        /** Selected layers (default all). */
        public Builder layers(LayerSelection selection) {
            this.layers = Objects.requireNonNull(selection, "layers");
            return this;
        }

        /** Shorthand for {@code layers(LayerSelection.of(layers))}. */
        public Builder layers(int... layerIndices) {
            return layers(LayerSelection.of(layerIndices));
        }

        /**
         * Head reduction MEAN, MAX or PER_HEAD (default MEAN); use {@link #head(int)} for one head.
         *
         * @throws IllegalArgumentException for SINGLE (which needs a head index)
         */
        public Builder headReduction(HeadReduction reduction) {
            Objects.requireNonNull(reduction, "headReduction");
            if (reduction == HeadReduction.SINGLE) {
                throw new IllegalArgumentException("headReduction = SINGLE needs a head index: use head(h)");
            }
            this.headReduction = reduction;
            this.head = -1;
            return this;
        }

        /**
         * One head h (reduction SINGLE); checked against the trace's H when the graph is built.
         *
         * @throws IllegalArgumentException if {@code h < 0}
         */
        public Builder head(int h) {
            if (h < 0) {
                throw new IllegalArgumentException("head = " + h + " must be >= 0");
            }
            this.headReduction = HeadReduction.SINGLE;
            this.head = h;
            return this;
        }

        /** Symmetrization (default SUM). */
        public Builder symmetrization(Symmetrization s) {
            this.symmetrization = Objects.requireNonNull(s, "symmetrization");
            return this;
        }

        /** Normalization (default GLOBAL_ABS_MINMAX). */
        public Builder normalization(Normalization n) {
            this.normalization = Objects.requireNonNull(n, "normalization");
            return this;
        }

        /**
         * ε of LOG normalization (default {@value GraphSpec#DEFAULT_LOG_EPSILON}).
         *
         * @throws IllegalArgumentException unless finite and &gt; 0
         */
        public Builder logEpsilon(double epsilon) {
            if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
                throw new IllegalArgumentException("logEpsilon = " + epsilon + " must be finite and > 0");
            }
            this.logEpsilon = epsilon;
            return this;
        }

        /**
         * Minimum normalized weight of a kept edge (default 0).
         *
         * @throws IllegalArgumentException unless in [0, 1]
         */
        public Builder threshold(double t) {
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("threshold = " + t + " must be in [0, 1]");
            }
            this.threshold = t;
            return this;
        }

        /**
         * Keep the k strongest edges of every node (see {@link Plane#edges()} for ties and the undirected case).
         *
         * @throws IllegalArgumentException if {@code k <= 0}
         */
        public Builder topK(int k) {
            if (k <= 0) {
                throw new IllegalArgumentException("topK = " + k + " must be > 0");
            }
            this.topK = k;
            return this;
        }

        /** Turns top-k pruning off (the default). */
        public Builder noTopK() {
            this.topK = 0;
            return this;
        }

        /**
         * Keep, per query row, the strongest keys until their mass reaches p of the row's off-diagonal mass.
         *
         * @throws IllegalArgumentException unless {@code p} is in (0, 1]
         */
        public Builder cumulativeMass(double p) {
            if (!(p > 0 && p <= 1)) {
                throw new IllegalArgumentException("cumulativeMass p = " + p + " must be in (0, 1]");
            }
            this.cumulativeMass = p;
            return this;
        }

        /** Turns cumulative-mass pruning off (the default). */
        public Builder noCumulativeMass() {
            this.cumulativeMass = 0;
            return this;
        }

        /** Whether edges at special tokens are kept (default true). */
        public Builder keepSpecialTokens(boolean keep) {
            this.keepSpecialTokens = keep;
            return this;
        }

        /** Whether to merge sub-word tokens into words (default false). */
        public Builder mergeWords(boolean merge) {
            this.mergeWords = merge;
            return this;
        }

        /**
         * Link kinds between consecutive planes (default RESIDUAL); none for no links.
         *
         * @throws IllegalArgumentException for CLASSIFIER (use {@link #classifier(boolean)})
         */
        public Builder links(LinkKind... kinds) {
            EnumSet<LinkKind> s = EnumSet.noneOf(LinkKind.class);
            for (LinkKind k : kinds) {
                if (Objects.requireNonNull(k, "link kind") == LinkKind.CLASSIFIER) {
                    throw new IllegalArgumentException(
                            "links = CLASSIFIER is not a link between layers: use classifier(true)");
                }
                s.add(k);
            }
            this.links = s;
            return this;
        }

        /**
         * Minimum weight of ATTENTION, ROLLOUT and VALUE_WEIGHTED links (default 0).
         *
         * @throws IllegalArgumentException unless finite and &gt;= 0
         */
        public Builder linkThreshold(double t) {
            if (!(t >= 0) || !Double.isFinite(t)) {
                throw new IllegalArgumentException("linkThreshold = " + t + " must be finite and >= 0");
            }
            this.linkThreshold = t;
            return this;
        }

        /** Whether to add a classifier plane when a logits output is present (default true). */
        public Builder classifier(boolean on) {
            this.classifier = on;
            return this;
        }

        /** Name of the logits output {@code [1, C]} (checked when the graph is built). */
        public Builder classifierOutput(String outputName) {
            this.classifierOutput = Objects.requireNonNull(outputName, "classifierOutput");
            this.classifier = true;
            return this;
        }

        /**
         * Class labels by class index (e.g. from model metadata).
         *
         * @throws IllegalArgumentException for a negative index
         */
        public Builder classLabels(Map<Integer, String> labels) {
            Map<Integer, String> copy = new TreeMap<>();
            labels.forEach((k, v) -> {
                if (Objects.requireNonNull(k, "class index") < 0) {
                    throw new IllegalArgumentException("class label index = " + k + " must be >= 0");
                }
                copy.put(k, Objects.requireNonNull(v, "class label"));
            });
            this.classLabels = copy;
            return this;
        }

        /** Layout within planes (default LINE). */
        public Builder layout(LayoutKind kind) {
            this.layout = Objects.requireNonNull(kind, "layout");
            return this;
        }

        /**
         * Distance between consecutive layers along z (default 1).
         *
         * @throws IllegalArgumentException unless finite and &gt; 0
         */
        public Builder planeSpacing(double spacing) {
            if (!(spacing > 0) || !Double.isFinite(spacing)) {
                throw new IllegalArgumentException("planeSpacing = " + spacing + " must be finite and > 0");
            }
            this.planeSpacing = spacing;
            return this;
        }

        /** Seed of randomized layouts (default 0). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Whether to align consecutive planes by Procrustes rotation (default true). */
        public Builder alignPlanes(boolean align) {
            this.alignPlanes = align;
            return this;
        }

        /** The immutable spec. */
        public GraphSpec build() {
            return new GraphSpec(this);
        }
    }
}
