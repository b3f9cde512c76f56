package org.attnplanes.bench.capture;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Peak Java heap of one 512-token capture on all-MiniLM-L6-v2: heap after the model is open and a warm-up
 * capture is done (baseline), then the sum of the heap pools' peak usage during one more capture. The sum
 * of per-pool peaks is an upper bound of the true peak. Native (ONNX Runtime) memory is not included.
 *
 * <pre>{@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.attnplanes.bench.capture.CapturePeakHeap}</pre>
 */
public final class CapturePeakHeap {

    private CapturePeakHeap() {
    }

    /** Prints baseline and peak heap in MiB. */
    public static void main(String[] args) {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        String text = BenchInputs.texts(tokens, 1, 42).get(0);
        try (AttentionModel model = AttentionModel.openDefault(CaptureOptions.builder().threads(1).build())) {
            model.capture(text);
            System.gc();
            List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            long baseline = 0;
            for (MemoryPoolMXBean p : pools) {
                baseline += p.getUsage().getUsed();
                p.resetPeakUsage();
            }
            AttentionTrace t = model.capture(text);
            long peak = 0;
            for (MemoryPoolMXBean p : pools) {
                peak += p.getPeakUsage().getUsed();
            }
            long traceBytes = 4L * t.layers() * t.heads() * t.tokenCount() * t.tokenCount();
            System.out.printf("tokens=%d baseline=%.1f MiB peak=%.1f MiB peak-baseline=%.1f MiB "
                            + "attention payload=%.1f MiB%n", t.tokenCount(), baseline / 1048576.0, peak / 1048576.0,
                    (peak - baseline) / 1048576.0, traceBytes / 1048576.0);
        }
    }
}
