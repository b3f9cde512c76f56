package org.attnplanes.app.workbench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Provenance;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.Cancellation;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.ModelDescription;
import org.attnplanes.model.ModelException;
import org.attnplanes.topology.features.PatternDistances;

/**
 * The single steps of the application layer, shared by the commands, the desktop app and {@link Analysis}:
 * opening a model, capturing one text with a one-sentence error, building a graph with the layers and head
 * checked against the trace, and the provenance of an opened model.
 */
public final class Workbench {

    private Workbench() {
    }

    /**
     * Opens a model file, or the embedded default when {@code model} is null.
     *
     * @throws UserInputException with model-io's one-sentence message when the model cannot be used
     */
    public static AttentionModel open(Path model, CaptureOptions options) {
        checkModelAndTokenizer(model, options.tokenizer().orElse(null));
        try {
            return model == null ? AttentionModel.openDefault(options) : AttentionModel.open(model, options);
        } catch (ModelException | IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /**
     * The one check of a model/tokenizer pair that every command, the desktop app and {@link #open} share: a
     * tokenizer needs a model file (the embedded model brings its own tokenizer, and a given one would otherwise be
     * ignored without a word).
     *
     * @throws UserInputException naming {@code --tokenizer}
     */
    public static void checkModelAndTokenizer(Path model, Path tokenizer) {
        if (model == null && tokenizer != null) {
            throw UserInputException.of("--tokenizer", tokenizer, "needs --model; the embedded model brings its own"
                    + " tokenizer");
        }
    }

    /**
     * Captures one text.
     *
     * @param option the option the text came from (e.g. {@code "--text"}), for the error message
     * @throws UserInputException for empty or over-long text, naming the option
     */
    public static AttentionTrace capture(AttentionModel model, String text, String option) {
        return capture(model, text, option, null);
    }

    /**
     * Captures one text, stoppable through {@code cancellation} (null: not stoppable).
     *
     * @throws UserInputException                         for empty or over-long text, naming the option
     * @throws java.util.concurrent.CancellationException when {@code cancellation} is cancelled first
     */
    public static AttentionTrace capture(AttentionModel model, String text, String option,
                                         Cancellation cancellation) {
        if (text == null || text.isBlank()) {
            throw UserInputException.about(option, "is empty; give some text to analyse");
        }
        try {
            return cancellation == null ? model.capture(text) : model.capture(text, cancellation);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(option + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            // the model cannot take text at all (no tokenizer, a vision model): the user's choice of model
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /**
     * Captures one image with a vision transformer.
     *
     * @param option the option the image came from (e.g. {@code "--image"}), for the error message
     * @throws UserInputException when the file is not a usable image, the model takes text, or the image does not
     *                            fit the model, naming the option and the file
     */
    public static AttentionTrace captureImage(AttentionModel model, Path image, String option) {
        return captureImage(model, image, option, null);
    }

    /**
     * As {@link #captureImage(AttentionModel, Path, String)}, stoppable through {@code cancellation} (null: not
     * stoppable).
     *
     * @throws java.util.concurrent.CancellationException when {@code cancellation} is cancelled first
     */
    public static AttentionTrace captureImage(AttentionModel model, Path image, String option,
                                              Cancellation cancellation) {
        if (!model.takesImages()) {
            throw UserInputException.of(option, image, "needs a vision transformer (a model with a pixel_values "
                    + "input), but " + model.modelPath().getFileName() + " takes text; give --text instead");
        }
        try {
            return model.captureImage(image, cancellation);
        } catch (IllegalArgumentException | ModelException e) {
            String m = String.valueOf(e.getMessage());
            throw new UserInputException(m.startsWith("--image = ") ? option + m.substring("--image".length())
                    : option + " = " + image + ": " + m, e);
        }
    }

    /**
     * Builds the graph. The layers and the head of {@code spec} are checked against the trace first, so that a
     * selection the model does not have fails naming {@code --layers} or {@code --heads}.
     *
     * @throws UserInputException for a layer or head the trace does not have, or another spec the trace cannot
     *                            satisfy
     */
    public static MultiPlanarGraph build(AttentionTrace trace, GraphSpec spec) {
        return build(trace, spec, org.attnplanes.graph.layout.PlanePositions.COMPUTE);
    }

    /**
     * As {@link #build(AttentionTrace, GraphSpec)}, with the planes' positions taken from {@code positions} (the
     * desktop app's {@link LayoutCache}).
     */
    public static MultiPlanarGraph build(AttentionTrace trace, GraphSpec spec,
                                         org.attnplanes.graph.layout.PlanePositions positions) {
        try {
            spec.layers().resolve(trace.layers());
        } catch (IllegalArgumentException e) {
            throw UserInputException.of("--layers", spec.layers(), "selects a layer outside [0, "
                    + (trace.layers() - 1) + "] (the model has " + trace.layers() + " layers)", e);
        }
        if (spec.headReduction() == HeadReduction.SINGLE && spec.head().orElse(0) >= trace.heads()) {
            throw UserInputException.of("--heads", spec.head().getAsInt(), "is outside [0, " + (trace.heads() - 1)
                    + "] (the model has " + trace.heads() + " heads per layer)");
        }
        try {
            return MultiPlanarGraph.build(trace, spec, positions);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /** The provenance fields of an opened model (model file, SHA-256, tokenizer, tool version). */
    public static Map<String, String> modelProvenance(AttentionModel model) {
        ModelDescription d = model.describe();
        Provenance p = Provenance.of(d.modelFile(), d.modelSha256(), d.tokenizerFile(), "");
        Map<String, String> m = new LinkedHashMap<>(p.toMap());
        m.remove("input_sha256");
        m.put("model_layers", Integer.toString(model.layers()));
        m.put("model_heads", Integer.toString(model.heads()));
        if (model.causal()) {
            m.put(AttentionTrace.CAUSAL, "true");
        }
        model.imageGrid().ifPresent(g -> {
            m.putAll(g.provenance(Provenance.synthetic("")).settings());
            m.put("image.preprocessing", model.imagePreprocessor().orElseThrow().describe());
            m.put(PatternDistances.IMAGE_NOTE_KEY, PatternDistances.IMAGE_NOTE);
        });
        return m;
    }
}
