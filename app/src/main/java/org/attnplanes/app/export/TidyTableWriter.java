package org.attnplanes.app.export;

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
import org.attnplanes.graph.io.Sha256;

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
        write(target, comments, rows, null);
    }

    /**
     * {@link #write(Path, Map, List)} that also returns the SHA-256 (lower-case hex) of the bytes written, computed
     * while writing (for the output folder's manifest, {@link OutputSet#written}).
     */
    public static String writeHashed(Path target, Map<String, String> comments, List<PlaneRecord> rows) {
        String[] sha = new String[1];
        write(target, comments, rows, sha);
        return sha[0];
    }

    /**
     * The one writer. Cells that are plain (ASCII letters, digits, {@code . _ + -}: every number, key and
     * statistic name) are copied as they are, which is what the CSV format prints for them; any other text goes
     * through Commons CSV's own quoting ({@link CSVFormat#print(Object, Appendable, boolean)}).
     */
    private static void write(Path target, Map<String, String> comments, List<PlaneRecord> rows, String[] sha) {
        List<String> cols = columns(rows);
        List<String> statNames = cols.subList(KEY_COLUMNS.size(), cols.size());
        AtomicFiles.write(target, out -> {
            Utf8Sink w = new Utf8Sink(out, sha == null ? null : Sha256.digest());
            for (Map.Entry<String, String> c : comments.entrySet()) {
                w.write("# " + c.getKey() + ": " + c.getValue().replaceAll("\\R", " ") + "\n");
            }
            CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();
            CSVPrinter printer = new CSVPrinter(w, format);
            printer.printRecord(cols);
            printer.flush();
            StatsMap.Columns headerSchema = null;   // the schema whose names equal the header's statistic names
            for (PlaneRecord r : rows) {
                w.integer(r.input());
                w.ascii(',').integer(r.layer());
                cell(w, format, r.head());
                w.ascii(',').integer(r.tokens());
                cell(w, format, r.block());
                StatsMap s = (StatsMap) r.stats();
                if (s.columns() == headerSchema || s.columns().names().equals(statNames)) { // by position
                    headerSchema = s.columns();
                    for (int c = 0; c < s.size(); c++) {
                        cell(w, s.value(c));
                    }
                } else {
                    for (int c = KEY_COLUMNS.size(); c < cols.size(); c++) {
                        Double v = s.get(cols.get(c));
                        if (v == null) {
                            format.print("", w, false);
                        } else {
                            cell(w, v);
                        }
                    }
                }
                w.ascii('\n');
            }
            w.close();
            if (sha != null) {
                sha[0] = w.sha256();
            }
        });
    }

    /** A number cell after a delimiter, formatted straight into the sink's buffer ({@link Utf8Sink#reserve}). */
    private static void cell(Utf8Sink w, double v) throws java.io.IOException {
        int at = w.reserve(1 + SCRATCH);
        byte[] b = w.buffer();
        b[at] = ',';
        w.commit(format(v, b, at + 1));
    }

    /** A text cell after a delimiter: copied when plain, else quoted as Commons CSV quotes it. */
    private static void cell(Utf8Sink w, CSVFormat format, String text) throws java.io.IOException {
        if (plain(text)) {
            w.ascii(',');
            w.write(text);
        } else {
            format.print(text, w, false);
        }
    }

    /**
     * Whether the CSV format prints {@code s} as it is: not empty, and only ASCII letters, digits and
     * {@code . _ + -} (no delimiter, quote, line break or space; first character above {@code #}).
     */
    static boolean plain(String s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '-' || c == '+';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Bytes {@link #format(double, byte[], int)} may need: a sign, 17 digits, a point, an exponent. */
    private static final int SCRATCH = 40;

    /**
     * A number as a CSV cell: integers without a fraction, others rounded to 9 significant digits (enough to
     * recover any float32 value exactly) without trailing zeros; {@code NaN}, {@code inf}, {@code -inf}.
     * Equal to {@code String.format(Locale.ROOT, "%.9g", v)} with trailing zeros removed, except that a value
     * whose tenth significant digit is exactly a 5 may round the other way (last digit off by one).
     */
    public static String format(double v) {
        byte[] s = new byte[SCRATCH];
        return new String(s, 0, format(v, s, 0), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** {@link #format(double)} as ASCII bytes into {@code s} from {@code at} (40 bytes of room); returns the end. */
    static int format(double v, byte[] s, int at) {
        if (Double.isNaN(v)) {
            return put(s, at, "NaN");
        }
        if (Double.isInfinite(v)) {
            return put(s, at, v > 0 ? "inf" : "-inf");
        }
        long l = (long) v;
        if (l == v && Math.abs(v) < 1e15) {         // an integer (-0.0 too, written 0)
            int p = at;
            if (l < 0) {
                s[p++] = '-';
                l = -l;
            }
            return digits(s, p, l);
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e9) {
            return fixed(v, a, s, at);
        }
        return put(s, at, String.format(Locale.ROOT, "%.9g", v)); // scientific notation outside [1e-4, 1e9)
    }

    private static int put(byte[] s, int p, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            s[p++] = (byte) ascii.charAt(i);
        }
        return p;
    }

    /**
     * Writes the decimal digits of {@code l >= 0} at {@code p}; returns the end. Below 2^31 (every count and every
     * 9-digit mantissa) two digits per step without a division ({@link Digits}).
     */
    private static int digits(byte[] s, int p, long l) {
        if (l <= Integer.MAX_VALUE) {
            return digits(s, p, (int) l);
        }
        int end = p + digitCount(l);
        for (int i = end - 1; i >= p; i--) {
            s[i] = (byte) ('0' + (int) (l % 10));
            l /= 10;
        }
        return end;
    }

    private static int digits(byte[] s, int p, int v) {
        int end = p + Digits.count(v);
        Digits.backwards(s, end, v);
        return end;
    }

    private static int digitCount(long l) {
        if (l <= Integer.MAX_VALUE) {
            return Digits.count((int) l);
        }
        int n = 1;
        for (long t = l; t >= 10; t /= 10) {
            n++;
        }
        return n;
    }

    private static final double[] POW10 = new double[19];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /**
     * 9 significant digits of {@code a = |v|} in [1e-4, 1e9), in plain (not scientific) notation, into s from
     * {@code at}; returns the end.
     */
    private static int fixed(double v, double a, byte[] s, int at) {
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
        int p = at;
        if (v < 0) {
            s[p++] = '-';
        }
        if (decimals <= 0) {
            p = digits(s, p, digits);
            for (int i = decimals; i < 0; i++) {
                s[p++] = '0';
            }
            return p;
        }
        int len = digitCount(digits);
        if (len <= decimals) {
            s[p++] = '0';
            s[p++] = '.';
            for (int i = len; i < decimals; i++) {
                s[p++] = '0';
            }
            return digits(s, p, digits);
        }
        // d[0, len - decimals) '.' d[len - decimals, len): write the digits, then open the gap for the point
        int end = digits(s, p, digits);
        int point = p + len - decimals;
        System.arraycopy(s, point, s, point + 1, end - point);
        s[point] = '.';
        return end + 1;
    }

}
