package org.attnplanes.bench.decoder;

import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.ModelStore;
import org.attnplanes.testmodels.DecoderOnnx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Issue 11: opening a model with fused attention ({@code com.microsoft.Attention}, {@code
 * com.microsoft.MultiHeadAttention}: rewritten into primitive ops at open, with the probe that checks the rewritten
 * outputs against the fused model run by ONNX Runtime) costs at most 1.5× opening its unfused twin (the same
 * GPT-2 decoder and weights with primitive attention). No model store (nothing cached between opens); the opens
 * alternate, {@code reps} times after a warm-up; medians.
 *
 * <pre>{@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.attnplanes.bench.decoder.FusedOpenVsUnfused 31}</pre>
 */
public final class FusedOpenVsUnfused {

    private FusedOpenVsUnfused() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 31;
        Path dir = Files.createTempDirectory("attnplanes-bench-fused");
        Path unfused = GeneratedModels.write(dir, "unfused.onnx",
                DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.NONE, DecoderOnnx.Attn.PRIMITIVE, 1)
                        .model());
        CaptureOptions o = CaptureOptions.builder().threads(1).store(ModelStore.disabled()).build();
        System.out.println("fused_op unfused_open_median_ms fused_open_median_ms ratio");
        for (DecoderOnnx.Attn a : new DecoderOnnx.Attn[] {DecoderOnnx.Attn.MS_ATTENTION, DecoderOnnx.Attn.MS_MHA}) {
            Path fused = GeneratedModels.write(dir, a + ".onnx",
                    DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.NONE, a, 1).model());
            for (int w = 0; w < 5; w++) {
                AttentionModel.open(unfused, o).close();
                AttentionModel.open(fused, o).close();
            }
            double[] u = new double[reps];
            double[] f = new double[reps];
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                AttentionModel.open(unfused, o).close();
                long t1 = System.nanoTime();
                AttentionModel.open(fused, o).close();
                long t2 = System.nanoTime();
                u[r] = (t1 - t0) / 1e6;
                f[r] = (t2 - t1) / 1e6;
            }
            Arrays.sort(u);
            Arrays.sort(f);
            System.out.printf("%s %.2f %.2f %.2f%n", a, u[reps / 2], f[reps / 2], f[reps / 2] / u[reps / 2]);
        }
    }
}
