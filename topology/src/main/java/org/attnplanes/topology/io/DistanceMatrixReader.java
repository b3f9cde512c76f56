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
        return switch (format) {
            case LOWER_DISTANCE -> lower(rows, lineNumbers, source);
            case DISTANCE -> full(rows, lineNumbers, source);
            case POINT_CLOUD -> points(rows, lineNumbers, source);
            case SPARSE -> sparse(rows, lineNumbers, source);
        };
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
                throw new InputFormatException(source, lineNo, "value " + tok + " is NaN");
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
        long count = 0;
        for (float[] r : rows) {
            count += r.length;
        }
        int n = (int) Math.round((1 + Math.sqrt(1 + 8.0 * count)) / 2);
        if (count == 0) {
            n = rows.isEmpty() ? 0 : 1;
        }
        if ((long) n * (n - 1) / 2 != count) {
            throw new InputFormatException(source, 0, count + " values is not a lower triangle n(n-1)/2 of any n"
                    + " (lower-distance format: line i holds the i distances d(i,0) .. d(i,i-1))");
        }
        if (n > DistanceMatrix.MAX_SIZE) {
            throw new InputFormatException(source, 0, n + " points exceed the supported " + DistanceMatrix.MAX_SIZE);
        }
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

    private static DistanceMatrix sparse(List<float[]> rows, List<Integer> lines, String source) {
        int n = 0;
        for (int r = 0; r < rows.size(); r++) {
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
            n = Math.max(n, (int) Math.max(e[0], e[1]) + 1);
        }
        float[] lower = new float[(int) ((long) n * (n - 1) / 2)];
        Arrays.fill(lower, Float.POSITIVE_INFINITY);
        int[] seenLine = new int[lower.length];
        for (int r = 0; r < rows.size(); r++) {
            float[] e = rows.get(r);
            int i = (int) Math.max(e[0], e[1]);
            int j = (int) Math.min(e[0], e[1]);
            int k = (int) ((long) i * (i - 1) / 2 + j);
            if (seenLine[k] != 0 && lower[k] != e[2]) {
                throw new InputFormatException(source, lines.get(r), "edge " + i + " " + j + " has distance " + e[2]
                        + " but line " + seenLine[k] + " gave " + lower[k]);
            }
            seenLine[k] = lines.get(r);
            lower[k] = e[2];
        }
        return DistanceMatrix.fromLowerTriangular(n, lower);
    }
}
