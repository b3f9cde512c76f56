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
import org.attnplanes.graph.layout.StressMajorizationLayout;

/**
 * The length encoding's layout of one plane: {@link StressMajorizationLayout} (SMACOF started from classical MDS,
 * what render now uses) against {@link ClassicalMdsLayout} alone (what it used before), interleaved plane by plane
 * on one thread; thread CPU time medians, the SMACOF iteration count, and for both the normalized stress
 * Σ(d − δ)² / Σδ² and the ratio of the principal axes (minor / major standard deviation: near 0 is a "needle").
 * Planes: the mean-head planes of a synthetic trace ({@link SoftmaxTraceGenerator}, logits N(0, σ²), seed 7).
 * Arguments: {@code [planes sigma sizes...]} (default 6 5 128 256 512).
 */
public final class StressLayoutBenchmark {

    private StressLayoutBenchmark() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int planes = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        double sigma = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        int[] sizes = args.length > 2 ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {128, 256, 512};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "# length layout per plane, %d planes per size, logits N(0, %.1f²), Java %s,"
                        + " load average %.1f%n", planes, sigma, System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| tokens | classical MDS ms CPU | SMACOF ms CPU (incl. its MDS start) | ratio | SMACOF"
                + " iterations | normalized stress MDS → SMACOF | principal axes ratio MDS → SMACOF |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (int n : sizes) {
            AttentionTrace t = new SoftmaxTraceGenerator(planes, 1, n, sigma).generate(7);
            List<Plane> ps = MultiPlanarGraph.build(t, GraphSpec.builder().layout(LayoutKind.LINE).links()
                    .classifier(false).build()).planes();
            ClassicalMdsLayout mds = new ClassicalMdsLayout();
            StressMajorizationLayout smacof = new StressMajorizationLayout();
            mds.layout(ps.get(0));                          // warm-up (class loading, JIT of the hot loops)
            smacof.fit(ps.get(0));
            double[] a = new double[ps.size()];
            double[] b = new double[ps.size()];
            double[] it = new double[ps.size()];
            double[] sa = new double[ps.size()];
            double[] sb = new double[ps.size()];
            double[] ra = new double[ps.size()];
            double[] rb = new double[ps.size()];
            for (int k = 0; k < ps.size(); k++) {
                long c0 = mx.getCurrentThreadCpuTime();
                double[] xy = mds.layout(ps.get(k));
                long c1 = mx.getCurrentThreadCpuTime();
                StressMajorizationLayout.Result r = smacof.fit(ps.get(k));
                long c2 = mx.getCurrentThreadCpuTime();
                a[k] = (c1 - c0) / 1e6;
                b[k] = (c2 - c1) / 1e6;
                it[k] = r.iterations();
                double[][] d = StressMajorizationLayout.distances(ps.get(k));
                double total = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        total += d[i][j] * d[i][j];
                    }
                }
                sa[k] = StressMajorizationLayout.stress(d, xy) / total;
                sb[k] = r.normalizedStress();
                ra[k] = ratio(xy);
                rb[k] = ratio(r.xy());
            }
            double ma = median(a);
            double mb = median(b);
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1fx | %.0f | %.3f → %.3f | %.2f → %.2f |%n", n, ma, mb,
                    mb / ma, median(it), median(sa), median(sb), median(ra), median(rb));
        }
    }

    private static double ratio(double[] xy) {
        double[] axes = StressMajorizationLayout.principalAxes(xy);
        return axes[0] > 0 ? Math.sqrt(axes[1] / axes[0]) : 0;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
