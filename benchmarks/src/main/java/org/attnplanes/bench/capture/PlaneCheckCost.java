package org.attnplanes.bench.capture;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.PlanePool;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.internal.RowSums;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What capture does to each plane after ONNX Runtime wrote it into a bound direct buffer (issue 16), on real
 * all-MiniLM-L6-v2 planes laid out as the runtime's output, in one run, alternating, thread CPU time per capture
 * (collections run on other threads and are not included; {@link CaptureVsPlain} has them):
 * <ol>
 *   <li>{@code copy_fresh}: the copy alone, into fresh arrays;</li>
 *   <li>{@code copy_reused}: the copy alone, into arrays reused from the previous round;</li>
 *   <li>{@code before}: what capture ran before the pool: the copy into fresh arrays, then a scan of each plane with
 *       four partial sums and eight comparisons per four values (the previous {@code ofProbabilityRows}, kept here
 *       verbatim as the baseline);</li>
 *   <li>{@code fused_fresh}: {@link AttentionMatrix#copyProbabilityRows} (copy a block of rows, check it while in
 *       cache: eight partial sums and one OR of the raw bits per value), into fresh arrays;</li>
 *   <li>{@code fused_pooled}: the same into recycled arrays, released after each capture (the path {@code analyze}
 *       takes).</li>
 * </ol>
 * Prints medians and the ratios to {@code before}.
 *
 * <pre>{@code java -Xmx6g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.attnplanes.bench.capture.PlaneCheckCost 15}</pre>
 */
public final class PlaneCheckCost {

    private PlaneCheckCost() {
    }

    /** The check capture ran before (graph-core's ofProbabilityRows up to this change), for the baseline. */
    private static void previousCheck(float[] a, int size, double tolerance) {
        final float max = AttentionTrace.MAX_PROBABILITY;
        for (int i = 0; i < size; i++) {
            int j = i * size;
            int end = j + size;
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            boolean inRange = true;
            for (; j + 3 < end; j += 4) {
                float p = a[j];
                float q = a[j + 1];
                float u = a[j + 2];
                float v = a[j + 3];
                s0 += p;
                s1 += q;
                s2 += u;
                s3 += v;
                inRange &= p >= 0f & p <= max & q >= 0f & q <= max & u >= 0f & u <= max & v >= 0f & v <= max;
            }
            for (; j < end; j++) {
                float p = a[j];
                s0 += p;
                inRange &= p >= 0f & p <= max;
            }
            double sum = ((double) s0 + s1) + ((double) s2 + s3);
            if (!(Math.abs(sum - 1) <= tolerance) || !inRange) {
                throw new IllegalStateException("a MiniLM row is not a probability row");
            }
        }
    }

    /** Prints one row per (tokens, batch). Argument: repetitions (default 15). */
    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        System.out.println("tokens batch planes | thread CPU ms per capture, medians: copy_fresh copy_reused before"
                + " fused_fresh fused_pooled | fused_fresh/before fused_pooled/before");
        try (AttentionModel model = AttentionModel.openDefault(CaptureOptions.builder().threads(1).build())) {
            for (int[] tb : new int[][] {{512, 1}, {128, 8}}) {
                List<AttentionTrace> traces = model.capture(BenchInputs.texts(tb[0], tb[1], 42));
                int n = traces.get(0).tokenCount();
                int planes = traces.size() * traces.get(0).layers() * traces.get(0).heads();
                FloatBuffer out = ByteBuffer.allocateDirect(4 * planes * n * n).order(ByteOrder.nativeOrder())
                        .asFloatBuffer();
                for (AttentionTrace t : traces) {
                    out.put(t.toArray());       // [batch, layer, head, n, n]: each plane contiguous, as one layer's output
                }
                PlanePool pool = new PlanePool(1L << 30);
                float[][] reused = new float[planes][n * n];
                double[][] ms = new double[5][reps];
                long sink = 0;
                for (int r = -3; r < reps; r++) {           // 3 warm-up rounds
                    for (int v = 0; v < 5; v++) {
                        int variant = (v + Math.max(r, 0)) % 5;     // rotate the order
                        List<AttentionMatrix> made = new ArrayList<>(planes);
                        long t0 = tm.getCurrentThreadCpuTime();
                        for (int p = 0; p < planes; p++) {
                            int off = p * n * n;
                            switch (variant) {
                                case 0 -> {
                                    float[] a = new float[n * n];
                                    out.get(off, a, 0, n * n);
                                    sink += a.length;
                                }
                                case 1 -> out.get(off, reused[p], 0, n * n);
                                case 2 -> {
                                    float[] a = new float[n * n];
                                    for (int i = 0; i < n; i++) {
                                        out.get(off + i * n, a, i * n, n);
                                    }
                                    previousCheck(a, n, RowSums.TOLERANCE);
                                    sink += a.length;
                                }
                                case 3 -> sink += AttentionMatrix.copyProbabilityRows(n, out, off, n, RowSums.TOLERANCE)
                                        .size();
                                default -> made.add(pool.copyProbabilityRows(n, out, off, n, RowSums.TOLERANCE));
                            }
                        }
                        made.forEach(pool::release);
                        long t1 = tm.getCurrentThreadCpuTime();
                        if (r >= 0) {
                            ms[variant][r] = (t1 - t0) / 1e6;
                        }
                    }
                }
                double[] med = new double[5];
                for (int v = 0; v < 5; v++) {
                    Arrays.sort(ms[v]);
                    med[v] = ms[v][reps / 2];
                }
                System.out.printf("%d %d %d | %.1f %.1f %.1f %.1f %.1f | %.2f %.2f%s%n", tb[0], tb[1], planes, med[0],
                        med[1], med[2], med[3], med[4], med[3] / med[2], med[4] / med[2], sink == 0 ? " " : "");
            }
        }
    }
}
