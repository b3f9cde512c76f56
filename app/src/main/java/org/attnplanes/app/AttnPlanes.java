package org.attnplanes.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code attnplanes} command line.
 *
 * <pre>{@code ./attnplanes --help}</pre>
 */
@Command(name = "attnplanes", mixinStandardHelpOptions = true,
        versionProvider = AttnPlanes.Version.class,
        description = "See, measure and export what the multi-head attention of an ONNX transformer does.")
public final class AttnPlanes implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line (used by tests to run commands in-process). */
    public static CommandLine newCommandLine() {
        return new CommandLine(new AttnPlanes());
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
