package org.attnplanes.graph;

import java.util.Locale;

/**
 * Which attention block of a layer a trace (and its planes) shows. A single model (an encoder such as BERT, or a
 * decoder such as GPT-2) has one block per layer, {@link #SELF}; an encoder–decoder (BART, T5, Marian) has three
 * kinds, each numbered from layer 0 within its own stack: {@link #ENCODER} self-attention over the source tokens,
 * {@link #DECODER} causal self-attention over the target tokens, and {@link #CROSS} attention from the decoder's
 * target tokens (rows) to the encoder's source tokens (columns), a rectangular n_target × n_source matrix held as a
 * bipartite plane.
 */
public enum BlockKind {
    /** The self-attention of a single model (today's traces). */
    SELF,
    /** An encoder–decoder's encoder self-attention (square, over the source tokens). */
    ENCODER,
    /** An encoder–decoder's decoder self-attention (square, causal, over the target tokens). */
    DECODER,
    /** An encoder–decoder's cross-attention (target rows × source columns; bipartite). */
    CROSS;

    /** The lower-case name written into tables and files: {@code self}, {@code encoder}, {@code decoder}, {@code cross}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind of a {@link #label()}.
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static BlockKind ofLabel(String label) {
        for (BlockKind k : values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("block = \"" + label + "\" is not one of self, encoder, decoder, cross");
    }
}
