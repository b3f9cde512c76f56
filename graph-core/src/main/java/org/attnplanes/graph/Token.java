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
 * @param id        the tokenizer's vocabulary id of this token (what the model was fed), or {@link #NO_ID} when the
 *                  token has none (an image patch, a merged word, a hand-made token)
 */
public record Token(String text, int start, int end, boolean special, int wordIndex, String piece, int id) {

    /** The {@link #id()} of a token that has no vocabulary id. */
    public static final int NO_ID = -1;

    /** A token without a vocabulary id. */
    public Token(String text, int start, int end, boolean special, int wordIndex, String piece) {
        this(text, start, end, special, wordIndex, piece, NO_ID);
    }

    /** A token whose label is its vocabulary entry ({@code piece = text}), without a vocabulary id. */
    public Token(String text, int start, int end, boolean special, int wordIndex) {
        this(text, start, end, special, wordIndex, text, NO_ID);
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
        if (id < NO_ID) {
            throw new IllegalArgumentException("token \"" + text + "\": id = " + id + " must be >= 0, or -1 for none");
        }
    }

    /** A token with no character span (typically a special token). */
    public static Token special(String text, int wordIndex) {
        return new Token(text, -1, -1, true, wordIndex);
    }

    /** Whether the token has a vocabulary id ({@link #id()} ≥ 0). */
    public boolean hasId() {
        return id >= 0;
    }

    /** This token with vocabulary id {@code newId}. */
    public Token withId(int newId) {
        return new Token(text, start, end, special, wordIndex, piece, newId);
    }

    /** Whether the token has a character span in the input text. */
    public boolean hasSpan() {
        return start >= 0;
    }
}
