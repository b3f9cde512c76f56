package org.attnplanes.app.export;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.graph.io.AtomicFiles;

/**
 * The side files that let an interrupted {@code analyze} run continue with {@code --resume}.
 *
 * <p>They live in {@code <out>/.attnplanes-partial/}: {@code run.json} holds a fingerprint of the run's
 * settings (model, input file, graph and topology options) and the run's random id; each finished batch adds one
 * {@code part-NNNNNNNN.bin} (a compact binary format private to this class) holding its plane records, the
 * inputs it completed and the bad inputs it skipped. Every file is written atomically, so an interruption at any
 * instant loses at most the batches in flight. {@link #finish()} deletes the directory once the final outputs are
 * written.
 *
 * <p>Each part carries its own manifest entry: the run id, its own part number and, last, a CRC-32C checksum of
 * everything before it (versions 3 and 4: a SHA-256). A resumed run uses only the parts that are provably its own
 * and whole; a part that is truncated or altered (checksum), that belongs to another run (id: another run's settings, or the same settings run
 * again), or that is a copy of another part under a new name (number) is {@linkplain #ignored() ignored with one
 * sentence}, and its inputs are analysed again. Two accepted parts that hold the same input (which only a bug
 * could write) stop the run: their union would have duplicate rows.
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
    private final java.util.concurrent.atomic.LongAdder commitNanos = new java.util.concurrent.atomic.LongAdder();

    private final Map<String, String> fingerprint;
    private String runId = java.util.UUID.randomUUID().toString();
    private final List<String> ignored = new ArrayList<>();
    private boolean started;
    /** Which part file holds each completed input (to name both files when a part repeats an input). */
    private final Map<Integer, String> partOf = new HashMap<>();

    private Checkpoint(Path dir, Map<String, String> fingerprint) {
        this.dir = dir;
        this.fingerprint = fingerprint;
    }

    /**
     * Format tag of a part file: "APP5" (attnplanes partial, version 5: as version 4, with a CRC-32C trailer instead
     * of the SHA-256: the check against a truncated or damaged part is the same, and CRC-32C is a processor
     * instruction where SHA-256 runs as interpreted or C1-compiled Java at ≈ 150 MB/s under the launcher's flags).
     */
    private static final int PART_MAGIC = 0x41505035;
    /** Version 4: as version 3, with every value that is exactly a float32 stored in 4 bytes. Still read. */
    private static final int PART_MAGIC_V4 = 0x41505034;
    /** Version 3: run id, part number, SHA-256 trailer; every value in 8 bytes. Still read. */
    private static final int PART_MAGIC_V3 = 0x41505033;
    /** Version 2 (before this session's parts carried run id and hash): rows carry their block. */
    private static final int PART_MAGIC_V2 = 0x41505032;
    /** Version 1 (before encoder–decoders): rows of a single model, block {@code self}. */
    private static final int PART_MAGIC_V1 = 0x41505031;
    /** Key of the run id in {@code run.json} (next to the fingerprint). */
    private static final String RUN_ID = "run_id";
    private static final int SHA256_BYTES = 32;
    private static final int CRC32C_BYTES = 4;

    /**
     * Writes one committed batch in the binary part format (big-endian, {@link DataOutputStream}): the tag, the
     * run id and the part's number; the completed input numbers; the statistic schemas (names once per distinct schema); per row input, layer,
     * head, block, tokens, schema index, the values in schema order ({@link #writeValues}) and the barcodes (per
     * dimension the number of bars, whether they are stored as float32, and the bars as birth, death pairs); the
     * skipped inputs with their problems; last the CRC-32C of all bytes before it (4 bytes).
     */
    private static void writePart(java.io.OutputStream raw, String runId, int number, List<Integer> done,
                                  List<PlaneRecord> records, Map<Integer, String> skipped) throws IOException {
        // built in memory, hashed in one call, written in one block
        PartBuffer out = new PartBuffer(estimate(records));
        out.writeInt(PART_MAGIC);
        out.writeUTF(runId);
        out.writeInt(number);
        out.writeInt(done.size());
        for (int d : done) {
            out.writeInt(d);
        }
        List<StatsMap.Columns> schemas = new ArrayList<>();
        int[] schemaOf = new int[records.size()];
        for (int r = 0; r < records.size(); r++) {
            StatsMap.Columns c = ((StatsMap) records.get(r).stats()).columns();
            int k = schemas.indexOf(c); // identity: rows of one configuration share their Columns
            if (k < 0) {
                k = schemas.size();
                schemas.add(c);
            }
            schemaOf[r] = k;
        }
        out.writeInt(schemas.size());
        for (StatsMap.Columns c : schemas) {
            out.writeInt(c.size());
            for (String name : c.names()) {
                out.writeUTF(name);
            }
        }
        out.writeInt(records.size());
        for (int r = 0; r < records.size(); r++) {
            PlaneRecord rec = records.get(r);
            StatsMap s = (StatsMap) rec.stats();
            out.writeInt(rec.input());
            out.writeInt(rec.layer());
            out.writeUTF(rec.head());
            out.writeUTF(rec.block());
            out.writeInt(rec.tokens());
            out.writeInt(schemaOf[r]);
            writeValues(out, s);
            Bars bars = (Bars) rec.barcodes();
            out.writeInt(bars.size());
            for (int k = 0; k < bars.size(); k++) {
                double[] ends = bars.get(k).ends();     // birth0, death0, birth1, ...
                out.writeInt(ends.length / 2);
                boolean floats = true;      // bar ends are float32 values (1 - w): 4 bytes each
                for (int i = 0; floats && i < ends.length; i++) {
                    floats = isFloat(ends[i]);
                }
                out.writeByte(floats ? 1 : 0);
                if (floats) {
                    out.writeFloats(ends);
                } else {
                    for (double v : ends) {
                        out.writeDouble(v);
                    }
                }
            }
        }
        out.writeInt(skipped.size());
        for (Map.Entry<Integer, String> e : skipped.entrySet()) {
            out.writeInt(e.getKey());
            out.writeUTF(e.getValue());
        }
        out.writeInt(crc32c(out.array(), 0, out.size()));
        out.writeTo(raw);
    }

    private static int crc32c(byte[] bytes, int off, int len) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, off, len);
        return (int) crc.getValue();
    }

    /**
     * A row's values: a bit mask (bit i set: value i is exactly a float32, e.g. every count, and is stored in 4
     * bytes), then the values in order, 4 or 8 bytes each.
     */
    private static void writeValues(PartBuffer out, StatsMap s) {
        out.writeMostlyFloats(s.valueArray());
    }

    /** Whether {@code v} reads back from a float32 as the same double (NaN: any NaN reads back as NaN). */
    private static boolean isFloat(double v) {
        return (double) (float) v == v || v != v;
    }

    /** Reads {@code n} values written by {@link #writeValues}, or by version 3 and before (8 bytes each). */
    private static double[] readValues(DataInputStream in, int n, int version) throws IOException {
        double[] values = new double[n];
        if (version < 4) {
            for (int i = 0; i < n; i++) {
                values[i] = in.readDouble();
            }
            return values;
        }
        byte[] mask = new byte[(n + 7) >>> 3];
        in.readFully(mask);
        for (int i = 0; i < n; i++) {
            values[i] = (mask[i >>> 3] >> (i & 7) & 1) != 0 ? in.readFloat() : in.readDouble();
        }
        return values;
    }

    /** Bytes a part of these rows will take, roughly (≈ 0.8 KiB per row of analyze's default; grows if needed). */
    private static int estimate(List<PlaneRecord> records) {
        return (int) Math.min(1024 + 1024L * records.size(), 1 << 30);
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Checks one part file before its rows are used: the body to parse (after the header), or null with one
     * sentence added to {@link #ignored} when the part is not provably this run's and whole.
     */
    private DataInputStream acceptedBody(byte[] bytes, String part, int number) throws IOException {
        String redo = "; ignored, its inputs are analysed again";
        int magic = bytes.length < 4 ? 0 : java.nio.ByteBuffer.wrap(bytes).getInt();
        if (magic == PART_MAGIC_V1 || magic == PART_MAGIC_V2) {
            // written by an earlier version, which wrote no run id or hash: read as before (structure checked)
            return new DataInputStream(new java.io.ByteArrayInputStream(bytes, 4, bytes.length - 4));
        }
        int trailer = magic == PART_MAGIC ? CRC32C_BYTES : SHA256_BYTES;
        if (magic != PART_MAGIC && magic != PART_MAGIC_V4 && magic != PART_MAGIC_V3 || bytes.length < 4 + trailer) {
            ignored.add("checkpoint " + part + " is not an attnplanes checkpoint part (damaged, or written by another"
                    + " version of attnplanes)" + redo);
            return null;
        }
        int body = bytes.length - trailer;
        boolean whole;
        if (magic == PART_MAGIC) {
            whole = crc32c(bytes, 0, body) == java.nio.ByteBuffer.wrap(bytes, body, CRC32C_BYTES).getInt();
        } else {
            java.security.MessageDigest sha = sha256();
            sha.update(bytes, 0, body);
            whole = java.security.MessageDigest.isEqual(sha.digest(),
                    java.util.Arrays.copyOfRange(bytes, body, bytes.length));
        }
        if (!whole) {
            ignored.add("checkpoint " + part + " is truncated or altered (its checksum does not match)" + redo);
            return null;
        }
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes, 4, body - 4));
        String id = in.readUTF();
        int written = in.readInt();
        if (!id.equals(runId)) {
            ignored.add("checkpoint " + part + " belongs to another run (run id " + id + ", this run's is " + runId
                    + ": copied in by hand?)" + redo);
            return null;
        }
        if (written != number) {
            ignored.add(String.format("checkpoint %s is a copy of this run's part-%08d.bin (copied in by hand?);"
                    + " ignored", part, written));
            return null;
        }
        return in;
    }

    /** Reads a part's body (after its header) written by {@link #writePart} into this checkpoint's state. */
    private void readPart(DataInputStream in, String part, int version) throws IOException {
        boolean hasBlock = version >= 2;
        List<Integer> partDone = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            partDone.add(in.readInt());
        }
        List<StatsMap.Columns> schemas = new ArrayList<>();
        for (int k = count(in); k > 0; k--) {
            List<String> names = new ArrayList<>();
            for (int i = count(in); i > 0; i--) {
                names.add(in.readUTF());
            }
            schemas.add(new StatsMap.Columns(names));
        }
        List<PlaneRecord> partRows = new ArrayList<>();
        for (int r = count(in); r > 0; r--) {
            int input = in.readInt();
            int layer = in.readInt();
            String head = in.readUTF();
            String block = hasBlock ? in.readUTF() : org.attnplanes.graph.BlockKind.SELF.label();
            int tokens = in.readInt();
            int schema = in.readInt();
            if (schema < 0 || schema >= schemas.size()) {
                throw new IOException("schema index " + schema + " out of range");
            }
            StatsMap.Columns columns = schemas.get(schema);
            double[] values = readValues(in, columns.size(), version);
            List<double[]> barcodes = new ArrayList<>();    // birth0, death0, birth1, ... per dimension
            for (int d = count(in); d > 0; d--) {
                int n = count(in);
                boolean floats = false;
                if (version >= 4) {
                    int flag = in.readByte();
                    if (flag != 0 && flag != 1) {
                        throw new IOException("bar format " + flag);
                    }
                    floats = flag == 1;
                }
                double[] ends = new double[Math.multiplyExact(2, n)];
                for (int i = 0; i < ends.length; i++) {
                    ends[i] = floats ? in.readFloat() : in.readDouble();
                }
                barcodes.add(ends);
            }
            partRows.add(new PlaneRecord(input, layer, head, tokens, new StatsMap(columns, values),
                    PlaneRecord.barsOfEnds(barcodes), block));
        }
        Map<Integer, String> partSkipped = new TreeMap<>();
        for (int i = count(in); i > 0; i--) {
            partSkipped.put(in.readInt(), in.readUTF());
        }
        if (in.read() != -1) {
            throw new IOException("trailing bytes");
        }
        Set<String> keys = new HashSet<>();
        for (PlaneRecord r : partRows) {
            if (!keys.add(r.input() + "/" + r.block() + "/" + r.layer() + "/" + r.head())) {
                throw new DuplicateException(part + " holds input " + r.input() + " " + r.block() + " layer "
                        + r.layer() + " head " + r.head() + " twice");
            }
        }
        for (int d : partDone) {
            String earlier = partOf.putIfAbsent(d, part);
            if (earlier != null) {
                throw new DuplicateException(part + " repeats input " + d + ", which " + earlier + " already holds"
                        + " (a part copied in by hand?)");
            }
        }
        for (PlaneRecord r : partRows) {
            if (!partDone.contains(r.input())) {
                throw new IOException("row of input " + r.input() + " that the part does not complete");
            }
        }
        done.addAll(partDone);
        rows.addAll(partRows);
        skipped.putAll(partSkipped);
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 50_000_000) {
            throw new IOException("count " + n + " out of range");
        }
        return n;
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
        Checkpoint cp = new Checkpoint(dir, Map.copyOf(fingerprint));
        Path runFile = dir.resolve("run.json");
        try {
            if (Files.isDirectory(dir) && !hasParts(dir)) {
                // an earlier run that saved nothing (killed before its first batch): nothing to continue or lose
                deleteTree(dir);
            }
            if (Files.isRegularFile(runFile)) {
                Map<String, String> old;
                try {
                    old = MAPPER.readValue(runFile.toFile(), new TypeReference<LinkedHashMap<String, String>>() { });
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    throw new UserInputException("--out " + outDir + " holds an interrupted run whose settings file "
                            + runFile.getFileName() + " is damaged (not the JSON attnplanes writes); delete " + dir
                            + " to start over");
                }
                if (!resume) {
                    cp.runId = old.getOrDefault(RUN_ID, cp.runId);
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
                String id = old.get(RUN_ID);
                if (id != null) {
                    cp.runId = id;
                } else {
                    cp.writeRunFile();  // an earlier version's run: its parts have no id, the new ones get this one
                }
                cp.load();
                cp.started = true;
            } else if (Files.exists(dir)) {
                throw new UserInputException("--out " + outDir + " holds " + dir.getFileName() + " without its "
                        + "settings file run.json (damaged); delete " + dir + " to start over");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use checkpoint directory " + dir + ": " + e.getMessage(), e);
        }
        return cp;
    }

    /** Whether the checkpoint directory holds at least one committed batch. */
    private static boolean hasParts(Path dir) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "part-*.bin")) {
            return ds.iterator().hasNext();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Creates the directory and its run.json before the first batch is committed (lazily: a run that saves nothing leaves nothing). */
    private synchronized void start() {
        if (started) {
            return;
        }
        try {
            Files.createDirectories(dir);
            writeRunFile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create checkpoint directory " + dir + ": " + e.getMessage(), e);
        }
        started = true;
    }

    /** Writes run.json: the fingerprint and the run id. */
    private void writeRunFile() {
        Map<String, String> run = new LinkedHashMap<>(new TreeMap<>(fingerprint));
        run.put(RUN_ID, runId);
        AtomicFiles.write(dir.resolve("run.json"), out -> MAPPER.writeValue(out, run));
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : stale) {
                Files.deleteIfExists(p); // a write cut short by a hard kill; its batch is simply redone
            }
        }
        List<Path> parts = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "part-*.bin")) {
            ds.forEach(parts::add);
        }
        parts.sort(Comparator.naturalOrder());
        for (Path p : parts) {
            String name = p.getFileName().toString();
            String digits = name.substring("part-".length(), name.length() - ".bin".length());
            if (!digits.matches("\\d{1,9}")) {
                ignored.add("checkpoint " + name + " is not a part name this run writes (part-NNNNNNNN.bin); ignored");
                continue;
            }
            int id = Integer.parseInt(digits);
            segments = Math.max(segments, id + 1);   // never written over, even when ignored
            byte[] bytes = Files.readAllBytes(p);
            DataInputStream in = acceptedBody(bytes, name, id);
            if (in == null) {
                continue;
            }
            try {
                readPart(in, name, (bytes.length >= 4 ? java.nio.ByteBuffer.wrap(bytes).getInt() : 0) - 0x41505030);
            } catch (DuplicateException e) {
                throw new UserInputException("--resume: " + e.getMessage() + "; the interrupted run's results would"
                        + " have duplicate rows, delete " + dir + " to start over");
            } catch (IOException | RuntimeException e) {
                ignored.add("checkpoint " + name + " cannot be read (damaged, or written by another version of"
                        + " attnplanes); ignored, its inputs are analysed again");
            }
        }
    }

    /** Two parts (or one part) that hold the same input or plane: their union would have duplicate rows. */
    private static final class DuplicateException extends IOException {
        private static final long serialVersionUID = 1L;

        DuplicateException(String message) {
            super(message);
        }
    }

    /**
     * One sentence per part file of the interrupted run that was not used (truncated or altered, another run's, a
     * copy under a new name, unreadable); their inputs are analysed again. Empty for a new run.
     */
    public synchronized List<String> ignored() {
        return List.copyOf(ignored);
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
        long t0 = System.nanoTime();
        Map<Integer, String> sk = new TreeMap<>();
        for (CorpusEntry e : batchSkipped) {
            sk.put(e.number(), e.problem());
        }

        start();
        int id;
        synchronized (this) {
            id = segments++;
        }
        Path file = dir.resolve(String.format("part-%08d.bin", id));
        AtomicFiles.write(file, out -> writePart(out, runId, id, batchDone, batchRows, sk));
        synchronized (this) {
            done.addAll(batchDone);
            rows.addAll(batchRows);
            skipped.putAll(sk);
        }
        commitNanos.add(System.nanoTime() - t0);
        pauseForProcessTests();
    }

    /**
     * Test seam for the interrupt-and-resume process tests (inactive unless the system property is set): each
     * commit then waits this many milliseconds, so a signal sent after the first parts appeared finds the run
     * still going even on a tiny generated model.
     */
    public static final String PAUSE_PROPERTY = "attnplanes.test.commitPauseMillis";

    private static void pauseForProcessTests() {
        String millis = System.getProperty(PAUSE_PROPERTY);
        if (millis == null) {
            return;
        }
        try {
            Thread.sleep(Long.parseLong(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Time spent in {@link #commit} so far, summed over threads, in seconds. */
    public double commitSeconds() {
        return commitNanos.sum() / 1e9;
    }

    /** Deletes the side directory (call after the final outputs are written). */
    public void finish() {
        if (!Files.isDirectory(dir)) {
            return;
        }
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
