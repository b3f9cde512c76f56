package org.attnplanes.model.internal;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import org.attnplanes.graph.io.AtomicFiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * An on-disk cache of models prepared for capture, so that opening an unchanged model parses no protobuf and
 * copies no weights. An entry holds the model's weights as ONNX external data ({@value #WEIGHTS}, each tensor
 * at a {@value #ALIGNMENT}-byte aligned offset so ONNX Runtime can map it instead of copying it), the graph
 * without those weights after the attention-output surgery, once without and once with the value tensors
 * ({@value #ATTENTION}, {@value #ATTENTION_VALUES}; a few hundred kB each), and the {@link GraphAnalysis} of the
 * source ({@value #ANALYSIS}). The split model computes exactly what the source model computes: only where the
 * weight bytes are stored changes.
 *
 * <p>An entry lives in {@code <root>/<source SHA-256>-<version key>/}; the version key hashes the cache
 * {@link #FORMAT} and the model-io, ONNX Runtime and protobuf versions, so another tool version never reads an
 * entry it did not write. Every file is written atomically ({@link AtomicFiles}), the manifest {@value #MANIFEST}
 * last; it records the SHA-256 of the small files and the size and CRC-32C of the weights, all checked on every
 * {@link #lookup}, so a damaged or truncated entry is reported as a miss (with the reason) and rebuilt. Two
 * processes building the same entry at once write identical bytes; whichever move lands last wins and both
 * entries are valid. Thread-safe; holds no state but the root directory.
 */
public final class ModelCache {

    /** Layout version of an entry; bump it whenever what {@link #build} writes changes. */
    public static final int FORMAT = 4;     // 3: opset-23 probabilities through a Reshape; 4: qk output in use kept
    /** File name of the weights as external data. */
    public static final String WEIGHTS = "weights.bin";
    /** File name of the modified graph exposing the attention probabilities. */
    public static final String ATTENTION = "attention.onnx";
    /** File name of the modified graph exposing the attention probabilities and the value tensors. */
    public static final String ATTENTION_VALUES = "attention-values.onnx";
    /** File name of the serialized {@link GraphAnalysis}. */
    public static final String ANALYSIS = "analysis.bin";
    /** File name of the manifest. */
    public static final String MANIFEST = "entry.properties";
    /** Offset alignment of each tensor in {@link #WEIGHTS}, in bytes (a multiple of every page size). */
    public static final int ALIGNMENT = 1 << 16;
    /** Tensors with fewer raw bytes than this stay inside the skeleton. */
    public static final int EXTERNAL_THRESHOLD = 1024;

    /** Models smaller than this (bytes) open fast without the cache and are not copied into it. */
    public static final long MIN_SOURCE_BYTES = 8L << 20;

    /** Default bound of all entries' total size, in bytes (4 GiB); see {@link #evict}. */
    public static final long DEFAULT_MAX_BYTES = 4L << 30;

    private static final String MAGIC = "attnplanes-model-cache";
    /** Entries used or written this recently are never evicted (they may be in use or being built). */
    private static final long EVICTION_GRACE_MILLIS = 60_000;

    private final Path root;
    private final String versionKey;

    /** A cache under {@code root} (created on the first {@link #build}). */
    public ModelCache(Path root) {
        this.root = Objects.requireNonNull(root, "root");
        this.versionKey = "format=" + FORMAT + ";model-io=" + version(ModelCache.class)
                + ";onnxruntime=" + version(ai.onnxruntime.OrtEnvironment.class)
                + ";protobuf=" + version(com.google.protobuf.ByteString.class);
    }

    private static String version(Class<?> c) {
        String v = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /**
     * A verified entry: its directory (external-data folder of {@link #model}), the serialized modified model
     * for the requested surgery and the source's analysis.
     */
    public record Entry(Path directory, byte[] model, GraphAnalysis analysis) {
    }

    /** The outcome of a {@link #lookup}: an entry, or why there is none. */
    public record Lookup(Optional<Entry> entry, String missReason) {
    }

    /** The directory of the entry for {@code sourceSha256} under this tool version. */
    public Path directory(String sourceSha256) {
        return root.resolve(sourceSha256 + "-" + Sha256.ofText(versionKey).substring(0, 12));
    }

    /**
     * Finds and verifies the entry for {@code sourceSha256}: manifest present and of this version, the small
     * files' SHA-256 and the weights' size and CRC-32C all as recorded.
     *
     * @param valueNorms whether the model must also expose the value tensors
     */
    public Lookup lookup(String sourceSha256, boolean valueNorms) {
        Path dir = directory(sourceSha256);
        Path manifestFile = dir.resolve(MANIFEST);
        if (!CacheDirectories.secure(root)) {
            return miss("cache folder " + root + " is not an owner-only folder of this user; it is not used");
        }
        if (!Files.exists(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            return miss("no entry " + dir);
        }
        // never follow a link planted inside the cache: every part of the entry must be a plain file
        if (!CacheDirectories.isPlainDirectory(dir)) {
            return miss("entry " + dir + " is not a plain folder (symbolic links are not followed)");
        }
        for (String name : List.of(MANIFEST, valueNorms ? ATTENTION_VALUES : ATTENTION, ANALYSIS, WEIGHTS)) {
            if (!CacheDirectories.isPlainFile(dir.resolve(name))) {
                return miss(dir.resolve(name) + " is not a plain file (symbolic links are not followed)");
            }
        }
        try {
            Map<String, String> m = readManifest(manifestFile);
            if (!sourceSha256.equals(m.get("source.sha256")) || !versionKey.equals(m.get("versions"))) {
                return miss("entry " + dir + " was written for another source or tool version");
            }
            byte[] model = verified(dir, valueNorms ? ATTENTION_VALUES : ATTENTION, m);
            byte[] analysis = verified(dir, ANALYSIS, m);
            Path weights = dir.resolve(WEIGHTS);
            long size = Files.size(weights);
            if (size != parseLong(m, WEIGHTS + ".size")) {
                return miss(weights + " has " + size + " bytes but the manifest records "
                        + m.get(WEIGHTS + ".size"));
            }
            if (crc32c(weights) != parseLong(m, WEIGHTS + ".crc32c")) {
                return miss(weights + " is damaged (its CRC-32C differs from the manifest)");
            }
            GraphAnalysis a = GraphAnalysis.readFrom(new DataInputStream(new ByteArrayInputStream(analysis)));
            touch(dir);
            return new Lookup(Optional.of(new Entry(dir, model, a)), "");
        } catch (IOException | RuntimeException e) {
            return miss("entry " + dir + " is damaged: " + e.getMessage());
        }
    }

    private static byte[] verified(Path dir, String name, Map<String, String> manifest) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(name));
        if (!Sha256.of(bytes).equals(manifest.get(name + ".sha256"))) {
            throw new IOException(dir.resolve(name) + " has " + bytes.length
                    + " bytes whose SHA-256 differs from the manifest");
        }
        return bytes;
    }

    private static Lookup miss(String reason) {
        return new Lookup(Optional.empty(), reason);
    }

    /**
     * Writes the entry for {@code model} (whose serialized bytes have SHA-256 {@code sourceSha256} and whose
     * analysis is {@code analysis}) and returns it. Tensors of the main graph with at least
     * {@value #EXTERNAL_THRESHOLD} raw bytes move to {@link #WEIGHTS}; {@code model} must not use external data.
     *
     * @param valueNorms which surgery the returned entry carries (both are written)
     * @throws UncheckedIOException naming the file when the cache cannot be written
     * @throws IllegalArgumentException when {@code model} already keeps weights in external data
     */
    public Entry build(String sourceSha256, ModelProto model, GraphAnalysis analysis, boolean valueNorms) {
        if (analysis.externalData()) {
            throw new IllegalArgumentException("the model keeps weights in external data; ModelCache splits only "
                    + "self-contained models");
        }
        Path dir = directory(sourceSha256);
        if (!CacheDirectories.secure(root)) {
            throw new UncheckedIOException(new IOException("cache folder " + root
                    + " is not an owner-only folder of this user; it is not used"));
        }
        CacheDirectories.removeLink(dir);       // a planted link must not redirect the writes below
        GraphProto.Builder g = model.getGraph().toBuilder();
        long[] crcAndSize = new long[2];
        AtomicFiles.write(dir.resolve(WEIGHTS), raw -> {
            CRC32C crc = new CRC32C();
            OutputStream out = new CheckedOutputStream(raw, crc);
            long offset = 0;
            byte[] zeros = new byte[ALIGNMENT];
            for (int i = 0; i < g.getInitializerCount(); i++) {
                TensorProto t = g.getInitializer(i);
                if (!t.hasRawData() || t.getRawData().size() < EXTERNAL_THRESHOLD) {
                    continue;
                }
                int pad = (int) ((ALIGNMENT - offset % ALIGNMENT) % ALIGNMENT);
                out.write(zeros, 0, pad);
                offset += pad;
                ByteString data = t.getRawData();
                data.writeTo(out);
                g.setInitializer(i, t.toBuilder().clearRawData()
                        .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                        .addExternalData(entry("location", WEIGHTS))
                        .addExternalData(entry("offset", Long.toString(offset)))
                        .addExternalData(entry("length", Integer.toString(data.size()))));
                offset += data.size();
            }
            out.flush();
            crcAndSize[0] = crc.getValue();
            crcAndSize[1] = offset;
        });
        ModelProto skeleton = model.toBuilder().setGraph(g).build();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("source.sha256", sourceSha256);
        m.put("versions", versionKey);
        byte[] plain = analysis.withAttentionOutputs(skeleton, false).toByteArray();
        byte[] values = analysis.withAttentionOutputs(skeleton, true).toByteArray();
        ByteArrayOutputStream analysisBytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(analysisBytes)) {
            analysis.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the analysis for " + dir + ": " + e.getMessage(), e);
        }
        Map<String, byte[]> small = new LinkedHashMap<>();
        small.put(ATTENTION, plain);
        small.put(ATTENTION_VALUES, values);
        small.put(ANALYSIS, analysisBytes.toByteArray());
        for (Map.Entry<String, byte[]> f : small.entrySet()) {
            AtomicFiles.write(dir.resolve(f.getKey()), f.getValue());
            m.put(f.getKey() + ".sha256", Sha256.of(f.getValue()));
        }
        m.put(WEIGHTS + ".size", Long.toString(crcAndSize[1]));
        m.put(WEIGHTS + ".crc32c", Long.toString(crcAndSize[0]));
        StringBuilder sb = new StringBuilder(MAGIC).append(' ').append(FORMAT).append('\n');
        m.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        AtomicFiles.writeString(dir.resolve(MANIFEST), sb.toString());
        return new Entry(dir, valueNorms ? values : plain, analysis);
    }

    /**
     * Makes the entry for {@code sourceSha256} a miss (its manifest is deleted), so the next open rebuilds it:
     * for an entry that verified but that ONNX Runtime could not load. Best effort.
     */
    public void invalidate(String sourceSha256) {
        try {
            Files.deleteIfExists(directory(sourceSha256).resolve(MANIFEST));
        } catch (IOException e) {
            // read-only cache: the entry keeps failing over to the source, which still works
        }
    }

    /** Marks an entry as used now (its directory's modification time orders {@link #evict}). */
    private static void touch(Path dir) {
        try {
            Files.setLastModifiedTime(dir, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // a read-only cache still serves; it just cannot order eviction
        }
    }

    /**
     * Deletes the least recently used entries until all entries take at most {@code maxBytes}; never the entry of
     * {@code keepSha256}, never one used or written in the last minute. Best effort: an entry that cannot be
     * deleted is skipped. An entry is first renamed away, so a process still about to load it fails cleanly
     * (and {@link org.attnplanes.model.AttentionModel} then opens the source instead).
     */
    public void evict(long maxBytes, String keepSha256) {
        record Found(Path dir, long bytes, long usedMillis) {
        }
        List<Found> entries = new ArrayList<>();
        long total = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) || d.getFileName().toString().startsWith(".")) {
                    continue;
                }
                long bytes = 0;
                try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
                    for (Path f : files) {
                        bytes += Files.size(f);
                    }
                }
                total += bytes;
                entries.add(new Found(d, bytes, Files.getLastModifiedTime(d).toMillis()));
            }
        } catch (IOException | UncheckedIOException e) {
            return;
        }
        entries.sort(Comparator.comparingLong(Found::usedMillis));
        long now = System.currentTimeMillis();
        Path keep = directory(keepSha256);
        for (Found f : entries) {
            if (total <= maxBytes) {
                break;
            }
            if (f.dir().equals(keep) || now - f.usedMillis() < EVICTION_GRACE_MILLIS) {
                continue;
            }
            try {
                Path doomed = root.resolve("." + f.dir().getFileName() + ".evicted-" + System.nanoTime());
                Files.move(f.dir(), doomed, StandardCopyOption.ATOMIC_MOVE);
                try (DirectoryStream<Path> files = Files.newDirectoryStream(doomed)) {
                    for (Path file : files) {
                        Files.deleteIfExists(file);
                    }
                }
                Files.deleteIfExists(doomed);
                total -= f.bytes();
            } catch (IOException e) {
                // in use on a system that forbids it, or already gone: skip it
            }
        }
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static Map<String, String> readManifest(Path file) throws IOException {
        String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].equals(MAGIC + " " + FORMAT)) {
            throw new IOException("not a format " + FORMAT + " manifest");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            if (eq > 0) {
                m.put(lines[i].substring(0, eq), lines[i].substring(eq + 1));
            }
        }
        return m;
    }

    private static long parseLong(Map<String, String> m, String key) throws IOException {
        String v = m.get(key);
        if (v == null) {
            throw new IOException("manifest has no " + key);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IOException("manifest " + key + " = \"" + v + "\" is not a number");
        }
    }

    /** CRC-32C of a file, read through a memory map (no heap copy). */
    static long crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            for (long pos = 0; pos < size; ) {
                long len = Math.min(size - pos, 1L << 30);
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, pos, len);
                crc.update(map);
                pos += len;
            }
        }
        return crc.getValue();
    }

    @Override
    public String toString() {
        return "ModelCache[" + root + "]";
    }
}
