package org.attnplanes.bench.capture;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.internal.RowSums;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What capture does to each plane after ONNX Runtime wrote it (issue 16), on real all-MiniLM-L6-v2 planes, in one
 * run, alternating, thread CPU time: the copy into a fresh array alone; the checks as capture ran them before
 * (a row-sum scan, {@link RowSums#firstBadRow}, then {@link AttentionMatrix#ofProbabilities}'s range scan); and the
 * one pass that does both ({@link AttentionMatrix#ofProbabilityRows}, what capture runs now). Each variant starts
 * from a fresh copy, as capture does. Prints medians and the ratio one-pass / two-pass.
 *
 * <pre>{@code java -Xmx6g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.attnplanes.bench.capture.PlaneCheckCost 15}</pre>
 */
public final class PlaneCheckCost {

    private PlaneCheckCost() {
    }

    /** Prints one row per (tokens, batch). Argument: repetitions (default 15). */
    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        System.out.println("tokens batch planes copy_ms two_pass_ms one_pass_ms one/two (checks incl. copy)"
                + " one/two (checks alone)");
        try (AttentionModel model = AttentionModel.openDefault(CaptureOptions.builder().threads(1).build())) {
            for (int[] tb : new int[][] {{512, 1}, {128, 8}}) {
                List<float[]> planes = new ArrayList<>();
                List<Integer> sizes = new ArrayList<>();
                for (AttentionTrace t : model.capture(BenchInputs.texts(tb[0], tb[1], 42))) {
                    for (int l = 0; l < t.layers(); l++) {
                        for (int h = 0; h < t.heads(); h++) {
                            planes.add(t.attention(l, h).toArray());
                            sizes.add(t.tokenCount());
                        }
                    }
                }
                double[] copy = new double[reps];
                double[] two = new double[reps];
                double[] one = new double[reps];
                long sink = 0;
                for (int r = -3; r < reps; r++) {           // 3 warm-up rounds
                    long t0 = tm.getCurrentThreadCpuTime();
                    for (float[] p : planes) {
                        sink += p.clone().length;
                    }
                    long t1 = tm.getCurrentThreadCpuTime();
                    for (int i = 0; i < planes.size(); i++) {
                        float[] p = planes.get(i).clone();
                        int n = sizes.get(i);
                        if (RowSums.firstBadRow(p, n) >= 0) {
                            throw new IllegalStateException("a MiniLM row did not sum to 1");
                        }
                        sink += AttentionMatrix.ofProbabilities(n, p).size();
                    }
                    long t2 = tm.getCurrentThreadCpuTime();
                    for (int i = 0; i < planes.size(); i++) {
                        sink += AttentionMatrix.ofProbabilityRows(sizes.get(i), planes.get(i).clone(),
                                RowSums.TOLERANCE).size();
                    }
                    long t3 = tm.getCurrentThreadCpuTime();
                    if (r >= 0) {
                        copy[r] = (t1 - t0) / 1e6;
                        two[r] = (t2 - t1) / 1e6;
                        one[r] = (t3 - t2) / 1e6;
                    }
                }
                Arrays.sort(copy);
                Arrays.sort(two);
                Arrays.sort(one);
                double c = copy[reps / 2];
                double a = two[reps / 2];
                double b = one[reps / 2];
                System.out.printf("%d %d %d %.1f %.1f %.1f %.2f %.2f%s%n", tb[0], tb[1], planes.size(), c, a, b, b / a,
                        (b - c) / Math.max(a - c, 1e-9), sink == 0 ? " " : "");
            }
        }
    }
}
