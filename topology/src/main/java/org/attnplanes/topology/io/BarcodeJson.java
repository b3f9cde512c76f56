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
        out.write("{\n  \"format\": ");
        string(out, FORMAT);
        out.write(",\n  \"version\": " + VERSION + ",\n  \"filtration\": ");
        string(out, filtration);
        out.write(",\n  \"provenance\": {");
        boolean first = true;
        for (Map.Entry<String, String> e : provenance.entrySet()) {
            out.write(first ? "\n    " : ",\n    ");
            first = false;
            string(out, e.getKey());
            out.write(": ");
            string(out, e.getValue());
        }
        out.write(first ? "},\n  \"planes\": [" : "\n  },\n  \"planes\": [");
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
        out.write(firstPlane ? "\n    {" : ",\n    {");
        firstPlane = false;
        for (Map.Entry<String, ?> e : labels.entrySet()) {
            string(out, e.getKey());
            out.write(": ");
            Object v = e.getValue();
            if (v instanceof Number n) {
                out.write(n instanceof Double || n instanceof Float ? number(n.doubleValue()) : n.toString());
            } else {
                string(out, String.valueOf(v));
            }
            out.write(", ");
        }
        out.write("\"dims\": [");
        for (int k = 0; k < dims.size(); k++) {
            out.write(k == 0 ? "[" : ", [");
            List<double[]> bars = dims.get(k);
            for (int b = 0; b < bars.size(); b++) {
                double[] bar = bars.get(b);
                out.write(b == 0 ? "[" : ", [");
                out.write(number(bar[0]));
                out.write(", ");
                out.write(number(bar[1]));
                out.write(']');
            }
            out.write(']');
        }
        out.write("]}");
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
        if (!Double.isFinite(v)) {
            return "null";
        }
        return (float) v == v ? Float.toString((float) v) : Double.toString(v);
    }

    private static void string(Writer out, String s) throws IOException {
        out.write('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.write("\\\"");
                case '\\' -> out.write("\\\\");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.write(String.format("\\u%04x", (int) c));
                    } else {
                        out.write(c);
                    }
                }
            }
        }
        out.write('"');
    }
}
