package org.attnplanes.bench.decoder;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.ModelStore;
import org.attnplanes.testmodels.BpeTokenizerJson;
import org.attnplanes.testmodels.DecoderOnnx;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Issue 11: peak Java heap of capturing every layer of a generated rotary decoder (merged Llama-style, {@code LAYERS}
 * layers × 4 heads (default 8), no position table, so any length) at n = 256 … 4,096 tokens, in one pass
 * ({@code capture(text)}, all layers held at once: the baseline) and in one pass per layer
 * ({@code capture(text, {l})} for each l, each group dropped before the next, as {@code --max-memory} does), then
 * at n = 2,048 against the number of passes (groups of LAYERS / k layers, every divisor k). Peak = sum of the heap
 * pools' peak usage during the capture(s) above the heap after a GC (an upper bound of the true peak); native
 * ONNX Runtime memory is not included. One thread.
 *
 * <pre>{@code java -Xmx6g -XX:+UseSerialGC -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.attnplanes.bench.decoder.LayerPassPeakHeap [LAYERS=8]}</pre>
 */
public final class LayerPassPeakHeap {

    private LayerPassPeakHeap() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("once")) {
            once(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        if (args.length == 1 && args[0].equals("min-heap")) {
            minHeap();
            return;
        }
        int layers = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Path dir = Files.createTempDirectory("attnplanes-bench-passes");
        Path model = GeneratedModels.write(dir, "decoder_model_merged.onnx",
                DecoderOnnx.decoder(DecoderOnnx.Family.LLAMA, DecoderOnnx.Cache.MERGED, DecoderOnnx.Attn.PRIMITIVE, 1,
                        layers).model());
        BpeTokenizerJson.writeMetaspace(dir.resolve("tokenizer.json"));
        System.out.println("layers tokens attention_MiB passes peak_MiB peak_ratio_vs_one_pass");
        // peak vs n: one pass against one pass per layer
        for (int n : new int[] {256, 512, 1024, 2048, 4096}) {
            measure(model, layers, n, new int[] {1, layers});
        }
        // peak vs the number of passes at n = 2,048
        int[] counts = java.util.stream.IntStream.rangeClosed(1, layers).filter(k -> layers % k == 0).toArray();
        measure(model, layers, 2048, counts);
    }

    /** Peak heap of capturing every layer at {@code n} tokens in each of the given numbers of passes. */
    private static void measure(Path model, int layers, int n, int[] passCounts) throws Exception {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        String text = "The cat sat on the mat. ".repeat(n / 4 + 8);
        try (AttentionModel m = AttentionModel.open(model, CaptureOptions.builder().threads(1).maxTokens(n)
                .truncate(true).store(ModelStore.disabled()).build())) {
            m.capture(text, new int[] {0});    // warm-up
            double attention = 4.0 * m.layers() * m.heads() * n * n / 1048576.0;
            double one = 0;
            for (int passes : passCounts) {
                int size = layers / passes;
                System.gc();
                long baseline = 0;
                for (MemoryPoolMXBean p : pools) {
                    baseline += p.getUsage().getUsed();
                    p.resetPeakUsage();
                }
                int tokens = 0;
                if (passes == 1) {
                    tokens = m.capture(text).tokenCount();
                } else {
                    for (int start = 0; start < layers; start += size) {
                        int[] group = java.util.stream.IntStream.range(start, start + size).toArray();
                        AttentionTrace t = m.capture(text, group);
                        tokens = t.tokenCount();
                        t = null;
                        System.gc();    // the group is dropped before the next, as under a heap limit
                    }
                }
                long peak = 0;
                for (MemoryPoolMXBean p : pools) {
                    peak += p.getPeakUsage().getUsed();
                }
                double mib = (peak - baseline) / 1048576.0;
                if (passes == 1) {
                    one = mib;
                }
                if (tokens != n) {
                    throw new IllegalStateException("captured " + tokens + " tokens, wanted " + n);
                }
                System.out.printf("%d %d %.0f %d %.1f %s%n", layers, n, attention, passes, mib,
                        one > 0 ? String.format("%.2f", mib / one) : "-");
            }
        }
    }

    /** One capture of n tokens in {@code passes} passes (1 or 2) in this JVM; exits non-zero when it fails. */
    private static void once(int n, int passes) throws Exception {
        Path dir = Files.createTempDirectory("attnplanes-bench-once");
        Path model = GeneratedModels.write(dir, "decoder_model_merged.onnx",
                DecoderOnnx.decoder(DecoderOnnx.Family.LLAMA, DecoderOnnx.Cache.MERGED, 1).model());
        BpeTokenizerJson.writeMetaspace(dir.resolve("tokenizer.json"));
        String text = "The cat sat on the mat. ".repeat(n / 16 + 8);
        try (AttentionModel m = AttentionModel.open(model, CaptureOptions.builder().threads(1).maxTokens(n)
                .truncate(true).store(ModelStore.disabled()).build())) {
            int tokens = 0;
            if (passes == 1) {
                tokens = m.capture(text).tokenCount();
            } else {
                for (int l = 0; l < m.layers(); l++) {
                    tokens = m.capture(text, new int[] {l}).tokenCount();
                }
            }
            if (tokens != n) {
                throw new IllegalStateException("captured " + tokens + " tokens, wanted " + n);
            }
        }
    }

    /**
     * The smallest {@code -Xmx} (in 8 % steps) with which a child JVM completes {@link #once}: the peak live heap
     * that actually matters under a limit (garbage of an earlier pass is collected when needed).
     */
    private static void minHeap() throws Exception {
        System.out.println("tokens attention_MiB min_xmx_MiB_one_pass min_xmx_MiB_two_passes ratio");
        for (int n : new int[] {256, 512, 1024, 2048, 4096}) {
            int[] need = new int[3];
            for (int passes = 1; passes <= 2; passes++) {
                int ok = 8192;
                int bad = 16;
                while (ok > bad * 1.08) {
                    int mid = (int) Math.sqrt((double) ok * bad);
                    if (runs(n, passes, mid)) {
                        ok = mid;
                    } else {
                        bad = mid;
                    }
                }
                need[passes] = ok;
            }
            System.out.printf("%d %.0f %d %d %.2f%n", n, 4.0 * 2 * 4 * n * n / 1048576.0, need[1], need[2],
                    (double) need[2] / need[1]);
        }
    }

    private static boolean runs(int n, int passes, int xmxMiB) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmxMiB + "m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LayerPassPeakHeap.class.getName(), "once", Integer.toString(n), Integer.toString(passes))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor() == 0;
    }
}