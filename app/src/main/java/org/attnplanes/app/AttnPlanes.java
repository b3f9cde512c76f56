package org.attnplanes.app;

import org.attnplanes.app.cli.CliHelp;
import org.attnplanes.app.cli.ErrorReporter;
import org.attnplanes.app.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Entry point of the {@code attnplanes} command line.
 *
 * <p>Every command prints errors as one sentence on stderr naming the parameter, the value and what is
 * allowed, and exits with 2 for bad input, 1 for other failures, 0 on success ({@link ExitCodes});
 * {@code --debug} adds the stack trace.
 *
 * <pre>{@code ./attnplanes --help
 * ./attnplanes demo
 * ./attnplanes analyze --input sentences.txt --out results/}</pre>
 */
@Command(name = "attnplanes", mixinStandardHelpOptions = true,
        versionProvider = AttnPlanes.Version.class,
        description = "See, measure and export what the multi-head attention of an ONNX transformer does.",
        subcommands = {CommandLine.HelpCommand.class})
public final class AttnPlanes implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces on errors (for bug reports).")
    void setDebug(boolean debug) {
        ErrorReporter.setDebug(debug);
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        // picocli otherwise looks for Groovy's Closure class at start-up, which opens every jar on the class path (and
        // keeps each one's central directory on the heap) only to find nothing (BENCHMARKS.md, "peak memory vs ripser")
        System.setProperty("picocli.disable.closures", "true");
        if (args.length == 0 || !"gui".equals(args[0])) {
            System.setProperty("java.awt.headless", "true");
        }
        org.attnplanes.app.cli.InterruptHook.install();
        org.attnplanes.app.cli.StandardInput.useProcessInput();   // only the process reads its stdin
        if (opensModel(args)) {
            // ONNX Runtime loads while the JVM loads classes and parses options (start-up, BENCHMARKS.md)
            org.attnplanes.model.RuntimeWarmUp.start(org.attnplanes.model.ModelStore.userDefault());
        }
        int status;
        try {
            status = newCommandLine(args.length > 0 ? args[0] : null).execute(args);
        } catch (Throwable t) {
            status = ErrorReporter.report(t, new java.io.PrintWriter(System.err, true), "attnplanes");
        }
        org.attnplanes.model.RuntimeWarmUp.finish(10_000);          // never exit while ONNX Runtime initialises
        org.attnplanes.app.cli.InterruptHook.finished(status);     // after Ctrl-C: a complete run still exits 0
        org.attnplanes.app.cli.InterruptHook.exiting();
        System.exit(status);
    }

    /** Commands that (nearly always) open a model; not for a help or version request. */
    private static final java.util.Set<String> MODEL_COMMANDS = java.util.Set.of("analyze", "capture", "demo",
            "inspect", "compare", "compare-encodings", "series", "divergence");

    static boolean opensModel(String[] args) {
        if (args.length == 0 || !MODEL_COMMANDS.contains(args[0])) {
            return false;
        }
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs the command line in this JVM with its output and errors going to {@code out} and {@code err}, and returns
     * its exit status (tests and embedding tools; {@link #main} is the process entry point).
     */
    public static int run(String[] args, java.io.PrintWriter out, java.io.PrintWriter err) {
        CommandLine cmd = newCommandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        return cmd.execute(args);
    }

    /** The configured command line (used by tests to run commands in-process). */
    public static CommandLine newCommandLine() {
        return newCommandLine(null);
    }

    /**
     * The configured command line with only the subcommand {@code first} when that names one (the process entry
     * point: a run of one command builds no other command's options), otherwise with all of them.
     */
    static CommandLine newCommandLine(String first) {
        CommandLine cmd = new CommandLine(new AttnPlanes());
        Commands.register(cmd, first);
        ErrorReporter handler = new ErrorReporter();
        cmd.setExecutionExceptionHandler(handler);
        cmd.setParameterExceptionHandler(handler);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setAbbreviatedOptionsAllowed(false);
        cmd.registerConverter(java.nio.file.Path.class, AttnPlanes::path);
        CliHelp.install(cmd);
        return cmd;
    }

    /** A path option's value; one that is no path at all (e.g. holds a NUL) is a sentence, not a Java exception. */
    private static java.nio.file.Path path(String value) {
        try {
            return java.nio.file.Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            StringBuilder shown = new StringBuilder();
            value.codePoints().forEach(c -> shown.append(Character.isISOControl(c)
                    ? String.format("\\u%04x", c) : Character.toString(c)));
            throw new CommandLine.TypeConversionException("'" + shown + "' is not a file path (" + e.getReason()
                    + ")");
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Reports the tool version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"attnplanes " + org.attnplanes.graph.Provenance.TOOL_VERSION};
        }
    }
}
