package org.attnplanes.bench.research;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.attnplanes.topology.divergence.CrossBarcodes;
import org.attnplanes.topology.divergence.MTopDiv;
import org.attnplanes.topology.filtration.DistanceMatrix;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.attnplanes.topology.persistence.RipsPersistence;

/**
 * Two timings of the research features, in one fresh JVM (one thread, CPU time of the thread, since the machine
 * is shared; inputs built outside the timed region):
 *
 * <pre>
 * java -cp … org.attnplanes.bench.research.ResearchMain mtopdiv [TOKENS=512] [PROMPT=384] [PASSES=10]
 * java -cp … org.attnplanes.bench.research.ResearchMain cross [TOKENS=128] [PAIRS=5] [PASSES=5] [EXPORT.bin]
 * </pre>
 *
 * <p>{@code mtopdiv}: MTop-Div of all 144 heads of a 12 × 12 decoder-shaped input (causal row-softmax
 * attention of N(0, 2²) logits), per input: first pass (cold) and the median of the later passes.
 * {@code cross}: the R-Cross-Barcode H0–H1 of pairs of planes (d = 1 − max(w_ij, w_ji) of two softmax heads
 * over the same tokens), first pass and median of later passes per pair; optionally exports the float32
 * matrices (int n, int pairs, then r1, r2 row-major per pair) and prints our bar counts for the peer.
 */
public final class ResearchMain {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private ResearchMain() {
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws IOException {
        String mode = args.length > 0 ? args[0] : "mtopdiv";
        if (mode.equals("mtopdiv")) {
            mtopdiv(arg(args, 1, 512), arg(args, 2, 384), arg(args, 3, 10));
        } else if (mode.equals("cross")) {
            cross(arg(args, 1, 128), arg(args, 2, 5), arg(args, 3, 5), args.length > 4 ? Path.of(args[4]) : null);
        } else {
            throw new IllegalArgumentException("mode = " + mode + " must be mtopdiv or cross");
        }
    }

    private static int arg(String[] args, int i, int dflt) {
        return args.length > i ? Integer.parseInt(args[i]) : dflt;
    }

    static AttentionMatrix softmax(int n, Random r, boolean causal, double sigma) {
        return AttentionMatrix.of(n, SoftmaxTraceGenerator.softmaxRows(n, sigma, causal, r));
    }

    private static void mtopdiv(int tokens, int prompt, int passes) {
        Random r = new Random(1);
        AttentionMatrix[][] heads = new AttentionMatrix[12][12];
        for (AttentionMatrix[] layer : heads) {
            for (int h = 0; h < layer.length; h++) {
                layer[h] = softmax(tokens, r, true, 2);
            }
        }
        double[] ms = new double[passes];
        double check = 0;
        for (int p = 0; p < passes; p++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            double[][] s = MTopDiv.scores(heads, prompt);
            ms[p] = (CPU.getCurrentThreadCpuTime() - t0) / 1e6;
            check += s[0][0];
        }
        System.out.printf(Locale.ROOT, "mtopdiv: 12 x 12 heads, %d tokens (prompt %d, response %d): first pass %.1f ms,"
                + " later passes median %.1f ms per input (check %.6f)%n", tokens, prompt, tokens - prompt, ms[0],
                median(Arrays.copyOfRange(ms, 1, Math.max(2, passes))), check / passes);
        // baseline: what the published code does — build the distance matrix, run an H0 persistence computation
        int base = Math.max(2, passes / 3);
        double[] bms = new double[base];
        for (int p = 0; p < base; p++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            double sum = 0;
            for (AttentionMatrix[] layer : heads) {
                for (AttentionMatrix a : layer) {
                    sum += h0Total(a, prompt) / (tokens - prompt);
                }
            }
            bms[p] = (CPU.getCurrentThreadCpuTime() - t0) / 1e6;
            check += sum * 0;
        }
        double mst = median(Arrays.copyOfRange(ms, 1, Math.max(2, passes)));
        double per = median(Arrays.copyOfRange(bms, 1, base));
        System.out.printf(Locale.ROOT, "baseline (published matrix + H0 persistence run, RipsPersistence(0)): first pass"
                + " %.1f ms, later passes median %.1f ms per input; ratio %.1fx%n", bms[0], per, per / mst);
    }

    /** The published construction: d = 1 − max(w, 0), diag 0, min(d, dᵀ), prompt block 0; H0 total by persistence. */
    static double h0Total(AttentionMatrix a, int p) {
        int n = a.size();
        float[] lower = new float[n * (n - 1) / 2];
        int k = 0;
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                lower[k++] = i < p ? 0f : Math.min(1f - Math.max(a.weight(i, j), 0f), 1f - Math.max(a.weight(j, i), 0f));
            }
        }
        Barcodes b = new RipsPersistence(0).compute(Filtration.fromDistances(DistanceMatrix.fromLowerTriangular(n, lower)));
        double s = 0;
        for (PersistenceInterval iv : b.intervals(0)) {
            if (!iv.isEssential()) {
                s += iv.death() - iv.birth();
            }
        }
        return s;
    }

    static DistanceMatrix plane(int n, Random r) {
        AttentionMatrix a = softmax(n, r, false, 2);
        float[][] d = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i][j] = i == j ? 0f : 1f - Math.max(a.weight(i, j), a.weight(j, i));
            }
        }
        return DistanceMatrix.fromFull(d);
    }

    private static void cross(int n, int pairs, int passes, Path export) throws IOException {
        Random r = new Random(2);
        DistanceMatrix[][] in = new DistanceMatrix[pairs][2];
        for (DistanceMatrix[] pair : in) {
            pair[0] = plane(n, r);
            pair[1] = plane(n, r);
        }
        if (export != null) {
            try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(export))) {
                o.writeInt(n);
                o.writeInt(pairs);
                for (DistanceMatrix[] pair : in) {
                    for (DistanceMatrix d : pair) {
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < n; j++) {
                                o.writeFloat(i == j ? 0f : d.distance(i, j));
                            }
                        }
                    }
                }
            }
        }
        double[] perPair = new double[passes];
        StringBuilder counts = new StringBuilder();
        for (int p = 0; p < passes; p++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            for (int q = 0; q < pairs; q++) {
                CrossBarcodes.Result res = CrossBarcodes.crossBarcodes(in[q][0], in[q][1],
                        CrossBarcodes.Normalization.NONE, 1);
                if (p == 0) {
                    counts.append(' ').append(res.barcodes().dimension(0).size() - res.barcodes().dimension(0)
                            .essentialCount()).append('/').append(res.h1Count());
                }
            }
            perPair[p] = (CPU.getCurrentThreadCpuTime() - t0) / 1e6 / pairs;
        }
        System.out.printf(Locale.ROOT, "cross: %d-token planes (%d-point cross-filtration), H0-H1, %d pairs: first pass"
                + " %.1f ms, later passes median %.1f ms per pair%n", n, 2 * n, pairs, perPair[0],
                median(Arrays.copyOfRange(perPair, 1, Math.max(2, passes))));
        System.out.println("finite bars H0/H1 per pair:" + counts);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
