package org.attnplanes.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import javafx.application.Application;
import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.gui.AttnPlanesApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code attnplanes gui}: the desktop app. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Open the desktop app: type a sentence, explore the 3D multi-planar graph, per-layer topology,"
                + " Betti curves and barcodes, export figures and statistics.", "",
            "Example: attnplanes gui --text \"The cat sat on the mat.\""})
public final class GuiCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE|DIR", description = "ONNX model to open (default: embedded MiniLM);"
            + " a folder in optimum's layout opens an encoder-decoder.")
    Path model;

    @Option(names = "--decoder", paramLabel = "FILE", description = "Decoder of an encoder-decoder whose encoder is "
            + "--model (decoder_model.onnx or decoder_model_merged.onnx).")
    Path decoder;

    @Option(names = "--target", paramLabel = "TEXT", description = "Target text of an encoder-decoder to pre-fill.")
    String target;

    @Option(names = "--image", paramLabel = "FILE", description = "Image (PNG or JPEG) of a vision transformer to "
            + "pre-select.")
    Path image;

    @Option(names = "--text", paramLabel = "TEXT", description = "Text to pre-fill.")
    String text;

    @Mixin
    MemoryOptions memory;

    @Override
    public Integer call() {
        if (model != null && !Files.isRegularFile(model) && !Files.isDirectory(model)) {
            throw new UserInputException("--model " + model + " does not exist");
        }
        if (decoder != null && (model == null || Files.isDirectory(model))) {
            throw UserInputException.about("--decoder", "needs its encoder: give --model encoder_model.onnx (a folder "
                    + "as --model brings its own decoder)");
        }
        if (decoder != null && !Files.isRegularFile(decoder)) {
            throw UserInputException.of("--decoder", decoder, "does not exist or is not a file");
        }
        if (image != null && !Files.isRegularFile(image)) {
            throw UserInputException.of("--image", image, "does not exist or is not a file");
        }
        memory.budget(org.attnplanes.model.CaptureOptions.defaults());     // a bad size: exit 2 before the window
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("linux") && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new UserInputException("gui needs a display, but DISPLAY is not set; run it on a desktop or under"
                    + " xvfb-run, or use demo/render/analyze for files");
        }
        List<String> args = new ArrayList<>();
        if (model != null) {
            args.add("--model=" + model.toAbsolutePath());
        }
        if (text != null) {
            args.add("--text=" + text);
        }
        if (decoder != null) {
            args.add("--decoder=" + decoder.toAbsolutePath());
        }
        if (target != null) {
            args.add("--target=" + target);
        }
        if (image != null) {
            args.add("--image=" + image.toAbsolutePath());
        }
        if (memory.given()) {
            args.add("--max-memory=" + memory.describe());
        }
        Application.launch(AttnPlanesApp.class, args.toArray(new String[0]));
        return ExitCodes.OK;
    }
}
