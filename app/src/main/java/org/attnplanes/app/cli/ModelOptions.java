package org.attnplanes.app.cli;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.ModelException;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Picocli mixin with the options that choose and configure the model, shared by every command that runs
 * one: {@code --model FILE}, {@code --tokenizer FILE}, {@code --threads N}, {@code --max-tokens N},
 * {@code --truncate}. Without {@code --model}, the embedded all-MiniLM-L6-v2 is used.
 *
 * <pre>{@code
 * @Mixin ModelOptions model;
 * ...
 * try (AttentionModel m = model.open()) { AttentionTrace t = m.capture(text); }
 * }</pre>
 */
public final class ModelOptions {

    @Option(names = "--model", paramLabel = "FILE",
            description = "ONNX transformer to open (default: the embedded all-MiniLM-L6-v2).")
    Path model;

    @Option(names = "--tokenizer", paramLabel = "FILE",
            description = "Hugging Face tokenizer.json (default: <model>-tokenizer.json or tokenizer.json next to the model).")
    Path tokenizer;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "ONNX Runtime intra-op threads, 0 = one per core (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "0",
            description = "Largest number of tokens per input, 0 = the model's position table (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--truncate", description = "Truncate over-long input instead of failing.")
    boolean truncate;

    /** The model file given with {@code --model}, or null for the embedded default. */
    public Path modelFile() {
        return model;
    }

    /** The tokenizer given with {@code --tokenizer}, or null. */
    public Path tokenizerFile() {
        return tokenizer;
    }

    /**
     * The capture options these flags describe.
     *
     * @param valueNorms whether to capture value-vector norms as well
     * @throws UserInputException naming the flag when a value is out of range
     */
    public CaptureOptions captureOptions(boolean valueNorms) {
        // every command builds its capture options here, so this is the one place --tokenizer is checked
        Workbench.checkModelAndTokenizer(model, tokenizer);
        CaptureOptions.Builder b = CaptureOptions.builder();
        try {
            b.threads(threads);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--threads " + threads + " must be in [0, 1024] (0 = one per core)");
        }
        try {
            b.maxTokens(maxTokens);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--max-tokens " + maxTokens + " must be 0 (the model's limit) or >= 2");
        }
        return b.truncate(truncate).valueNorms(valueNorms).tokenizer(tokenizer).build();
    }

    /**
     * The capture options with a vision transformer's preprocessing overrides (checked here, before the model
     * loads).
     *
     * @throws UserInputException naming the flag when a value is not allowed
     */
    public CaptureOptions captureOptions(boolean valueNorms, ImagePreprocessOptions image) {
        CaptureOptions o = captureOptions(valueNorms);
        return image == null || !image.any() ? o : o.toBuilder().imageOverrides(image.overrides()).build();
    }

    /**
     * Opens the chosen model with a vision transformer's preprocessing overrides; refuses them for a text model.
     *
     * @throws UserInputException as {@link #open(boolean)}, or naming the first image option a text model got
     */
    public AttentionModel open(boolean valueNorms, ImagePreprocessOptions image) {
        return open(captureOptions(valueNorms, image), image);
    }

    /** As {@link #open(boolean, ImagePreprocessOptions)} with these capture options (e.g. a memory budget). */
    public AttentionModel open(CaptureOptions options, ImagePreprocessOptions image) {
        AttentionModel m = open(options);
        if (image != null) {
            try {
                image.checkFits(m);
            } catch (UserInputException e) {
                m.close();
                throw e;
            }
        }
        return m;
    }

    /** Opens the chosen model (see {@link #open(boolean)}) without value norms. */
    public AttentionModel open() {
        return open(false);
    }

    /**
     * Opens the chosen model.
     *
     * @throws UserInputException with model-io's one-sentence message when the model or tokenizer cannot be used
     */
    public AttentionModel open(boolean valueNorms) {
        return open(captureOptions(valueNorms));
    }

    /** Opens the chosen model with these options (nothing checked against the model's kind). */
    AttentionModel open(CaptureOptions options) {
        try {
            return Workbench.open(model, options);
        } catch (UserInputException e) {
            throw e;
        } catch (ModelException | IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }
}
