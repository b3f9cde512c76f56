package org.attnplanes.model.internal;

import org.attnplanes.graph.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the SHA-256 of large files by their {@code stat} fingerprint (absolute path, size, modification
 * and status-change times in nanoseconds, inode), so an unchanged file is not hashed again. One small sidecar
 * per file in a store directory, named by the SHA-256 of the absolute path and written atomically; a sidecar
 * that is damaged or does not match the file's current fingerprint is ignored (the file is hashed again).
 *
 * <p>Like git's index, a fingerprint is only recorded when the file's times lie clearly before the moment the
 * hashing started ({@link #racyWindowNanos} earlier): a file rewritten within one timestamp tick after it was
 * hashed would otherwise keep a stale hash. Stateless apart from the store directory; thread-safe.
 */
public final class FileFingerprints {

    private static final String MAGIC = "attnplanes-fingerprint 1";

    private final Path store;
    private final java.time.Clock clock;

    /**
     * @param store directory holding the sidecars (created on the first {@link #remember})
     */
    public FileFingerprints(Path store) {
        this(store, java.time.Clock.systemUTC());
    }

    /**
     * @param store directory holding the sidecars (created on the first {@link #remember})
     * @param clock what {@link #sha256} takes as the moment hashing started (tests pass a fixed or offset clock
     *              instead of waiting for a file's times to leave the racy window)
     */
    public FileFingerprints(Path store, java.time.Clock clock) {
        this.store = store;
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    /** The {@code stat} fingerprint of a file, taken before and after hashing it. */
    public record Stat(String path, long size, long mtimeNanos, long ctimeNanos, String fileKey) {

        /** Reads the fingerprint of {@code file} (following links). */
        public static Stat of(Path file) throws IOException {
            Path abs = file.toAbsolutePath().normalize();
            BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
            long ctime = -1;
            Object key = a.fileKey();
            try {
                Map<String, Object> unix = Files.readAttributes(abs, "unix:ctime,ino,dev");
                ctime = nanos((FileTime) unix.get("ctime"));
                key = unix.get("dev") + ":" + unix.get("ino");
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                // not a Unix file system: size, mtime and the file key must do
            }
            return new Stat(abs.toString(), a.size(), nanos(a.lastModifiedTime()), ctime, String.valueOf(key));
        }

        /** Whether this fingerprint is recent relative to {@code startNanos} (epoch nanoseconds). */
        boolean racy(long startNanos) {
            long window = racyWindowNanos(mtimeNanos, ctimeNanos);
            return mtimeNanos > startNanos - window || ctimeNanos > startNanos - window;
        }
    }

    /**
     * How long before the hashing started a file must have been last changed for its fingerprint to be trusted:
     * 100 ms on file systems with sub-second timestamps, 2 s on coarse ones (FAT, some network file systems).
     */
    static long racyWindowNanos(long mtimeNanos, long ctimeNanos) {
        boolean fine = mtimeNanos % 1_000_000_000L != 0 || (ctimeNanos > 0 && ctimeNanos % 1_000_000_000L != 0);
        return fine ? 100_000_000L : 2_000_000_000L;
    }

    private static long nanos(FileTime t) {
        java.time.Instant i = t.toInstant();
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    }

    /** Epoch nanoseconds now, to pass to {@link #remember} as the moment hashing started. */
    public static long now() {
        return nanos(java.time.Instant.now());
    }

    /** Epoch nanoseconds now by this store's clock, to pass to {@link #remember} as the moment hashing started. */
    public long clockNanos() {
        return nanos(clock.instant());
    }

    private static long nanos(java.time.Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** The remembered SHA-256 of {@code file} when its current fingerprint matches the recorded one. */
    public Optional<String> lookup(Path file) {
        try {
            Stat now = Stat.of(file);
            if (!CacheDirectories.secure(store)) {
                return Optional.empty();
            }
            Path sidecar = sidecar(now.path());
            if (!Files.isRegularFile(sidecar, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            String[] lines = Files.readString(sidecar, StandardCharsets.UTF_8).split("\n", -1);
            if (lines.length < 3 || !lines[0].equals(MAGIC) || !lines[1].equals(encode(now))) {
                return Optional.empty();
            }
            String sha = lines[2];
            return sha.matches("[0-9a-f]{64}") ? Optional.of(sha) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();        // unreadable or damaged sidecar: hash the file again
        }
    }

    /**
     * Records {@code sha256} for {@code file} if the file's fingerprint still equals {@code before} (taken before
     * hashing started at {@code startNanos}) and is not racy. Failing to write the sidecar is not an error: the
     * file will just be hashed again next time.
     */
    public void remember(Path file, Stat before, long startNanos, String sha256) {
        try {
            Stat after = Stat.of(file);
            if (!after.equals(before) || after.racy(startNanos) || !CacheDirectories.secure(store)) {
                return;
            }
            AtomicFiles.writeString(sidecar(after.path()), MAGIC + "\n" + encode(after) + "\n" + sha256 + "\n");
        } catch (IOException | UncheckedIOException e) {
            // a read-only or full cache only costs the next open a re-hash
        }
    }

    /**
     * The SHA-256 of {@code file}, from the store when the fingerprint matches, else hashed (streamed, not held
     * in memory) and remembered.
     *
     * @throws IOException when the file cannot be read
     */
    public String sha256(Path file) throws IOException {
        Optional<String> known = lookup(file);
        if (known.isPresent()) {
            return known.get();
        }
        long start = clockNanos();
        Stat before = Stat.of(file);
        MessageDigest md = Sha256.digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
        }
        String sha = HexFormat.of().formatHex(md.digest());
        remember(file, before, start, sha);
        return sha;
    }

    private Path sidecar(String absolutePath) {
        return store.resolve(Sha256.ofText(absolutePath) + ".txt");
    }

    private static String encode(Stat s) {
        return s.size() + " " + s.mtimeNanos() + " " + s.ctimeNanos() + " " + s.fileKey().replace(' ', '_')
                + " " + s.path().replace('\n', '?');
    }
}
