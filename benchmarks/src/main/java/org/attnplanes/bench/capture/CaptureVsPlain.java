package org.attnplanes.bench.capture;

import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;

import java.util.Arrays;
import java.util.List;

/**
 * Interleaved companion of {@link CaptureBenchmark} for a shared, loaded machine: for each (tokens, batch)
 * it alternates one plain run, one allocating capture ({@code capture(texts)}, traces kept) and one recycled
 * capture ({@code capture(texts, null, consumer)}, the path {@code analyze} takes: planes leased from the model's
 * pool, released after the consumer) and the same recycled capture with every plane copied on the calling thread
 * ({@code -Dattnplanes.capture.copyThreads=0}: the A/B of spreading the copy over the cores), {@code reps} times
 * after a warm-up, and reports medians and ratios of wall time, process CPU time (all threads, the copy helpers and
 * GC included; 10 ms resolution), the calling thread's CPU time (ns resolution; with one intra-op thread ONNX
 * Runtime computes on it; helper and GC threads not included), the same plus the copy helper threads' CPU time
 * (ns resolution: all the Java work of a capture, GC aside) and the collectors' time summed over the reps.
 * Alternating exposes all four to the same background load.
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

    /** CPU time so far of the plane-copy helper threads (model-io's PlaneCopies), ns. */
    private static long helperNanos() {
        long t = 0;
        for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("attnplanes-plane-copy-")) {
                t += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return t;
    }

    /**
     * Times of one subject over the reps: wall, process CPU, thread CPU, thread CPU plus the copy helpers' CPU
     * (ms), GC total (ms).
     */
    private static final class Times {
        final double[] wall;
        final double[] cpu;
        final double[] thread;
        final double[] withHelpers;
        long gc;

        Times(int reps) {
            wall = new double[reps];
            cpu = new double[reps];
            thread = new double[reps];
            withHelpers = new double[reps];
        }

        void time(int r, Runnable subject) {
            long g0 = gcMillis();
            long x0 = helperNanos();
            long c0 = OS.getProcessCpuTime();
            long h0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            subject.run();
            long t1 = System.nanoTime();
            long h1 = THREADS.getCurrentThreadCpuTime();
            long c1 = OS.getProcessCpuTime();
            long x1 = helperNanos();
            wall[r] = (t1 - t0) / 1e6;
            thread[r] = (h1 - h0) / 1e6;
            withHelpers[r] = (h1 - h0 + Math.max(0, x1 - x0)) / 1e6;
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
        System.out.println("tokens batch | wall median ms: plain capture recycled recycled_1thread | ratios to plain"
                + " | process CPU median ms: plain capture recycled recycled_1thread | ratios | thread CPU median ms:"
                + " plain capture recycled recycled_1thread | ratios | thread + copy helpers CPU median ms: plain"
                + " capture recycled recycled_1thread | ratios | GC ms over the reps: plain capture recycled"
                + " recycled_1thread | modified_run/plain (wall, b = 1)");
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
                // the same recycled capture with every plane copied on the calling thread (the code before the
                // planes were spread over the cores), for the A/B in the same run
                Runnable oneThread = () -> {
                    System.setProperty(COPY_THREADS, "0");
                    try {
                        recycled.run();
                    } finally {
                        System.clearProperty(COPY_THREADS);
                    }
                };
                Runnable[] subjects = {runPlain, capture, recycled, oneThread};
                for (int w = 0; w < 2; w++) {
                    for (Runnable r : subjects) {
                        r.run();
                    }
                }
                Times[] times = new Times[subjects.length];
                for (int i = 0; i < times.length; i++) {
                    times[i] = new Times(reps);
                }
                double[] m = new double[reps];
                for (int r = 0; r < reps; r++) {
                    // rotate the order so that no subject always follows the same one
                    for (int k = 0; k < subjects.length; k++) {
                        int i = (k + r) % subjects.length;
                        times[i].time(r, subjects[i]);
                    }
                    if (batch == 1) {
                        long t0 = System.nanoTime();
                        model.run(texts.get(0));    // the modified model, no attention output requested
                        m[r] = (System.nanoTime() - t0) / 1e6;
                    }
                }
                StringBuilder line = new StringBuilder(tokens + " " + batch);
                line.append(columns(times, t -> t.wall, "%.1f"));
                line.append(columns(times, t -> t.cpu, "%.0f"));
                line.append(columns(times, t -> t.thread, "%.1f"));
                line.append(columns(times, t -> t.withHelpers, "%.1f"));
                line.append(" |");
                for (Times t : times) {
                    line.append(' ').append(t.gc);
                }
                line.append(" | ").append(batch == 1 ? String.format("%.2f", Times.median(m) / Times.median(times[0].wall))
                        : "-");
                System.out.println(line);
            }
            if (sink[0] == 42) {
                System.out.println();
            }
        }
    }

    /** Helper threads of the plane copy (model-io's PlaneCopies; of the plane copy {@code 0} = the calling thread only), read at each capture. */
    private static final String COPY_THREADS = "attnplanes.capture.copyThreads";

    /** " | medians | ratios to the first" for one measure. */
    private static String columns(Times[] times, java.util.function.Function<Times, double[]> measure, String format) {
        StringBuilder b = new StringBuilder(" |");
        double base = Times.median(measure.apply(times[0]));
        for (Times t : times) {
            b.append(' ').append(String.format(format, Times.median(measure.apply(t))));
        }
        b.append(" |");
        for (int i = 1; i < times.length; i++) {
            b.append(' ').append(String.format("%.2f", Times.median(measure.apply(times[i])) / base));
        }
        return b.toString();
    }
}
