package org.attnplanes.app.export;

import java.io.IOException;

import org.attnplanes.topology.io.BarcodeJson;

/**
 * The rest of one plane's line of {@code barcodes.json} after {@link BarcodeJson#openPlane()}, written straight
 * into a {@link Utf8Sink}: the same characters as {@link BarcodeJson#plane(java.util.Map, java.util.List)} for the
 * labels {@code input}, {@code layer}, {@code head}, {@code tokens} (and {@code block} unless {@code self}) and the
 * record's bars, without the line's {@code StringBuilder}, its {@code char[]} copy, a label map or a
 * {@code double[]} per bar (a 200-sentence run writes ≈ 1 M numbers, 39 % of them births {@code 0.0}).
 *
 * <p>Numbers as {@code BarcodeJson} writes them: {@code null} when not finite, else {@link Float#toString(float)}
 * when the value is exactly a float32 (every bar end of {@code analyze}), else {@link Double#toString(double)};
 * {@code +0.0} directly, floats in [0.001, 1) by {@link FloatText} (the same characters), every other value
 * through one reused {@link StringBuilder} (no String per number).
 * Not thread-safe.
 */
final class BarcodeLines {

    private static final char[] ZERO = "0.0".toCharArray();
    private static final char[] NULL = "null".toCharArray();

    private final Utf8Sink w;
    private final StringBuilder number = new StringBuilder(32);
    private char[] chars = new char[32];

    BarcodeLines(Utf8Sink w) {
        this.w = w;
    }

    /** Writes the labels and bars of {@code r} and the closing brace (after {@link BarcodeJson#openPlane()}). */
    void write(PlaneRecord r) throws IOException {
        w.write("\"input\": ");
        w.integer(r.input());
        w.write(", \"layer\": ");
        w.integer(r.layer());
        w.write(", \"head\": ");
        string(r.head());
        w.write(", \"tokens\": ");
        w.integer(r.tokens());
        if (!r.block().equals("self")) {
            w.write(", \"block\": ");
            string(r.block());
        }
        w.write(", \"dims\": [");
        Bars bars = (Bars) r.barcodes();
        for (int k = 0; k < bars.size(); k++) {
            if (k > 0) {
                w.ascii(',').ascii(' ');
            }
            w.ascii('[');
            Bars.Dim dim = bars.get(k);
            for (int i = 0, n = dim.size(); i < n; i++) {
                if (i > 0) {
                    w.ascii(',').ascii(' ');
                }
                w.ascii('[');
                number(dim.birth(i));
                w.ascii(',').ascii(' ');
                number(dim.death(i));
                w.ascii(']');
            }
            w.ascii(']');
        }
        w.ascii(']').ascii('}');
    }

    /** One bar end, as {@code BarcodeJson} writes numbers. */
    void number(double v) throws IOException {
        if (Double.doubleToRawLongBits(v) == 0L) {
            w.ascii(ZERO, 0, ZERO.length);
        } else if (!Double.isFinite(v)) {
            w.ascii(NULL, 0, NULL.length);
        } else {
            if ((float) v == v) {
                int at = w.reserve(FloatText.MAX_BYTES);
                int end = FloatText.unitInterval((float) v, w.buffer(), at);
                if (end > 0) {
                    w.commit(end);
                    return;
                }
            }
            StringBuilder b = number;
            b.setLength(0);
            BarcodeJson.number(b, v);
            copy(b);
        }
    }

    /** Writes the characters of {@code b} (ASCII only). */
    private void copy(StringBuilder b) throws IOException {
        int n = b.length();
        if (chars.length < n) {
            chars = new char[2 * n];
        }
        b.getChars(0, n, chars, 0);
        w.ascii(chars, 0, n);
    }

    /** A label as {@code BarcodeJson} writes it ({@link BarcodeJson#string}). */
    private void string(String s) throws IOException {
        StringBuilder b = number;
        b.setLength(0);
        BarcodeJson.string(b, s);
        w.write(b.toString());
    }
}
