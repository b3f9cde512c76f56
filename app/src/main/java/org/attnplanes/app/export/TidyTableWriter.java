package org.attnplanes.app.export;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.attnplanes.graph.io.AtomicFiles;

/**
 * Writes {@code planes.csv}: one row per input × layer × head (or reduction), pandas-ready
 * ({@code pd.read_csv(path, comment="#")}).
 *
 * <p>Layout: {@code #} comment lines with the provenance ({@code # key: value}), then the header
 * {@code input,layer,head,tokens,block,<statistics…>} ({@code block}: {@code self} for a single model,
 * {@code encoder}/{@code decoder}/{@code cross} for an encoder–decoder, whose layers count within each block), then the rows sorted by input, layer and head order of
 * arrival. Statistic columns are the union over all rows in first-seen order; a statistic a row lacks is
 * written as an empty cell; NaN as {@code NaN}; integers without a decimal point.
 */
public final class TidyTableWriter {

    /** The fixed leading columns. */
    public static final List<String> KEY_COLUMNS = List.of("input", "layer", "head", "tokens", "block");

    private TidyTableWriter() {
    }

    /** The column names for these rows: the key columns, then the union of statistic names. */
    public static List<String> columns(List<PlaneRecord> rows) {
        Set<String> stats = new LinkedHashSet<>();
        StatsMap.Columns seen = null;
        for (PlaneRecord r : rows) {
            StatsMap s = (StatsMap) r.stats();
            if (s.columns() != seen) { // rows of one configuration share their schema: one union per schema
                stats.addAll(s.columns().names());
                seen = s.columns();
            }
        }
        List<String> cols = new ArrayList<>(KEY_COLUMNS);
        cols.addAll(stats);
        return cols;
    }

    /**
     * Writes the table atomically.
     *
     * @param comments provenance key → value, written as {@code # key: value} lines (newlines folded)
     */
    public static void write(Path target, Map<String, String> comments, List<PlaneRecord> rows) {
        List<String> cols = columns(rows);
        List<String> statNames = cols.subList(KEY_COLUMNS.size(), cols.size());
        AtomicFiles.write(target, out -> {
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
                if (s.columns().names().equals(statNames)) { // same schema as the header: by position
                    for (int c = 0; c < s.size(); c++) {
                        cells.add(format(s.value(c)));
                    }
                } else {
                    for (int c = KEY_COLUMNS.size(); c < cols.size(); c++) {
                        Double v = s.get(cols.get(c));
                        cells.add(v == null ? "" : format(v));
                    }
                }
                printer.printRecord(cells);
            }
            printer.flush();
            w.flush();
        });
    }

    /**
     * A number as a CSV cell: integers without a fraction, others rounded to 9 significant digits (enough to
     * recover any float32 value exactly) without trailing zeros; {@code NaN}, {@code inf}, {@code -inf}.
     * Equal to {@code String.format(Locale.ROOT, "%.9g", v)} with trailing zeros removed, except that a value
     * whose tenth significant digit is exactly a 5 may round the other way (last digit off by one).
     */
    public static String format(double v) {
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
        return String.format(Locale.ROOT, "%.9g", v); // scientific notation outside [1e-4, 1e9)
    }

    private static final double[] POW10 = new double[19];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /** 9 significant digits of {@code a = |v|} in [1e-4, 1e9), in plain (not scientific) notation. */
    private static String fixed(double v, double a) {
        int exp = (int) Math.floor(Math.log10(a)); // a in [10^exp, 10^(exp+1)), up to round-off at the edges
        int decimals = 8 - exp;                     // digits after the point for 9 significant digits
        long digits = Math.round(decimals >= 0 ? a * POW10[decimals] : a / POW10[-decimals]);
        if (digits >= 1_000_000_000L) {             // rounding carried into a tenth digit (or log10 was low)
            decimals--;
            digits = Math.round(decimals >= 0 ? a * POW10[decimals] : a / POW10[-decimals]);
        } else if (digits < 100_000_000L) {         // log10 came out one too high
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

}
