package org.attnplanes.app.workbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.ValueNorms;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.Cancellation;

/**
 * One text captured under the model's memory budget ({@code --max-memory}, the desktop app's "Max memory") for the
 * commands that need the whole trace at once ({@code render}, {@code compare}, the desktop app): when every layer's
 * attention would exceed the budget, the model runs once per layer group ({@link AttentionModel#layerPasses}),
 * exposing only that group's Softmax outputs, and the groups' planes are put together in layer order. The trace
 * equals one unconstrained pass's (planes, tokens, value norms, ordinary outputs, provenance); the budget bounds
 * what one run holds (its group's tensors and their copy out of ONNX Runtime), not the finished trace, which a
 * figure needs whole. ({@code analyze} and {@code capture} stream each group instead.)
 */
public final class BudgetedCapture {

    /** The provenance setting a layer-group trace adds (model-io's {@code Capturer.CAPTURED_LAYERS}). */
    static final String CAPTURED_LAYERS = "captured_layers";

    /** A captured trace and the number of model runs it took (1: one ordinary pass). */
    public record Captured(AttentionTrace trace, int passes) {
    }

    private BudgetedCapture() {
    }

    /**
     * Captures {@code text} in as many passes as the budget needs.
     *
     * @param option       the option the text came from, for messages
     * @param cancellation checked between passes and inside each run (null: not stoppable)
     * @throws UserInputException for empty or over-long text, naming the option
     * @throws CancellationException when cancelled first
     */
    public static Captured capture(AttentionModel model, String text, String option, Cancellation cancellation) {
        List<int[]> passes = null;
        if (text != null && !text.isBlank() && !model.takesImages()) {
            try {
                int[] all = new int[model.layers()];
                for (int l = 0; l < all.length; l++) {
                    all[l] = l;
                }
                passes = model.layerPasses(model.tokenize(text).size(), all);
            } catch (IllegalArgumentException | IllegalStateException e) {
                passes = null;                      // the ordinary capture reports the text's problem
            }
        }
        if (passes == null || passes.size() < 2) {
            return new Captured(Workbench.capture(model, text, option, cancellation), 1);
        }
        List<List<AttentionMatrix>> attention = new ArrayList<>();
        AttentionTrace first = null;
        float[] norms = null;
        for (int[] group : passes) {
            if (cancellation != null && cancellation.isCancelled()) {
                throw new CancellationException("capture cancelled");
            }
            AttentionTrace t;
            try {
                t = model.capture(text, group);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(option + ": " + e.getMessage(), e);
            }
            if (first == null) {
                first = t;
                int n = t.tokenCount();
                norms = t.valueNorms().isPresent() ? new float[model.layers() * t.heads() * n] : null;
            }
            for (int l = 0; l < t.layers(); l++) {
                List<AttentionMatrix> heads = new ArrayList<>(t.heads());
                for (int h = 0; h < t.heads(); h++) {
                    heads.add(t.attention(l, h));
                    if (norms != null) {
                        ValueNorms v = t.valueNorms().orElseThrow();
                        int n = t.tokenCount();
                        for (int j = 0; j < n; j++) {
                            norms[((attention.size()) * t.heads() + h) * n + j] = v.norm(l, h, j);
                        }
                    }
                }
                attention.add(heads);
            }
        }
        Provenance p = first.provenance();
        Map<String, String> settings = new LinkedHashMap<>(p.settings());
        settings.remove(CAPTURED_LAYERS);
        Provenance whole = new Provenance(p.modelFile(), p.modelSha256(), p.tokenizer(), p.inputSha256(),
                p.toolVersion(), settings);
        ValueNorms v = norms == null ? null
                : ValueNorms.of(attention.size(), first.heads(), first.tokenCount(), norms);
        AttentionTrace trace = new AttentionTrace(first.text(), first.tokens(), attention, v, first.outputs(), whole);
        return new Captured(trace, passes.size());
    }
}
