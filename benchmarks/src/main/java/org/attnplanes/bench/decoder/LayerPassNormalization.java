package org.attnplanes.bench.decoder;

import org.attnplanes.app.AttnPlanes;
import org.attnplanes.testmodels.BpeTokenizerJson;
import org.attnplanes.testmodels.DecoderOnnx;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Issue 11: what the single model run per layer group saves in {@code analyze --max-memory} with the default
 * (global) normalization. Before, the first sweep over the groups only collected the weight range and the second
 * ran the model again; now the first sweep keeps each group's planes in a temporary file and the second reads them
 * back. Both ways run in the same JVM, alternating ({@code attnplanes.layerPasses.rerun=true} is the old way), on
 * a generated merged Llama-style decoder of {@code LAYERS} layers × 4 heads at {@code n} tokens, with a budget of
 * one layer per pass and cheap statistics (H0 only, cliques up to 2, no features: the model run dominates, as it
 * does for a real LLM); one unconstrained pass is the third column. Whole {@code analyze} commands in-process
 * (model open included in all three); medians.
 *
 * <pre>{@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.attnplanes.bench.decoder.LayerPassNormalization [n=512] [layers=8] [reps=7]}</pre>
 */
public final class LayerPassNormalization {

    private LayerPassNormalization() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int layers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        Path dir = Files.createTempDirectory("attnplanes-bench-norm");
        Path model = GeneratedModels.write(dir, "decoder_model_merged.onnx",
                DecoderOnnx.decoder(DecoderOnnx.Family.LLAMA, DecoderOnnx.Cache.MERGED, DecoderOnnx.Attn.PRIMITIVE, 1,
                        layers).model());
        BpeTokenizerJson.writeMetaspace(dir.resolve("tokenizer.json"));
        Path text = dir.resolve("input.txt");
        Files.writeString(text, "The cat sat on the mat. ".repeat(n / 4 + 8));
        // one layer's planes plus its copy-out fit, two layers do not: one pass per layer
        long oneLayer = 4L * DecoderOnnx.HEADS * n * n;
        String budget = Long.toString(2 * oneLayer + oneLayer / 2);
        String[] common = {"analyze", "--model", model.toString(), "--input", text.toString(), "--max-tokens",
            Integer.toString(n), "--truncate", "--normalization", "global-abs-minmax", "--max-dim", "0",
            "--max-clique", "2", "--no-features", "--thresholds", "0.5", "--threads", "1"};
        double[][] ms = new double[3][reps];
        for (int r = -1; r < reps; r++) {                 // r = -1: warm-up
            for (int k = 0; k < 3; k++) {
                int which = (r + 3 + k) % 3;
                long t0 = System.nanoTime();
                run(dir, which, common, budget);
                if (r >= 0) {
                    ms[which][r] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        for (double[] x : ms) {
            Arrays.sort(x);
        }
        int m = reps / 2;
        System.out.println("tokens layers passes rerun_ms single_run_ms one_pass_ms single/rerun");
        System.out.printf("%d %d %d %.0f %.0f %.0f %.2f%n", n, layers, layers, ms[0][m], ms[1][m], ms[2][m],
                ms[1][m] / ms[0][m]);
    }

    /** which: 0 = passes, model run twice per group; 1 = passes, once per group; 2 = one unconstrained pass. */
    private static void run(Path dir, int which, String[] common, String budget) throws Exception {
        Path out = dir.resolve("out-" + which);
        String[] args = Arrays.copyOf(common, common.length + (which == 2 ? 2 : 4));
        int i = common.length;
        if (which != 2) {
            args[i++] = "--max-memory";
            args[i++] = budget;
        }
        args[i++] = "--out";
        args[i] = out.toString();
        if (which == 0) {
            System.setProperty("attnplanes.layerPasses.rerun", "true");
        }
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code;
        try {
            code = AttnPlanes.run(args, new PrintWriter(o), new PrintWriter(e));
        } finally {
            System.clearProperty("attnplanes.layerPasses.rerun");
        }
        if (code != 0 || (which != 2) != o.toString().contains("passes over layer groups")) {
            throw new IllegalStateException("analyze exited " + code + ": " + o + e);
        }
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
