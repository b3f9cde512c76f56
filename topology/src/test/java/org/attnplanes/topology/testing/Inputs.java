package org.attnplanes.topology.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.attnplanes.topology.filtration.DistanceMatrix;

/** Seeded test inputs (float32 distances) and their ripser-format files. */
public final class Inputs {

    private Inputs() {
    }

    /** i.i.d. uniform distances in (0, 1). */
    public static DistanceMatrix uniform(int n, long seed) {
        Random r = new Random(seed);
        float[] lower = new float[n * (n - 1) / 2];
        for (int k = 0; k < lower.length; k++) {
            lower[k] = r.nextFloat();
        }
        return DistanceMatrix.fromLowerTriangular(n, lower);
    }

    /** Row softmax of N(0,1) logits, W = (A + Aᵀ)/2, d = 1 − W / max W (off-diagonal). */
    public static DistanceMatrix attention(int n, long seed) {
        return DistanceMatrix.fromLowerTriangular(n, attentionWeightsLower(n, seed, true));
    }

    /** The symmetrized attention weights (lower triangle); with {@code asDistance}, 1 − W / max W. */
    public static float[] attentionWeightsLower(int n, long seed, boolean asDistance) {
        double[][] a = softmaxRows(n, seed);
        float[] lower = new float[n * (n - 1) / 2];
        double max = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                max = Math.max(max, (a[i][j] + a[j][i]) / 2);
            }
        }
        int k = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double w = (a[i][j] + a[j][i]) / 2;
                lower[k++] = asDistance ? (float) (1 - w / max) : (float) w;
            }
        }
        return lower;
    }

    /**
     * A real-attention-like plane: row softmax of N(0, sigma²) logits, d = 1 − (A + Aᵀ)/2 in float32 without
     * rescaling. With a large sigma most weights are tiny and many distances round to exactly 1 (the dense tail
     * of near-zero weights of real heads, and a tie block at the enclosing radius).
     */
    public static DistanceMatrix attentionTail(int n, double sigma, long seed) {
        double[][] a = softmaxRows(n, sigma, seed);
        float[] lower = new float[n * (n - 1) / 2];
        int k = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                lower[k++] = 1f - ((float) a[i][j] + (float) a[j][i]) / 2f;
            }
        }
        return DistanceMatrix.fromLowerTriangular(n, lower);
    }

    /** Row-softmax attention of N(0,1) logits, n × n. */
    public static double[][] softmaxRows(int n, long seed) {
        return softmaxRows(n, 1.0, seed);
    }

    /** Row-softmax attention of N(0, sigma²) logits, n × n. */
    public static double[][] softmaxRows(int n, double sigma, long seed) {
        Random r = new Random(seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                a[i][j] = sigma * r.nextGaussian();
                m = Math.max(m, a[i][j]);
            }
            double s = 0;
            for (int j = 0; j < n; j++) {
                a[i][j] = Math.exp(a[i][j] - m);
                s += a[i][j];
            }
            for (int j = 0; j < n; j++) {
                a[i][j] /= s;
            }
        }
        return a;
    }

    /** Points uniform in the unit cube of dimension {@code dim}. */
    public static float[][] points(int n, int dim, long seed) {
        Random r = new Random(seed);
        float[][] p = new float[n][dim];
        for (float[] q : p) {
            for (int c = 0; c < dim; c++) {
                q[c] = r.nextFloat();
            }
        }
        return p;
    }

    /** Writes the lower triangle in ripser's lower-distance format (values round-trip exactly). */
    public static Path writeLower(DistanceMatrix d, Path dir, String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < d.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append(Float.toString(d.distance(i, j)));
            }
            sb.append('\n');
        }
        return write(dir.resolve(name), sb.toString());
    }

    /** Writes a string to a file. */
    public static Path write(Path file, String text) {
        try {
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
