package org.attnplanes.model.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileFingerprintsTest {

    @TempDir
    Path dir;

    private Path oldFile(long seed) throws Exception {
        byte[] bytes = new byte[200_000];
        new Random(seed).nextBytes(bytes);
        Path f = dir.resolve("data-" + seed + ".bin");
        Files.write(f, bytes);
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000L));
        return f;
    }

    /** Hashing "starts" a minute from now: the file's status-change time (now) lies well before it. */
    private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));

    @Test
    void sha256_justWrittenFile_equalsDigestButIsNotRemembered() throws Exception {
        Path f = dir.resolve("fresh.bin");
        Files.write(f, new byte[] {1, 2, 3});
        // hashing starts at the very moment the file was written
        Clock atWrite = Clock.fixed(Files.getLastModifiedTime(f).toInstant(), ZoneOffset.UTC);
        FileFingerprints fp = new FileFingerprints(dir.resolve("store"), atWrite);
        assertEquals(Sha256.of(new byte[] {1, 2, 3}), fp.sha256(f));
        assertTrue(fp.lookup(f).isEmpty(), "a file changed within the racy window must be hashed again");
    }

    @Test
    void sha256_unchangedOldFile_servedFromStoreUntilContentChangesWithSameSizeAndMtime() throws Exception {
        long seed = 11;
        Path f = oldFile(seed);
        FileFingerprints fp = new FileFingerprints(dir.resolve("store"), LATER);
        String sha = Sha256.of(Files.readAllBytes(f));
        assertEquals(sha, fp.sha256(f), "seed " + seed);
        assertEquals(sha, fp.lookup(f).orElseThrow(), "seed " + seed);

        FileTime mtime = Files.getLastModifiedTime(f);
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.seek(1000);
            int b = r.read();
            r.seek(1000);
            r.write(b ^ 1);
        }
        Files.setLastModifiedTime(f, mtime);
        assertTrue(fp.lookup(f).isEmpty(), "seed " + seed + ": same size and mtime but new status-change time");
        assertEquals(Sha256.of(Files.readAllBytes(f)), fp.sha256(f), "seed " + seed);
    }

    @Test
    void lookup_damagedSidecar_isIgnored() throws Exception {
        Path f = oldFile(12);
        Path store = dir.resolve("store");
        FileFingerprints fp = new FileFingerprints(store, LATER);
        String sha = fp.sha256(f);
        try (var files = Files.list(store)) {
            for (Path sidecar : files.toList()) {
                String text = Files.readString(sidecar);
                Files.writeString(sidecar, text.replace(sha, sha.substring(0, 40)));
            }
        }
        assertTrue(fp.lookup(f).isEmpty());
        assertEquals(sha, fp.sha256(f));
    }
}
