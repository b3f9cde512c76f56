package org.attnplanes.app.corpus;

import java.util.Objects;

/**
 * One input of a corpus.
 *
 * @param number  1-based number of the input: the line number in a {@code .txt} or {@code .jsonl} file, the
 *                data-record number (header excluded) in a {@code .csv}/{@code .tsv} file
 * @param text    the text, or {@code null} when the entry is bad
 * @param problem why the entry is bad (e.g. {@code "empty line"}), or {@code null} when it is good
 */
public record CorpusEntry(int number, String text, String problem) {

    /** Validates: exactly one of {@code text} and {@code problem} is present. */
    public CorpusEntry {
        if (number < 1) {
            throw new IllegalArgumentException("number = " + number + " must be >= 1");
        }
        if ((text == null) == (problem == null)) {
            throw new IllegalArgumentException("exactly one of text and problem must be given (number " + number + ")");
        }
    }

    /** A good entry. */
    public static CorpusEntry of(int number, String text) {
        return new CorpusEntry(number, Objects.requireNonNull(text, "text"), null);
    }

    /** A bad entry. */
    public static CorpusEntry bad(int number, String problem) {
        return new CorpusEntry(number, null, Objects.requireNonNull(problem, "problem"));
    }

    /** Whether the entry can be analysed. */
    public boolean ok() {
        return problem == null;
    }
}
