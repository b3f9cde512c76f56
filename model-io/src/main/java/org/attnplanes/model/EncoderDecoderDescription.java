package org.attnplanes.model;

import java.util.List;
import java.util.Objects;

/**
 * What {@link EncoderDecoderModel#describe()} found in an encoder–decoder: the encoder's own
 * {@link ModelDescription}, the decoder file and kind, how each decoder input is fed under teacher forcing, the
 * decoder's self- and cross-attention Softmax tensors per layer, the start token and where it came from, the limits,
 * and what capture exposes. {@link #report()} is what {@code attnplanes inspect} prints for a pair.
 *
 * @param encoder            the encoder as {@link AttentionModel#describe()} describes it
 * @param decoderFile        the decoder's file name
 * @param decoderSha256      lower-case hex SHA-256 of the decoder file
 * @param decoderKind        {@code "plain"} or {@code "merged"} ({@code decoder_model_merged.onnx}: an {@code If} on
 *                           {@code use_cache_branch}, whose no-cache branch capture lifts)
 * @param decoderRewrites    what model-io changed in the decoder's graph before capture, one sentence each
 * @param decoderInputs      the decoder's graph inputs
 * @param decoderFeeds       how each decoder input is fed, e.g. {@code "input_ids ← decoder start token 2 + target
 *                           tokens [1, n_tgt]"}
 * @param decoderOutputs     the decoder's ordinary outputs (key/value cache outputs excluded)
 * @param selfAttention      the decoder's causal self-attention Softmax tensors, one per layer
 * @param crossAttention     the decoder's cross-attention Softmax tensors, one per layer
 * @param encoderHeads       heads per encoder layer
 * @param decoderHeads       heads per decoder layer (self and cross), from a one-token probe
 * @param decoderStartTokenId the decoder start token id
 * @param decoderStartSource where the start token came from ({@code config.json} or the tokenizer's padding id)
 * @param sourceLimit        the source limit and its reason, e.g. {@code "48 tokens (position table …)"}
 * @param targetLimit        the target limit (start token included) and its reason
 */
public record EncoderDecoderDescription(ModelDescription encoder, String decoderFile, String decoderSha256,
                                        String decoderKind, List<String> decoderRewrites, List<TensorSpec> decoderInputs,
                                        List<String> decoderFeeds, List<TensorSpec> decoderOutputs,
                                        List<AttentionTensor> selfAttention, List<AttentionTensor> crossAttention,
                                        int encoderHeads, int decoderHeads, int decoderStartTokenId,
                                        String decoderStartSource, String sourceLimit, String targetLimit) {

    /** Validates and copies. */
    public EncoderDecoderDescription {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(decoderFile, "decoderFile");
        Objects.requireNonNull(decoderSha256, "decoderSha256");
        Objects.requireNonNull(decoderKind, "decoderKind");
        decoderRewrites = List.copyOf(decoderRewrites);
        decoderInputs = List.copyOf(decoderInputs);
        decoderFeeds = List.copyOf(decoderFeeds);
        decoderOutputs = List.copyOf(decoderOutputs);
        selfAttention = List.copyOf(selfAttention);
        crossAttention = List.copyOf(crossAttention);
        Objects.requireNonNull(decoderStartSource, "decoderStartSource");
        Objects.requireNonNull(sourceLimit, "sourceLimit");
        Objects.requireNonNull(targetLimit, "targetLimit");
        if (selfAttention.size() != crossAttention.size()) {
            throw new IllegalArgumentException("selfAttention has " + selfAttention.size() + " layers but "
                    + "crossAttention " + crossAttention.size() + "; a decoder layer has one of each");
        }
    }

    /** Encoder layers. */
    public int encoderLayers() {
        return encoder.attention().size();
    }

    /** Decoder layers (each with a self- and a cross-attention block). */
    public int decoderLayers() {
        return selfAttention.size();
    }

    /** A multi-line human-readable report: the encoder's, then the decoder's, then the pair's. */
    public String report() {
        List<String> layers = new java.util.ArrayList<>();
        for (int l = 0; l < decoderLayers(); l++) {
            layers.add("layer " + l + ": self node \"" + selfAttention.get(l).node() + "\", cross node \""
                    + crossAttention.get(l).node() + "\"");
        }
        return new ReportLines()
                .text("encoder–decoder (teacher forcing: the encoder reads --text, the decoder reads the start token"
                        + " and --target)")
                .text("== encoder ==").append(encoder.report())
                .text("== decoder ==").file(decoderFile, decoderSha256).line("decoder kind", decoderKind)
                .each("rewrite", decoderRewrites).block("inputs", decoderInputs).block("inputs fed", decoderFeeds)
                .line("decoder start token", decoderStartTokenId + " (" + decoderStartSource + ")")
                .block("outputs", decoderOutputs)
                .line("attention tensors", decoderLayers() + " self-attention (causal) + " + decoderLayers()
                        + " cross-attention").items(layers)
                .text("== pair ==")
                .line("blocks", "encoder " + encoderLayers() + " layers × " + encoderHeads + " heads (self-attention);"
                        + " decoder " + decoderLayers() + " layers × " + decoderHeads + " heads (causal self-attention);"
                        + " cross " + decoderLayers() + " layers × " + decoderHeads + " heads (target rows × source"
                        + " columns)")
                .line("source limit", sourceLimit)
                .line("target limit", targetLimit + ", the start token included")
                .line("capture exposes", "encoder_attention [" + encoderLayers() + ", " + encoderHeads
                        + ", n_src, n_src], decoder_attention [" + decoderLayers() + ", " + decoderHeads
                        + ", n_tgt, n_tgt], cross_attention [" + decoderLayers() + ", " + decoderHeads
                        + ", n_tgt, n_src], the source and target tokens with their ids, and the decoder outputs "
                        + decoderOutputs.stream().map(TensorSpec::name).toList())
                .toString();
    }
}
