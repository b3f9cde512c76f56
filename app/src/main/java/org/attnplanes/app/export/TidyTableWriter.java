package org.attnplanes.app.export;

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
 * {@code input,layer,head,tokens,<statistics…>}, then the rows sorted by input, layer and head order of
 * arrival. Statistic columns are the union over all rows in first-seen order; a statistic a row lacks is
 * written as an empty cell; NaN as {@code NaN}; integers without a decimal point.
 */
public final class TidyTableWriter {

    /** The fixed leading columns. */
    public static final List<String> KEY_COLUMNS = List.of("input", "layer", "head", "tokens");

    private TidyTableWriter() {
    }

    /** The column names for these rows: the key columns, then the union of statistic names. */
    public static List<String> columns(List<PlaneRecord> rows) {
        Set<String> stats = new LinkedHashSet<>();
        for (PlaneRecord r : rows) {
            stats.addAll(r.stats().keySet());
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
        AtomicFiles.write(target, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
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
                for (int c = KEY_COLUMNS.size(); c < cols.size(); c++) {
                    Double v = r.stats().get(cols.get(c));
                    cells.add(v == null ? "" : format(v));
                }
                printer.printRecord(cells);
            }
            printer.flush();
            w.flush();
        });
    }

    /** A number as a CSV cell: integers without a fraction, others with up to 9 significant digits. */
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
        String s = String.format(Locale.ROOT, "%.9g", v);
        if (s.contains("e") || s.contains("E")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

}
