package org.attnplanes.app.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The writers of {@code planes.csv} and {@code barcodes.json} as they were before issue 16's byte-level writers
 * (main a96009a: Commons CSV's {@link CSVPrinter} over a {@link BufferedWriter}, {@link Float#toString} per
 * number, the barcode writer's old line-by-line {@link Writer} calls), kept here as the oracle the new writers must
 * match byte for byte.
 */
final class LegacyWriters {

    private LegacyWriters() {
    }

    /** The old {@code TidyTableWriter.write} body. */
    static void csv(OutputStream out, Map<String, String> comments, List<PlaneRecord> rows) throws IOException {
        List<String> cols = TidyTableWriter.columns(rows);
        List<String> statNames = cols.subList(TidyTableWriter.KEY_COLUMNS.size(), cols.size());
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        for (Map.Entry<String, String> c : comments.entrySet()) {
            w.write("# " + c.getKey() + ": " + c.getValue().replaceAll("\\R", " ") + "\n");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();
        CSVPrinter printer = new CSVPrinter(w, format);
        printer.printRecord(cols);
        List<String> cells = new ArrayList<>(cols.size());
        for (PlaneRecord r : rows) {
            cells.clear();
            cells.add(Integer.toString(r.input()));
            cells.add(Integer.toString(r.layer()));
            cells.add(r.head());
            cells.add(Integer.toString(r.tokens()));
            cells.add(r.block());
            StatsMap s = (StatsMap) r.stats();
            if (s.columns().names().equals(statNames)) {
                for (int c = 0; c < s.size(); c++) {
                    cells.add(format(s.value(c)));
                }
            } else {
                for (int c = TidyTableWriter.KEY_COLUMNS.size(); c < cols.size(); c++) {
                    Double v = s.get(cols.get(c));
                    cells.add(v == null ? "" : format(v));
                }
            }
            printer.printRecord(cells);
        }
        printer.flush();
        w.flush();
    }

    /** The old {@code TidyTableWriter.format}. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e9) {
            return fixed(v, a);
        }
        return String.format(Locale.ROOT, "%.9g", v);
    }

    private static final double[] POW10 = new double[19];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private static String fixed(double v, double a) {
        int exp = (int) Math.floor(Math.log10(a));
        int decimals = 8 - exp;
        long digits = Math.round(decimals >= 0 ? a * POW10[decimals] : a / POW10[-decimals]);
        if (digits >= 1_000_000_000L) {
            decimals--;
            digits = Math.round(decimals >= 0 ? a * POW10[decimals] : a / POW10[-decimals]);
        } else if (digits < 100_000_000L) {
            decimals++;
            digits = Math.round(a * POW10[decimals]);
        }
        while (decimals > 0 && digits % 10 == 0) {
            digits /= 10;
            decimals--;
        }
        StringBuilder sb = new StringBuilder(20);
        if (v < 0) {
            sb.append('-');
        }
        if (decimals <= 0) {
            sb.append(digits);
            for (int i = decimals; i < 0; i++) {
                sb.append('0');
            }
            return sb.toString();
        }
        String d = Long.toString(digits);
        if (d.length() <= decimals) {
            sb.append("0.");
            for (int i = d.length(); i < decimals; i++) {
                sb.append('0');
            }
            sb.append(d);
        } else {
            sb.append(d, 0, d.length() - decimals).append('.').append(d, d.length() - decimals, d.length());
        }
        return sb.toString();
    }

    /** The old {@code JsonExport.writeBarcodes} with the old {@code BarcodeJson} writer calls. */
    static void barcodes(OutputStream out, String filtration, Map<String, String> provenance, List<PlaneRecord> rows)
            throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write("{\n  \"format\": ");
        string(w, "attnplanes-barcodes");
        w.write(",\n  \"version\": " + 1 + ",\n  \"filtration\": ");
        string(w, filtration);
        w.write(",\n  \"provenance\": {");
        boolean first = true;
        for (Map.Entry<String, String> e : provenance.entrySet()) {
            w.write(first ? "\n    " : ",\n    ");
            first = false;
            string(w, e.getKey());
            w.write(": ");
            string(w, e.getValue());
        }
        w.write(first ? "},\n  \"planes\": [" : "\n  },\n  \"planes\": [");
        boolean firstPlane = true;
        for (PlaneRecord r : rows) {
            Map<String, Object> labels = new LinkedHashMap<>();
            labels.put("input", r.input());
            labels.put("layer", r.layer());
            labels.put("head", r.head());
            labels.put("tokens", r.tokens());
            if (!r.block().equals("self")) {
                labels.put("block", r.block());
            }
            w.write(firstPlane ? "\n    {" : ",\n    {");
            firstPlane = false;
            for (Map.Entry<String, ?> e : labels.entrySet()) {
                string(w, e.getKey());
                w.write(": ");
                Object v = e.getValue();
                if (v instanceof Number n) {
                    w.write(n instanceof Double || n instanceof Float ? number(n.doubleValue()) : n.toString());
                } else {
                    string(w, String.valueOf(v));
                }
                w.write(", ");
            }
            w.write("\"dims\": [");
            List<List<double[]>> dims = r.barcodes();
            for (int k = 0; k < dims.size(); k++) {
                w.write(k == 0 ? "[" : ", [");
                List<double[]> bars = dims.get(k);
                for (int b = 0; b < bars.size(); b++) {
                    double[] bar = bars.get(b);
                    w.write(b == 0 ? "[" : ", [");
                    w.write(number(bar[0]));
                    w.write(", ");
                    w.write(number(bar[1]));
                    w.write(']');
                }
                w.write(']');
            }
            w.write("]}");
        }
        w.write(firstPlane ? "]\n}\n" : "\n  ]\n}\n");
        w.flush();
    }

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
