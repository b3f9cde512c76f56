package org.attnplanes.topology.io;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.attnplanes.graph.io.AtomicFiles;
import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;

/**
 * Writes barcodes in Ripser's text output format so outputs can be compared line by line:
 * <pre>
 * persistence intervals in dim 0:
 *  [0,0.5)
 *  [0, )
 * persistence intervals in dim 1:
 *  [0.5,0.75)
 * </pre>
 * Numbers are printed like C++ {@code std::ostream << float} (i.e. {@code %g} with 6 significant digits,
 * trailing zeros removed): {@code 1.41421}, {@code 0.5}, {@code 1e-05}, {@code 1e+06}. JSON: {@link BarcodeJson}.
 */
public final class BarcodeText {

    private static final String HEADING = "persistence intervals in dim ";

    private BarcodeText() {
    }

    /** The text Ripser prints for these barcodes (without its header lines). */
    public static String toRipserText(Barcodes barcodes) {
        Objects.requireNonNull(barcodes, "barcodes");
        StringBuilder sb = new StringBuilder();
        for (Barcode b : barcodes.byDimension()) {
            appendRipserText(b, sb);
        }
        return sb.toString();
    }

    /** One dimension's part of {@link #toRipserText(Barcodes)}: its heading line and one line per bar. */
    public static String toRipserText(Barcode barcode) {
        Objects.requireNonNull(barcode, "barcode");
        StringBuilder sb = new StringBuilder();
        appendRipserText(barcode, sb);
        return sb.toString();
    }

    private static void appendRipserText(Barcode b, StringBuilder sb) {
        sb.append(HEADING).append(b.dimension()).append(":\n");
        for (PersistenceInterval p : b.intervals()) {
            sb.append(" [").append(formatG(p.birth())).append(',');
            if (p.isEssential()) {
                sb.append(" )");
            } else {
                sb.append(formatG(p.death())).append(')');
            }
            sb.append('\n');
        }
    }

    /**
     * The bar lines of Ripser-format text per dimension, exactly as printed ({@code [0,0.5)}, {@code [0, )}), in
     * the order printed; the header lines ({@code value range: …}, {@code distance matrix with …}) are skipped. Reads
     * Ripser's own output and {@link #toRipserText}'s alike, so the two compare line by line without reformatting
     * a number.
     */
    public static Map<Integer, List<String>> barLines(String text) {
        Map<Integer, List<String>> bars = new TreeMap<>();
        List<String> current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith(HEADING) && line.endsWith(":")) {
                current = new ArrayList<>();
                bars.put(Integer.parseInt(line.substring(HEADING.length(), line.length() - 1)), current);
            } else if (current != null && line.startsWith(" [")) {
                current.add(line.trim());
            }
        }
        return bars;
    }

    /** Writes {@link #toRipserText} to a file atomically. */
    public static void writeRipserText(Barcodes barcodes, Path file) {
        AtomicFiles.writeString(file, toRipserText(barcodes));
    }

    /**
     * Formats like C++ {@code std::ostream << (float) v} with default precision: {@code %g}, 6 significant
     * digits, trailing zeros and a trailing point removed, exponent with at least two digits.
     */
    public static String formatG(float v) {
        if (Float.isNaN(v)) {
            return "nan";
        }
        if (Float.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0f) {
            return (Float.floatToRawIntBits(v) < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal((double) v);
        BigDecimal r = exact.round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exponent = r.precision() - r.scale() - 1; // decimal exponent of the leading digit
        if (exponent < -4 || exponent >= 6) {
            BigDecimal mantissa = r.movePointLeft(exponent);
            String m = stripZeros(mantissa.toPlainString());
            String sign = exponent < 0 ? "-" : "+";
            int ae = Math.abs(exponent);
            return m + "e" + sign + (ae < 10 ? "0" : "") + ae;
        }
        return stripZeros(r.toPlainString());
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
