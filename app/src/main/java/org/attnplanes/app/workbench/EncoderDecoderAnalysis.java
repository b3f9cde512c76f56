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
import org.attnplanes.graph.BlockKind;
import org.attnplanes.graph.EncoderDecoderTrace;
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

    /** The three blocks, in the order rows are written. */
    public static final List<BlockKind> ALL_BLOCKS = List.of(BlockKind.ENCODER, BlockKind.DECODER, BlockKind.CROSS);

    /**
     * Parses {@code --blocks}: {@code all} or a comma list of {@code encoder}, {@code decoder}, {@code cross}.
     *
     * @throws UserInputException naming {@code --blocks}, the value and what is allowed
     */
    public static List<BlockKind> parseBlocks(String value) {
        if (value == null || value.strip().equalsIgnoreCase("all")) {
            return ALL_BLOCKS;
        }
        java.util.EnumSet<BlockKind> kinds = java.util.EnumSet.noneOf(BlockKind.class);
        for (String part : value.split(",", -1)) {
            String p = part.strip().toLowerCase(java.util.Locale.ROOT);
            BlockKind k = p.equals("encoder") ? BlockKind.ENCODER : p.equals("decoder") ? BlockKind.DECODER
                    : p.equals("cross") ? BlockKind.CROSS : null;
            if (k == null) {
                throw UserInputException.of("--blocks", value, "is not allowed; give all or a comma list of encoder, "
                        + "decoder, cross");
            }
            kinds.add(k);
        }
        return List.copyOf(kinds);
    }

    /**
     * The layers of each selected block that the analysis' layer selection ({@code --layers}) picks, each block's
     * layers counted from 0 within its own stack.
     *
     * @throws UserInputException naming {@code --layers} when it selects a layer a selected block does not have
     */
    public static Map<BlockKind, int[]> layers(Analysis analysis, EncoderDecoderModel model, List<BlockKind> blocks) {
        Map<BlockKind, int[]> out = new java.util.EnumMap<>(BlockKind.class);
        for (BlockKind k : blocks) {
            int stack = k == BlockKind.ENCODER ? model.encoderLayers() : model.decoderLayers();
            try {
                out.put(k, analysis.graphSpec().layers().resolve(stack));
            } catch (IllegalArgumentException e) {
                throw UserInputException.of("--layers", analysis.graphSpec().layers(), "selects a layer outside the "
                        + k.label() + " block's [0, " + (stack - 1) + "] (the encoder has " + model.encoderLayers()
                        + " layers, the decoder and cross blocks " + model.decoderLayers() + "); select fewer layers or"
                        + " fewer blocks with --blocks", e);
            }
        }
        return out;
    }

    /** As {@link #analyzePairs(Analysis, EncoderDecoderModel, List, Map, List)} for all three blocks. */
    public static BatchResult analyzePairs(Analysis analysis, EncoderDecoderModel model, List<CorpusEntry> batch,
                                           Map<Integer, String> targets) {
        return analyzePairs(analysis, model, batch, targets, ALL_BLOCKS);
    }

    /**
     * Captures and analyses a batch of pairs. The batch's sources go through the encoder in one call and the decoder
     * runs once per pair ({@link EncoderDecoderModel#capture(List, List)}); when that fails for one bad pair, the
     * pairs are captured one at a time so that only the bad ones are skipped with their reason. A pair whose
     * selected blocks exceed the capture memory budget is, when {@link Analysis#allowLayerPasses} allows it and
     * the analysis is per plane, captured block by block in layer groups ({@link EncoderDecoderModel#captureBlock},
     * the same rows as one pass).
     *
     * @param targets input number → target text (the corpus' target column/field, or {@code --target})
     * @param blocks  the blocks whose rows are written (a subset of {@link #ALL_BLOCKS}, in that order)
     */
    public static BatchResult analyzePairs(Analysis analysis, EncoderDecoderModel model, List<CorpusEntry> batch,
                                           Map<Integer, String> targets, List<BlockKind> blocks) {
        Objects.requireNonNull(targets, "targets");
        Map<BlockKind, int[]> layers = layers(analysis, model, blocks);
        boolean split = analysis.layerPassesAllowed() && LayerPasses.splittable(analysis);
        List<TextResult> analysed = new ArrayList<>();
        Map<Integer, String> skipped = new LinkedHashMap<>();
        List<CorpusEntry> good = new ArrayList<>();
        for (CorpusEntry e : batch) {
            String target = targets.get(e.number());
            if (!e.ok()) {
                skipped.put(e.number(), e.problem());
            } else if (target == null || target.isBlank()) {
                skipped.put(e.number(), "the target text is empty");
            } else {
                Map<BlockKind, List<int[]>> passes = split ? plan(model, e.text(), target, layers) : null;
                if (passes != null) {
                    analysed.add(inPasses(analysis, model, e.number(), e.text(), target, passes));
                } else {
                    good.add(e);
                }
            }
        }
        List<EncoderDecoderTrace> captured = null;
        if (!good.isEmpty()) {
            List<String> sources = new ArrayList<>();
            List<String> tgts = new ArrayList<>();
            for (CorpusEntry e : good) {
                sources.add(e.text());
                tgts.add(targets.get(e.number()));
            }
            long t0 = System.nanoTime();
            try {
                captured = model.capture(sources, tgts);
            } catch (IllegalArgumentException x) {
                captured = null;    // one pair is bad: captured one by one below so only the bad ones are skipped
            } finally {
                analysis.addNanos(System.nanoTime() - t0, 0, 0);
            }
        }
        for (int i = 0; i < good.size(); i++) {
            CorpusEntry e = good.get(i);
            EncoderDecoderTrace t;
            if (captured != null) {
                t = captured.get(i);
            } else {
                long t0 = System.nanoTime();
                try {
                    t = model.capture(e.text(), targets.get(e.number()));
                } catch (IllegalArgumentException x) {
                    skipped.put(e.number(), x.getMessage());
                    continue;
                } finally {
                    analysis.addNanos(System.nanoTime() - t0, 0, 0);
                }
            }
            analysed.add(analyze(analysis, e.number(), t, blocks));
        }
        analysed.sort(java.util.Comparator.comparingInt(TextResult::input));
        return new BatchResult(analysed, skipped);
    }

    /** The layer groups of each block for one pair, or null when every block fits one pass (or a text is bad). */
    private static Map<BlockKind, List<int[]>> plan(EncoderDecoderModel model, String source, String target,
                                                    Map<BlockKind, int[]> layers) {
        int s;
        int t;
        try {
            s = model.sourceTokenCount(source);
            t = model.targetTokenCount(target);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null;
        }
        Map<BlockKind, List<int[]>> out = new java.util.EnumMap<>(BlockKind.class);
        boolean several = false;
        for (Map.Entry<BlockKind, int[]> b : layers.entrySet()) {
            List<int[]> groups = model.layerPasses(b.getKey(), s, t, b.getValue());
            several |= groups.size() > 1;
            out.put(b.getKey(), groups);
        }
        return several ? out : null;
    }

    private static TextResult inPasses(Analysis analysis, EncoderDecoderModel model, int input, String source,
                                       String target, Map<BlockKind, List<int[]>> passes) {
        List<PlaneRecord> rows = new ArrayList<>();
        int count = 0;
        for (Map.Entry<BlockKind, List<int[]>> b : passes.entrySet()) {
            rows.addAll(LayerPasses.analyzeGroups(analysis, input, b.getValue(), group -> {
                long t0 = System.nanoTime();
                try {
                    return model.captureBlock(b.getKey(), source, target, group);
                } catch (IllegalArgumentException e) {
                    throw new UserInputException("input " + input + ": " + e.getMessage(), e);
                } finally {
                    analysis.addNanos(System.nanoTime() - t0, 0, 0);
                }
            }));
            count += b.getValue().size();
        }
        analysis.countPasses(count);
        return new TextResult(input, null, null, rows);
    }

    /** As {@link #analyze(Analysis, int, EncoderDecoderTrace, List)} for all three blocks. */
    public static TextResult analyze(Analysis analysis, int input, EncoderDecoderTrace trace) {
        return analyze(analysis, input, trace, ALL_BLOCKS);
    }

    /**
     * The rows of one pair: the selected blocks' planes in the order encoder, decoder, cross, each under the
     * analysis' graph spec; the result keeps each block's result ({@link TextResult#blocks()}), and its own trace and
     * graph are the cross block's (else the last selected block's).
     */
    public static TextResult analyze(Analysis analysis, int input, EncoderDecoderTrace trace,
                                     List<BlockKind> blocks) {
        List<PlaneRecord> rows = new ArrayList<>();
        List<TextResult> parts = new ArrayList<>();
        TextResult last = null;
        for (BlockKind k : ALL_BLOCKS) {
            if (blocks.contains(k)) {
                last = analysis.analyze(input, trace.block(k));
                parts.add(last);
                rows.addAll(last.rows());
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("blocks is empty; select at least one of encoder, decoder, cross");
        }
        return new TextResult(input, last.trace(), last.graph(), rows, parts);
    }
}
