package org.attnplanes.graph;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one teacher-forced pass of an encoder–decoder captured: three {@link AttentionTrace}s, one per
 * {@link BlockKind}, each numbering its layers from 0 within its own stack (an encoder layer and a decoder layer are
 * never consecutive layers of one trace):
 * <ul>
 *   <li>{@link #encoder()}: {@link BlockKind#ENCODER}, L_enc × H × n_source × n_source, over the source tokens;</li>
 *   <li>{@link #decoder()}: {@link BlockKind#DECODER}, L_dec × H × n_target × n_target, causal, over the target tokens
 *       (the decoder start token, then the target text's tokens);</li>
 *   <li>{@link #cross()}: {@link BlockKind#CROSS}, L_dec × H × n_target × n_source, bipartite (see
 *       {@link AttentionTrace#cross}).</li>
 * </ul>
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * EncoderDecoderTrace t = pair.capture("The cat sat.", "Le chat");
 * float w = t.cross().crossWeight(2, 0, 1, 3);   // decoder layer 2, head 0: target token 1 → source token 3
 * for (AttentionTrace block : t.blocks()) { ... block.block() ... }
 * }</pre>
 */
public final class EncoderDecoderTrace {

    private final AttentionTrace encoder;
    private final AttentionTrace decoder;
    private final AttentionTrace cross;

    /**
     * @throws IllegalArgumentException when a trace has the wrong block kind, or the cross trace's token sets, layer
     *                                  count or head count do not match the encoder's and the decoder's
     */
    public EncoderDecoderTrace(AttentionTrace encoder, AttentionTrace decoder, AttentionTrace cross) {
        this.encoder = check(encoder, BlockKind.ENCODER, "encoder");
        this.decoder = check(decoder, BlockKind.DECODER, "decoder");
        this.cross = check(cross, BlockKind.CROSS, "cross");
        if (!cross.targetTokens().equals(decoder.tokens()) || !cross.sourceTokens().equals(encoder.tokens())) {
            throw new IllegalArgumentException("the cross trace's tokens (" + cross.targetCount() + " target, "
                    + cross.sourceCount() + " source) are not the decoder's " + decoder.tokenCount()
                    + " and the encoder's " + encoder.tokenCount() + " tokens");
        }
        if (cross.layers() != decoder.layers() || cross.heads() != decoder.heads()) {
            throw new IllegalArgumentException("cross attention has " + cross.layers() + " layers × " + cross.heads()
                    + " heads but the decoder has " + decoder.layers() + " × " + decoder.heads());
        }
    }

    private static AttentionTrace check(AttentionTrace t, BlockKind kind, String name) {
        Objects.requireNonNull(t, name);
        if (t.block() != kind) {
            throw new IllegalArgumentException(name + " trace has block " + t.block().label() + "; expected "
                    + kind.label());
        }
        return t;
    }

    /** The encoder's self-attention over the source tokens. */
    public AttentionTrace encoder() {
        return encoder;
    }

    /** The decoder's causal self-attention over the target tokens. */
    public AttentionTrace decoder() {
        return decoder;
    }

    /** The cross-attention, target rows × source columns (bipartite). */
    public AttentionTrace cross() {
        return cross;
    }

    /** The three blocks in the order encoder, decoder, cross. */
    public List<AttentionTrace> blocks() {
        return List.of(encoder, decoder, cross);
    }

    /** The trace of one block kind; {@link BlockKind#SELF} is not part of an encoder–decoder. */
    public AttentionTrace block(BlockKind kind) {
        return switch (kind) {
            case ENCODER -> encoder;
            case DECODER -> decoder;
            case CROSS -> cross;
            case SELF -> throw new IllegalArgumentException("block = self is not part of an encoder–decoder trace; "
                    + "use encoder, decoder or cross");
        };
    }

    /** The source text (the encoder's input). */
    public String sourceText() {
        return encoder.text();
    }

    /** The target text (teacher-forced into the decoder after its start token). */
    public String targetText() {
        return decoder.text();
    }

    /** The source tokens. */
    public List<Token> sourceTokens() {
        return encoder.tokens();
    }

    /** The target tokens (decoder start token first). */
    public List<Token> targetTokens() {
        return decoder.tokens();
    }

    /** The decoder's ordinary outputs (e.g. {@code logits}). */
    public Map<String, NamedTensor> outputs() {
        return decoder.outputs();
    }

    /** The decoder trace's provenance (model pair, tokenizer, inputs, settings). */
    public Provenance provenance() {
        return decoder.provenance();
    }

    @Override
    public String toString() {
        return "EncoderDecoderTrace[" + encoder.layers() + " encoder + " + decoder.layers() + " decoder layers × "
                + decoder.heads() + " heads, " + encoder.tokenCount() + " source × " + decoder.tokenCount()
                + " target tokens]";
    }
}
