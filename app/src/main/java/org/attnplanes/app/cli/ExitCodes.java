package org.attnplanes.app.cli;

/** Process exit statuses of every {@code attnplanes} command. */
public final class ExitCodes {

    /** Success (including a corpus run where some bad lines were skipped and reported). */
    public static final int OK = 0;
    /** A failure that is not the user's input: I/O error, model runtime error, out of memory. */
    public static final int FAILURE = 1;
    /** Bad input: an unknown option, a value out of range, a missing or malformed file. */
    public static final int BAD_INPUT = 2;
    /** Interrupted (Ctrl-C); partial results of {@code analyze} are kept for {@code --resume}. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
