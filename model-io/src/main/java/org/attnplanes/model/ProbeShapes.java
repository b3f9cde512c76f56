package org.attnplanes.model;

import org.attnplanes.model.internal.GraphAnalysis;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The shape checks of a probe run, shared by the text ({@link Capturer}) and image ({@link ImageCapturer})
 * capturers: each attention tensor is {@code [1, heads, n, n]} or {@code [heads, n, n]}, and every layer has the
 * head count of layer 0.
 */
final class ProbeShapes {

    private ProbeShapes() {
    }

    /**
     * The head count of one probe tensor.
     *
     * @param input    what the probe ran on, for the refusal (e.g. "1 × 3 tokens", "a 32 × 32 image")
     * @param expected the shapes that would have been accepted, for the refusal
     * @throws ModelException for any other shape
     */
    static int heads(GraphAnalysis.Softmax s, long[] shape, int n, Path model, String input, String expected) {
        if (shape.length == 4 && shape[0] == 1 && shape[2] == n && shape[3] == n) {
            return (int) shape[1];
        }
        if (shape.length == 3 && shape[1] == n && shape[2] == n) {
            return (int) shape[0];
        }
        throw new ModelException("attention Softmax \"" + s.nodeName() + "\" in " + model.getFileName()
                + " produced shape " + Arrays.toString(shape) + " for " + input + "; expected " + expected);
    }

    /**
     * Returns the run's head count after this layer: {@code h} for layer 0 ({@code first < 0}), else {@code first}
     * when they agree.
     *
     * @throws ModelException when this layer has another head count than layer 0
     */
    static int sameHeads(GraphAnalysis.Softmax s, int h, int first, Path model) {
        if (first >= 0 && h != first) {
            throw new ModelException("attention Softmax \"" + s.nodeName() + "\" in " + model.getFileName()
                    + " has " + h + " heads but layer 0 has " + first + "; every layer must have the same number"
                    + " of heads");
        }
        return h;
    }
}
