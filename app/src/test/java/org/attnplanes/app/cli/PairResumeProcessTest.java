package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.attnplanes.app.export.Checkpoint;
import org.attnplanes.app.export.Manifest;
import org.attnplanes.app.testutil.Cli;
import org.attnplanes.testmodels.Seq2SeqModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An encoder–decoder analyze run is resumable like a single model's (issue 12 with issue 13's pairs): a real child
 * process is stopped by SIGTERM after its first checkpoint parts, a part is then copied in by hand and another
 * one cut short, and {@code --resume} ignores both with one sentence each and ends with the rows of an
 * uninterrupted run, byte for byte.
 */
class PairResumeProcessTest {

    @TempDir
    Path dir;

    @Test
    void analyzePairs_interruptedThenResumedWithTamperedParts_equalsAnUninterruptedRun() throws Exception {
        Path model = Seq2SeqModels.writeDirectory(dir.resolve("bart"), Seq2SeqModels.Family.BART, 9,
                Seq2SeqModels.DecoderFile.MERGED, true);
        StringBuilder csv = new StringBuilder("source,target\n");
        String[] words = {"the", "cat", "sat", "on", "mat", "a", "dog"};
        for (int i = 0; i < 12; i++) {
            csv.append(words[i % 7]).append(' ').append(words[(i * 3 + 1) % 7]).append(' ').append(words[(i + 4) % 7])
                    .append(',').append(words[(i * 5 + 2) % 7]).append(' ').append(words[i % 5]).append('\n');
        }
        Files.writeString(dir.resolve("pairs.csv"), csv);
        List<String> args = new ArrayList<>(List.of("analyze", "--model", model.toString(), "--input", dir.resolve("pairs.csv").toString(),
                "--column", "source", "--target-column", "target", "--threads", "1", "--workers", "1", "--batch", "1",
                "--max-clique", "3", "--no-features"));

        Cli.Result reference = Cli.inProcess(concat(args, "--out", dir.resolve("ref").toString())
                .toArray(String[]::new));
        assertEquals(0, reference.exitCode(), reference.err());

        List<String> run = concat(args, "--out", "out");
        Process p = Cli.startWith(dir, List.of("-D" + Checkpoint.PAUSE_PROPERTY + "=400"), run);
        Path side = dir.resolve("out").resolve(Checkpoint.DIR);
        assertTrue(Cli.awaitFiles(side, p, 300, () -> parts(side).size() >= 3) && p.isAlive(),
                "the run ended before three parts: " + Cli.read(dir.resolve("stderr.txt")));
        p.destroy();    // SIGTERM: shutdown hooks run, as for Ctrl-C
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = Cli.read(dir.resolve("stderr.txt"));
        assertTrue(p.exitValue() == 130 || p.exitValue() == 143, "exit " + p.exitValue() + ": " + err);
        assertTrue(err.contains("run again with --resume"), err);
        assertFalse(Files.exists(dir.resolve("out/planes.csv")), "no final output after an interruption");

        List<Path> parts = parts(side);
        Files.copy(parts.get(0), side.resolve("part-00000090.bin"));                  // copied in by hand
        byte[] second = Files.readAllBytes(parts.get(1));
        Files.write(parts.get(1), java.util.Arrays.copyOf(second, second.length - 7));   // cut short

        Cli.Result resumed = Cli.process(dir, 600, concat(run, "--resume").toArray(String[]::new));

        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("attnplanes analyze: note: checkpoint part-00000090.bin is a copy of this"
                + " run's part-00000000.bin (copied in by hand?); ignored\n"), resumed.err());
        assertTrue(resumed.err().contains("attnplanes analyze: note: checkpoint " + parts.get(1).getFileName()
                + " is truncated or altered (its checksum does not match); ignored, its inputs are analysed again\n"),
                resumed.err());
        assertTrue(resumed.err().matches("(?s).*resuming; ([1-9]|1[01]) of 12 inputs already done.*"), resumed.err());
        assertEquals(rows(dir.resolve("ref/planes.csv")), rows(dir.resolve("out/planes.csv")),
                "the resumed run's rows equal the uninterrupted run's");
        assertFalse(Files.exists(side), "the checkpoint is removed after publication");
        assertEquals(List.of(), Manifest.verify(dir.resolve("out")));
    }

    private static List<String> concat(List<String> args, String... more) {
        List<String> out = new ArrayList<>(args);
        out.addAll(List.of(more));
        return out;
    }

    /** planes.csv without its comment lines (they hold the command line and times). */
    private static List<String> rows(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().filter(l -> !l.startsWith("#")).toList();
    }

    private static List<Path> parts(Path side) throws Exception {
        if (!Files.isDirectory(side)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(side)) {
            return s.filter(f -> f.getFileName().toString().matches("part-\\d+\\.bin")).sorted().toList();
        }
    }
}
