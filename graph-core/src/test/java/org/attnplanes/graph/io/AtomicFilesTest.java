package org.attnplanes.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void write_newNestedFile_createsParentsAndContent() throws IOException {
        Path target = dir.resolve("a/b/out.txt");
        AtomicFiles.writeString(target, "héllo");
        assertEquals("héllo", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target)), "finished files are readable by others, like any new file");
    }

    @Test
    void write_failingWriter_keepsOldContentAndLeavesNoTempFile() throws IOException {
        Path target = dir.resolve("out.bin");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[] {9, 9});
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("out.bin") && e.getMessage().contains("disk full"), e.getMessage());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the target remains");
        }
    }

    @Test
    void write_writerClosesWrappingZipStream_fileIsCompleteAndMoved() throws IOException {
        Path target = dir.resolve("z.zip");
        AtomicFiles.write(target, out -> {
            try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
                zip.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
                zip.write("abc".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        });
        try (java.util.zip.ZipFile zf = new java.util.zip.ZipFile(target.toFile())) {
            assertEquals("abc", new String(zf.getInputStream(zf.getEntry("a.txt")).readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
