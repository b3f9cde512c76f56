package org.attnplanes.app.cli;

import java.nio.file.Path;

import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.model.AttentionModel;
import picocli.CommandLine.Option;

/**
 * The one input of {@code capture} and {@code render} (a picocli argument group, exactly one of the two): a
 * {@code --text} for a text model, or an {@code --image} (PNG or JPEG) for a vision transformer, preprocessed as
 * the model's {@code preprocessor_config.json} says.
 */
public final class TextOrImage {

    @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The input text.")
    String text;

    @Option(names = "--image", required = true, paramLabel = "FILE",
            description = "The input image (PNG or JPEG) of a vision transformer (ViT, DeiT: a model with a "
                    + "pixel_values input), preprocessed as its preprocessor_config.json says.")
    Path image;

    /** The {@code --text}, or null. */
    public String text() {
        return text;
    }

    /** The {@code --image}, or null. */
    public Path image() {
        return image;
    }

    /** Captures the text or the image with {@code model}. */
    public AttentionTrace capture(AttentionModel model) {
        return image != null ? Workbench.captureImage(model, image, "--image") : Workbench.capture(model, text, "--text");
    }
}
