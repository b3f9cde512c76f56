package org.attnplanes.graph;

import java.util.Objects;

/**
 * One token of a captured input.
 *
 * @param text      the token's readable label: the tokenizer's spelling (e.g. {@code "##ing"}, {@code "[CLS]"}),
 *                  with byte-level ({@code Ġ}, {@code Ċ}) and SentencePiece ({@code ▁}, {@code <0x0A>}) pieces
 *                  decoded to text; never null
 * @param start     character offset of the token's first character in the input text, inclusive;
 *                  {@code -1} when the token has no span (special tokens)
 * @param end       character offset just past the token's last character, exclusive; {@code -1} when
 *                  {@code start} is {@code -1}
 * @param special   whether the tokenizer added this token ({@code [CLS]}, {@code [SEP]}, {@code <s>}, …)
 * @param wordIndex index (0-based, non-decreasing along the sequence) of the word this token belongs to;
 *                  sub-word pieces of one word share it, every special token is a word of its own
 * @param piece     the vocabulary entry exactly as the tokenizer stores it (e.g. {@code "Ġcat"}); equals
 *                  {@code text} when nothing was decoded; never null
 */
public record Token(String text, int start, int end, boolean special, int wordIndex, String piece) {

    /** A token whose label is its vocabulary entry ({@code piece = text}). */
    public Token(String text, int start, int end, boolean special, int wordIndex) {
        this(text, start, end, special, wordIndex, text);
    }

    /** Validates the token; see the component documentation for the allowed values. */
    public Token {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(piece, "piece");
        if (start < -1 || end < -1) {
            throw new IllegalArgumentException(
                    "token \"" + text + "\": offsets start = " + start + ", end = " + end + " must be >= -1");
        }
        if ((start == -1) != (end == -1) || end < start) {
            throw new IllegalArgumentException(
                    "token \"" + text + "\": offsets start = " + start + ", end = " + end
                            + " must both be -1 or satisfy 0 <= start <= end");
        }
        if (wordIndex < 0) {
            throw new IllegalArgumentException(
                    "token \"" + text + "\": wordIndex = " + wordIndex + " must be >= 0");
        }
    }

    /** A token with no character span (typically a special token). */
    public static Token special(String text, int wordIndex) {
        return new Token(text, -1, -1, true, wordIndex);
    }

    /** Whether the token has a character span in the input text. */
    public boolean hasSpan() {
        return start >= 0;
    }
}
