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
            AttentionTrace trace = capture();
            TraceFiles.write(trace, staged);
            outs.publish();
            spec.commandLine().getOut().println("wrote " + out + " (" + trace.layers() + " layers × " + trace.heads()
                    + " heads × " + trace.tokenCount() + " tokens)");
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }

    /** An encoder–decoder: the three blocks of one (source, target) pair into one .json/.npz ({@link PairTraceFiles}). */
    private int callPair() {
        if (input.image() != null) {
            throw UserInputException.about("--image", "cannot be given to an encoder-decoder; give --text and --target");
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

    private AttentionTrace capture() {
        AttentionTrace trace;
        try (AttentionModel m = model.open(valueNorms, imageOptions)) {
            trace = input.image() != null ? input.capture(m) : m.capture(input.text());
        } catch (ModelException | IllegalArgumentException | IllegalStateException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        return trace;
    }
}
