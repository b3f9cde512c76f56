package org.attnplanes.topology.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.filtration.SparseDistances;

/**
 * Reads Ripser's text input formats ({@link InputFormat}) into a {@link DistanceMatrix}. Numbers are parsed
 * with {@link Float#parseFloat}, so files written with {@code %.9g} round-trip to the same float32 values that
 * Ripser reads. Separators are commas and/or whitespace; blank lines are skipped. Every problem is reported
 * as an {@link InputFormatException} naming the line.
 *
 * <pre>{@code
 * DistanceMatrix d = DistanceMatrixReader.read(Path.of("m.txt"), InputFormat.LOWER_DISTANCE);
 * }</pre>
 */
public final class DistanceMatrixReader {

    private DistanceMatrixReader() {
    }

    /**
     * Reads a file.
     *
     * @throws InputFormatException naming the file and line when the content is malformed
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static DistanceMatrix read(Path file, InputFormat format) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, format, file.toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputFormatException(file.toString(), 0, "is not UTF-8 text (found a byte sequence that is not"
                    + " UTF-8); a distance file holds numbers in ASCII");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads text (for tests and in-memory inputs). */
    public static DistanceMatrix parse(String text, InputFormat format) {
        try {
            return read(new StringReader(text), format, "<input>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads from a reader; {@code source} names the input in error messages. */
    public static DistanceMatrix read(Reader reader, InputFormat format, String source) throws IOException {
        Rows rows = rows(reader, source);
        return switch (format) {
            case LOWER_DISTANCE -> lower(rows.values, rows.lines, source);
            case DISTANCE -> full(rows.values, rows.lines, source);
            case POINT_CLOUD -> points(rows.values, rows.lines, source);
            case SPARSE -> sparse(rows.values, rows.lines, source).toDistanceMatrix();
        };
    }

    /**
     * Reads a file in the {@code sparse} format without ever building the dense matrix: memory and time are
     * proportional to the number of lines, whatever the largest index.
     *
     * @throws InputFormatException naming the file and line when the content is malformed
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public static SparseDistances readSparse(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Rows rows = rows(r, file.toString());
            return sparse(rows.values, rows.lines, file.toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputFormatException(file.toString(), 0, "is not UTF-8 text (found a byte sequence that is not"
                    + " UTF-8); a distance file holds numbers in ASCII");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@link #readSparse(Path)} from a reader (e.g. standard input); {@code source} names the input in messages.
     *
     * @throws InputFormatException naming the source and line when the content is malformed
     */
    public static SparseDistances readSparse(Reader reader, String source) throws IOException {
        Rows rows = rows(reader, source);
        return sparse(rows.values, rows.lines, source);
    }

    /** {@link #readSparse(Path)} for text. */
    public static SparseDistances parseSparse(String text) {
        try {
            Rows rows = rows(new StringReader(text), "<input>");
            return sparse(rows.values, rows.lines, "<input>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Rows(List<float[]> values, List<Integer> lines) {
    }

    private static Rows rows(Reader reader, String source) throws IOException {
        List<float[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        BufferedReader br = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String line;
        int lineNo = 0;
        while ((line = br.readLine()) != null) {
            lineNo++;
            float[] values = parseLine(line, source, lineNo);
            if (values.length > 0) {
                rows.add(values);
                lineNumbers.add(lineNo);
            }
        }
        return new Rows(rows, lineNumbers);
    }

    private static float[] parseLine(String line, String source, int lineNo) {
        String t = line.strip();
        if (t.isEmpty()) {
            return new float[0];
        }
        String[] tokens = t.split("[,\\s]+");
        float[] out = new float[tokens.length];
        int k = 0;
        for (String tok : tokens) {
            if (tok.isEmpty()) {
                continue;
            }
            try {
                out[k++] = Float.parseFloat(tok);
            } catch (NumberFormatException e) {
                throw new InputFormatException(source, lineNo, "\"" + tok + "\" is not a number");
            }
            if (Float.isNaN(out[k - 1])) {
                throw new InputFormatException(source, lineNo, "value " + tok + " is NaN; every value must be a"
                        + " number (a distance >= 0 or inf, or a coordinate)");
            }
        }
        return k == out.length ? out : Arrays.copyOf(out, k);
    }

    private static void checkDistance(float v, String source, int line, String what) {
        if (v < 0f) {
            throw new InputFormatException(source, line, what + " = " + v + " is negative; distances must be >= 0");
        }
        if (Float.isInfinite(v)) {
            throw new InputFormatException(source, line, what + " = " + v + " is infinite; leave the pair out of a "
                    + "sparse file instead");
        }
    }

    private static DistanceMatrix lower(List<float[]> rows, List<Integer> lines, String source) {
        if (rows.isEmpty()) {
            throw new InputFormatException(source, 0, "no distances: the matrix is empty (ripser aborts on an empty "
                    + "matrix; a lower-distance matrix of n >= 2 points has n(n-1)/2 values)");
        }
        long count = 0;
        for (float[] r : rows) {
            count += r.length;
        }
        int n = (int) Math.round((1 + Math.sqrt(1 + 8.0 * count)) / 2);
        if ((long) n * (n - 1) / 2 != count) {
            throw new InputFormatException(source, 0, count + " values is not a lower triangle n(n-1)/2 of any n"
                    + " (lower-distance format: line i holds the i distances d(i,0) .. d(i,i-1))");
        }
        if (n > DistanceMatrix.MAX_SIZE) {
            throw new InputFormatException(source, 0, n + " points exceed the supported " + DistanceMatrix.MAX_SIZE);
        }
        checkRowLayout(rows, lines, source);
        float[] lower = new float[(int) count];
        int k = 0;
        for (int r = 0; r < rows.size(); r++) {
            for (float v : rows.get(r)) {
                int i = rowOf(k);
                checkDistance(v, source, lines.get(r), "d(" + i + "," + (k - (long) i * (i - 1) / 2) + ")");
                lower[k++] = v;
            }
        }
        return DistanceMatrix.fromLowerTriangular(n, lower);
    }

    /**
     * Line breaks must either follow the rows (the i-th non-blank line holds the i values d(i,0) .. d(i,i-1)) or
     * be absent (all values on one line). Ripser ignores them, so a row that lost or gained values silently
     * shifts every later distance; here such a ragged file is refused.
     */
    private static void checkRowLayout(List<float[]> rows, List<Integer> lines, String source) {
        if (rows.size() == 1) {
            return;
        }
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).length != r + 1) {
                throw new InputFormatException(source, lines.get(r), "row " + (r + 1) + " has " + rows.get(r).length
                        + " values but must hold " + (r + 1) + " (lower-distance row i holds d(i,0) .. d(i,i-1); put"
                        + " each row on its own line, or all values on one line)");
            }
        }
    }

    private static int rowOf(long k) {
        int i = (int) ((1 + Math.sqrt(1 + 8.0 * k)) / 2);
        while ((long) i * (i - 1) / 2 > k) {
            i--;
        }
        while ((long) (i + 1) * i / 2 <= k) {
            i++;
        }
        return i;
    }

    private static DistanceMatrix full(List<float[]> rows, List<Integer> lines, String source) {
        if (rows.isEmpty()) {
            throw new InputFormatException(source, 0, "no rows: the matrix is empty (ripser aborts on an empty "
                    + "matrix)");
        }
        int n = rows.size();
        if (n > DistanceMatrix.MAX_SIZE) {
            throw new InputFormatException(source, 0, n + " points exceed the supported " + DistanceMatrix.MAX_SIZE);
        }
        for (int i = 0; i < n; i++) {
            if (rows.get(i).length != n) {
                throw new InputFormatException(source, lines.get(i), "row " + i + " has " + rows.get(i).length
                        + " values but the matrix has " + n + " rows (distance format needs a square matrix)");
            }
        }
        float[] lower = new float[(int) ((long) n * (n - 1) / 2)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            float[] row = rows.get(i);
            if (row[i] != 0f) {
                throw new InputFormatException(source, lines.get(i), "diagonal d(" + i + "," + i + ") = " + row[i]
                        + " must be 0");
            }
            for (int j = 0; j < i; j++) {
                float v = row[j];
                checkDistance(v, source, lines.get(i), "d(" + i + "," + j + ")");
                if (Float.compare(v, rows.get(j)[i]) != 0) {
                    throw new InputFormatException(source, lines.get(i), "matrix is not symmetric: d(" + i + "," + j
                            + ") = " + v + " but d(" + j + "," + i + ") = " + rows.get(j)[i] + " on line "
                            + lines.get(j));
                }
                lower[k++] = v;
            }
        }
        return DistanceMatrix.fromLowerTriangular(n, lower);
    }

    private static DistanceMatrix points(List<float[]> rows, List<Integer> lines, String source) {
        if (rows.isEmpty()) {
            throw new InputFormatException(source, 0, "no points: the point cloud is empty (ripser crashes on an "
                    + "empty point cloud)");
        }
        int n = rows.size();
        if (n > DistanceMatrix.MAX_SIZE) {
            throw new InputFormatException(source, 0, n + " points exceed the supported " + DistanceMatrix.MAX_SIZE);
        }
        for (int i = 0; i < n; i++) {
            if (rows.get(i).length != rows.get(0).length) {
                throw new InputFormatException(source, lines.get(i), "point has " + rows.get(i).length
                        + " coordinates but the first point (line " + lines.get(0) + ") has " + rows.get(0).length);
            }
            for (float c : rows.get(i)) {
                if (Float.isInfinite(c)) {
                    throw new InputFormatException(source, lines.get(i), "coordinate " + c + " is not finite");
                }
            }
        }
        return DistanceMatrix.fromPoints(rows.toArray(new float[0][]));
    }

    private static SparseDistances sparse(List<float[]> rows, List<Integer> lines, String source) {
        int n = 0;
        int m = rows.size();
        int[] a = new int[m];
        int[] b = new int[m];
        float[] d = new float[m];
        for (int r = 0; r < m; r++) {
            float[] e = rows.get(r);
            int line = lines.get(r);
            if (e.length != 3) {
                throw new InputFormatException(source, line, "expected \"i j distance\" but found " + e.length
                        + " values (sparse format)");
            }
            for (int c = 0; c < 2; c++) {
                if (e[c] < 0 || e[c] != Math.rint(e[c]) || e[c] >= DistanceMatrix.MAX_SIZE) {
                    throw new InputFormatException(source, line, "vertex index " + e[c]
                            + " must be an integer in [0, " + DistanceMatrix.MAX_SIZE + ")");
                }
            }
            if (e[0] == e[1]) {
                throw new InputFormatException(source, line, "self-loop " + (int) e[0] + " " + (int) e[1]
                        + " is not an edge");
            }
            checkDistance(e[2], source, line, "distance");
            a[r] = (int) e[0];
            b[r] = (int) e[1];
            d[r] = e[2];
            n = Math.max(n, Math.max(a[r], b[r]) + 1);
        }
        try {
            return SparseDistances.of(n, a, b, d);
        } catch (SparseDistances.DuplicateEntryException e) {
            int first = e.first();
            int second = e.second();
            int i = Math.max(a[second], b[second]);
            int j = Math.min(a[second], b[second]);
            throw new InputFormatException(source, lines.get(second), "edge " + i + " " + j + " has distance "
                    + d[second] + " but line " + lines.get(first) + " gave " + d[first]);
        }
    }
}
