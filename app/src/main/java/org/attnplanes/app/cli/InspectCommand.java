package org.attnplanes.app.cli;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.workbench.EncoderDecoderAnalysis;
import org.attnplanes.model.EncoderDecoderModel;
import org.attnplanes.graph.ImageGrid;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.RgbImage;
import org.attnplanes.model.ModelDescription;
import org.attnplanes.model.ModelException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code attnplanes inspect}: prints a model's inputs, outputs, the attention tensors that capture would
 * expose (layer, Softmax node, layout, heads) and any fused attention op. A valid ONNX model that cannot be
 * captured is still described, followed by the reason; exit status 0 in both cases, 2 for a file that is
 * missing or not ONNX.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show a model's inputs, outputs and the attention tensors capture would expose.", "",
            "Example: attnplanes inspect --model bert-base.onnx",
            "         attnplanes inspect --model bart-onnx/   (an encoder-decoder in optimum's layout)"})
public final class InspectCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Mixin
    ImagePreprocessOptions imageOptions;

    @Option(names = "--image", paramLabel = "FILE", description = "For a vision transformer: also show how this "
            + "image (PNG or JPEG) is read and preprocessed.")
    Path image;

    @Option(names = "--decoder", paramLabel = "FILE", description = "Decoder of an encoder-decoder "
            + "(decoder_model.onnx or decoder_model_merged.onnx); --model is then its encoder. A directory given as"
            + " --model with optimum's layout needs no --decoder.")
    Path decoder;

    @Mixin
    MemoryOptions memory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        memory.budget(CaptureOptions.defaults());      // a bad --max-memory is refused before anything is opened
        if (EncoderDecoderAnalysis.isPair(model.modelFile(), decoder)) {
            if (image != null) {
                throw UserInputException.about("--image", "cannot be given to an encoder-decoder, which reads text");
            }
            try (EncoderDecoderModel m = EncoderDecoderAnalysis.open(model.modelFile(), decoder,
                    model.captureOptions(false))) {
                out.print(m.describe().report());
                out.println("capturable: yes (encoder " + m.encoderLayers() + " layers, decoder " + m.decoderLayers()
                        + " layers; give --text and --target)");
            }
            out.flush();
            return ExitCodes.OK;
        }
        imageOptions.overrides();                      // checked before anything is opened
        RgbImage rgb = null;
        if (image != null) {
            try {
                rgb = RgbImage.read(image, "--image");
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage(), e);
            }
        }
        String textModel = null;
        try (AttentionModel m = model.open(memory.apply(model.captureOptions(false, imageOptions), 1))) {
            out.print(m.describe().report());
            if (m.takesImages()) {
                ImageGrid g = m.imageGrid().orElseThrow();
                out.println("image grid: " + (g.prefix().isEmpty() ? "" : String.join(" ", g.prefix()) + " + ")
                        + g.rows() + " × " + g.cols() + " patches of " + g.patchSize() + " px (a " + g.imageHeight()
                        + " × " + g.imageWidth() + " image); tokens " + String.join(", ", g.prefix())
                        + (g.prefix().isEmpty() ? "" : ", ") + g.patchLabel(0) + " … "
                        + g.patchLabel(g.rows() * g.cols() - 1));
                out.println("image preprocessing: " + m.imagePreprocessor().orElseThrow().describe());
                for (String line : m.imagePreprocessor().orElseThrow().settings()) {
                    out.println("  " + line);
                }
                if (rgb != null) {
                    RgbImage seen = m.imagePreprocessor().orElseThrow().resizedAndCropped(rgb);
                    out.println("image: " + image + " (" + rgb.width() + " × " + rgb.height()
                            + (rgb.conversion().isEmpty() ? "" : ", " + rgb.conversion()) + ") → " + seen.width()
                            + " × " + seen.height() + " pixels");
                }
            } else if (image != null || imageOptions.any()) {
                textModel = m.modelPath().getFileName().toString();
            }
            out.println("capturable: yes (" + m.layers() + " layers × " + m.heads() + " heads, "
                    + (m.takesImages() ? m.imageGrid().orElseThrow().tokens() + " tokens per image"
                    : m.maxTokens() == Integer.MAX_VALUE ? "no token limit known" : "at most " + m.maxTokens()
                    + " tokens") + ")");
            if (!m.takesImages()) {
                out.println(memoryPlan(m));
            }
        } catch (UserInputException e) {
            if (model.modelFile() == null) {
                throw e;
            }
            ModelDescription d;
            try {
                d = AttentionModel.inspect(model.modelFile(), model.tokenizerFile());
            } catch (ModelException notOnnx) {
                throw new UserInputException(notOnnx.getMessage(), notOnnx);
            }
            out.print(d.report());
            out.println("capturable: no — " + e.getMessage());
        }
        out.flush();
        if (textModel != null && image == null) {
            throw UserInputException.about(imageOptions.firstGiven(), "needs a vision transformer (a model with a "
                    + "pixel_values input), but " + textModel + " takes text");
        }
        if (textModel != null) {
            throw UserInputException.of("--image", image, "needs a vision transformer (a model with a pixel_values "
                    + "input), but " + textModel + " takes text");
        }
        return ExitCodes.OK;
    }

    /**
     * What capture holds at the longest input (the position limit, or 2,048 tokens when none is known) and how many
     * passes over layer groups {@code --max-memory} makes of it.
     */
    private String memoryPlan(AttentionModel m) {
        int n = m.maxTokens() == Integer.MAX_VALUE ? 2048 : m.maxTokens();
        int[] all = new int[m.layers()];
        for (int l = 0; l < all.length; l++) {
            all[l] = l;
        }
        int passes = m.layerPasses(n, all).size();
        return String.format(java.util.Locale.ROOT, "memory: all layers at %d tokens hold %.1f MiB of attention;"
                + " --max-memory %s (%.1f MiB) gives %s", n, m.captureBytes(n, m.layers()) / 1048576.0,
                memory.describe(), m.options().effectiveMaxMemory() / 1048576.0,
                passes == 1 ? "one pass" : passes + " passes over layer groups");
    }
}
