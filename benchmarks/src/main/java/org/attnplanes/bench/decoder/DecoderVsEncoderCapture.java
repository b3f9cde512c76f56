package org.attnplanes.bench.decoder;

import ai.onnx.proto.OnnxMl.ModelProto;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.ModelStore;
import org.attnplanes.testmodels.BartOnnx;
import org.attnplanes.testmodels.DecoderOnnx;
import org.attnplanes.testmodels.OrtDebugRun;
import org.attnplanes.testmodels.Seq2SeqModels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Issue 11: capture on a causal decoder costs the same as on an encoder of the same size, relative to the plain
 * model. Models of one size (hidden 32, 4 heads, 2 layers, MLP 64, generated): a GPT-2 decoder without cache
 * inputs (the encoder's structure plus a causal mask: the like-for-like decoder), the same GPT-2 with
 * {@code past_key_values} inputs, a merged Llama-style decoder ({@code If}, rotary, grouped-query K/V) and a
 * BART-style encoder. For each, {@code reps} times alternating: the unmodified file run directly in ONNX
 * Runtime (first ordinary output copied out) and {@code AttentionModel.capture(ids)} on the same ids; one intra-op
 * thread each. Prints medians, the ratio capture/plain per model, each decoder's ratio relative to the
 * encoder's (goal: within 10 %) and the absolute overhead capture − plain. A third timing, "exposed", splits that
 * overhead: the same file with its Softmax outputs added as graph outputs, run directly in ONNX Runtime and every
 * one of them copied out with the first ordinary output (what any capture must at least pay); capture − exposed is
 * then the capture code's own cost. Not for the merged decoder, whose Softmax nodes sit in an {@code If} branch.
 * Arguments: reps, then the token counts (default 16 48).
 *
 * <pre>{@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.attnplanes.bench.decoder.DecoderVsEncoderCapture 301 16 48}</pre> (at most 48 tokens: the generated BART encoder's position table)
 */
public final class DecoderVsEncoderCapture {

    /** Warm-up runs of each timing before its measured runs (and of every model before the first measurement). */
    private static final int WARM_UP = 1000;

    private DecoderVsEncoderCapture() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 301;
        int[] sizes = args.length > 1 ? new int[args.length - 1] : new int[] {16, 48};
        for (int i = 1; i < args.length; i++) {
            sizes[i - 1] = Integer.parseInt(args[i]);
        }
        Path dir = Files.createTempDirectory("attnplanes-bench-dec");
        Seq2SeqModels.Encoder bart = BartOnnx.encoder(1);
        DecoderOnnx.Generated noCache = DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.NONE, 1);
        DecoderOnnx.Generated past = DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.PAST, 1);
        Path encoder = GeneratedModels.write(dir, "encoder_model.onnx", bart.model());
        Path gpt2NoCache = GeneratedModels.write(dir, "gpt2_no_cache.onnx", noCache.model());
        Path gpt2 = GeneratedModels.write(dir, "gpt2.onnx", past.model());
        Map<Path, ModelProto> protos = Map.of(encoder, bart.model(), gpt2NoCache, noCache.model(), gpt2, past.model());
        Map<Path, List<String>> softmax = Map.of(encoder, bart.selfSoftmax(), gpt2NoCache, noCache.softmaxOutputs(),
                gpt2, past.softmaxOutputs());
        Path llama = GeneratedModels.write(dir, "decoder_model_merged.onnx",
                DecoderOnnx.decoder(DecoderOnnx.Family.LLAMA, DecoderOnnx.Cache.MERGED, 1).model());
        for (int n : sizes) {
            if (n < 1 || n > BartOnnx.POSITIONS) {
                System.err.println("token count " + n + " is not allowed: the generated BART encoder takes 1 to "
                        + BartOnnx.POSITIONS + " tokens (its position table)");
                System.exit(2);
            }
        }
        // the capture code is shared by all models: warm the JIT on every model before the first measurement, so
        // the model measured first (the encoder) does not pay for compiling it (it did before: 0.1 ms a capture)
        for (Path model : new Path[] {encoder, gpt2NoCache, gpt2, llama}) {
            for (int n : sizes) {
                measure(model, null, List.of(), GeneratedModels.ids(n, BartOnnx.VOCAB, n), WARM_UP);
            }
        }
        System.out.println("tokens model plain_median_ms capture_median_ms ratio ratio_vs_encoder overhead_ms"
                + " exposed_median_ms capture_minus_exposed_ms");
        for (int n : sizes) {
            int[] ids = GeneratedModels.ids(n, BartOnnx.VOCAB, n);
            double encoderRatio = 0;
            for (Path model : new Path[] {encoder, gpt2NoCache, gpt2, llama}) {
                double[] r = measure(model, protos.get(model), softmax.get(model), ids, reps);
                double ratio = r[1] / r[0];
                if (model == encoder) {
                    encoderRatio = ratio;
                }
                System.out.printf("%d %s %.3f %.3f %.3f %.3f %.3f %s %s%n", n, model.getFileName(), r[0], r[1],
                        ratio, ratio / encoderRatio, r[1] - r[0], Double.isNaN(r[2]) ? "-" : String.format("%.3f", r[2]),
                        Double.isNaN(r[2]) ? "-" : String.format("%.3f", r[1] - r[2]));
            }
        }
    }

    /**
     * {plain median ms, capture median ms, exposed median ms or NaN without {@code proto}}, alternating after a
     * warm-up.
     */
    private static double[] measure(Path model, ModelProto proto, List<String> softmax, int[] ids, int reps)
            throws Exception {
        try (GeneratedModels.Plain plain = new GeneratedModels.Plain(model);
             OrtDebugRun exposed = proto == null ? null : OrtDebugRun.open(proto, softmax);
             AttentionModel m = AttentionModel.open(model, CaptureOptions.builder().threads(1)
                     .store(ModelStore.disabled()).build())) {
            List<String> wanted = new ArrayList<>();
            if (exposed != null) {
                wanted.add(exposed.firstOutput());
                wanted.addAll(softmax);
            }
            for (int w = 0; w < WARM_UP; w++) {
                plain.run(ids);
                m.capture(ids);
                if (exposed != null) {
                    exposed.outputs(wanted, OrtDebugRun.firstStep(ids));     // as Plain.run
                }
            }
            double[] p = new double[reps];
            double[] c = new double[reps];
            double[] e = new double[reps];
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                plain.run(ids);
                long t1 = System.nanoTime();
                m.capture(ids);
                long t2 = System.nanoTime();
                if (exposed != null) {
                    exposed.outputs(wanted, OrtDebugRun.firstStep(ids));     // as Plain.run
                }
                long t3 = System.nanoTime();
                p[r] = (t1 - t0) / 1e6;
                c[r] = (t2 - t1) / 1e6;
                e[r] = (t3 - t2) / 1e6;
            }
            Arrays.sort(p);
            Arrays.sort(c);
            Arrays.sort(e);
            return new double[] {p[reps / 2], c[reps / 2], exposed == null ? Double.NaN : e[reps / 2]};
        }
    }
}
