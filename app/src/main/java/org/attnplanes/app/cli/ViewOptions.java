package org.attnplanes.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.LayerSelection;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.graph.Normalization;
import org.attnplanes.graph.Symmetrization;
import org.attnplanes.render.encoding.ColourMap;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import picocli.CommandLine.Option;

/**
 * The view/graph options every command shares (picocli mixin): layers, head reduction, symmetrization,
 * normalization, pruning, word merging, links, layout and edge-weight encoding. {@link #toSpec(GraphSpec)}
 * maps them onto graph-core's {@link GraphSpec}; options left unset keep the command's defaults.
 *
 * <p>Values are parsed here (not by picocli's enum converter) so that a bad value fails with one sentence
 * naming the option, the value and the allowed values.
 */
public final class ViewOptions {

    /** Allowed values of {@code --encoding}. */
    public static final List<String> ENCODINGS = List.of("opacity", "colour", "width", "length");

    @Option(names = "--layers", paramLabel = "SEL",
            description = "Layers to use: all, a range 2..5 (or 2-5), or a list 0,3,7 (0-based). Default: all.")
    String layers;

    @Option(names = {"--heads", "--head-reduction"}, paramLabel = "MODE",
            description = "How heads become planes: mean, max, per-head (one plane per head) or a head index h.")
    String heads;

    @Option(names = "--symmetrization", paramLabel = "S",
            description = "sum (A + Aᵀ, the paper's choice), max, mean, or directed. Default: sum.")
    String symmetrization;

    @Option(names = "--normalization", paramLabel = "N",
            description = "global (min-max of |w| over all planes, the paper's), per-layer, per-row, rank, log."
                    + " Default: global.")
    String normalization;

    @Option(names = "--log-epsilon", paramLabel = "EPS", description = "ε of --normalization log (default 1e-6).")
    Double logEpsilon;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Keep edges whose normalized weight is >= T, in [0, 1] (display pruning).")
    Double threshold;

    @Option(names = "--top-k", paramLabel = "K", description = "Keep the K strongest edges of every node (K > 0).")
    Integer topK;

    @Option(names = "--mass", paramLabel = "P",
            description = "Keep each row's strongest keys until their mass reaches P, in (0, 1].")
    Double mass;

    @Option(names = "--drop-special", description = "Drop edges at special tokens ([CLS], [SEP], …).")
    boolean dropSpecial;

    @Option(names = "--merge-words", description = "Merge sub-word tokens into words (to = sum, from = mean).")
    boolean mergeWords;

    @Option(names = "--links", paramLabel = "KINDS", split = ",",
            description = "Links between planes: residual, attention, rollout, value-weighted, or none"
                    + " (comma-separated). Default: residual.")
    List<String> links;

    @Option(names = "--layout", paramLabel = "L", description = "Token layout within a plane: line, circle (default), mds,"
            + " force (mds/force make edge length carry the weight).")
    String layout;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the randomized layouts (default 0).")
    Long seed;

    @Option(names = "--encoding", paramLabel = "ENC", split = ",",
            description = "Edge-weight encodings: opacity, colour, width, length (comma-separated, combinable)."
                    + " Default: opacity.")
    List<String> encoding;

    @Option(names = "--colour-map", paramLabel = "MAP",
            description = "Colour map of the colour encoding: viridis, cividis, magma (default viridis).")
    String colourMap;

    @Option(names = "--gamma", paramLabel = "G",
            description = "Contrast for weak weights: weight^G before encoding, G in (0, 10] (default 1; < 1 lifts"
                    + " weak edges).")
    Double gamma;

