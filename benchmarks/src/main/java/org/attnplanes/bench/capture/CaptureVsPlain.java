package org.attnplanes.bench.capture;

import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;

import java.util.Arrays;
import java.util.List;

/**
 * Interleaved companion of {@link CaptureBenchmark} for a shared, loaded machine: for each (tokens, batch)
 * it alternates one plain run, one allocating capture ({@code capture(texts)}, traces kept) and one recycled
 * capture ({@code capture(texts, null, consumer)}, the path {@code analyze} takes: planes leased from the model's
 * pool, released after the consumer), {@code reps} times after a warm-up, and reports medians and ratios of wall
 * time, process CPU time (all threads, GC included; 10 ms resolution), the calling thread's CPU time (ns
 * resolution; with one intra-op thread ONNX Runtime computes on it; GC threads not included) and the collectors'
 * time summed over the reps. Alternating exposes all three to the same background load.
 *
 * <pre>{@code java -Xmx6g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.attnplanes.bench.capture.CaptureVsPlain 15 512:1 128:8}</pre>
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

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** Times of one subject over the reps: wall, process CPU, thread CPU (ms), GC total (ms). */
    private static final class Times {
        final double[] wall;
        final double[] cpu;
        final double[] thread;
        long gc;

        Times(int reps) {
            wall = new double[reps];
            cpu = new double[reps];
            thread = new double[reps];
        }

        void time(int r, Runnable subject) {
            long g0 = gcMillis();
            long c0 = OS.getProcessCpuTime();
            long h0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            subject.run();
            long t1 = System.nanoTime();
            long h1 = THREADS.getCurrentThreadCpuTime();
            long c1 = OS.getProcessCpuTime();
            wall[r] = (t1 - t0) / 1e6;
            thread[r] = (h1 - h0) / 1e6;
            cpu[r] = (c1 - c0) / 1e6;
            gc += gcMillis() - g0;
        }

        static double median(double[] a) {
            double[] s = a.clone();
            Arrays.sort(s);
            return s[s.length / 2];
        }
    }

    /**
     * Prints one table row per (tokens, batch). Arguments: repetitions (default 7), then optionally
     * {@code tokens:batch} pairs (default 128:1 128:8 512:1).
     */
    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        System.out.println("tokens batch | wall median ms: plain capture recycled | capture/plain recycled/plain (wall)"
                + " | process CPU median ms: plain capture recycled | ratios | thread CPU median ms: plain capture"
                + " recycled | ratios | GC ms over the reps: plain capture recycled | modified_run/plain (wall, b = 1)");
        try (AttentionModel model = AttentionModel.openDefault(CaptureOptions.builder().threads(1).build());
             PlainModel plain = new PlainModel(1)) {
            List<int[]> cases = new java.util.ArrayList<>();
            for (int a = 1; a < args.length; a++) {
                String[] tb = args[a].split(":");
                cases.add(new int[] {Integer.parseInt(tb[0]), Integer.parseInt(tb[1])});
            }
            if (cases.isEmpty()) {
                cases.add(new int[] {128, 1});
                cases.add(new int[] {128, 8});
                cases.add(new int[] {512, 1});
            }
            int[] sink = new int[1];
            for (int[] tb : cases) {
                int tokens = tb[0];
                int batch = tb[1];
                List<String> texts = BenchInputs.texts(tokens, batch, 42);
                Runnable runPlain = () -> {
                    try {
                        plain.run(texts);
                    } catch (ai.onnxruntime.OrtException e) {
                        throw new IllegalStateException(e);
                    }
                };
                Runnable capture = () -> sink[0] += model.capture(texts).size();
                Runnable recycled = () -> model.capture(texts, null, t -> sink[0] += t.tokenCount());
                for (int w = 0; w < 2; w++) {
                    runPlain.run();
                    capture.run();
                    recycled.run();
                }
                Times p = new Times(reps);
                Times c = new Times(reps);
                Times q = new Times(reps);
                double[] m = new double[reps];
                for (int r = 0; r < reps; r++) {
                    // rotate the order so that no subject always follows the same one
                    Runnable[] order = {runPlain, capture, recycled};
                    Times[] into = {p, c, q};
                    for (int k = 0; k < 3; k++) {
                        int i = (k + r) % 3;
                        into[i].time(r, order[i]);
                    }
                    if (batch == 1) {
                        long t0 = System.nanoTime();
                        model.run(texts.get(0));    // the modified model, no attention output requested
                        m[r] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                double pw = Times.median(p.wall);
                double pc = Times.median(p.cpu);
                double pt = Times.median(p.thread);
                System.out.printf("%d %d | %.1f %.1f %.1f | %.2f %.2f | %.0f %.0f %.0f | %.2f %.2f | %.1f %.1f %.1f"
                                + " | %.2f %.2f | %d %d %d | %s%n", tokens, batch,
                        pw, Times.median(c.wall), Times.median(q.wall), Times.median(c.wall) / pw,
                        Times.median(q.wall) / pw,
                        pc, Times.median(c.cpu), Times.median(q.cpu), Times.median(c.cpu) / pc,
                        Times.median(q.cpu) / pc,
                        pt, Times.median(c.thread), Times.median(q.thread), Times.median(c.thread) / pt,
                        Times.median(q.thread) / pt, p.gc, c.gc, q.gc,
                        batch == 1 ? String.format("%.2f", Times.median(m) / pw) : "-");
            }
            if (sink[0] == 42) {
                System.out.println();
            }
        }
    }
}
