package org.attnplanes.bench.decoder;

import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.ModelStore;
import org.attnplanes.testmodels.BartOnnx;
import org.attnplanes.testmodels.DecoderOnnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Issue 11: capture on a causal decoder costs the same as on an encoder of the same size, relative to the plain
 * model. Models of one size (hidden 32, 4 heads, 2 layers, MLP 64, generated): a GPT-2 decoder without cache
 * inputs (the encoder's structure plus a causal mask: the like-for-like decoder), the same GPT-2 with
 * {@code past_key_values} inputs, a merged Llama-style decoder ({@code If}, rotary, grouped-query K/V) and a
 * BART-style encoder. For each, {@code reps} times alternating: the unmodified file run directly in ONNX
 * Runtime (first ordinary output copied out) and {@code AttentionModel.capture(ids)} on the same ids; one intra-op
 * thread each. Prints medians, the ratio capture/plain per model, each decoder's ratio relative to the
 * encoder's (goal: within 10 %) and the absolute overhead capture − plain.
 *
 * <pre>{@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.attnplanes.bench.decoder.DecoderVsEncoderCapture 301}</pre>
 */
public final class DecoderVsEncoderCapture {

    private DecoderVsEncoderCapture() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 301;
        Path dir = Files.createTempDirectory("attnplanes-bench-dec");
        Path encoder = GeneratedModels.write(dir, "encoder_model.onnx", BartOnnx.encoder(1).model());
        Path gpt2NoCache = GeneratedModels.write(dir, "gpt2_no_cache.onnx",
                DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.NONE, 1).model());
        Path gpt2 = GeneratedModels.write(dir, "gpt2.onnx",
                DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.PAST, 1).model());
        Path llama = GeneratedModels.write(dir, "decoder_model_merged.onnx",
                DecoderOnnx.decoder(DecoderOnnx.Family.LLAMA, DecoderOnnx.Cache.MERGED, 1).model());
        System.out.println("tokens model plain_median_ms capture_median_ms ratio ratio_vs_encoder overhead_ms");
        for (int n : new int[] {16, 48}) {
            int[] ids = GeneratedModels.ids(n, BartOnnx.VOCAB, n);
            double encoderRatio = 0;
            for (Path model : new Path[] {encoder, gpt2NoCache, gpt2, llama}) {
                double[] r = measure(model, ids, reps);
                double ratio = r[1] / r[0];
                if (model == encoder) {
                    encoderRatio = ratio;
                }
                System.out.printf("%d %s %.3f %.3f %.3f %.3f %.3f%n", n, model.getFileName(), r[0], r[1], ratio,
                        ratio / encoderRatio, r[1] - r[0]);
            }
        }
    }

    /** {plain median ms, capture median ms}, alternating after a warm-up. */
    private static double[] measure(Path model, int[] ids, int reps) throws Exception {
        try (GeneratedModels.Plain plain = new GeneratedModels.Plain(model);
             AttentionModel m = AttentionModel.open(model, CaptureOptions.builder().threads(1)
                     .store(ModelStore.disabled()).build())) {
            for (int w = 0; w < 50; w++) {
                plain.run(ids);
                m.capture(ids);
            }
            double[] p = new double[reps];
            double[] c = new double[reps];
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                plain.run(ids);
                long t1 = System.nanoTime();
                m.capture(ids);
                long t2 = System.nanoTime();
                p[r] = (t1 - t0) / 1e6;
                c[r] = (t2 - t1) / 1e6;
            }
            Arrays.sort(p);
            Arrays.sort(c);
            return new double[] {p[reps / 2], c[reps / 2]};
        }
    }
}
