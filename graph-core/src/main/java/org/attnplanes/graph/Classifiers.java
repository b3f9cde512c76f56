package org.attnplanes.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Internal: finds the logits output of a trace and makes the classifier plane. */
final class Classifiers {

    private Classifiers() {
    }

    /**
     * The classifier plane, or null when the spec turns it off or (auto mode) no output is named "logits"
     * (case-insensitive) or is the only one whose name contains "logit" with shape {@code [1, C]}.
     */
    static ClassifierPlane find(AttentionTrace trace, GraphSpec spec, int index) {
        if (!spec.classifier()) {
            return null;
        }
        Map<String, NamedTensor> outputs = trace.outputs();
        NamedTensor logits;
        if (spec.classifierOutput().isPresent()) {
            String name = spec.classifierOutput().get();
            logits = outputs.get(name);
            if (logits == null) {
                throw new IllegalArgumentException("classifierOutput = \"" + name + "\" is not one of "
                        + outputs.keySet());
            }
            if (!isLogits(logits)) {
                throw new IllegalArgumentException("output \"" + name + "\" has shape "
                        + java.util.Arrays.toString(logits.shape()) + "; a classifier needs logits [1, C]");
            }
        } else {
            logits = null;
            List<NamedTensor> candidates = new ArrayList<>();
            for (NamedTensor t : outputs.values()) {
                if (isLogits(t) && t.name().toLowerCase(Locale.ROOT).contains("logit")) {
                    candidates.add(t);
                    if (t.name().equalsIgnoreCase("logits")) {
                        logits = t;
                    }
                }
            }
            if (logits == null && candidates.size() == 1) {
                logits = candidates.get(0);
            }
            if (logits == null) {
                return null;
            }
        }
        int c = logits.size();
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
            float v = logits.get(k);
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("output \"" + logits.name() + "\"[0][" + k + "] = " + v
                        + " must be finite");
            }
            max = Math.max(max, v);
        }
        double[] prob = new double[c];
        double sum = 0;
        for (int k = 0; k < c; k++) {
            prob[k] = Math.exp(logits.get(k) - max);
            sum += prob[k];
        }
        List<String> labels = new ArrayList<>(c);
        for (int k = 0; k < c; k++) {
            prob[k] /= sum;
            labels.add(spec.classLabels().getOrDefault(k, "class " + k));
        }
        return new ClassifierPlane(index, logits.name(), labels, prob);
    }

    private static boolean isLogits(NamedTensor t) {
        return t.rank() == 2 && t.dimension(0) == 1 && t.dimension(1) >= 1;
    }
}
