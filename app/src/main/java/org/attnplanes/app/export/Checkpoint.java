package org.attnplanes.app.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.attnplanes.app.cli.UserInputException;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.graph.io.AtomicFiles;

/**
 * The side files that let an interrupted {@code analyze} run continue with {@code --resume}.
 *
 * <p>They live in {@code <out>/.attnplanes-partial/}: {@code run.json} holds a fingerprint of the run's
 * settings (model, input file, graph and topology options); each finished batch adds one
 * {@code part-NNNNNNNN.json} holding its plane records, the inputs it completed and the bad inputs it
 * skipped. Every file is written atomically, so an interruption at any instant loses at most the batches
 * in flight. {@link #finish()} deletes the directory once the final outputs are written.
 *
 * <p>Thread-safe: batches may {@link #commit} concurrently.
 */
public final class Checkpoint {

    /** Name of the side directory inside the output directory. */
    public static final String DIR = ".attnplanes-partial";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path dir;
    private final Set<Integer> done = new HashSet<>();
    private final List<PlaneRecord> rows = new ArrayList<>();
    private final Map<Integer, String> skipped = new TreeMap<>();
    private int segments;

    private Checkpoint(Path dir) {
        this.dir = dir;
    }

    /**
     * One committed batch, as stored: the statistic names once per distinct schema ({@code schemas}), and per row
     * the index of its schema and its values in that order (no per-row map of names).
     */
    record Segment(List<Integer> done, List<List<String>> schemas, List<Row> rows, Map<Integer, String> skipped) {
    }

    /** One stored plane record. */
    record Row(int input, int layer, String head, int tokens, int schema, double[] values,
               List<List<double[]>> barcodes) {
    }

    private static Segment segment(List<Integer> done, List<PlaneRecord> records, Map<Integer, String> skipped) {
        List<List<String>> schemas = new ArrayList<>();
        List<StatsMap.Columns> seen = new ArrayList<>();
        List<Row> rows = new ArrayList<>(records.size());
        for (PlaneRecord r : records) {
            StatsMap s = (StatsMap) r.stats();
            int k = seen.indexOf(s.columns()); // identity: rows of one configuration share their Columns
            if (k < 0) {
                k = seen.size();
                seen.add(s.columns());
                schemas.add(s.columns().names());
            }
            double[] v = new double[s.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = s.value(i);
            }
            rows.add(new Row(r.input(), r.layer(), r.head(), r.tokens(), k, v, r.barcodes()));
        }
        return new Segment(done, schemas, rows, skipped);
    }

    private static List<PlaneRecord> records(Segment s) {
        List<StatsMap.Columns> columns = new ArrayList<>();
        for (List<String> names : s.schemas()) {
            columns.add(new StatsMap.Columns(names));
        }
        List<PlaneRecord> out = new ArrayList<>(s.rows().size());
        for (Row r : s.rows()) {
            out.add(new PlaneRecord(r.input(), r.layer(), r.head(), r.tokens(),
                    new StatsMap(columns.get(r.schema()), r.values()), r.barcodes()));
        }
        return out;
    }

    /**
     * Opens the checkpoint of an output directory.
     *
     * @param fingerprint the run's settings; a resumed run must have exactly the same
     * @param resume      whether to continue an interrupted run found there
     * @throws UserInputException when an interrupted run is present but {@code resume} is false, or when its
     *                            fingerprint differs from this run's (naming the first differing setting)
     */
    public static Checkpoint open(Path outDir, Map<String, String> fingerprint, boolean resume) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Path dir = outDir.resolve(DIR);
        Checkpoint cp = new Checkpoint(dir);
        Path runFile = dir.resolve("run.json");
        try {
            if (Files.isRegularFile(runFile)) {
                Map<String, String> old = MAPPER.readValue(runFile.toFile(), new TypeReference<LinkedHashMap<String, String>>() { });
                if (!resume) {
                    cp.load();
                    throw new UserInputException("--out " + outDir + " holds an interrupted run (" + cp.done.size()
                            + " inputs done); pass --resume to continue it, or delete " + dir + " to start over");
                }
                for (Map.Entry<String, String> e : fingerprint.entrySet()) {
                    String was = old.get(e.getKey());
                    if (!e.getValue().equals(was)) {
                        throw new UserInputException("--resume: the interrupted run in " + outDir + " used "
                                + e.getKey() + " = " + was + " but this run uses " + e.getValue()
                                + "; run with the same settings, or delete " + dir + " to start over");
                    }
                }
                cp.load();
            } else {
                Files.createDirectories(dir);
                AtomicFiles.write(runFile, out -> MAPPER.writeValue(out, fingerprint));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use checkpoint directory " + dir + ": " + e.getMessage(), e);
        }
        return cp;
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : stale) {
                Files.deleteIfExists(p); // a write cut short by a hard kill; its batch is simply redone
            }
        }
        List<Path> parts = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "part-*.json")) {
            ds.forEach(parts::add);
        }
        parts.sort(Comparator.naturalOrder());
        for (Path p : parts) {
            Segment s;
            try {
                s = MAPPER.readValue(p.toFile(), Segment.class);
            } catch (IOException | RuntimeException e) {
                throw new UserInputException("cannot read " + p + " of the interrupted run (damaged, or written by"
                        + " another version of attnplanes); delete " + dir + " to start over");
            }
            done.addAll(s.done());
            rows.addAll(records(s));
            skipped.putAll(s.skipped());
            String name = p.getFileName().toString();
            int id = Integer.parseInt(name.substring("part-".length(), name.length() - ".json".length()));
            segments = Math.max(segments, id + 1);
        }
    }

    /** Inputs already completed (analysed or skipped as bad) by earlier batches. */
    public synchronized Set<Integer> done() {
        return Set.copyOf(done);
    }

    /** Plane records of every committed batch, in commit order. */
    public synchronized List<PlaneRecord> rows() {
        return List.copyOf(rows);
    }

    /** Bad inputs skipped so far: number → problem, by number. */
    public synchronized Map<Integer, String> skipped() {
        return new TreeMap<>(skipped);
    }

    /** Atomically records one finished batch. */
    public void commit(List<Integer> batchDone, List<PlaneRecord> batchRows, List<CorpusEntry> batchSkipped) {
        Map<Integer, String> sk = new TreeMap<>();
        for (CorpusEntry e : batchSkipped) {
            sk.put(e.number(), e.problem());
        }
        Segment s = segment(List.copyOf(batchDone), batchRows, sk);
        int id;
        synchronized (this) {
            id = segments++;
        }
        Path file = dir.resolve(String.format("part-%08d.json", id));
        AtomicFiles.write(file, out -> MAPPER.writeValue(out, s));
        synchronized (this) {
            done.addAll(batchDone);
            rows.addAll(batchRows);
            skipped.putAll(sk);
        }
    }

    /** Deletes the side directory (call after the final outputs are written). */
    public void finish() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove checkpoint directory " + dir + ": " + e.getMessage(), e);
        }
    }

}
