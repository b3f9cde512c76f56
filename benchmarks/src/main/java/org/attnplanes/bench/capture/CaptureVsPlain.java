package org.attnplanes.bench.capture;

import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;

import java.util.Arrays;
import java.util.List;

/**
 * Interleaved companion of {@link CaptureBenchmark} for a shared, loaded machine: for each (tokens, batch)
 * it alternates one plain run and one capture, {@code reps} times after a warm-up, and reports the median
 * and the minimum of each and their ratios. Alternating exposes both to the same background load; the
 * minimum estimates the unloaded cost; the process CPU time (all threads, GC included) is the steadier figure
 * when other processes load the machine.
 *
 * <pre>{@code java -Xmx6g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.attnplanes.bench.capture.CaptureVsPlain 7}</pre>
 */
public final class CaptureVsPlain {

    private CaptureVsPlain() {
    }

    /** Collection time so far, all collectors (ms). */
    private static long gcMillis() {
        long t = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }

    /**
     * Prints one table row per (tokens, batch). Arguments: repetitions (default 7), then optionally
     * {@code tokens:batch} pairs (default 16:1 16:8 128:1 128:8 512:1 512:8).
     */
    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        System.out.println("tokens batch plain_median_ms capture_median_ms ratio_median plain_min_ms capture_min_ms ratio_min"
                + " modified_run_median_ms modified_run/plain plain_cpu_median_ms capture_cpu_median_ms ratio_cpu_median"
                + " plain_gc_ms capture_gc_ms");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        try (AttentionModel model = AttentionModel.openDefault(CaptureOptions.builder().threads(1).build());
             PlainModel plain = new PlainModel(1)) {
            List<int[]> cases = new java.util.ArrayList<>();
            for (int a = 1; a < args.length; a++) {
                String[] tb = args[a].split(":");
                cases.add(new int[] {Integer.parseInt(tb[0]), Integer.parseInt(tb[1])});
            }
            if (cases.isEmpty()) {
                for (int tokens : new int[] {16, 128, 512}) {
                    for (int batch : new int[] {1, 8}) {
                        cases.add(new int[] {tokens, batch});
                    }
                }
            }
            for (int[] tb : cases) {
                int tokens = tb[0];
                int batch = tb[1];
                {
                    List<String> texts = BenchInputs.texts(tokens, batch, 42);
                    for (int w = 0; w < 2; w++) {
                        plain.run(texts);
                        model.capture(texts);
                    }
                    double[] p = new double[reps];
                    double[] c = new double[reps];
                    double[] m = new double[reps];
                    double[] pc = new double[reps];
                    double[] cc = new double[reps];
                    long gcPlain = 0;
                    long gcCapture = 0;
                    for (int r = 0; r < reps; r++) {
                        long g0 = gcMillis();
                        long c0 = os.getProcessCpuTime();
                        long t0 = System.nanoTime();
                        plain.run(texts);
                        long t1 = System.nanoTime();
                        long c1 = os.getProcessCpuTime();
                        long g1 = gcMillis();
                        model.capture(texts);
                        long t2 = System.nanoTime();
                        long c2 = os.getProcessCpuTime();
                        long g2 = gcMillis();
                        gcPlain += g1 - g0;
                        gcCapture += g2 - g1;
                        pc[r] = (c1 - c0) / 1e6;
                        cc[r] = (c2 - c1) / 1e6;
                        if (batch == 1) {
                            model.run(texts.get(0));    // the modified model, no attention output requested
                        }
                        long t3 = System.nanoTime();
                        p[r] = (t1 - t0) / 1e6;
                        c[r] = (t2 - t1) / 1e6;
                        m[r] = (t3 - t2) / 1e6;
                    }
                    Arrays.sort(p);
                    Arrays.sort(c);
                    Arrays.sort(m);
                    Arrays.sort(pc);
                    Arrays.sort(cc);
                    double pm = p[reps / 2];
                    double cm = c[reps / 2];
                    double mm = m[reps / 2];
                    System.out.printf("%d %d %.1f %.1f %.2f %.1f %.1f %.2f %s %.1f %.1f %.2f %d %d%n", tokens, batch, pm,
                            cm, cm / pm, p[0], c[0], c[0] / p[0],
                            batch == 1 ? String.format("%.1f %.2f", mm, mm / pm) : "- -",
                            pc[reps / 2], cc[reps / 2], cc[reps / 2] / pc[reps / 2], gcPlain, gcCapture);
                }
            }
        }
    }
}
