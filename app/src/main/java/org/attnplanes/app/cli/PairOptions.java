package org.attnplanes.app.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.corpus.CorpusReader;
import org.attnplanes.app.workbench.EncoderDecoderAnalysis;
import org.attnplanes.model.EncoderDecoderModel;
import picocli.CommandLine.Option;

/**
 * Picocli mixin for encoder–decoders (BART, T5, …): {@code --decoder FILE} next to {@code --model ENCODER} (or
 * {@code --model DIR} with optimum's layout), and the target text the decoder is teacher-forced with:
 * {@code --target TEXT}, or for a corpus {@code --target-column NAME} (CSV/TSV) / {@code --target-field NAME}
 * (JSONL).
 */
public final class PairOptions {

    @Option(names = "--decoder", paramLabel = "FILE",
            description = "Decoder of an encoder-decoder (decoder_model.onnx or decoder_model_merged.onnx); --model is"
                    + " then its encoder. A directory given as --model with optimum's layout needs no --decoder.")
    Path decoder;

    @Option(names = "--target", paramLabel = "TEXT",
            description = "Target text of an encoder-decoder (teacher forcing: the decoder reads its start token and"
                    + " these tokens).")
    String target;

    @Option(names = "--target-column", paramLabel = "NAME",
            description = "CSV/TSV column with the target texts of an encoder-decoder corpus.")
    String targetColumn;

    @Option(names = "--target-field", paramLabel = "NAME",
            description = "JSONL field with the target texts of an encoder-decoder corpus.")
    String targetField;

    /** Whether the model options name an encoder–decoder. */
    public boolean pair(ModelOptions model) {
        return EncoderDecoderAnalysis.isPair(model.modelFile(), decoder);
    }

    /**
     * Throws unless the target options fit the model: a target option without an encoder–decoder is bad input.
     *
     * @throws UserInputException naming the option
     */
    public void check(ModelOptions model) {
        if (pair(model)) {
            return;
        }
        String given = target != null ? "--target" : targetColumn != null ? "--target-column"
                : targetField != null ? "--target-field" : null;
        if (given != null) {
            throw UserInputException.about(given, "needs an encoder-decoder: give --model encoder_model.onnx "
                    + "--decoder decoder_model.onnx, or --model DIR holding both");
        }
    }

    /** Opens the encoder–decoder the options name. */
    public EncoderDecoderModel open(ModelOptions model) {
        return EncoderDecoderAnalysis.open(model.modelFile(), decoder, model.captureOptions(false));
    }

    /** The {@code --target-column} or {@code --target-field} given, or null. */
    public String targetColumnOrField() {
        return targetColumn != null ? targetColumn : targetField;
    }

    /** The decoder file given, or null. */
    public Path decoderFile() {
        return decoder;
    }

    /**
     * The target text of a single input.
     *
     * @throws UserInputException when {@code --target} is missing or blank
     */
    public String singleTarget() {
        if (target == null || target.isBlank()) {
            throw UserInputException.about("--target", target == null ? "is missing; an encoder-decoder needs the "
                    + "target text its decoder is teacher-forced with" : "is empty; give the target text");
        }
        return target.strip();
    }

    /**
     * The target texts by input number: {@code --target} as input 1 for {@code --text}, else the corpus file's
     * target column or field.
     *
     * @throws UserInputException when the needed option is missing
     */
    public Map<Integer, String> targets(InputSourceOptions source) {
        Map<Integer, String> out = new LinkedHashMap<>();
        if (source.text() != null) {
            out.put(1, singleTarget());
            return out;
        }
        if (targetColumn == null && targetField == null) {
            throw UserInputException.about("--target-column", "is missing; an encoder-decoder corpus needs the "
                    + "target texts (--target-column NAME for CSV/TSV, --target-field NAME for JSONL)");
        }
        org.attnplanes.app.corpus.CorpusFormat format = org.attnplanes.app.corpus.CorpusFormat.of(source.input());
        boolean table = format == org.attnplanes.app.corpus.CorpusFormat.CSV
                || format == org.attnplanes.app.corpus.CorpusFormat.TSV;
        if (targetColumn != null && !table) {
            throw UserInputException.of("--target-column", targetColumn, "names a CSV/TSV column, but --input "
                    + source.input().getFileName() + " is " + (format == org.attnplanes.app.corpus.CorpusFormat.JSONL
                    ? "JSON lines; give --target-field instead" : "plain text, which has no target texts; give a "
                    + "CSV/TSV or JSONL corpus"));
        }
        if (targetField != null && format != org.attnplanes.app.corpus.CorpusFormat.JSONL) {
            throw UserInputException.of("--target-field", targetField, "names a JSONL field, but --input "
                    + source.input().getFileName() + " is " + (table ? "CSV/TSV; give --target-column instead"
                    : "plain text, which has no target texts; give a CSV/TSV or JSONL corpus"));
        }
        List<CorpusEntry> entries = new CorpusReader(targetColumn, targetField,
                targetColumn != null ? "--target-column" : "--target-field").read(source.input());
        for (CorpusEntry e : entries) {
            if (e.ok()) {
                out.put(e.number(), e.text());
            }
        }
        return out;
    }
}
