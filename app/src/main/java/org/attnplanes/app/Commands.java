package org.attnplanes.app;

import picocli.CommandLine;

/**
 * The list of {@code attnplanes} subcommands, in the order {@code --help} shows them. Kept apart from
 * {@link AttnPlanes} so that adding a command is a one-line change.
 */
final class Commands {

    private Commands() {
    }

    /** Adds every subcommand to the root command line. */
    static void register(CommandLine root) {
        root.addSubcommand(new org.attnplanes.app.cli.DemoCommand());
        root.addSubcommand(new org.attnplanes.app.cli.InspectCommand());
        // inspect opens the model but captures nothing: the capture limits of the model options would do nothing
        var inspect = root.getSubcommands().get("inspect").getCommandSpec();
        inspect.remove(inspect.findOption("--max-tokens"));
        inspect.remove(inspect.findOption("--truncate"));
        root.addSubcommand(new org.attnplanes.app.cli.CaptureCommand());
        root.addSubcommand(new org.attnplanes.app.cli.AnalyzeCommand());
        root.addSubcommand(new org.attnplanes.app.cli.PersistenceCommand());
        root.addSubcommand(new org.attnplanes.app.cli.RenderCommand());
        root.addSubcommand(new org.attnplanes.app.cli.CompareEncodingsCommand());
        root.addSubcommand(new org.attnplanes.app.cli.CompareCommand());
        root.addSubcommand(new org.attnplanes.app.cli.DivergenceCommand());
        root.addSubcommand(new org.attnplanes.app.cli.SeriesCommand());
        root.addSubcommand(new org.attnplanes.app.cli.GuiCommand());
    }
}
