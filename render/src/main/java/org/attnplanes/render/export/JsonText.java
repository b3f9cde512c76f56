package org.attnplanes.render.export;

import java.util.Locale;

/**
 * A minimal JSON writer for the data block of the HTML export. Strings are escaped so that the result can sit
 * inside an HTML {@code <script type="application/json">} element: besides JSON's own escapes, {@code <},
 * {@code >}, {@code &}, U+2028 and U+2029 become {@code \}{@code uXXXX}, so no token text can close the element
 * or open a comment. Not thread-safe.
 */
final class JsonText {

    private final StringBuilder b;

    JsonText(int capacity) {
        this.b = new StringBuilder(capacity);
    }

    /** Appends raw JSON punctuation ({@code "{"}, {@code ","}, …) or a key written by {@link #key}. */
    JsonText raw(String s) {
        b.append(s);
        return this;
    }

    /** Appends {@code "name":}. */
    JsonText key(String name) {
        string(name);
        b.append(':');
        return this;
    }

    /** Appends a quoted, escaped string; null becomes {@code null}. */
    JsonText string(String s) {
        if (s == null) {
            b.append("null");
            return this;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
        return this;
    }

    /** Appends a number rounded to at most {@code decimals} decimals, no trailing zeros (|v| ≥ 1e9: 6 significant digits); NaN/∞ become null. */
    JsonText number(double v, int decimals) {
        if (!Double.isFinite(v)) {
            b.append("null");
            return this;
        }
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        long r = Math.round(v * scale);
        if (Math.abs(v) >= 1e9) {
            b.append(String.format(Locale.ROOT, "%.6g", v));
            return this;
        }
        if (r < 0) {
            b.append('-');
            r = -r;
        }
        long whole = r / scale;
        long frac = r % scale;
        b.append(whole);
        if (frac != 0) {
            b.append('.');
            for (long unit = scale / 10; unit > 0 && frac != 0; unit /= 10) {
                b.append((char) ('0' + frac / unit));
                frac %= unit;
            }
        }
        return this;
    }

    /** Appends an integer. */
    JsonText integer(long v) {
        b.append(v);
        return this;
    }

    /** Appends {@code true} or {@code false}. */
    JsonText bool(boolean v) {
        b.append(v);
        return this;
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
