package org.attnplanes.app.cli;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.workbench.EncoderDecoderAnalysis;
import org.attnplanes.graph.EncoderDecoderTrace;
import org.attnplanes.model.EncoderDecoderModel;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.ModelException;
import org.attnplanes.app.export.OutputSet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code attnplanes capture --text "…" --out FILE}: runs the model once and writes every layer's and
 * head's attention with the tokens and the provenance, as {@code .json} (small inputs) or {@code .npz}
 * (NumPy; any size). See {@link TraceFiles} for both layouts. The file is written atomically.
 */
@Command(name = "capture", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Capture every layer's attention for one text (or, for a vision transformer, one image) and write"
            + " it as .json or .npz.", "",
            "Example: attnplanes capture --text \"The cat sat.\" --out trace.npz",
            "         attnplanes capture --model vit/model.onnx --image cat.png --out trace.npz"})
public final class CaptureCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Mixin
    PairOptions pair;

    @Mixin
    ImagePreprocessOptions imageOptions;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TextOrImage input;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Output file: .json (tokens + nested arrays) or .npz (NumPy archive).")
    Path out;

    @Option(names = "--value-norms", description = "Also capture the per-head value-vector norms.")
    boolean valueNorms;

    @Mixin
    MemoryOptions memory;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".json") && !name.endsWith(".npz")) {
            throw new UserInputException("--out " + out + " has an unknown extension; use .json or .npz");
        }
        imageOptions.overrides();                      // checked before anything is opened
        pair.check(model);
        if (pair.pair(model)) {
            imageOptions.checkNotPair();
            return callPair();
        }
        try (OutputSet outs = output.files(OutputOptions.inputs("--model", model.modelFile(), "--tokenizer",
                model.tokenizerFile(), "--image", input.image()))) {
            Path staged = outs.file("--out", out);
            String shape;
            try (AttentionModel m = open()) {
                List<int[]> passes = input.image() != null ? null : passes(m, input.text());
                if (passes != null) {
                    // over the budget: the writer reads the planes layer by layer, one captured group at a time
                    LayerGroupCapture groups = new LayerGroupCapture(m, input.text(), passes);
                    TraceFiles.write(groups, staged);
                    shape = groups.layers() + " layers × " + groups.heads() + " heads × " + groups.tokens().size()
                            + " tokens; over --max-memory " + memory.describe() + ", captured in " + passes.size()
                            + " passes over layer groups";
                } else {
                    AttentionTrace trace = capture(m);
                    TraceFiles.write(trace, staged);
                    shape = trace.layers() + " layers × " + trace.heads() + " heads × " + trace.tokenCount() + " tokens";
                }
            }
            outs.publish();
            spec.commandLine().getOut().println("wrote " + out + " (" + shape + ")");
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }

    /** The model with the memory budget ({@code --max-memory}) and any image options. */
    private AttentionModel open() {
        AttentionModel m = model.open(memory.apply(model.captureOptions(valueNorms, imageOptions), 1));
        try {
            imageOptions.checkFits(m);
        } catch (UserInputException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /**
     * The layer groups a capture of every layer of {@code text} needs under the budget, or null for one pass (or
     * when the text is bad: the ordinary capture then reports it).
     */
    static List<int[]> passes(AttentionModel m, String text) {
        int n;
        try {
            n = m.tokenize(text).size();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return null;
        }
        int[] all = new int[m.layers()];
        for (int l = 0; l < all.length; l++) {
            all[l] = l;
        }
        List<int[]> passes = m.layerPasses(n, all);
        return passes.size() > 1 ? passes : null;
    }

    /** An encoder–decoder: the three blocks of one (source, target) pair into one .json/.npz ({@link PairTraceFiles}). */
    private int callPair() {
        if (input.image() != null) {
            throw UserInputException.about("--image", "cannot be given to an encoder-decoder; give --text and --target");
        }
        if (memory.given()) {
            throw new UserInputException("--max-memory " + memory.describe() + " applies to one model's layers; an"
                    + " encoder-decoder pair is captured in one pass, so leave it out");
        }
        String target = pair.singleTarget();
        try (OutputSet outs = output.files(OutputOptions.inputs("--model", model.modelFile(), "--decoder",
                pair.decoderFile(), "--tokenizer", model.tokenizerFile()))) {
            Path staged = outs.file("--out", out);
            EncoderDecoderTrace trace;
            try (EncoderDecoderModel m = pair.open(model)) {
                trace = EncoderDecoderAnalysis.capture(m, input.text(), target, "--text", "--target");
            }
            PairTraceFiles.write(trace, staged);
            outs.publish();
            spec.commandLine().getOut().println("wrote " + out + " (encoder " + trace.encoder().layers()
                    + " layers, decoder " + trace.decoder().layers() + " layers × " + trace.decoder().heads()
                    + " heads; " + trace.encoder().tokenCount() + " source × " + trace.decoder().tokenCount()
                    + " target tokens)");
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }

    private AttentionTrace capture(AttentionModel m) {
        try {
            return input.image() != null ? input.capture(m) : m.capture(input.text());
        } catch (ModelException | IllegalArgumentException | IllegalStateException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }
}
