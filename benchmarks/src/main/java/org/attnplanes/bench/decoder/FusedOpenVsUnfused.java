package org.attnplanes.bench.decoder;

import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.ModelStore;
import org.attnplanes.testmodels.DecoderOnnx;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Issue 11: opening a model with fused attention ({@code com.microsoft.Attention}, {@code
 * com.microsoft.MultiHeadAttention}: rewritten into primitive ops at open, with the probe that checks the rewritten
 * outputs against the fused model run by ONNX Runtime) costs at most 1.5× opening its unfused twin (the same
 * GPT-2 decoder and weights with primitive attention). No model store (nothing cached between opens); the opens
 * alternate (which one goes first alternates too), {@code reps} times after a warm-up; median wall time and mean
 * process CPU time (a mean: the process clock ticks in 10 ms steps) (all threads: the rewrite check's reference session is created on its own thread while the
 * rewritten session is created, so the fused open's CPU time exceeds its wall time on an idle machine).
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
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.println("fused_op unfused_open_median_ms fused_open_median_ms wall_ratio "
                + "unfused_cpu_mean_ms fused_cpu_mean_ms cpu_ratio");
        for (DecoderOnnx.Attn a : new DecoderOnnx.Attn[] {DecoderOnnx.Attn.MS_ATTENTION, DecoderOnnx.Attn.MS_MHA}) {
            Path fused = GeneratedModels.write(dir, a + ".onnx",
                    DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.NONE, a, 1).model());
            for (int w = 0; w < 5; w++) {
                AttentionModel.open(unfused, o).close();
                AttentionModel.open(fused, o).close();
            }
            double[][] wall = new double[2][reps];
            double[][] cpu = new double[2][reps];
            Path[] models = {unfused, fused};
            for (int r = 0; r < reps; r++) {
                for (int k = 0; k < 2; k++) {
                    int which = (r + k) % 2;
                    long c0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    AttentionModel.open(models[which], o).close();
                    wall[which][r] = (System.nanoTime() - t0) / 1e6;
                    cpu[which][r] = (os.getProcessCpuTime() - c0) / 1e6;
                }
            }
            for (double[] x : wall) {
                Arrays.sort(x);
            }
            double cpuUnfused = Arrays.stream(cpu[0]).average().orElseThrow();
            double cpuFused = Arrays.stream(cpu[1]).average().orElseThrow();
            int m = reps / 2;
            System.out.printf("%s %.2f %.2f %.2f %.2f %.2f %.2f%n", a, wall[0][m], wall[1][m], wall[1][m] / wall[0][m],
                    cpuUnfused, cpuFused, cpuFused / cpuUnfused);
        }
    }
}
