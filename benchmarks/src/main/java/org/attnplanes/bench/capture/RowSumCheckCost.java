package org.attnplanes.bench.capture;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.internal.RowSums;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cost of the capture-time row-sum check (issue 12.6): for each (tokens, batch) it times
 * {@code AttentionModel.capture} on all-MiniLM-L6-v2 (which includes the check) and, in the same run, the check
 * alone ({@link RowSums#firstBadRow} over every captured plane, the exact code capture runs), and reports the
 * medians and the share of the capture time the check takes.
 *
 * <pre>{@code java -Xmx6g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.attnplanes.bench.capture.RowSumCheckCost 9}</pre>
 */
public final class RowSumCheckCost {

    private RowSumCheckCost() {
    }

    /** Prints one row per (tokens, batch). Argument: repetitions (default 9). */
    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        System.out.println("tokens batch planes capture_median_ms check_median_ms check_share");
        try (AttentionModel model = AttentionModel.openDefault(CaptureOptions.builder().threads(1).build())) {
            for (int[] tb : new int[][] {{16, 1}, {128, 1}, {128, 8}, {512, 1}}) {
                List<String> texts = BenchInputs.texts(tb[0], tb[1], 42);
                List<AttentionTrace> traces = model.capture(texts);
                List<float[]> planes = new ArrayList<>();
                List<Integer> sizes = new ArrayList<>();
                for (AttentionTrace t : traces) {
                    for (int l = 0; l < t.layers(); l++) {
                        for (int h = 0; h < t.heads(); h++) {
                            planes.add(t.attention(l, h).toArray());
                            sizes.add(t.tokenCount());
                        }
                    }
                }
                double[] capture = new double[reps];
                double[] check = new double[reps];
                int sink = 0;
                for (int w = 0; w < 3; w++) {
                    model.capture(texts);
                    sink += checkAll(planes, sizes);
                }
                for (int r = 0; r < reps; r++) {
                    long t0 = System.nanoTime();
                    model.capture(texts);
                    long t1 = System.nanoTime();
                    sink += checkAll(planes, sizes);
                    long t2 = System.nanoTime();
                    capture[r] = (t1 - t0) / 1e6;
                    check[r] = (t2 - t1) / 1e6;
                }
                if (sink != -planes.size() * (reps + 3)) {
                    throw new IllegalStateException("a MiniLM row did not sum to 1");
                }
                Arrays.sort(capture);
                Arrays.sort(check);
                double cm = capture[reps / 2];
                double km = check[reps / 2];
                System.out.printf("%d %d %d %.1f %.2f %.2f%%%n", tb[0], tb[1], planes.size(), cm, km, 100 * km / cm);
            }
        }
    }

    private static int checkAll(List<float[]> planes, List<Integer> sizes) {
        int s = 0;
        for (int i = 0; i < planes.size(); i++) {
            s += RowSums.firstBadRow(planes.get(i), sizes.get(i));
        }
        return s;
    }
}
