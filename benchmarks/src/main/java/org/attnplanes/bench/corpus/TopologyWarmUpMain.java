package org.attnplanes.bench.corpus;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.attnplanes.app.workbench.Analysis;
import org.attnplanes.app.workbench.TopologySettings;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Token;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;

/**
 * Whether warming the statistics up before the corpus pays (issue 16): how much of the first pass over the corpus's
 * planes is JIT warm-up (interpreted code, waiting for C1), and what a warm-up on synthetic planes (softmax rows of
 * random logits, 8–40 tokens, 12 heads per input; what {@code analyze} could run on its idle second core while the
 * model opens) costs against what it saves. The corpus is captured and its graphs built first; then, in thread CPU:
 * {@code WARM} synthetic inputs through a separate {@link Analysis}, then the corpus's statistics twice (cold and
 * warm pass), longest input first as {@code analyze} runs them. Run once per {@code WARM} in fresh JVMs with the
 * launcher's flags ({@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}).
 *
 * <pre>{@code TopologyWarmUpMain CORPUS WARM}</pre>
 */
public final class TopologyWarmUpMain {

    private TopologyWarmUpMain() {
    }

    /** Prints the warm-up's CPU and the CPU of the cold and the warm pass over the corpus. */
    public static void main(String[] args) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (!l.isBlank()) {
                lines.add(l);
            }
        }
        int warmInputs = Integer.parseInt(args[1]);
        lines.sort(Comparator.comparingInt(String::length));
        GraphSpec spec = GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).links().classifier(false).build();
        List<AttentionTrace> traces = new ArrayList<>();
        List<MultiPlanarGraph> graphs = new ArrayList<>();
        try (AttentionModel model = AttentionModel.openDefault(CaptureOptions.builder().threads(1).build())) {
            for (int i = 0; i < lines.size(); i += 8) {
                for (AttentionTrace t : model.capture(lines.subList(i, Math.min(lines.size(), i + 8)))) {
                    traces.add(t);
                    graphs.add(MultiPlanarGraph.build(t, spec));
                }
            }
        }
        Collections.reverse(traces);
        Collections.reverse(graphs);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long w0 = mx.getCurrentThreadCpuTime();
        Analysis warm = new Analysis(spec, TopologySettings.defaults(), 1);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < warmInputs; i++) {
            AttentionTrace t = synthetic(8 + i % 33, 12, rnd);
            warm.analyze(i + 1, t, MultiPlanarGraph.build(t, spec));
        }
        double warmSeconds = (mx.getCurrentThreadCpuTime() - w0) / 1e9;
        double[] pass = new double[2];
        for (int r = 0; r < 2; r++) {
            Analysis a = new Analysis(spec, TopologySettings.defaults(), 1);
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < graphs.size(); i++) {
                a.analyze(i + 1, traces.get(i), graphs.get(i));
            }
            pass[r] = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
        }
        System.out.printf("warm-up %d synthetic inputs: %.3f s; corpus statistics, cold pass %.3f s, warm pass %.3f s;"
                + " warm-up + cold pass %.3f s%n", warmInputs, warmSeconds, pass[0], pass[1], warmSeconds + pass[0]);
    }

    /** One layer of {@code heads} planes: softmax rows of random logits, more weight on the previous and first token. */
    private static AttentionTrace synthetic(int n, int heads, SplittableRandom rnd) {
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tokens.add(new Token("t" + i, i, i + 1, i == 0 || i == n - 1, i));
        }
        float[] data = new float[heads * n * n];
        double[] e = new double[n];
        for (int h = 0; h < heads; h++) {
            double temperature = 0.5 + 3 * rnd.nextDouble();
            for (int q = 0; q < n; q++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    e[k] = Math.exp(temperature * rnd.nextGaussian() + (k == q - 1 || k == 0 ? 2 : 0));
                    sum += e[k];
                }
                for (int k = 0; k < n; k++) {
                    data[(h * n + q) * n + k] = (float) (e[k] / sum);
                }
            }
        }
        return AttentionTrace.fromArray("warm-up", tokens, 1, heads, data, null, Map.of(),
                Provenance.synthetic("warm-up"));
    }
}
