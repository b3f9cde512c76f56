package org.attnplanes.bench.corpus;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.CRC32C;

import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.export.Checkpoint;
import org.attnplanes.app.export.JsonExport;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.export.TidyTableWriter;
import org.attnplanes.app.workbench.Analysis;
import org.attnplanes.app.workbench.TopologySettings;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.io.Sha256;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;

/**
 * What a full {@code analyze} costs once every plane's statistics are known (issue 16): the corpus is analysed
 * once with {@code analyze}'s defaults (batches of 8 by length, one thread), then, {@code ROUNDS} times on one
 * thread, each output stage is timed in thread CPU: the checkpoint parts of all batches ({@link Checkpoint#commit}),
 * {@code planes.csv} and {@code barcodes.json} written with and without their SHA-256, and SHA-256 and CRC32C over
 * the bytes of both files. The first round is the cold one (as in a 2-second process: partly interpreted); run with
 * the launcher's flags ({@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}).
 *
 * <pre>{@code OutputStagesMain CORPUS [ROUNDS=3] [DIR=tmp]}</pre>
 */
public final class OutputStagesMain {

    private OutputStagesMain() {
    }

    /** Prints CPU milliseconds per output stage and round. */
    public static void main(String[] args) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (!l.isBlank()) {
                lines.add(l);
            }
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("output-stages");
        List<CorpusEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            entries.add(CorpusEntry.of(i + 1, lines.get(i)));
        }
        entries.sort(java.util.Comparator.comparingInt((CorpusEntry e) -> e.text().length()));
        GraphSpec spec = GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).links().classifier(false).build();
        Analysis analysis = new Analysis(spec, TopologySettings.defaults(), 1);
        List<List<CorpusEntry>> batches = new ArrayList<>();
        List<List<PlaneRecord>> batchRows = new ArrayList<>();
        List<PlaneRecord> rows = new ArrayList<>();
        try (AttentionModel model = AttentionModel.openDefault(CaptureOptions.builder().threads(1).build())) {
            for (int i = 0; i < entries.size(); i += 8) {
                List<CorpusEntry> b = entries.subList(i, Math.min(entries.size(), i + 8));
                List<PlaneRecord> r = analysis.analyzeTexts(model, b).rows();
                batches.add(b);
                batchRows.add(r);
                rows.addAll(r);
            }
        }
        rows.sort(java.util.Comparator.comparingInt(PlaneRecord::input));
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("model", "all-minilm-l6-v2.onnx");
        provenance.put("input", args[0]);
        Path csv = dir.resolve("planes.csv");
        Path json = dir.resolve("barcodes.json");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf("%d inputs, %d batches, %d rows; files in %s%n", entries.size(), batches.size(),
                rows.size(), dir);
        for (int r = 0; r < rounds; r++) {
            Map<String, Long> ns = new LinkedHashMap<>();
            Path out = dir.resolve("round" + r);
            Files.createDirectories(out);
            ns.put("checkpoint parts (" + batches.size() + ")", cpu(mx, () -> {
                Checkpoint cp = Checkpoint.open(out, Map.of("k", "v"), false);
                for (int b = 0; b < batches.size(); b++) {
                    List<Integer> done = new ArrayList<>();
                    batches.get(b).forEach(e -> done.add(e.number()));
                    cp.commit(done, batchRows.get(b), List.of());
                }
                cp.finish();
                return null;
            }));
            ns.put("planes.csv, hashed", cpu(mx, () -> TidyTableWriter.writeHashed(csv, provenance, rows)));
            ns.put("planes.csv, not hashed", cpu(mx, () -> {
                TidyTableWriter.write(csv, provenance, rows);
                return null;
            }));
            ns.put("barcodes.json, hashed", cpu(mx, () -> JsonExport.writeBarcodesHashed(json, provenance, rows)));
            ns.put("barcodes.json, not hashed", cpu(mx, () -> {
                JsonExport.writeBarcodes(json, provenance, rows);
                return null;
            }));
            byte[] a = Files.readAllBytes(csv);
            byte[] b = Files.readAllBytes(json);
            ns.put("SHA-256 of both files (" + (a.length + b.length) / 1000 + " kB)", cpu(mx, () -> {
                MessageDigest md = Sha256.digest();
                md.update(a);
                md.update(b);
                return md.digest();
            }));
            ns.put("CRC32C of both files", cpu(mx, () -> {
                CRC32C c = new CRC32C();
                c.update(a);
                c.update(b);
                return c.getValue();
            }));
            System.out.printf("round %d%n", r);
            for (Map.Entry<String, Long> e : ns.entrySet()) {
                System.out.printf("  %-40s %8.1f ms%n", e.getKey(), e.getValue() / 1e6);
            }
        }
    }

    private static long cpu(ThreadMXBean mx, Callable<?> work) throws Exception {
        long t0 = mx.getCurrentThreadCpuTime();
        work.call();
        return mx.getCurrentThreadCpuTime() - t0;
    }
}
