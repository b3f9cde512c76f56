package org.attnplanes.graph;

import java.util.List;
import java.util.Objects;

/**
 * The final plane of class nodes, built when the trace has a classification output (logits {@code [1, C]}):
 * class k has probability softmax(logits)_k, linked ({@link LinkKind#CLASSIFIER}) from the [CLS]/first token of
 * the last layer. Its plane index in links and the {@link Layout} is {@code planes().size()}. Immutable.
 */
public final class ClassifierPlane {

    private final int index;
    private final String outputName;
    private final List<String> labels;
    private final double[] probabilities;

    ClassifierPlane(int index, String outputName, List<String> labels, double[] probabilities) {
        this.index = index;
        this.outputName = Objects.requireNonNull(outputName, "outputName");
        this.labels = List.copyOf(labels);
        this.probabilities = probabilities.clone();
    }

    /**
     * The classification of a trace without building its graph (e.g. for the class columns of a statistics
     * table): the output {@code spec} names, else the one {@code logits} output of shape {@code [1, C]}, with the
     * spec's class labels; empty when the trace has none. The plane is not placed in a graph: its index is −1.
     *
     * @throws IllegalArgumentException when the output the spec names is missing, not {@code [1, C]} or not finite
     */
    public static java.util.Optional<ClassifierPlane> of(AttentionTrace trace, GraphSpec spec) {
        GraphSpec on = spec.classifier() ? spec : spec.toBuilder().classifier(true).build();
        return java.util.Optional.ofNullable(Classifiers.find(Objects.requireNonNull(trace, "trace"), on, -1));
    }

    /** Plane index used by links and the layout ({@code planes().size()}). */
    public int index() {
        return index;
    }

    /** Name of the logits output. */
    public String outputName() {
        return outputName;
    }

    /** Number of classes C. */
    public int size() {
        return labels.size();
    }

    /** Class labels (from the spec's map, else {@code "class k"}). */
    public List<String> labels() {
        return labels;
    }

    /** Label of class k. */
    public String label(int k) {
        return labels.get(k);
    }

    /** Softmax probability of class k, in [0, 1]; they sum to 1. */
    public double probability(int k) {
        Objects.checkIndex(k, probabilities.length);
        return probabilities[k];
    }

    /** Index of the most probable class (lowest index on ties). */
    public int predicted() {
        int best = 0;
        for (int k = 1; k < probabilities.length; k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "ClassifierPlane[" + outputName + ", " + labels.size() + " classes]";
    }
}
