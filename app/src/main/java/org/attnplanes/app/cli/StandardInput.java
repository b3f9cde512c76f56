package org.attnplanes.app.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * What a command reads as standard input ({@code persistence} without {@code --input}, as ripser): the process's
 * own standard input only when the command line runs as the process ({@code AttnPlanes.main}); a command run
 * in-process ({@code AttnPlanes.run}: tests, Spark, embedding tools) reads an empty input and never blocks on, or
 * consumes, its host's standard input.
 */
public final class StandardInput {

    private static volatile boolean process;

    private StandardInput() {
    }

    /** Called once by the process entry point: commands may read the process's standard input. */
    public static void useProcessInput() {
        process = true;
    }

    /** The input a command reads for {@code -}. */
    static InputStream stream() {
        return process ? System.in : new ByteArrayInputStream(new byte[0]);
    }
}