    /**
     * The render encoding: the {@code --encoding} channels, colour map and gamma.
     *
     * @throws UserInputException naming the option and value
     */
    public EncodingSpec encodingSpec() {
        List<Encoding> chosen = new ArrayList<>();
        for (String e : encodings()) {
            chosen.add(Encoding.valueOf(e.equals("colour") ? "COLOUR" : e.toUpperCase(Locale.ROOT)));
        }
        EncodingSpec.Builder b = EncodingSpec.builder().encodings(chosen.get(0),
                chosen.subList(1, chosen.size()).toArray(new Encoding[0]));
        if (colourMap != null) {
            try {
                b.colourMap(ColourMap.byName(colourMap));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--colour-map " + colourMap + " is not one of viridis, cividis, magma,"
                        + " blue-red", e);
            }
        }
        if (gamma != null) {
            try {
                b.gamma(gamma);
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--gamma " + gamma + ": " + e.getMessage(), e);
            }
        }
        return b.build();
    }

    /** Sets {@code --encoding} programmatically (GUI, demo). */
    public void setEncodings(List<String> values) {
        this.encoding = new ArrayList<>(values);
    }

    /** Whether {@code --heads} was given. */
    public boolean headsGiven() {
        return heads != null;
    }

    /** The raw {@code --heads} value, or null. */
    public String heads() {
        return heads;
    }

    /** Sets {@code --heads} programmatically (GUI, tests). */
    public void setHeads(String value) {
        this.heads = value;
    }

    /** The chosen encodings, lower case, in the given order; {@code [opacity]} when none was given. */
    public List<String> encodings() {
        if (encoding == null || encoding.isEmpty()) {
            return List.of("opacity");
        }
        List<String> out = new ArrayList<>();
        for (String e : encoding) {
            String v = e.strip().toLowerCase(Locale.ROOT);
            if (v.equals("color")) {
                v = "colour";
            }
            if (!ENCODINGS.contains(v)) {
                throw new UserInputException("--encoding " + e + " is not one of " + String.join(", ", ENCODINGS));
            }
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * The graph spec: {@code base} with every given option applied.
     *
     * @throws UserInputException naming the option, the value and what was allowed
     */
    public GraphSpec toSpec(GraphSpec base) {
        GraphSpec.Builder b = base.toBuilder();
        try {
            if (layers != null) {
                b.layers(parseLayers(layers));
            }
            if (heads != null) {
                applyHeads(b, heads);
            }
            if (symmetrization != null) {
                b.symmetrization(parseEnum("--symmetrization", symmetrization, Symmetrization.class));
            }
            if (normalization != null) {
                b.normalization(parseNormalization(normalization));
            }
            if (logEpsilon != null) {
                b.logEpsilon(logEpsilon);
            }
            if (threshold != null) {
                b.threshold(threshold);
            }
            if (topK != null) {
                b.topK(topK);
            }
            if (mass != null) {
                b.cumulativeMass(mass);
            }
            if (dropSpecial) {
                b.keepSpecialTokens(false);
            }
            if (mergeWords) {
                b.mergeWords(true);
            }
            if (links != null) {
                b.links(parseLinks(links));
            }
            if (layout != null) {
                b.layout(parseEnum("--layout", layout, LayoutKind.class));
            }
            if (seed != null) {
                b.seed(seed);
            }
        } catch (IllegalArgumentException e) {
            if (e instanceof UserInputException u) {
                throw u;
            }
            throw new UserInputException(optionFor(e.getMessage()) + e.getMessage(), e);
        }
        if (encoding != null && encoding.contains("length") && layout == null) {
            b.layout(LayoutKind.MDS);
        }
        return b.build();
    }

    /** The view settings as provenance entries ({@code view.*}). */
    public Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("view.encoding", String.join(",", encodings()));
        return m;
    }

    private static String optionFor(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.startsWith("threshold")) {
            return "--";
        }
        if (m.startsWith("topk")) {
            return "--top-k: ";
        }
        if (m.startsWith("cumulativemass")) {
            return "--mass: ";
        }
        if (m.startsWith("logepsilon")) {
            return "--log-epsilon: ";
        }
        if (m.startsWith("head")) {
            return "--heads: ";
        }
        if (m.startsWith("layer")) {
            return "--layers: ";
        }
        return "";
    }

    /** Parses {@code all}, {@code a..b}, {@code a-b} or {@code a,b,c}. */
    public static LayerSelection parseLayers(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("all")) {
            return LayerSelection.all();
        }
        try {
            if (v.matches("\\d+\\s*(\\.\\.|-)\\s*\\d+")) {
                String[] p = v.split("\\.\\.|-");
                return LayerSelection.range(Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip()));
            }
            if (v.matches("\\d+(\\s*,\\s*\\d+)*")) {
                String[] p = v.split(",");
                int[] ls = new int[p.length];
                for (int i = 0; i < p.length; i++) {
                    ls[i] = Integer.parseInt(p[i].strip());
                }
                java.util.Arrays.sort(ls);
                return LayerSelection.of(java.util.Arrays.stream(ls).distinct().toArray());
            }
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--layers " + value + ": " + e.getMessage(), e);
        }
        throw new UserInputException("--layers " + value + " is not a layer selection; allowed: all, a range"
                + " such as 2..5, or a list such as 0,3,7");
    }

    private static void applyHeads(GraphSpec.Builder b, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (v) {
            case "mean" -> b.headReduction(HeadReduction.MEAN);
            case "max" -> b.headReduction(HeadReduction.MAX);
            case "per-head", "all", "each" -> b.headReduction(HeadReduction.PER_HEAD);
            default -> {
                if (!v.matches("\\d{1,6}")) {
                    throw new UserInputException("--heads " + value + " is not one of mean, max, per-head, or a"
                            + " 0-based head index");
                }
                b.head(Integer.parseInt(v));
            }
        }
    }

    private static Normalization parseNormalization(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (v) {
            case "global", "global-abs-minmax" -> Normalization.GLOBAL_ABS_MINMAX;
            case "per-layer", "layer" -> Normalization.PER_LAYER;
            case "per-row", "row" -> Normalization.PER_ROW;
            case "rank", "quantile" -> Normalization.RANK;
            case "log" -> Normalization.LOG;
            default -> throw new UserInputException("--normalization " + value
                    + " is not one of global, per-layer, per-row, rank, log");
        };
    }

    private static LinkKind[] parseLinks(List<String> values) {
        List<LinkKind> out = new ArrayList<>();
        for (String s : values) {
            String v = s.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            switch (v) {
                case "none", "" -> { }
                case "residual" -> out.add(LinkKind.RESIDUAL);
                case "attention" -> out.add(LinkKind.ATTENTION);
                case "rollout" -> out.add(LinkKind.ROLLOUT);
                case "value-weighted", "value" -> out.add(LinkKind.VALUE_WEIGHTED);
                default -> throw new UserInputException("--links " + s
                        + " is not one of residual, attention, rollout, value-weighted, none");
            }
        }
        return out.toArray(new LinkKind[0]);
    }

    static <E extends Enum<E>> E parseEnum(String option, String value, Class<E> type) {
        String v = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new UserInputException(option + " " + value + " is not one of " + String.join(", ", allowed));
    }
}
