package org.attnplanes.app.corpus;

import java.nio.file.Path;
import java.util.Locale;

/** The corpus file formats {@link CorpusReader} understands, chosen by file extension. */
public enum CorpusFormat {
    /** Plain text, one input per line ({@code .txt}). */
    TXT,
    /** Comma-separated values with a header row ({@code .csv}); the text is in one column. */
    CSV,
    /** Tab-separated values with a header row ({@code .tsv}); the text is in one column. */
    TSV,
    /** JSON Lines ({@code .jsonl}): one JSON object per line; the text is in one string field. */
    JSONL;

    /**
     * The format of a file by its extension.
     *
     * @throws IllegalArgumentException naming the file and the allowed extensions
     */
    public static CorpusFormat of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".txt")) {
            return TXT;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return TSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        throw new IllegalArgumentException("--input " + file + " has an unknown extension; allowed: .txt (one input"
                + " per line), .csv or .tsv (with --column), .jsonl (with --field)");
    }
}
