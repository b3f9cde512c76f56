package org.attnplanes.bench.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;

/**
 * The capture-only baseline of {@code analyze} (issue 16): the default model opened as {@code analyze} opens it
 * for several workers (one ONNX Runtime thread each), the corpus's non-empty lines sorted by length and cut into
 * batches as {@code analyze}'s corpus runner does, every batch captured on a pool of workers and the traces
 * dropped — no graph, no statistics, no output. Run as a whole process with the launcher's JVM flags, so that
 * {@code analyze} on the same corpus, divided by this, is what the statistics cost on top of the forward passes.
 *
 * <pre>{@code CaptureOnlyMain CORPUS [BATCH=8] [WORKERS=cores]}</pre>
 */
public final class CaptureOnlyMain {

    private CaptureOnlyMain() {
    }

    /** Prints the number of inputs and traces captured. */
    public static void main(String[] args) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (!l.isBlank()) {
                lines.add(l);
            }
        }
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        lines.sort(Comparator.comparingInt(String::length));
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += batch) {
            batches.add(lines.subList(i, Math.min(lines.size(), i + batch)));
        }
        CaptureOptions options = CaptureOptions.builder().threads(workers > 1 ? 1 : 0).build();
        try (AttentionModel model = AttentionModel.openDefault(options)) {
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            List<Future<Integer>> done = new ArrayList<>();
            for (List<String> b : batches) {
                done.add(pool.submit(() -> model.capture(b).size()));
            }
            int traces = 0;
            for (Future<Integer> f : done) {
                traces += f.get();
            }
            pool.shutdown();
            System.out.println("captured " + traces + " of " + lines.size() + " inputs in " + batches.size()
                    + " batches of <= " + batch + " on " + workers + " workers");
        }
    }
}
