package org.attnplanes.model;

import java.util.List;

/**
 * The "label: value" report that {@code attnplanes inspect} prints, written the same way for a model
 * ({@link ModelDescription#report()}) and for each side of an encoder–decoder
 * ({@link EncoderDecoderDescription#report()}): one line per value, lists as an indented block under their title.
 */
final class ReportLines {

    private final StringBuilder sb = new StringBuilder();

    /** {@code label: value}. */
    ReportLines line(String label, Object value) {
        sb.append(label).append(": ").append(value).append('\n');
        return this;
    }

    /** {@code label: value} for each value. */
    ReportLines each(String label, List<?> values) {
        values.forEach(v -> line(label, v));
        return this;
    }

    /** {@code title:} then each item indented by two spaces. */
    ReportLines block(String title, List<?> items) {
        sb.append(title).append(":\n");
        return items(items);
    }

    /** Each item on its own line, indented by two spaces (under the line before). */
    ReportLines items(List<?> items) {
        items.forEach(i -> sb.append("  ").append(i).append('\n'));
        return this;
    }

    /** {@code model: file (sha256 …)}. */
    ReportLines file(String file, String sha256) {
        return line("model", file + " (sha256 " + sha256 + ")");
    }

    /** A line as it is (a heading, or text assembled by the caller), ended with a newline. */
    ReportLines text(String line) {
        sb.append(line).append('\n');
        return this;
    }

    /** Another report's text, as it is. */
    ReportLines append(String report) {
        sb.append(report);
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
