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
import picocli.CommandLine.Option;

/** {@code attnplanes gui}: the desktop app. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Open the desktop app: type a sentence, explore the 3D multi-planar graph, per-layer topology,"
                + " Betti curves and barcodes, export figures and statistics.", "",
            "Example: attnplanes gui --text \"The cat sat on the mat.\""})
public final class GuiCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", description = "ONNX model to open (default: embedded MiniLM).")
    Path model;

    @Option(names = "--text", paramLabel = "TEXT", description = "Text to pre-fill.")
    String text;

    @Override
    public Integer call() {
        if (model != null && !Files.isRegularFile(model)) {
            throw new UserInputException("--model " + model + " does not exist");
        }
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
        Application.launch(AttnPlanesApp.class, args.toArray(new String[0]));
        return ExitCodes.OK;
    }
}
