package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.attnplanes.app.export.Manifest;
import org.attnplanes.app.export.RunCompletion;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.testutil.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12.8 (SIGINT after all outputs are written exited 130) with real child processes and real signals
 * ({@code kill -s INT}). A SIGINT that arrives after publication leaves a complete run: exit 0, outputs intact. A
 * SIGINT before publication leaves nothing: exit 130, no output, no staged file. To hit "after publication"
 * deterministically the child is stopped (SIGSTOP, checked in /proc) as soon as its output appears, then gets
 * SIGINT and SIGCONT. The child is started through {@code env --default-signal=INT}: a child of a background job
 * would otherwise inherit SIGINT as ignored and the JVM would never see it.
 */
class InterruptProcessTest {

    @TempDir
    Path dir;

    private Process start(List<String> args) throws IOException {
        return start(List.of(), args);
    }

    private Process start(List<String> jvm, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.attnplanes.app.AttnPlanes"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
    }

    private Path points(String name, int n, int dims, long seed) throws IOException {
        Random r = new Random(seed);
        double[][] p = new double[n][dims];
        for (double[] row : p) {
            for (int d = 0; d < dims; d++) {
                row[d] = r.nextDouble();
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0;
                for (int d = 0; d < dims; d++) {
                    s += (p[i][d] - p[j][d]) * (p[i][d] - p[j][d]);
                }
                sb.append(j == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT, "%.5f", Math.sqrt(s)));
            }
            sb.append('\n');
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    private List<String> hidden() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).filter(n -> n.contains(".attnplanes")).sorted().toList();
        }
    }

    /**
     * The child holds right after its publication (RunCompletion's test seam writes the marker and waits for the
     * interrupt), so the SIGINT certainly arrives after publication and before the command ends: no race with the
     * child's exit.
     */
    private Process startHeld(Path marker, List<String> args) throws IOException {
        return start(List.of("-D" + RunCompletion.HOLD_PROPERTY + "=" + marker), args);
    }

    @Test
    void persistence_sigintAfterPublication_exits0WithTheCompleteOutput() throws Exception {
        points("m.txt", 120, 3, 1);
        Cli.Result reference = Cli.inProcess("persistence", "--input", dir.resolve("m.txt").toString());
        assertEquals(0, reference.exitCode(), reference.err());
        Path marker = dir.resolve("held");
        Process p = startHeld(marker, List.of("persistence", "--input", "m.txt", "--out", "bars.txt"));
        assertTrue(Cli.awaitFiles(dir, p, 120, () -> Files.exists(marker)),
                "the child never published: " + Cli.read(dir.resolve("stderr.txt")));
        assertTrue(p.isAlive(), "the child holds after publication until it is signalled");
        assertTrue(Signals.send(p.pid(), "INT"));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = Cli.read(dir.resolve("stderr.txt"));
        assertEquals(0, p.exitValue(), "SIGINT after publication must not fail the run: " + err);
        assertEquals("", err);
        assertEquals(reference.out(), Files.readString(dir.resolve("bars.txt")));
        assertEquals(List.of(), hidden(), "no staged file may stay");
    }

    @Test
    void persistence_sigintBeforePublication_exits130AndLeavesNothing() throws Exception {
        points("big.txt", 500, 4, 2);
        Process p = start(List.of("persistence", "--input", "big.txt", "--max-dim", "3", "--out", "bars.txt"));
        // the staged file is created when --out is checked, before the computation
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (hidden().isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), "finished before the signal: " + Cli.read(dir.resolve("stderr.txt")));
        assertTrue(Signals.send(p.pid(), "INT"));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = Cli.read(dir.resolve("stderr.txt"));
        assertEquals(130, p.exitValue(), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
        assertTrue(err.lines().count() <= 1, err);
        assertFalse(Files.exists(dir.resolve("bars.txt")), "nothing may be published after the interrupt");
        assertEquals(List.of(), hidden(), "the staged file must be removed");
    }

    @Test
    void analyze_sigintAfterPublication_exits0AndTheManifestVerifies() throws Exception {
        Files.write(dir.resolve("corpus.txt"), List.of("The cat sat on the mat.", "Graphs have nodes and edges."));
        Path out = dir.resolve("out");
        Path marker = dir.resolve("held");
        Process p = startHeld(marker, List.of("analyze", "--input", "corpus.txt", "--out", "out", "--max-clique",
                "3", "--no-features", "--workers", "1"));
        assertTrue(Cli.awaitFiles(dir, p, 300, () -> Files.exists(marker)),
                "the child never published: " + Cli.read(dir.resolve("stderr.txt")));
        assertTrue(p.isAlive(), "the child holds after publication until it is signalled");
        assertTrue(Signals.send(p.pid(), "INT"));
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String err = Cli.read(dir.resolve("stderr.txt"));
        assertEquals(0, p.exitValue(), "SIGINT after publication: " + err);
        assertEquals(List.of(), Manifest.verify(out), "published files must match the manifest");
        assertTrue(Files.size(out.resolve("planes.csv")) > 0);
        assertTrue(Cli.read(dir.resolve("stdout.txt")).startsWith("analysed 2 of 2 inputs"),
                Cli.read(dir.resolve("stdout.txt")));
    }
}
