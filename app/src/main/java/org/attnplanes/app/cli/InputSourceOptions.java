package org.attnplanes.app.cli;

import java.nio.file.Path;
import java.util.List;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.corpus.CorpusFormat;
import org.attnplanes.app.corpus.CorpusReader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where the input texts come from (picocli mixin shared by {@code analyze} and {@code series}): one
 * {@code --text}, or a corpus {@code --input} file ({@code .txt} one per line, {@code .csv}/{@code .tsv} with
 * {@code --column}, {@code .jsonl} with {@code --field}).
 */
public final class InputSourceOptions {

    static final class Source {
        @Option(names = "--text", paramLabel = "TEXT", required = true, description = "One text to analyse.")
        String text;

        @Option(names = "--input", paramLabel = "FILE", required = true,
                description = "Corpus: .txt (one input per line), .csv/.tsv (with --column), .jsonl (with --field); "
                        + "for a vision transformer every input is an image path (relative to the corpus file).")
        Path input;

        @Option(names = "--image", paramLabel = "FILE", required = true,
                description = "One image (PNG or JPEG) to analyse with a vision transformer.")
        Path image;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--column", paramLabel = "NAME", description = "CSV/TSV column with the text (name or 1-based"
            + " index; default: the column named text, or the only column).")
    String column;

    @Option(names = "--field", paramLabel = "NAME", description = "JSONL field with the text (dotted path allowed;"
            + " default: text).")
    String field;

    /** The {@code --text}, or null when a corpus file or an image was given. */
    public String text() {
        return source.text;
    }

    /** The {@code --input} file, or null when a text was given. */
    public Path input() {
        return source.input;
    }

    /** The {@code --image}, or null. */
    public Path image() {
        return source.image;
    }

    /** The folder relative image paths of the inputs are resolved against: the corpus file's, else null. */
    public Path imageBase() {
        return source.input == null ? null : source.input.toAbsolutePath().getParent();
    }

    /** The {@code --column} or {@code --field} given, or null. */
    public String columnOrField() {
        return column != null ? column : field;
    }

    /**
     * The entries: the stripped {@code --text} as input 1, or the corpus file's lines/records (bad ones marked,
     * numbered by line or record).
     *
     * @throws UserInputException when {@code --text} is blank, or the corpus file cannot be read
     */
    public List<CorpusEntry> read() {
        if (source.text != null) {
            if (source.text.isBlank()) {
                throw new UserInputException("--text is empty; give some text to analyse");
            }
            return List.of(CorpusEntry.of(1, source.text.strip()));
        }
        if (source.image != null) {
            return List.of(CorpusEntry.of(1, source.image.toString()));
        }
        return new CorpusReader(column, field).read(source.input);
    }

    /**
     * "record " for a table corpus, else "line " (how a bad input is named in messages); call after
     * {@link #read()}, which rejects unknown extensions.
     */
    public String unit() {
        if (source.input == null) {
            return "line ";
        }
        CorpusFormat f = CorpusFormat.of(source.input);
        return f == CorpusFormat.CSV || f == CorpusFormat.TSV ? "record " : "line ";
    }
}
