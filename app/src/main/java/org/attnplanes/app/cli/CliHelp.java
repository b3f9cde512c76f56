package org.attnplanes.app.cli;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.attnplanes.app.workbench.HeadChoice;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What every command's {@code --help} shares: options listed in the same groups in the same order (input, the
 * command's own, model, graph and view, topology, figure, general), and the defaults of the graph and view
 * options taken from the code — the command's base {@link GraphSpec} ({@link ViewOptions.Base}) or
 * {@link GraphSpec#defaults()} — so {@code ${DEFAULT-VALUE}} in their descriptions is what the command really uses.
 */
public final class CliHelp {

    private CliHelp() {
    }

    /** Installs the grouped option list and the view defaults on {@code root} and all its subcommands. */
    public static void install(CommandLine root) {
        root.setDefaultValueProvider(new ViewDefaults());
        apply(root);
    }

    private static void apply(CommandLine cmd) {
        cmd.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, new Grouped());
        for (CommandLine sub : cmd.getSubcommands().values()) {
            apply(sub);
        }
    }

    /** The group of an option: by the mixin class that declares it. */
    static String group(OptionSpec o, CommandSpec command) {
        Object u = o.userObject();
        Class<?> c = u instanceof Member m ? m.getDeclaringClass() : null;
        if (c == null || c.getName().startsWith("picocli.") || c.getSimpleName().equals("AttnPlanes")) {
            return "General";
        }
        if (c == InputSourceOptions.class || c == InputSourceOptions.Source.class || c == TextOrImage.class) {
            return "Input";
        }
        if (c == ModelOptions.class || c == MemoryOptions.class) {
            return "Model";
        }
        if (c == ViewOptions.class) {
            return "Graph and view";
        }
        if (c == TopologyOptions.class) {
            return "Topology";
        }
        if (c == FigureOptions.class) {
            return "Figure";
        }
        return command.name();
    }

    /** The option list in groups, each under its heading, in one order for every command. */
    static final class Grouped implements CommandLine.IHelpSectionRenderer {
        @Override
        public String render(CommandLine.Help help) {
            CommandSpec spec = help.commandSpec();
            Map<String, List<OptionSpec>> groups = new LinkedHashMap<>();
            for (String g : List.of("Input", spec.name(), "Model", "Graph and view", "Topology", "Figure", "General")) {
                groups.put(g, new ArrayList<>());
            }
            for (OptionSpec o : spec.options()) {
                if (!o.hidden()) {
                    groups.get(group(o, spec)).add(o);
                }
            }
            StringBuilder sb = new StringBuilder();
            groups.forEach((heading, options) -> {
                if (options.isEmpty()) {
                    return;
                }
                sb.append("\n").append(heading.equals(spec.name()) ? spec.name() + " options"
                        : heading + " options").append(":\n");
                CommandLine.Help.Layout layout = help.createDefaultLayout();
                for (OptionSpec o : options) {
                    layout.addOption(o, help.createDefaultParamLabelRenderer());
                }
                sb.append(layout);
            });
            return sb.toString();
        }
    }

    /** Defaults of the view options from the command's base graph spec (and the render defaults). */
    static final class ViewDefaults implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec o) || !(o.userObject() instanceof Field f)
                    || f.getDeclaringClass() != ViewOptions.class) {
                return null;
            }
            Object user = arg.command() == null ? null : arg.command().userObject();
            GraphSpec spec = user instanceof ViewOptions.Base b ? b.baseSpec() : GraphSpec.defaults();
            return switch (o.longestName()) {
                case "--layers" -> spec.layers().toString();
                case "--head-reduction" -> (spec.headReduction() == HeadReduction.SINGLE
                        ? HeadChoice.single(spec.head().getAsInt()) : HeadChoice.of(spec.headReduction())).toString();
                case "--symmetrization" -> new Choices.SymmetrizationChoice().nameOf(spec.symmetrization());
                case "--normalization" -> new Choices.NormalizationChoice().nameOf(spec.normalization());
                case "--log-epsilon" -> Double.toString(spec.logEpsilon());
                case "--links" -> links(spec);
                case "--layout" -> new Choices.LayoutChoice().nameOf(spec.layout());
                case "--seed" -> Long.toString(spec.seed());
                case "--encoding" -> "opacity";
                case "--colour-map" -> EncodingSpec.of(Encoding.OPACITY).colourMap().displayName();
                case "--gamma" -> Double.toString(EncodingSpec.of(Encoding.OPACITY).contrast().gamma());
                default -> null; // --threshold, --top-k, --mass: no pruning unless given
            };
        }

        private static String links(GraphSpec spec) {
            List<String> names = new ArrayList<>();
            Choices.LinkChoice c = new Choices.LinkChoice();
            for (LinkKind k : spec.links()) {
                if (k != LinkKind.CLASSIFIER) {
                    names.add(c.nameOf(k));
                }
            }
            return names.isEmpty() ? "none" : String.join(",", names).toLowerCase(Locale.ROOT);
        }
    }
}
