package org.attnplanes.topology.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;

/**
 * Runs the research-feature oracle scripts ({@code src/test/resources/org/attnplanes/topology/research/*.py})
 * with {@link Oracles#python()} on one input file, and builds the seeded attention inputs they check.
 */
public final class PythonOracle {

    private PythonOracle() {
    }

    /** Whether all the named modules import in the oracle python (under CI a missing one is a failure). */
    public static boolean has(String... modules) {
        boolean present;
        try {
            present = Oracles.run(List.of(Oracles.python(), "-c", "import " + String.join(", ", modules)), 60)
                    .exitCode() == 0;
        } catch (UncheckedIOException e) {
            present = false;
        }
        return Oracles.requiredInCi(present, String.join(", ", modules) + " for " + Oracles.python());
    }

    /** Writes {@code input} to a temporary file, runs {@code script} on it and returns its standard output. */
    public static String run(String script, String input) {
        try {
            Path in = Files.createTempFile("oracle-in", ".txt");
            try {
                Files.writeString(in, input, StandardCharsets.UTF_8);
                Path s = Path.of("src/test/resources/org/attnplanes/topology/research", script).toAbsolutePath();
                Oracles.Result r = Oracles.run(List.of(Oracles.python(), s.toString(), in.toString()), 300);
                if (r.exitCode() != 0) {
                    throw new IllegalStateException(script + " failed (" + r.exitCode() + "): " + r.stderr());
                }
                return r.stdout();
            } finally {
                Files.deleteIfExists(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Row-softmax attention of N(0, σ²) logits; with {@code causal}, query i attends only keys ≤ i (a decoder);
     * with {@code ties}, logits are rounded to one decimal so that equal weights occur.
     */
    public static AttentionMatrix attention(int n, long seed, boolean causal, double sigma, boolean ties) {
        Random r = new Random(seed);
        DoubleSupplier logits = ties ? () -> Math.round(sigma * r.nextGaussian() * 2) / 2.0
                : () -> sigma * r.nextGaussian();
        return AttentionMatrix.of(n, SoftmaxTraceGenerator.softmaxRows(n, causal, logits));
    }

    /** The matrix as whitespace-separated text, row-major, exact float32 values. */
    public static void append(StringBuilder b, AttentionMatrix m) {
        int n = m.size();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b.append((double) m.weight(i, j)).append(j + 1 < n ? ' ' : '\n');
            }
        }
    }
}
