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

    /** Starts persistence with the dimension marker seam; waits until dimension 1 is done, then sends SIGINT. */
    private Process interruptedAfterDimensionOne(List<String> args) throws Exception {
        Path marker = dir.resolve("dims");
        Process p = start(List.of("-D" + PersistenceCommand.DIMENSION_MARKER_PROPERTY + "=" + marker), args);
        assertTrue(Cli.awaitFiles(dir, p, 120, () -> Files.exists(marker)
                && Files.readString(marker).contains("1\n")), "dimension 1 never finished: "
                + Cli.read(dir.resolve("stderr.txt")));
        assertTrue(p.isAlive(), "the run ended before the interrupt (dimension 3 of 500 points)");
        assertTrue(Signals.send(p.pid(), "INT"));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p;
    }

    /** The ripser text of dimensions 0..k of the same input, computed whole in-process. */
    private String reference(String input, int k, String... more) {
        List<String> args = new ArrayList<>(List.of("persistence", "--input", dir.resolve(input).toString(),
                "--max-dim", Integer.toString(k)));
        args.addAll(List.of(more));
        Cli.Result r = Cli.inProcess(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return r.out();
    }

    @Test
    void persistence_outFileInterruptedAfterDimension1_keepsTheFinishedDimensionsInPartial() throws Exception {
        points("big.txt", 500, 4, 2);
        Process p = interruptedAfterDimensionOne(List.of("persistence", "--input", "big.txt", "--max-dim", "3",
                "--out", "bars.txt"));
        String err = Cli.read(dir.resolve("stderr.txt"));
        assertEquals(130, p.exitValue(), err);
        assertFalse(Files.exists(dir.resolve("bars.txt")), "the complete output is never a partial one");
        String partial = Files.readString(dir.resolve("bars.txt.partial"));
        int k = (int) partial.lines().filter(l -> l.startsWith("persistence intervals in dim ")).count() - 1;
        assertTrue(k >= 1 && k < 3, partial.lines().filter(l -> l.startsWith("persistence")).toList().toString());
        assertEquals("attnplanes persistence: interrupted after dimension " + k + " of 0..3; the finished dimensions"
                + " are in " + dir.resolve("bars.txt.partial") + " (bars.txt was not written)\n", err);
        assertEquals(reference("big.txt", k), partial, "H0..Hk exactly as a whole run of --max-dim k prints them");
        assertEquals(List.of(), hidden(), "no staged file may stay");

        // the partial file is an earlier result: kept unless --overwrite, removed by the complete output
        Cli.Result again = Cli.inProcess("persistence", "--input", dir.resolve("big.txt").toString(), "--max-dim",
                "1", "--out", dir.resolve("bars.txt").toString());
        assertEquals(2, again.exitCode(), again.err());
        assertEquals("attnplanes persistence: --out " + dir.resolve("bars.txt") + ": bars.txt.partial already exists"
                + " (the finished part of an interrupted run); pass --overwrite to replace it, or delete it.\n",
                again.err());
        Cli.Result overwrite = Cli.inProcess("persistence", "--input", dir.resolve("big.txt").toString(),
                "--max-dim", "1", "--out", dir.resolve("bars.txt").toString(), "--overwrite");
        assertEquals(0, overwrite.exitCode(), overwrite.err());
        assertEquals(reference("big.txt", 1), Files.readString(dir.resolve("bars.txt")));
        assertFalse(Files.exists(dir.resolve("bars.txt.partial")), "superseded by the complete output");
    }

    @Test
    void persistence_jsonOutInterrupted_partialIsACompleteJsonDocumentMarkedInterrupted() throws Exception {
        points("big.txt", 500, 4, 2);
        Process p = interruptedAfterDimensionOne(List.of("persistence", "--input", "big.txt", "--max-dim", "3",
                "--json", "--out", "bars.json"));
        String err = Cli.read(dir.resolve("stderr.txt"));
        assertEquals(130, p.exitValue(), err);
        assertFalse(Files.exists(dir.resolve("bars.json")));
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("bars.json.partial").toFile());
        String interrupted = doc.findValue("interrupted").asText();
        assertTrue(interrupted.matches("after dimension [12] of 0\\.\\.3; only the finished dimensions are here"),
                interrupted);
        assertTrue(err.startsWith("attnplanes persistence: interrupted after dimension ") && err.lines().count() == 1,
                err);
    }

    @Test
    void persistence_sparseToStdoutInterrupted_theStreamedDimensionsAreCompleteAndSaidSo() throws Exception {
        points("big.txt", 500, 4, 2);
        // the same 500 points as a sparse (i j d) file: one 2-core component, streamed dimension by dimension
        List<String> lines = new ArrayList<>();
        List<String> rows = Files.readAllLines(dir.resolve("big.txt"));
        for (int i = 1; i < rows.size() + 1; i++) {
            String[] d = rows.get(i - 1).split(",");
            for (int j = 0; j < d.length; j++) {
                lines.add(i + " " + j + " " + d[j]);
            }
        }
        Files.write(dir.resolve("big.sparse"), lines);
        Process p = interruptedAfterDimensionOne(List.of("persistence", "--input", "big.sparse", "--format",
                "sparse", "--max-dim", "3"));
        String err = Cli.read(dir.resolve("stderr.txt"));
        assertEquals(130, p.exitValue(), err);
        String out = Cli.read(dir.resolve("stdout.txt"));
        int k = (int) out.lines().filter(l -> l.startsWith("persistence intervals in dim ")).count() - 1;
        assertTrue(k >= 1 && k < 3, out.lines().filter(l -> l.startsWith("persistence")).toList().toString());
        assertEquals(reference("big.sparse", k, "--format", "sparse"), out, "whole dimensions only, each complete");
        assertEquals("attnplanes persistence: interrupted after dimension " + k + " of 0..3; the dimensions printed"
                + " above are complete, the others were not computed\n", err);
    }
}
