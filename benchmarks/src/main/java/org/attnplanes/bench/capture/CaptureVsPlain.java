package org.attnplanes.bench.capture;

import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;

import java.util.Arrays;
import java.util.List;

/**
 * Interleaved companion of {@link CaptureBenchmark} for a shared, loaded machine: for each (tokens, batch)
 * it alternates one plain run and one capture, {@code reps} times after a warm-up, and reports the median
 * and the minimum of each and their ratios. Alternating exposes both to the same background load; the
 * minimum estimates the unloaded cost.
 *
 * <pre>{@code java -Xmx6g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.attnplanes.bench.capture.CaptureVsPlain 7}</pre>
 */
public final class CaptureVsPlain {

    private CaptureVsPlain() {
    }

    /** Prints one table row per (tokens, batch). Argument: repetitions (default 7). */
    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        System.out.println("tokens batch plain_median_ms capture_median_ms ratio_median plain_min_ms capture_min_ms ratio_min");
        try (AttentionModel model = AttentionModel.openDefault(CaptureOptions.builder().threads(1).build());
             PlainModel plain = new PlainModel(1)) {
            for (int tokens : new int[] {16, 128, 512}) {
                for (int batch : new int[] {1, 8}) {
                    List<String> texts = BenchInputs.texts(tokens, batch, 42);
                    for (int w = 0; w < 2; w++) {
                        plain.run(texts);
                        model.capture(texts);
                    }
                    double[] p = new double[reps];
                    double[] c = new double[reps];
                    for (int r = 0; r < reps; r++) {
                        long t0 = System.nanoTime();
                        plain.run(texts);
                        long t1 = System.nanoTime();
                        model.capture(texts);
                        long t2 = System.nanoTime();
                        p[r] = (t1 - t0) / 1e6;
                        c[r] = (t2 - t1) / 1e6;
                    }
                    Arrays.sort(p);
                    Arrays.sort(c);
                    double pm = p[reps / 2];
                    double cm = c[reps / 2];
                    System.out.printf("%d %d %.1f %.1f %.2f %.1f %.1f %.2f%n", tokens, batch, pm, cm, cm / pm, p[0],
                            c[0], c[0] / p[0]);
                }
            }
        }
    }
}
