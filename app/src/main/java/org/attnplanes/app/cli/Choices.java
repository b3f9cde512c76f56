package org.attnplanes.app.cli;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.workbench.HeadChoice;
import org.attnplanes.app.workbench.LayerSelections;
import org.attnplanes.graph.LayerSelection;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.graph.Normalization;
import org.attnplanes.graph.Symmetrization;
import org.attnplanes.render.encoding.ColourMap;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.topology.features.FeatureReference;
import org.attnplanes.topology.io.InputFormat;
import picocli.CommandLine.ITypeConverter;

/**
 * The picocli converters and completion candidates of the view options: each turns the user's word into the
 * typed value (graph-core and render enums, {@link HeadChoice}, {@link LayerSelection}), and lists the same words
 * in {@code --help} ({@code ${COMPLETION-CANDIDATES}}) and in its error ("X is not one of ...").
 */
final class Choices {

    private Choices() {
    }

    /**
     * An enum read by kebab-case names ({@code per-layer}), with aliases; the names are the completion candidates
     * and the allowed values of the error.
     */
    abstract static class Named<E> implements ITypeConverter<E>, Iterable<String> {
        private final String option;
        private final Map<String, E> names = new LinkedHashMap<>();
        private final Map<String, E> aliases = new LinkedHashMap<>();

        Named(String option) {
            this.option = option;
        }

        Named<E> name(String name, E value) {
            names.put(name, value);
            return this;
        }

        Named<E> alias(String alias, E value) {
            aliases.put(alias, value);
            return this;
        }

        @Override
        public E convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            if (names.containsKey(v)) {
                return names.get(v);
            }
            if (aliases.containsKey(v)) {
                return aliases.get(v);
            }
            throw UserInputException.of(option, value, "is not one of " + String.join(", ", names.keySet()));
        }

        @Override
        public Iterator<String> iterator() {
            return names.keySet().iterator();
        }

        /** The name of {@code value} (the first with that value), as {@code --help} and defaults show it. */
        String nameOf(E value) {
            for (Map.Entry<String, E> e : names.entrySet()) {
                if (java.util.Objects.equals(e.getValue(), value)) {
                    return e.getKey();
                }
            }
            throw new IllegalArgumentException(value + " has no name for " + option);
        }

        /** The accepted names, in help order. */
        List<String> names() {
            return List.copyOf(names.keySet());
        }
    }

    static final class SymmetrizationChoice extends Named<Symmetrization> {
        SymmetrizationChoice() {
            super("--symmetrization");
            name("sum", Symmetrization.SUM).name("max", Symmetrization.MAX).name("mean", Symmetrization.MEAN)
                    .name("directed", Symmetrization.DIRECTED);
        }
    }

    static final class NormalizationChoice extends Named<Normalization> {
        NormalizationChoice() {
            super("--normalization");
            name("global", Normalization.GLOBAL_ABS_MINMAX).name("per-layer", Normalization.PER_LAYER)
                    .name("per-row", Normalization.PER_ROW).name("rank", Normalization.RANK)
                    .name("log", Normalization.LOG)
                    .alias("global-abs-minmax", Normalization.GLOBAL_ABS_MINMAX).alias("layer", Normalization.PER_LAYER)
                    .alias("row", Normalization.PER_ROW).alias("quantile", Normalization.RANK);
        }
    }

    static final class LayoutChoice extends Named<LayoutKind> {
        LayoutChoice() {
            super("--layout");
            name("line", LayoutKind.LINE).name("circle", LayoutKind.CIRCLE).name("mds", LayoutKind.MDS)
                    .name("stress", LayoutKind.STRESS)
                    .name("force", LayoutKind.FORCE).name("grid", LayoutKind.GRID);
        }
    }

    /** Link kinds; {@code none} converts to an empty optional marker ({@link #NONE}). */
    static final class LinkChoice extends Named<LinkKind> {
        static final LinkKind NONE = null;

        LinkChoice() {
            super("--links");
            name("residual", LinkKind.RESIDUAL).name("attention", LinkKind.ATTENTION).name("rollout", LinkKind.ROLLOUT)
                    .name("value-weighted", LinkKind.VALUE_WEIGHTED).name("none", NONE)
                    .alias("value", LinkKind.VALUE_WEIGHTED).alias("", NONE);
        }
    }

    static final class EncodingChoice extends Named<Encoding> {
        EncodingChoice() {
            super("--encoding");
            name("opacity", Encoding.OPACITY).name("colour", Encoding.COLOUR).name("width", Encoding.WIDTH)
                    .name("length", Encoding.LENGTH).alias("color", Encoding.COLOUR);
        }
    }

    static final class ColourMapChoice extends Named<ColourMap> {
        ColourMapChoice() {
            super("--colour-map");
            for (ColourMap m : ColourMap.values()) {
                name(m.displayName(), m);
            }
        }
    }

    static final class ReferenceChoice extends Named<FeatureReference> {
        ReferenceChoice() {
            super("--reference");
            name("attnplanes", FeatureReference.ATTNPLANES).name("tda4atd", FeatureReference.TDA4ATD);
        }
    }

    /** analyze's {@code --stats}: full or none (the capture-only pass). */
    static final class StatsChoice extends Named<AnalyzeCommand.Stats> {
        StatsChoice() {
            super("--stats");
            name("full", AnalyzeCommand.Stats.FULL).name("none", AnalyzeCommand.Stats.NONE);
        }
    }

    static final class FormatChoice extends Named<InputFormat> {
        FormatChoice() {
            super("--format");
            for (InputFormat f : InputFormat.values()) {
                name(f.cliName(), f);
            }
        }
    }

    static final class HeadsChoice implements ITypeConverter<HeadChoice>, Iterable<String> {
        @Override
        public HeadChoice convert(String value) {
            return HeadChoice.parse(value);
        }

        @Override
        public Iterator<String> iterator() {
            return HeadChoice.NAMES.iterator();
        }
    }

    static final class LayersChoice implements ITypeConverter<LayerSelection> {
        @Override
        public LayerSelection convert(String value) {
            return LayerSelections.parse(value);
        }
    }
}
