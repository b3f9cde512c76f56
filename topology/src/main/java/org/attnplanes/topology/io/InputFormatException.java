package org.attnplanes.topology.io;

/**
 * A distance-matrix file that does not follow its format; the message names the source, the line (1-based,
 * 0 when the problem is the file as a whole) and the problem.
 */
public final class InputFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;

    /** A problem at {@code line} of {@code source}. */
    public InputFormatException(String source, int line, String problem) {
        super(source + (line > 0 ? " line " + line : "") + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** The file name or other description of the input. */
    public String source() {
        return source;
    }

    /** The 1-based line, or 0 for the whole input. */
    public int line() {
        return line;
    }
}
