package org.attnplanes.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import picocli.CommandLine;

/**
 * The list of {@code attnplanes} subcommands, in the order {@code --help} shows them. Kept apart from
 * {@link AttnPlanes} so that adding a command is a one-line change.
 */
final class Commands {

    /** Every subcommand by its name ({@code @Command(name = ...)}), in help order. */
    private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("demo", org.attnplanes.app.cli.DemoCommand::new);
        ALL.put("inspect", org.attnplanes.app.cli.InspectCommand::new);
        ALL.put("capture", org.attnplanes.app.cli.CaptureCommand::new);
        ALL.put("analyze", org.attnplanes.app.cli.AnalyzeCommand::new);
        ALL.put("persistence", org.attnplanes.app.cli.PersistenceCommand::new);
        ALL.put("render", org.attnplanes.app.cli.RenderCommand::new);
        ALL.put("compare-encodings", org.attnplanes.app.cli.CompareEncodingsCommand::new);
        ALL.put("compare", org.attnplanes.app.cli.CompareCommand::new);
        ALL.put("divergence", org.attnplanes.app.cli.DivergenceCommand::new);
        ALL.put("series", org.attnplanes.app.cli.SeriesCommand::new);
        ALL.put("gui", org.attnplanes.app.cli.GuiCommand::new);
    }

    private Commands() {
    }

    /** Adds every subcommand to the root command line. */
    static void register(CommandLine root) {
        register(root, null);
    }

    /**
     * Adds the subcommand named {@code only} when it is one (a process that runs one command does not build the
     * option models of the other ten: less class loading and reflection at start-up), otherwise every subcommand
     * (top-level help, suggestions for a mistyped name).
     */
    static void register(CommandLine root, String only) {
        for (Map.Entry<String, Supplier<Object>> c : ALL.entrySet()) {
            if (only == null || !ALL.containsKey(only) || only.equals(c.getKey())) {
                root.addSubcommand(c.getKey(), c.getValue().get());
            }
        }
        CommandLine inspect = root.getSubcommands().get("inspect");
        if (inspect != null) {
            // inspect opens the model but captures nothing: the capture limits of the model options would do nothing
            var spec = inspect.getCommandSpec();
            spec.remove(spec.findOption("--max-tokens"));
            spec.remove(spec.findOption("--truncate"));
        }
    }
}
