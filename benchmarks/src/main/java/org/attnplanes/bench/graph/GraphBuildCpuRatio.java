package org.attnplanes.bench.graph;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Symmetrization;

/**
 * A companion to {@link GraphBuildBenchmark} for a loaded, shared machine: it interleaves the copy baseline
 * and the two builds round by round on one thread and reports the median <em>thread CPU time</em> and the
 * allocated bytes per operation (HotSpot's {@code com.sun.management.ThreadMXBean}), so that other processes
 * competing for the cores do not distort the ratio as much as they distort wall time.
 *
 * <p>Run: {@code java -cp "benchmarks/target/attnplanes-benchmarks-*.jar:$(cat benchmarks/target/classpath.txt)"
 * org.attnplanes.bench.graph.GraphBuildCpuRatio 512 30}.
 */
public final class GraphBuildCpuRatio {

    private GraphBuildCpuRatio() {
    }

    /**
     * @param args tokens (default 512), measured rounds (default 30); 10 warm-up rounds come first
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        AttentionTrace trace = GraphBuildBenchmark.syntheticTrace(42, 12, 12, n);
        GraphSpec.Builder base = GraphSpec.builder().headReduction(HeadReduction.MEAN)
                .symmetrization(Symmetrization.SUM).links(LinkKind.RESIDUAL);
        GraphSpec unpruned = base.build();
        GraphSpec pruned = base.topK(8).build();
        com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        String[] names = {"copyBaseline", "buildUnpruned", "buildTopK8"};
        double[][] cpu = new double[3][rounds];
        double[][] bytes = new double[3][rounds];
        long sink = 0;
        for (int r = -10; r < rounds; r++) {
            for (int k = 0; k < 3; k++) {
                long c0 = bean.getCurrentThreadCpuTime();
                long b0 = bean.getThreadAllocatedBytes(id);
                if (k == 0) {
                    for (int l = 0; l < trace.layers(); l++) {
                        for (int h = 0; h < trace.heads(); h++) {
                            sink += trace.attention(l, h).toArray().length;
                        }
                    }
                } else {
                    sink += MultiPlanarGraph.build(trace, k == 1 ? unpruned : pruned).planes().get(0).edges().size();
                }
                long c1 = bean.getCurrentThreadCpuTime();
                long b1 = bean.getThreadAllocatedBytes(id);
                if (r >= 0) {
                    cpu[k][r] = (c1 - c0) / 1e6;
                    bytes[k][r] = b1 - b0;
                }
            }
        }
        double base0 = median(cpu[0]);
        System.out.printf("tokens = %d, 12 layers x 12 heads, %d rounds (sink %d)%n", n, rounds, sink);
        for (int k = 0; k < 3; k++) {
            System.out.printf("%-14s median CPU %8.1f ms/op  (x%.2f of copy)  allocated %8.1f MB/op%n", names[k],
                    median(cpu[k]), median(cpu[k]) / base0, median(bytes[k]) / 1e6);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
