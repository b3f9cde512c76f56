package org.attnplanes.app.workbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.EncoderDecoderTrace;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.EncoderDecoderModel;
import org.attnplanes.model.ModelException;

/**
 * The application layer's steps for an encoder–decoder (BART, T5, …): opening the pair with one-sentence errors,
 * capturing a (source, target) pair with the error naming the option the bad text came from, and analysing a
 * batch of pairs: each pair's three blocks (encoder, decoder, cross) become graphs under the same
 * {@link Analysis}, and their rows carry the block ({@link PlaneRecord#block()}) with layers counted per block.
 */
public final class EncoderDecoderAnalysis {

    private EncoderDecoderAnalysis() {
    }

    /** Whether these options name an encoder–decoder: a {@code --decoder}, or a directory as {@code --model}. */
    public static boolean isPair(Path model, Path decoder) {
        return decoder != null || (model != null && Files.isDirectory(model));
    }

    /**
     * Opens the pair: {@code --model DIR} (optimum's layout) or {@code --model ENCODER --decoder DECODER}.
     *
     * @throws UserInputException naming the option when a file is missing or the files are not a pair
     */
    public static EncoderDecoderModel open(Path model, Path decoder, CaptureOptions options) {
        if (model == null) {
            throw UserInputException.of("--decoder", decoder, "needs its encoder: give --model encoder_model.onnx "
                    + "(or --model DIR holding both files)");
        }
        if (decoder != null && Files.isDirectory(model)) {
            throw UserInputException.of("--decoder", decoder, "cannot be combined with --model " + model
                    + ", a directory (its own decoder is used); give --model encoder_model.onnx instead");
        }
        if (decoder != null && !Files.isRegularFile(decoder)) {
            throw UserInputException.of("--decoder", decoder, "does not exist or is not a file; give the "
                    + "decoder_model.onnx (or decoder_model_merged.onnx) of the encoder–decoder");
        }
        try {
            return decoder == null ? EncoderDecoderModel.openDirectory(model, options)
                    : EncoderDecoderModel.open(model, decoder, options);
        } catch (ModelException | IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /**
     * Captures one pair.
     *
     * @throws UserInputException for an empty or over-long text, naming {@code sourceOption} or
     *                            {@code targetOption}
     */
    public static EncoderDecoderTrace capture(EncoderDecoderModel model, String source, String target,
                                              String sourceOption, String targetOption) {
        if (source == null || source.isBlank()) {
            throw UserInputException.about(sourceOption, "is empty; give the source text the encoder reads");
        }
        if (target == null || target.isBlank()) {
            throw UserInputException.about(targetOption, "is empty; give the target text the decoder is "
                    + "teacher-forced with");
        }
        try {
            return model.capture(source, target);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            throw new UserInputException((msg.startsWith("target") ? targetOption : sourceOption) + ": " + msg, e);
        }
    }

    /**
     * Captures and analyses a batch of pairs, one at a time; a pair without a target or whose texts the model
     * rejects is skipped with its reason.
     *
     * @param targets input number → target text (the corpus' target column/field, or {@code --target})
     */
    public static BatchResult analyzePairs(Analysis analysis, EncoderDecoderModel model, List<CorpusEntry> batch,
                                           Map<Integer, String> targets) {
        Objects.requireNonNull(targets, "targets");
        List<TextResult> analysed = new ArrayList<>();
        Map<Integer, String> skipped = new LinkedHashMap<>();
        for (CorpusEntry e : batch) {
            if (!e.ok()) {
                skipped.put(e.number(), e.problem());
                continue;
            }
            String target = targets.get(e.number());
            if (target == null || target.isBlank()) {
                skipped.put(e.number(), "the target text is empty");
                continue;
            }
            EncoderDecoderTrace t;
            try {
                t = model.capture(e.text(), target);
            } catch (IllegalArgumentException x) {
                skipped.put(e.number(), x.getMessage());
                continue;
            }
            analysed.add(analyze(analysis, e.number(), t));
        }
        return new BatchResult(analysed, skipped);
    }

    /**
     * The rows of one pair: the encoder's planes, then the decoder's, then the cross planes, each under the
     * analysis' graph spec; the result's trace and graph are the cross block's.
     */
    public static TextResult analyze(Analysis analysis, int input, EncoderDecoderTrace trace) {
        List<PlaneRecord> rows = new ArrayList<>();
        TextResult last = null;
        for (AttentionTrace block : trace.blocks()) {
            last = analysis.analyze(input, block);
            rows.addAll(last.rows());
        }
        MultiPlanarGraph crossGraph = last.graph();
        return new TextResult(input, trace.cross(), crossGraph, rows);
    }
}
