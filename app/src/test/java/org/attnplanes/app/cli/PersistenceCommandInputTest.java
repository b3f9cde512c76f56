package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.topology.testing.Allocations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12.3 and 12.9: what {@code persistence} does with sparse, ragged and empty inputs. */
class PersistenceCommandInputTest {

    @TempDir
    Path dir;

    @Test
    void sparse_oneEdgeToAFarIndex_neverAllocatesTheDenseMatrix() throws Exception {
        Path in = Files.writeString(dir.resolve("far.txt"), "0 20000 1\n");
        long before = Allocations.currentThread();
        Cli.Result r = Cli.inProcess("persistence", "--input", in.toString(), "--format", "sparse");
        long mib = (Allocations.currentThread() - before) >> 20;
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("sparse distance matrix with 20001 points and 1/200010000 entries\n"), r.out());
        assertEquals(20_000, r.out().lines().filter(l -> l.equals(" [0, )")).count());
        assertTrue(r.out().contains(" [0,1)\n"), r.out().substring(0, 200));
        // the dense lower triangle of 20001 points alone would be 763 MiB of floats
        assertTrue(mib < 200, "allocated " + mib + " MiB");
    }

    @Test
    void sparse_largestIndex_doesNotRunOutOfMemory() throws Exception {
        Path in = Files.writeString(dir.resolve("far.txt"), "0 65535 1\n");
        Cli.Result r = Cli.inProcess("persistence", "--input", in.toString(), "--format", "sparse", "--dim", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(65_535, r.out().lines().filter(l -> l.equals(" [0, )")).count());
    }

    @Test
    void lowerDistance_raggedRows_exit2NamingTheLine() throws Exception {
        Path in = Files.writeString(dir.resolve("ragged.txt"), "1\n2 3 4\n5 6\n");
        Cli.Result r = Cli.inProcess("persistence", "--input", in.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("attnplanes persistence: " + in + " line 2: row 2 has 3 values but must hold 2 (lower-distance"
                + " row i holds d(i,0) .. d(i,i-1); put each row on its own line, or all values on one line)",
                r.err().strip());
    }

    @Test
    void emptyMatrix_exit2() throws Exception {
        Path in = Files.writeString(dir.resolve("empty.txt"), "");
        for (String format : new String[] {"lower-distance", "distance", "point-cloud"}) {
            Cli.Result r = Cli.inProcess("persistence", "--input", in.toString(), "--format", format);
            assertEquals(2, r.exitCode(), format + ": " + r.err());
            assertTrue(r.err().contains("empty"), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
        Cli.Result sparse = Cli.inProcess("persistence", "--input", in.toString(), "--format", "sparse");
        assertEquals(0, sparse.exitCode(), sparse.err());
        assertTrue(sparse.out().startsWith("sparse distance matrix with 0 points"), sparse.out());
    }

    /** Issue 12.3 as written: {@code printf '0 65535 1\n' | persistence --format sparse} (standard input, as ripser). */
    @Test
    void standardInput_isReadLikeRipser_sparseAndLowerDistance() throws Exception {
        Cli.Result sparse = piped("0 65535 1\n", "persistence", "--format", "sparse");
        assertEquals(0, sparse.exitCode(), sparse.err());
        assertTrue(sparse.out().startsWith("sparse distance matrix with 65536 points and 1/"), sparse.out());
        assertEquals(65_535, sparse.out().lines().filter(l -> l.equals(" [0, )")).count());
        assertTrue(sparse.out().contains(" [0,1)\n"));

        // a lower-distance matrix through "--input -" gives exactly what the same bytes give as a file
        String lower = "1\n2 3\n4 5 6\n7 8 9 10\n";
        Cli.Result viaStdin = piped(lower, "persistence", "--input", "-", "--dim", "2");
        Path file = Files.writeString(dir.resolve("m.txt"), lower);
        Cli.Result viaFile = Cli.inProcess("persistence", "--input", file.toString(), "--dim", "2");
        assertEquals(0, viaStdin.exitCode(), viaStdin.err());
        assertEquals(viaFile.out(), viaStdin.out());
        assertTrue(viaStdin.err().isEmpty(), viaStdin.err());

        // malformed standard input: exit 2, one line naming <stdin> and the line
        Cli.Result bad = piped("1\n2 x\n", "persistence");
        assertEquals(2, bad.exitCode(), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("<stdin> line 2"), bad.err());
    }

    /** In-process runs (tests, Spark, embedding) never read or block on their host's standard input. */
    @Test
    void inProcess_withoutInput_readsAnEmptyInput_neverTheHostsStdin() {
        Cli.Result sparse = Cli.inProcess("persistence", "--format", "sparse");
        assertEquals(0, sparse.exitCode(), sparse.err());
        assertTrue(sparse.out().startsWith("sparse distance matrix with 0 points"), sparse.out());
        Cli.Result lower = Cli.inProcess("persistence");
        assertEquals(2, lower.exitCode(), lower.err());
        assertTrue(lower.err().contains("empty"), lower.err());
    }

    private Cli.Result piped(String input, String... args) throws Exception {
        Path work = Files.createDirectories(dir.resolve("run" + System.nanoTime()));
        Process p = Cli.start(work, List.of(args), true);
        try (var in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("persistence did not finish reading standard input");
        }
        return new Cli.Result(p.exitValue(), Cli.read(work.resolve("stdout.txt")), Cli.read(work.resolve("stderr.txt")));
    }
}
