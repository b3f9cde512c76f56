package org.attnplanes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.corpus.CorpusReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-line parser against app's whole-file {@link CorpusReader} (the oracle) on random files. */
class LineParserTest {

    private static final String[] PIECES = {"the cat", " sat ", "on\tthe mat", "é", "日本", "\r", "  ", "",
        "{\"text\": \"hello\"}", "{\"text\": 3}", "{\"a\": {\"b\": \"nested\"}}", "{\"text\": \"  \"}", "[1,2]",
        "{bad json", "null", "{\"text\": null}", "\uFEFF", "\"quoted\"", "\u200B", "\u0007",
        "{\"text\": \"a\"} {\"text\": \"b\"}", "{\"text\": \"\\u200B\"}"};

    @Test
    void sameEntriesAsCorpusReaderOnRandomFiles(@TempDir Path dir) throws Exception {
        Random random = new Random(20261206L);
        for (int trial = 0; trial < 300; trial++) {
            boolean json = random.nextBoolean();
            String field = json && random.nextInt(4) == 0 ? "a.b" : null;
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            List<byte[]> lines = new ArrayList<>();
            int n = 1 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int parts = random.nextInt(4);
                for (int p = 0; p < parts; p++) {
                    line.writeBytes(PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
                }
                if (random.nextInt(10) == 0) {
                    line.write(0xC3); // a truncated two-byte sequence
                }
                if (random.nextInt(15) == 0) {
                    line.write(0xFF);
                }
                lines.add(line.toByteArray());
                file.writeBytes(line.toByteArray());
                if (i < n - 1 || random.nextBoolean()) {
                    file.write('\n');
                }
            }
            Path f = dir.resolve("t" + trial + (json ? ".jsonl" : ".txt"));
            Files.write(f, file.toByteArray());
            List<CorpusEntry> expected;
            try {
                expected = new CorpusReader(null, field).read(f);
            } catch (IllegalArgumentException empty) {
                continue; // an empty file: the job reports it before parsing lines
            }
            // split as Hadoop's TextInputFormat does with the delimiter "\n"
            List<byte[]> split = splitAtNewline(file.toByteArray());
            LineParser parser = new LineParser(json, field);
            List<Entry> actual = new ArrayList<>();
            for (int i = 0; i < split.size(); i++) {
                actual.add(parser.parse(i + 1, split.get(i), split.get(i).length));
            }
            assertEquals(expected.size(), actual.size(), "lines of trial " + trial);
            for (int i = 0; i < expected.size(); i++) {
                CorpusEntry e = expected.get(i);
                Entry a = actual.get(i);
                assertEquals(new Entry(e.number(), e.text(), e.problem()), a, "trial " + trial + " line " + (i + 1));
            }
        }
    }

    static List<byte[]> splitAtNewline(byte[] bytes) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                out.add(java.util.Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            out.add(java.util.Arrays.copyOfRange(bytes, start, bytes.length));
        }
        return out;
    }
}
