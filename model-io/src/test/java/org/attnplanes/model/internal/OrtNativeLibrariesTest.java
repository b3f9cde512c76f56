package org.attnplanes.model.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrtNativeLibrariesTest {

    @TempDir
    Path root;

    private static byte[] resource(String name) throws Exception {
        String path = "ai/onnxruntime/native/" + OrtNativeLibraries.platform().orElseThrow() + "/" + name;
        try (InputStream in = OrtNativeLibrariesTest.class.getClassLoader().getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }

    @Test
    void extract_emptyCache_copiesTheJarsLibrariesOnceAndReusesThem() throws Exception {
        Path dir = OrtNativeLibraries.extract(root).orElseThrow();
        assertTrue(dir.getFileName().toString().startsWith("onnxruntime-1.23.2-"), dir.toString());
        String lib = System.mapLibraryName("onnxruntime");
        assertArrayEquals(resource(lib), Files.readAllBytes(dir.resolve(lib)));
        String jni = System.mapLibraryName("onnxruntime4j_jni");
        assertArrayEquals(resource(jni), Files.readAllBytes(dir.resolve(jni)));

        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000L);
        Files.setLastModifiedTime(dir.resolve(lib), old);
        assertEquals(dir, OrtNativeLibraries.extract(root).orElseThrow());
        assertEquals(old, Files.getLastModifiedTime(dir.resolve(lib)), "a verified copy is not written again");
    }

    @Test
    void extract_damagedOrTruncatedCopy_isExtractedAgain() throws Exception {
        Path dir = OrtNativeLibraries.extract(root).orElseThrow();
        Path lib = dir.resolve(System.mapLibraryName("onnxruntime"));
        byte[] good = Files.readAllBytes(lib);
        try (RandomAccessFile f = new RandomAccessFile(lib.toFile(), "rw")) {
            f.seek(good.length / 2);
            f.write(good[good.length / 2] ^ 0x10);
        }
        OrtNativeLibraries.extract(root).orElseThrow();
        assertTrue(Arrays.equals(good, Files.readAllBytes(lib)), "bit flip repaired");
        Files.write(lib, Arrays.copyOf(good, 1000));
        OrtNativeLibraries.extract(root).orElseThrow();
        assertTrue(Arrays.equals(good, Files.readAllBytes(lib)), "truncation repaired");
    }

    @Test
    void install_concurrentCallers_setThePathOnceToOneVerifiedCopy_neverOverAnExistingValue() throws Exception {
        // a private property set: the process-wide one belongs to ONNX Runtime and is read once per process
        Properties props = new Properties();
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> seen = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                seen.add(pool.submit(() -> {
                    start.await();
                    return OrtNativeLibraries.install(root, props);
                }));
            }
            Path dir = OrtNativeLibraries.extract(root).orElseThrow();
            for (Future<String> f : seen) {
                assertEquals(dir.toString(), f.get(), "every caller sees the one path");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, props.size(), props.toString());
        String lib = System.mapLibraryName("onnxruntime");
        assertArrayEquals(resource(lib), Files.readAllBytes(Path.of(props.getProperty(
                OrtNativeLibraries.NATIVE_PATH_PROPERTY)).resolve(lib)), "the copy is intact after concurrent extraction");

        Properties user = new Properties();
        user.setProperty(OrtNativeLibraries.NATIVE_PATH_PROPERTY, "/opt/ort/lib");
        assertEquals("/opt/ort/lib", OrtNativeLibraries.install(root.resolve("other"), user));
        assertFalse(Files.exists(root.resolve("other")), "a path set by the user is neither replaced nor extracted for");
    }
}
