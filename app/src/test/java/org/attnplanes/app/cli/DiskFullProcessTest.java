package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.attnplanes.app.export.Manifest;
import org.attnplanes.app.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12.2 on a really full file system: a small tmpfs is mounted (needs root, as in CI; skipped with the reason
 * where mounting is not allowed), a complete result set A is published into it, the file system is filled until
 * less than half of A's size is free, and {@code analyze --overwrite} with another input runs out of space while
 * staging. It must fail with one sentence naming the reason, and leave A complete (manifest verifies) with no
 * staged or temporary file.
 */
class DiskFullProcessTest {

    @TempDir
    Path dir;

    private static boolean run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void analyze_diskFullWhileStaging_failsWithOneSentenceAndKeepsTheEarlierResults() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        assumeTrue("root".equals(System.getProperty("user.name")) && run("mount", "-t", "tmpfs", "-o", "size=8m",
                "tmpfs", small.toString()), "mounting a small tmpfs needs root (CAP_SYS_ADMIN); not possible here");
        try {
            Files.write(dir.resolve("a.txt"), List.of("The cat sat on the mat.", "Graphs have nodes and edges."));
            Files.write(dir.resolve("b.txt"), List.of("It rained all day in Paris.", "The museum opens at nine."));
            Path out = small.resolve("out");
            List<String> common = List.of("--out", out.toString(), "--workers", "1", "--max-clique", "3",
                    "--no-features");
            Cli.Result a = Cli.process(dir, 600, concat(List.of("analyze", "--input", "a.txt"), common));
            assertEquals(0, a.exitCode(), a.err());
            long resultBytes;
            try (Stream<Path> s = Files.list(out)) {
                resultBytes = s.mapToLong(p -> p.toFile().length()).sum();
            }
            // fill the file system: less than half of a result set stays free
            long free = Files.getFileStore(small).getUsableSpace();
            long fill = free - resultBytes / 2;
            assertTrue(fill > 0, "tmpfs too small for the test: " + free + " free, results " + resultBytes);
            Files.write(small.resolve("filler"), new byte[(int) fill]);
            assertTrue(Files.getFileStore(small).getUsableSpace() < resultBytes);
            String before = Files.readString(out.resolve("planes.csv"));

            Cli.Result b = Cli.process(dir, 600, concat(List.of("analyze", "--input", "b.txt", "--overwrite"),
                    common));

            assertNotEquals(0, b.exitCode(), b.out());
            assertFalse(b.err().contains("\tat ") || b.err().contains("Exception"), b.err());
            assertTrue(b.err().toLowerCase(java.util.Locale.ROOT).contains("no space left on device"), b.err());
            assertEquals(1, b.err().lines().filter(l -> !l.startsWith("(run again with --debug")).count(), b.err());
            assertEquals(before, Files.readString(out.resolve("planes.csv")), "the earlier results must stay");
            assertEquals(List.of(), Manifest.verify(out));
            try (Stream<Path> s = Files.walk(out)) {
                List<String> left = s.map(p -> out.relativize(p).toString())
                        .filter(n -> n.contains("staging") || n.endsWith(".tmp") || n.contains("publishing")).toList();
                assertEquals(List.of(), left);
            }
        } finally {
            run("umount", small.toString());
        }
    }

    private static String[] concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }
}
