package org.attnplanes.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What model-io found in a model: its declared inputs and outputs, the attention tensors it will capture,
 * fused attention ops that hide probabilities, and the sizes of its embedding tables.
 *
 * @param modelFile         the model's file name, never null
 * @param modelSha256       lower-case hex SHA-256 of the model file
 * @param tokenizerFile     the tokenizer's file name, {@code ""} when none was found
 * @param inputs            the graph inputs (initializers excluded)
 * @param outputs           the model's ordinary graph outputs
 * @param attention         attention tensors in layer order (empty when none was found)
 * @param fusedOps          fused attention ops, as {@code com.microsoft.Attention at node "Attention_0"}
 * @param vocabularySize    rows of the word-embedding table, when found
 * @param maxPositions      rows of the position-embedding table, when found
 * @param externalData      whether weights live in external data files
 */
public record ModelDescription(String modelFile, String modelSha256, String tokenizerFile,
                               List<TensorSpec> inputs, List<TensorSpec> outputs,
                               List<AttentionTensor> attention, List<String> fusedOps,
                               OptionalLong vocabularySize, OptionalLong maxPositions, boolean externalData) {

    /** Validates and copies. */
    public ModelDescription {
        Objects.requireNonNull(modelFile, "modelFile");
        Objects.requireNonNull(modelSha256, "modelSha256");
        Objects.requireNonNull(tokenizerFile, "tokenizerFile");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attention = List.copyOf(attention);
        fusedOps = List.copyOf(fusedOps);
        Objects.requireNonNull(vocabularySize, "vocabularySize");
        Objects.requireNonNull(maxPositions, "maxPositions");
    }

    /** Whether attention can be captured: at least one attention Softmax and no fused attention op. */
    public boolean capturable() {
        return !attention.isEmpty() && fusedOps.isEmpty();
    }

    /** A multi-line human-readable report (what {@code attnplanes inspect} prints). */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append("model: ").append(modelFile).append(" (sha256 ").append(modelSha256).append(")\n");
        sb.append("tokenizer: ").append(tokenizerFile.isEmpty() ? "(none)" : tokenizerFile).append('\n');
        if (externalData) {
            sb.append("weights: external data files\n");
        }
        sb.append("inputs:\n");
        inputs.forEach(t -> sb.append("  ").append(t).append('\n'));
        sb.append("outputs:\n");
        outputs.forEach(t -> sb.append("  ").append(t).append('\n'));
        vocabularySize.ifPresent(v -> sb.append("vocabulary: ").append(v).append(" ids\n"));
        maxPositions.ifPresent(v -> sb.append("position table: ").append(v).append(" positions\n"));
        sb.append("attention tensors: ").append(attention.size()).append('\n');
        for (AttentionTensor a : attention) {
            sb.append("  layer ").append(a.layer()).append(": node \"").append(a.node()).append("\", output \"")
                    .append(a.output()).append("\", layout ").append(a.layout());
            a.heads().ifPresent(h -> sb.append(", ").append(h).append(" heads"));
            sb.append('\n');
        }
        sb.append("fused attention ops: ").append(fusedOps.isEmpty() ? "none" : String.join("; ", fusedOps))
                .append('\n');
        return sb.toString();
    }
}
