package org.attnplanes.bench.graph;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.attnplanes.graph.layout.ClassicalMdsLayout;

/**
 * Classical MDS of one plane: {@link ClassicalMdsLayout} (Lanczos for the top two eigenpairs above 64 nodes)
 * against {@link ClassicalMdsLayout#exact()} (the complete Commons Math eigen-decomposition, what every MDS layout
 * cost before), interleaved plane by plane on one thread; thread CPU time, medians, and the largest coordinate
 * difference relative to the layout's extent. Planes: the mean-head planes of a synthetic trace
 * ({@link SoftmaxTraceGenerator}, logits N(0, 5²), seed 7). Arguments: {@code [planes sizes...]} (default 6 128
 * 256 512).
 */
public final class MdsLayoutBenchmark {

    private MdsLayoutBenchmark() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int planes = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int[] sizes = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {128, 256, 512};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "# classical MDS per plane, %d planes per size, Java %s, load average %.1f%n",
                planes, System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| tokens | Lanczos ms CPU (median) | complete decomposition ms CPU (median) | ratio |"
                + " largest coordinate difference / extent |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (int n : sizes) {
            AttentionTrace t = new SoftmaxTraceGenerator(planes, 1, n, 5).generate(7);
            List<Plane> ps = MultiPlanarGraph.build(t, GraphSpec.builder().layout(LayoutKind.LINE).links()
                    .classifier(false).build()).planes();
            ClassicalMdsLayout fast = new ClassicalMdsLayout();
            ClassicalMdsLayout exact = ClassicalMdsLayout.exact();
            fast.layout(ps.get(0));                        // warm-up (class loading, JIT of the hot loops)
            exact.layout(ps.get(0));
            double[] f = new double[ps.size()];
            double[] e = new double[ps.size()];
            double worst = 0;
            for (int k = 0; k < ps.size(); k++) {
                long c0 = mx.getCurrentThreadCpuTime();
                double[] a = fast.layout(ps.get(k));
                long c1 = mx.getCurrentThreadCpuTime();
                double[] b = exact.layout(ps.get(k));
                long c2 = mx.getCurrentThreadCpuTime();
                f[k] = (c1 - c0) / 1e6;
                e[k] = (c2 - c1) / 1e6;
                double extent = 0;
                double diff = 0;
                for (int i = 0; i < a.length; i++) {
                    extent = Math.max(extent, Math.abs(b[i]));
                    diff = Math.max(diff, Math.abs(a[i] - b[i]));
                }
                worst = Math.max(worst, diff / extent);
            }
            Arrays.sort(f);
            Arrays.sort(e);
            double mf = f[f.length / 2];
            double me = e[e.length / 2];
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1fx | %.1e |%n", n, mf, me, me / mf, worst);
        }
    }
}
