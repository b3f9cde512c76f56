package org.attnplanes.topology.io;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;

/**
 * The one barcode JSON format of attnplanes and its one writer: {@code barcodes.json} of {@code analyze},
 * {@code demo} and the desktop app, and {@code persistence --json}, streamed plane by plane (constant memory per
 * bar).
 *
 * <pre>{@code
 * {
 *   "format": "attnplanes-barcodes",
 *   "version": 1,
 *   "filtration": "clique complex; an edge of weight w enters at 1 - w; null death = infinite",
 *   "provenance": {"model": "...", ...},
 *   "planes": [
 *     {"input": 1, "layer": 0, "head": "3", "tokens": 9, "dims": [[[0.0, 0.25], [0.0, null]], [[0.5, 0.75]]]},
 *     ...
 *   ]
 * }
 * }</pre>
 *
 * A plane is its labels (for attention planes {@code input}, {@code layer}, {@code head}, {@code tokens}; for a
 * distance matrix {@code points}) and {@code dims}: per homology dimension 0..k the bars {@code [birth, death]} in
 * filtration units, {@code null} for an infinite death. Numbers are float32 values written so that they read back
 * exactly. Readers should check {@code format} and {@code version}; a later version only adds fields.
 */
public final class BarcodeJson {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "attnplanes-barcodes";
    /** The value of the {@code version} field. */
    public static final int VERSION = 1;
    /** The {@code filtration} text of attention planes. */
    public static final String PLANE_FILTRATION =
            "clique complex; an edge of weight w enters at 1 - w; null death = infinite";
    /** The {@code filtration} text of a distance matrix ({@code persistence}). */
    public static final String DISTANCE_FILTRATION =
            "Vietoris-Rips complex of the input distances; an edge enters at its distance; null death = infinite";

    private final Writer out;
    private boolean firstPlane = true;
    private boolean finished;
    private final StringBuilder line = new StringBuilder(1024);
    private char[] chars = new char[1024];

    private BarcodeJson(Writer out) {
        this.out = out;
    }

    /**
     * Writes the header (format, version, filtration, provenance) and opens the plane list.
     *
     * @param provenance how the barcodes were made; written in its iteration order
     */
    public static BarcodeJson start(Writer out, String filtration, Map<String, String> provenance)
            throws IOException {
        Objects.requireNonNull(out, "out");
        BarcodeJson j = new BarcodeJson(out);
        StringBuilder b = new StringBuilder(1024);
        b.append("{\n  \"format\": ");
        string(b, FORMAT);
        b.append(",\n  \"version\": " + VERSION + ",\n  \"filtration\": ");
        string(b, filtration);
        b.append(",\n  \"provenance\": {");
        boolean first = true;
        for (Map.Entry<String, String> e : provenance.entrySet()) {
            b.append(first ? "\n    " : ",\n    ");
            first = false;
            string(b, e.getKey());
            b.append(": ");
            string(b, e.getValue());
        }
        b.append(first ? "},\n  \"planes\": [" : "\n  },\n  \"planes\": [");
        out.write(b.toString());
        return j;
    }

    /**
     * Writes one plane on one line.
     *
     * @param labels what identifies the plane (values: numbers or strings), written first, in their order
     * @param dims   per dimension the bars {@code {birth, death}}; death {@link Double#POSITIVE_INFINITY} for an
     *               infinite bar
     */
    public void plane(Map<String, ?> labels, List<List<double[]>> dims) throws IOException {
        if (finished) {
            throw new IllegalStateException("finish() was called");
        }
        // the line is built in one reused StringBuilder (numbers appended without a String each) and handed to
        // the writer in one call
        StringBuilder b = line;
        b.setLength(0);
        b.append(firstPlane ? "\n    {" : ",\n    {");
        firstPlane = false;
        for (Map.Entry<String, ?> e : labels.entrySet()) {
            string(b, e.getKey());
            b.append(": ");
            Object v = e.getValue();
            if (v instanceof Number n) {
                if (n instanceof Double || n instanceof Float) {
                    number(b, n.doubleValue());
                } else {
                    b.append(n.toString());
                }
            } else {
                string(b, String.valueOf(v));
            }
            b.append(", ");
        }
        b.append("\"dims\": [");
        for (int k = 0; k < dims.size(); k++) {
            b.append(k == 0 ? "[" : ", [");
            List<double[]> bars = dims.get(k);
            for (int i = 0; i < bars.size(); i++) {
                double[] bar = bars.get(i);
                b.append(i == 0 ? "[" : ", [");
                number(b, bar[0]);
                b.append(", ");
                number(b, bar[1]);
                b.append(']');
            }
            b.append(']');
        }
        b.append("]}");
        int n = b.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        b.getChars(0, n, chars, 0);
        out.write(chars, 0, n);
    }

    /**
     * Opens the next plane for a writer that writes the rest of its line itself, in this format and straight into
     * the same writer (labels, then {@code "dims": [...]}, then {@code "}"}, exactly as {@link #plane(Map, List)}
     * writes them; e.g. a byte-level writer of many planes): writes the separator and the opening brace.
     */
    public void openPlane() throws IOException {
        if (finished) {
            throw new IllegalStateException("finish() was called");
        }
        out.write(firstPlane ? "\n    {" : ",\n    {");
        firstPlane = false;
    }

    /** Writes one plane from computed barcodes. */
    public void plane(Map<String, ?> labels, Barcodes barcodes) throws IOException {
        plane(labels, bars(barcodes));
    }

    /** Closes the plane list and the document (does not close the writer). */
    public void finish() throws IOException {
        if (!finished) {
            out.write(firstPlane ? "]\n}\n" : "\n  ]\n}\n");
            out.flush();
            finished = true;
        }
    }

    /** The bars of {@code barcodes} as {@code {birth, death}} pairs per dimension (death ∞ for an essential bar). */
    public static List<List<double[]>> bars(Barcodes barcodes) {
        List<List<double[]>> dims = new ArrayList<>();
        for (Barcode b : barcodes.byDimension()) {
            List<double[]> list = new ArrayList<>(b.intervals().size());
            for (PersistenceInterval p : b.intervals()) {
                list.add(new double[] {p.birth(), p.isEssential() ? Double.POSITIVE_INFINITY : p.death()});
            }
            dims.add(list);
        }
        return dims;
    }

    /** A whole document with one plane, as a string (e.g. {@code persistence --json}). */
    public static String of(String filtration, Map<String, String> provenance, Map<String, ?> labels,
                            Barcodes barcodes) {
        try {
            StringWriter w = new StringWriter();
            BarcodeJson j = start(w, filtration, provenance);
            j.plane(labels, barcodes);
            j.finish();
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
    }

    /** A float32 value as the shortest text that reads back exactly; {@code null} when not finite. */
    static String number(double v) {
        StringBuilder b = new StringBuilder(24);
        number(b, v);
        return b.toString();
    }

    /**
     * Appends {@link Float#toString(float)} of a float32 value (else {@link Double#toString(double)}), or
     * {@code null} when not finite: {@link StringBuilder#append(float)} gives exactly those characters without a
     * String for each number.
     */
    public static void number(StringBuilder b, double v) {
        if (!Double.isFinite(v)) {
            b.append("null");
        } else if ((float) v == v) {
            b.append((float) v);
        } else {
            b.append(v);
        }
    }

    /**
     * Appends {@code s} as a JSON string as this format writes labels: {@code " \ \n \r \t} escaped by a
     * backslash, other control characters and U+2028/U+2029 as {@code \}{@code uXXXX}, everything else as it is.
     */
    public static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
