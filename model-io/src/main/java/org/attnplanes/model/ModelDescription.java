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
        ReportLines r = new ReportLines().file(modelFile, modelSha256)
                .line("tokenizer", tokenizerFile.isEmpty() ? "(none)" : tokenizerFile);
        if (externalData) {
            r.line("weights", "external data files");
        }
        r.line("family", family).each("rewrite", rewrites).block("inputs", inputs).block("inputs fed", feeds)
                .line("key/value heads", kvHeads.isPresent() ? Integer.toString(kvHeads.getAsInt())
                        : "none declared (no key/value cache inputs; capture sees the query heads)")
                .line("position limit", positionLimit).block("outputs", outputs);
        vocabularySize.ifPresent(v -> r.line("vocabulary", v + " ids"));
        maxPositions.ifPresent(v -> r.line("position table", v + " positions"));
        List<String> tensors = attention.stream().map(a -> "layer " + a.layer() + ": node \"" + a.node()
                + "\", output \"" + a.output() + "\", layout " + a.layout()
                + (a.heads().isPresent() ? ", " + a.heads().getAsInt() + " heads" : "")).toList();
        r.line("attention tensors", attention.size()).items(tensors)
                .line("fused attention ops", fusedOps.isEmpty() ? "none" : String.join("; ", fusedOps));
        List<String> cache = outputs.stream().map(TensorSpec::name)
                .filter(org.attnplanes.model.internal.InputFeeds::isCacheOutput).toList();
        r.line("capture exposes", attention.size() + " attention tensor" + (attention.size() == 1 ? "" : "s")
                + " and the outputs " + outputs.stream().map(TensorSpec::name).filter(n -> !cache.contains(n)).toList()
                + (cache.isEmpty() ? "" : "; key/value cache outputs (" + cache.size() + ") are never copied out"));
        return r.toString();
    }
}
