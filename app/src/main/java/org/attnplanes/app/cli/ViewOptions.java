package org.attnplanes.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.results.LongInputs;
import org.attnplanes.app.workbench.ClassLabels;
import org.attnplanes.app.workbench.HeadChoice;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayerSelection;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.graph.Normalization;
import org.attnplanes.graph.Symmetrization;
import org.attnplanes.render.encoding.ColourMap;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The view/graph options every command shares (picocli mixin): layers, head reduction, symmetrization,
 * normalization, pruning, word merging, links, layout and edge-weight encoding. Picocli converts every value to
 * its type ({@link Choices}: a bad word fails with one sentence naming the option, the value and the allowed
 * values); {@link #toSpec(GraphSpec)} applies the given ones to graph-core's {@link GraphSpec}, and options left
 * unset keep the command's base spec.
 */
public final class ViewOptions {

    /** A command with view options: its base graph spec, whose values are the options' defaults in help. */
    public interface Base {
        /** The graph spec the options start from. */
        GraphSpec baseSpec();
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--layers", paramLabel = "SEL", converter = Choices.LayersChoice.class,
            description = "Layers to use: all, a range 2..5 (or 2-5), or a list 0,3,7 (0-based)."
                    + " Default: ${DEFAULT-VALUE}.")
    LayerSelection layers;

    @Option(names = {"--heads", "--head-reduction"}, paramLabel = "MODE", converter = Choices.HeadsChoice.class,
            completionCandidates = Choices.HeadsChoice.class,
            description = "How heads become planes: ${COMPLETION-CANDIDATES} (one plane per head) or a head index h."
                    + " Default: ${DEFAULT-VALUE}.")
    HeadChoice heads;

    @Option(names = "--symmetrization", paramLabel = "S", converter = Choices.SymmetrizationChoice.class,
            completionCandidates = Choices.SymmetrizationChoice.class,
            description = "${COMPLETION-CANDIDATES} (sum = A + Aᵀ, the paper's choice). Default: ${DEFAULT-VALUE}.")
    Symmetrization symmetrization;

    @Option(names = "--normalization", paramLabel = "N", converter = Choices.NormalizationChoice.class,
            completionCandidates = Choices.NormalizationChoice.class,
            description = "${COMPLETION-CANDIDATES} (global = min-max of |w| over all planes, the paper's)."
                    + " Default: ${DEFAULT-VALUE}.")
    Normalization normalization;

    @Option(names = "--log-epsilon", paramLabel = "EPS",
            description = "ε of --normalization log, > 0 (default ${DEFAULT-VALUE}).")
    Double logEpsilon;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Keep edges whose normalized weight is >= T, in [0, 1] (display pruning). Default: all"
                    + " edges.")
    Double threshold;

    @Option(names = "--top-k", paramLabel = "K",
            description = "Keep the K strongest edges of every node, K > 0. Default: all edges.")
    Integer topK;

    @Option(names = "--mass", paramLabel = "P",
            description = "Keep each row's strongest keys until their mass reaches P, in (0, 1]. Default: all"
                    + " edges.")
    Double mass;

    @Option(names = "--drop-special", description = "Drop edges at special tokens ([CLS], [SEP], …).")
    boolean dropSpecial;

    @Option(names = "--merge-words", description = "Merge sub-word tokens into words (to = sum, from = mean).")
    boolean mergeWords;

    @Option(names = "--links", paramLabel = "KINDS", split = ",", converter = Choices.LinkChoice.class,
            completionCandidates = Choices.LinkChoice.class,
            description = "Links between planes: ${COMPLETION-CANDIDATES} (comma-separated). Default:"
                    + " ${DEFAULT-VALUE}.")
    List<LinkKind> links;

    @Option(names = "--layout", paramLabel = "L", converter = Choices.LayoutChoice.class,
            completionCandidates = Choices.LayoutChoice.class,
            description = "Token layout within a plane: ${COMPLETION-CANDIDATES} (mds, stress and force make edge"
                    + " length carry the weight; stress = stress majorization, which spreads long inputs that mds"
                    + " collapses into a line; --encoding length alone implies stress). Default: ${DEFAULT-VALUE}.")
    LayoutKind layout;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the randomized layouts (default ${DEFAULT-VALUE}).")
    Long seed;

    @Option(names = "--encoding", paramLabel = "ENC", split = ",", converter = Choices.EncodingChoice.class,
            completionCandidates = Choices.EncodingChoice.class,
            description = "Edge-weight encodings: ${COMPLETION-CANDIDATES} (comma-separated, combinable)."
                    + " Default: ${DEFAULT-VALUE}.")
    List<Encoding> encoding;

    @Option(names = "--colour-map", paramLabel = "MAP", converter = Choices.ColourMapChoice.class,
            completionCandidates = Choices.ColourMapChoice.class,
            description = "Colour map of the colour encoding: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    ColourMap colourMap;

    @Option(names = "--gamma", paramLabel = "G",
            description = "Contrast for weak weights: weight^G before encoding, G in (0, 10] (default ${DEFAULT-VALUE};"
                    + " < 1 lifts"
                    + " weak edges).")
    Double gamma;

    @Option(names = "--class-labels", paramLabel = "A,B,…",
            description = "Names of the classifier's classes, comma-separated, class 0 first; shown on the classifier"
                    + " plane and in the legend. Default: id2label of the config.json next to the model, else"
                    + " class 0, class 1, ….")
    String classLabels;

    /**
     * The class names: {@code --class-labels}, else the model's config.json {@code id2label}, else none.
     *
     * @throws UserInputException naming the option or the config file
     */
    public ClassLabels classLabels(ModelOptions model) {
        if (classLabels != null) {
            return ClassLabels.parse("--class-labels", classLabels);
        }
        return model == null ? ClassLabels.NONE : ClassLabels.fromConfig(model.modelFile(), model.tokenizerFile());
    }

    /**
     * {@link #toSpec(GraphSpec)} plus the class names of {@link #classLabels(ModelOptions)}; {@code --class-labels}
     * also turns the classifier plane on where the command's base spec has it off.
     */
    public GraphSpec toSpec(GraphSpec base, ModelOptions model) {
        GraphSpec s = toSpec(base);
        ClassLabels labels = classLabels(model);
        if (labels.isEmpty()) {
            return s;
        }
        GraphSpec.Builder b = s.toBuilder().classLabels(labels.labels());
        if (classLabels != null) {
            b.classifier(true);
        }
        return b.build();
    }

    /**
     * Fails before a run when {@code --class-labels} cannot fit the model: none of its outputs is a classification
     * output (a rank-2 output named like {@code logits}), or its number of classes (when fixed) differs.
     *
     * @throws UserInputException naming the option
     */
    public void checkClassLabels(org.attnplanes.model.ModelDescription model) {
        if (classLabels == null) {
            return;
        }
        int names = ClassLabels.parse("--class-labels", classLabels).labels().size();
        org.attnplanes.model.TensorSpec logits = null;
        for (org.attnplanes.model.TensorSpec t : model.outputs()) {
            if (t.dims().size() == 2 && t.name().toLowerCase(Locale.ROOT).contains("logit")
                    && (logits == null || t.name().equalsIgnoreCase("logits"))) {
                logits = t;
            }
        }
        if (logits == null) {
            throw UserInputException.of("--class-labels", classLabels, "names classes, but the model has no"
                    + " classification output (logits [1, C]); leave the option out for this model");
        }
        String classes = logits.dims().get(1);
        if (classes.matches("\\d+") && Integer.parseInt(classes) != names) {
            throw UserInputException.of("--class-labels", classLabels, "gives " + names + " names but the model's "
                    + logits.name() + " has " + classes + " classes; give exactly " + classes);
        }
    }

    /**
     * Fails when {@code --class-labels} does not fit the graph's classifier: the model has no classification
     * output, or the number of names differs from its number of classes.
     *
     * @throws UserInputException naming the option
     */
    public void checkClassLabels(org.attnplanes.graph.MultiPlanarGraph g) {
        if (classLabels == null) {
            return;
        }
        int names = ClassLabels.parse("--class-labels", classLabels).labels().size();
        if (g.classifier().isEmpty()) {
            throw UserInputException.of("--class-labels", classLabels, "names classes, but the model has no"
                    + " classification output (logits [1, C]); leave the option out for this model");
        }
        int classes = g.classifier().get().size();
        if (names != classes) {
            throw UserInputException.of("--class-labels", classLabels, "gives " + names + " names but the model's "
                    + g.classifier().get().outputName() + " has " + classes + " classes; give exactly " + classes);
        }
    }

    /**
     * The render encoding: the {@code --encoding} channels, colour map and gamma.
     *
     * @throws UserInputException naming the option and value
     */
    public EncodingSpec encodingSpec() {
        List<Encoding> chosen = encodings();
        EncodingSpec.Builder b = EncodingSpec.builder().encodings(chosen.get(0),
                chosen.subList(1, chosen.size()).toArray(new Encoding[0]));
        if (colourMap != null) {
            b.colourMap(colourMap);
        }
        if (gamma != null) {
            apply("--gamma", gamma, () -> b.gamma(gamma));
        }
        return b.build();
    }

    /** The chosen encodings, in the given order without repeats; {@code [OPACITY]} when none was given. */
    public List<Encoding> encodings() {
        if (encoding == null || encoding.isEmpty()) {
            return List.of(Encoding.OPACITY);
        }
        List<Encoding> out = new ArrayList<>();
        for (Encoding e : encoding) {
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Whether the user chose the layout (--layout) or an encoding that decides it (length). */
    public boolean layoutGiven() {
        return given("--layout") || (encoding != null && encoding.contains(Encoding.LENGTH));
    }

    /** Whether the user chose the inter-plane links (--links). */
    public boolean linksGiven() {
        return given("--links");
    }

    /**
     * Whether the chosen links need the value-vector norms captured ({@code --links value-weighted}); commands
     * open their model with {@code ModelOptions.open(view.needsValueNorms())}.
     */
    public boolean needsValueNorms() {
        return links != null && links.contains(LinkKind.VALUE_WEIGHTED);
    }

    /** Whether the user chose how edges are pruned (--top-k, --mass or --threshold). */
    public boolean pruningGiven() {
        return topK != null || mass != null || threshold != null;
    }

    /** What the long-input figure defaults must not override ({@link LongInputs}). */
    public LongInputs.Choices longInputChoices() {
        return new LongInputs.Choices(pruningGiven(), linksGiven());
    }

    /**
     * The graph spec: {@code base} with every given option applied.
     *
     * @throws UserInputException naming the option, the value and what is allowed
     */
    public GraphSpec toSpec(GraphSpec base) {
        GraphSpec.Builder b = base.toBuilder();
        if (layers != null) {
            b.layers(layers);
        }
        if (heads != null) {
            apply("--heads", heads, () -> heads.applyTo(b));
        }
        if (symmetrization != null) {
            b.symmetrization(symmetrization);
        }
        if (normalization != null) {
            b.normalization(normalization);
        }
        if (logEpsilon != null) {
            apply("--log-epsilon", logEpsilon, () -> b.logEpsilon(logEpsilon));
        }
        if (threshold != null) {
            apply("--threshold", threshold, () -> b.threshold(threshold));
        }
        if (topK != null) {
            apply("--top-k", topK, () -> b.topK(topK));
        }
        if (mass != null) {
            apply("--mass", mass, () -> b.cumulativeMass(mass));
        }
        if (dropSpecial) {
            b.keepSpecialTokens(false);
        }
        if (mergeWords) {
            b.mergeWords(true);
        }
        if (links != null) {
            b.links(links.stream().filter(Objects::nonNull).distinct().toArray(LinkKind[]::new));
        }
        if (layout != null) {
            b.layout(layout);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (encoding != null && encoding.contains(Encoding.LENGTH) && !given("--layout")) {
            b.layout(LayoutKind.STRESS);
        }
        return b.build();
    }

    /** Whether the user gave {@code option} (not only its default). */
    private boolean given(String option) {
        return mixee != null && mixee.commandLine() != null && mixee.commandLine().getParseResult() != null
                && mixee.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The view settings as provenance entries ({@code view.*}). */
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Encoding e : encodings()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        m.put("view.encoding", String.join(",", names));
        if (classLabels != null) {
            m.put("view.class_labels", classLabels);
        }
        return m;
    }

    /** Runs one builder step; a value graph-core or render rejects fails naming the option it came from. */
    private static void apply(String option, Object value, Runnable step) {
        try {
            step.run();
        } catch (IllegalArgumentException e) {
            throw UserInputException.of(option, value, "is not allowed (" + e.getMessage() + ")", e);
        }
    }
}
