package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.corpus.CorpusReader;
import org.attnplanes.app.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 fuzzing: seeded garbage thrown at the matrix readers through {@code persistence} (run in-process) and at
 * the corpus readers. Invariants: exit 0 or 2, at most one stderr line, no stack trace, the input byte-for-byte
 * unchanged, no file left in the output folder but complete outputs. {@code -Dattnplanes.fuzz.n=N} runs more
 * ({@code -Dattnplanes.fuzz.corpus.n} for the corpus readers alone); benchmarks/scripts/fuzz.sh is the long run.
 */
class GarbageInputFuzzTest {

    @TempDir
    Path dir;

    private static final int N = Integer.getInteger("attnplanes.fuzz.n", 600);
    private static final String[] FORMATS = {"lower-distance", "distance", "point-cloud", "sparse"};

    /** Mostly-plausible text with damage: numbers, separators, NaN/inf, negatives, huge indices, control bytes, BOMs. */
    static byte[] garbage(Random r) {
        StringBuilder sb = new StringBuilder();
        int lines = r.nextInt(8);
        String[] atoms = {"0", "1", "2.5", "-1", "NaN", "inf", "-inf", "1e39", "65535", "65536", "x", "", ",", " ",
            "\t", "0x1", "1,2", "\u0000", "\u00ff", "3 3 1", "0 1", "\r"};
        for (int l = 0; l < lines; l++) {
            int k = r.nextInt(6);
            for (int i = 0; i < k; i++) {
                sb.append(atoms[r.nextInt(atoms.length)]).append(r.nextBoolean() ? " " : ",");
            }
            sb.append(r.nextInt(10) == 0 ? "" : "\n");
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(10) == 0 && b.length > 0) {
            b[r.nextInt(b.length)] = (byte) r.nextInt(256);   // a random byte, often not UTF-8
        }
        if (r.nextInt(15) == 0) {
            byte[] bom = {(byte) 0xFF, (byte) 0xFE};
            byte[] c = new byte[b.length + 2];
            System.arraycopy(bom, 0, c, 0, 2);
            System.arraycopy(b, 0, c, 2, b.length);
            b = c;
        }
        return b;
    }

    /** Appends one line of counts to {@code -Dattnplanes.fuzz.report=FILE} (benchmarks/scripts/fuzz.sh). */
    static void report(String line) throws java.io.IOException {
        String file = System.getProperty("attnplanes.fuzz.report");
        if (file != null) {
            Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    @Test
    void persistence_seededGarbage_exit0or2_oneLine_inputUnchanged_noPartialOutput() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        int[] exits = new int[3];
        for (int seed = 0; seed < N; seed++) {
            Random r = new Random(seed);
            byte[] bytes = garbage(r);
            Path in = Files.write(dir.resolve("m" + (seed % 7) + ".txt"), bytes);
            String format = FORMATS[r.nextInt(FORMATS.length)];
            Path target = out.resolve("bars" + seed + ".txt");
            Cli.Result res = Cli.inProcess("persistence", "--input", in.toString(), "--format", format, "--dim",
                    Integer.toString(r.nextInt(3)), "--out", target.toString());
            String where = "seed " + seed + " format " + format + ": " + res.err();
            assertTrue(res.exitCode() == 0 || res.exitCode() == 2, where);
            assertTrue(res.err().lines().count() <= 1, where);
            assertFalse(res.err().contains("\tat ") || res.err().contains("Exception"), where);
            assertArrayEquals(bytes, Files.readAllBytes(in), where);
            try (var s = Files.list(out)) {
                List<Path> files = s.toList();
                for (Path f : files) {
                    assertFalse(f.getFileName().toString().startsWith("."), "partial file " + f + " at " + where);
                }
                assertEquals(res.exitCode() == 0, Files.exists(target), where);
            }
            exits[res.exitCode()]++;
            Files.deleteIfExists(target);
        }
        report("matrix readers (persistence, 4 formats): " + N + " inputs; exit 0: " + exits[0] + "; exit 2: "
                + exits[2]);
    }

    @Test
    void corpusReader_seededGarbage_neverThrowsAnythingButOneSentence() throws Exception {
        String[] ext = {".txt", ".jsonl", ".csv", ".tsv"};
        int read = 0;
        int refused = 0;
        int n = Integer.getInteger("attnplanes.fuzz.corpus.n", N);     // cheap: the long run gives it more
        for (int seed = 0; seed < n; seed++) {
            Random r = new Random(1_000_000L + seed);
            byte[] bytes = garbage(r);
            if (r.nextBoolean()) {
                bytes = ("{\"text\":\"a\"} " + new String(bytes, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
            }
            Path in = Files.write(dir.resolve("c" + ext[seed % 4]), bytes);
            try {
                List<CorpusEntry> entries = new CorpusReader(null, null).read(in);
                read++;
                for (CorpusEntry e : entries) {
                    assertTrue(e.ok() ? !e.text().isBlank() : !e.problem().contains("\n"), "seed " + seed);
                }
            } catch (IllegalArgumentException e) {
                assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("Exception"), "seed " + seed
                        + ": " + e.getMessage());
                refused++;
            }
            assertArrayEquals(bytes, Files.readAllBytes(in));
        }
        report("corpus readers (.txt/.jsonl/.csv/.tsv): " + n + " inputs; read: " + read + "; refused with one"
                + " sentence: " + refused);
    }
}
