package org.attnplanes.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.attnplanes.app.cli.UserInputException;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Provenance;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.Cancellation;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.ModelDescription;
import org.attnplanes.model.ModelException;

/**
 * Small shared steps of the commands and the desktop app: opening a model, capturing one text with a
 * one-sentence error, building a graph, and the provenance of a run.
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
        try {
            return model == null ? AttentionModel.openDefault(options) : AttentionModel.open(model, options);
        } catch (ModelException | IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
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
            throw new UserInputException(option + " is empty; give some text to analyse");
        }
        try {
            return cancellation == null ? model.capture(text) : model.capture(text, cancellation);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(option + ": " + e.getMessage(), e);
        }
    }

    /** Builds the graph, turning a bad spec (layer or head out of range) into a one-sentence error. */
    public static MultiPlanarGraph build(AttentionTrace trace, GraphSpec spec) {
        try {
            return MultiPlanarGraph.build(trace, spec);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            String m = e.getMessage();
            String option = m != null && m.startsWith("head") ? "--heads: " : m != null && m.startsWith("layer")
                    ? "--layers: " : "";
            throw new UserInputException(option + m, e);
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
        return m;
    }
}
