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
 * @param family            e.g. {@code "causal decoder"}, {@code "encoder (bidirectional attention)"}, with the
 *                          rewrites that made it capturable ({@code "merged decoder: no-cache branch lifted"})
 * @param feeds             how each input is fed, e.g. {@code "past_key_values.0.key ← empty (past length 0) [batch, 2, 0, 8]"}
 * @param kvHeads           key/value heads of a decoder's cache (fewer than the query heads for grouped-query
 *                          attention), when declared
 * @param positionLimit     the token limit and its source, e.g. {@code "64 tokens (learned position table of 66 rows, offset 2)"}
 * @param rewrites          what model-io changed in the graph before capture, one sentence each
 */
public record ModelDescription(String modelFile, String modelSha256, String tokenizerFile,
                               List<TensorSpec> inputs, List<TensorSpec> outputs,
                               List<AttentionTensor> attention, List<String> fusedOps,
                               OptionalLong vocabularySize, OptionalLong maxPositions, boolean externalData,
                               String family, List<String> feeds, java.util.OptionalInt kvHeads,
                               String positionLimit, List<String> rewrites) {

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
        Objects.requireNonNull(family, "family");
        feeds = List.copyOf(feeds);
        Objects.requireNonNull(kvHeads, "kvHeads");
        Objects.requireNonNull(positionLimit, "positionLimit");
        rewrites = List.copyOf(rewrites);
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
        sb.append("family: ").append(family).append('\n');
        rewrites.forEach(r -> sb.append("rewrite: ").append(r).append('\n'));
        sb.append("inputs:\n");
        inputs.forEach(t -> sb.append("  ").append(t).append('\n'));
        sb.append("inputs fed:\n");
        feeds.forEach(f -> sb.append("  ").append(f).append('\n'));
        sb.append("key/value heads: ").append(kvHeads.isPresent() ? Integer.toString(kvHeads.getAsInt())
                : "none declared (no key/value cache inputs; capture sees the query heads)").append('\n');
        sb.append("position limit: ").append(positionLimit).append('\n');
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
        List<String> cache = outputs.stream().map(TensorSpec::name)
                .filter(org.attnplanes.model.internal.InputFeeds::isCacheOutput).toList();
        sb.append("capture exposes: ").append(attention.size()).append(" attention tensor")
                .append(attention.size() == 1 ? "" : "s").append(" and the outputs ")
                .append(outputs.stream().map(TensorSpec::name).filter(n -> !cache.contains(n)).toList())
                .append(cache.isEmpty() ? "" : "; key/value cache outputs (" + cache.size() + ") are never copied out")
                .append('\n');
        return sb.toString();
    }
}
