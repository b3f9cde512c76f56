package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.attnplanes.app.export.Manifest;
import org.attnplanes.app.export.OutputSet;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.app.testutil.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12.2 with real processes and a real SIGKILL: an {@code analyze --overwrite} run replacing a complete
 * result set A (from a.txt) with B (from b.txt) is killed at seeded points — at the moment its publication journal
 * appears (mid-publication) and at random times during the run. The next run in the folder (which completes a
 * half-done publication from the journal) must find either all of A or all of B: every published file names the
 * same input, the manifest verifies, and no staged, journal or temporary file remains.
 */
class PublicationKillProcessTest {

    @TempDir
    Path dir;

    private static final List<String> RESULTS = List.of("planes.csv", "barcodes.json", "provenance.json");

    private List<String> args(String input, boolean overwrite) {
        List<String> a = new ArrayList<>(List.of("analyze", "--input", input, "--out", "out", "--workers", "1",
                "--max-clique", "3", "--no-features"));
        if (overwrite) {
            a.add("--overwrite");
        }
        return a;
    }

    /** Which input ("a.txt" or "b.txt") every result file comes from; fails on a mix. */
    private String resultSet(Path out) throws Exception {
        String set = null;
        for (String f : RESULTS) {
            String text = Files.readString(out.resolve(f));
            boolean a = text.contains("a.txt");
            boolean b = text.contains("b.txt");
            assertTrue(a ^ b, f + " names " + (a ? "both inputs" : "neither input"));
            String s = a ? "a.txt" : "b.txt";
            assertTrue(set == null || set.equals(s), "a mix of two runs: " + f + " is from " + s + ", others from "
                    + set);
            set = s;
        }
        return set;
    }

    private List<String> leftovers(Path out) throws Exception {
        try (Stream<Path> s = Files.walk(out)) {
            return s.map(p -> out.relativize(p).toString())
                    .filter(n -> n.startsWith(OutputSet.STAGING) || n.equals(Manifest.JOURNAL) || n.endsWith(".tmp"))
                    .toList();
        }
    }

    @Test
    void analyze_sigkillDuringPublicationOrRun_nextRunFindsOneCompleteSet() throws Exception {
        Files.write(dir.resolve("a.txt"), List.of("The cat sat on the mat.", "Graphs have nodes and edges."));
        Files.write(dir.resolve("b.txt"), List.of("It rained all day in Paris.", "The museum opens at nine."));
        Cli.Result first = Cli.process(dir, 600, args("a.txt", false).toArray(String[]::new));
        assertEquals(0, first.exitCode(), first.err());
        Path out = dir.resolve("out");
        assertEquals("a.txt", resultSet(out));
        Random r = new Random(12);
        int midPublication = 0;
        List<String> seen = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            String before = resultSet(out);
            String next = before.equals("a.txt") ? "b.txt" : "a.txt";
            Process p = Cli.start(dir, args(next, true));
            boolean killed;
            if (round % 2 == 0) {
                // the journal exists only while the files are being moved into place
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
                while (!Files.exists(out.resolve(Manifest.JOURNAL)) && p.isAlive() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                killed = Signals.send(p.pid(), "KILL");
                midPublication += killed && Files.exists(out.resolve(Manifest.JOURNAL)) ? 1 : 0;
            } else {
                Thread.sleep(500 + r.nextInt(6000));
                killed = Signals.send(p.pid(), "KILL");
            }
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            // the next run in the folder: recovers a half-done publication, then refuses (no --overwrite)
            Cli.Result after = Cli.process(dir, 600, args(next, false).toArray(String[]::new));
            assertEquals(2, after.exitCode(), after.err());
            assertTrue(after.err().contains("already holds results of an earlier run"), after.err());
            String now = resultSet(out);
            seen.add(before + "->" + now + (killed ? " (killed, exit " + p.exitValue() + ")" : " (finished first)"));
            assertEquals(List.of(), Manifest.verify(out), "round " + round + ": " + seen);
            assertEquals(List.of(), leftovers(out), "round " + round + ": " + seen);
        }
        System.out.println("PublicationKillProcessTest: " + seen + "; killed mid-publication: " + midPublication);
        assertTrue(midPublication > 0 || seen.stream().anyMatch(s -> s.contains("killed")),
                "no run was killed: " + seen);
    }
}
