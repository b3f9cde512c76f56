package org.attnplanes.app.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusReaderTest {

    @TempDir
    Path dir;

    @Test
    void read_txtWithBlankAndUndecodableLines_reportsThemByLineNumber() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("The cat sat.\r\n\n".getBytes(StandardCharsets.UTF_8));
        b.write(new byte[] {'b', 'a', 'd', (byte) 0xC3, (byte) 0x28, '\n'});
        b.write("  Café au lait.  \nlast line without newline".getBytes(StandardCharsets.UTF_8));
        Path f = dir.resolve("c.txt");
        Files.write(f, b.toByteArray());

        List<CorpusEntry> e = new CorpusReader(null, null).read(f);

        assertEquals(5, e.size());
        assertEquals("The cat sat.", e.get(0).text());
        assertEquals("empty line", e.get(1).problem());
        assertEquals(2, e.get(1).number());
        assertTrue(e.get(2).problem().startsWith("undecodable bytes"), e.get(2).problem());
        assertEquals("Café au lait.", e.get(3).text());
        assertEquals(5, e.get(4).number());
        assertEquals("last line without newline", e.get(4).text());
    }

    @Test
    void read_csvWithNamedColumnAndQuotedNewline_usesRecordNumbers() throws Exception {
        Path f = dir.resolve("c.csv");
        Files.writeString(f, "id,sentence,label\n1,\"Hello, world.\",a\n2,\"two\nlines\",b\n3,,c\n");

        List<CorpusEntry> e = new CorpusReader("sentence", null).read(f);

        assertEquals(3, e.size());
        assertEquals("Hello, world.", e.get(0).text());
        assertEquals("two\nlines", e.get(1).text());
        assertEquals(3, e.get(2).number());
        assertEquals("empty text in column sentence (line 5)", e.get(2).problem());
    }

    @Test
    void read_tsvWithColumnIndex_readsThatColumn() throws Exception {
        Path f = dir.resolve("c.tsv");
        Files.writeString(f, "a\tb\nx\tFirst text.\ny\tSecond text.\n");

        List<CorpusEntry> e = new CorpusReader("2", null).read(f);

        assertEquals(List.of("First text.", "Second text."), e.stream().map(CorpusEntry::text).toList());
    }

    @Test
    void read_csvWithUnknownColumn_failsNamingColumnAndAllowed() throws Exception {
        Path f = dir.resolve("c.csv");
        Files.writeString(f, "id,sentence\n1,Hi.\n");

        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new CorpusReader("text2", null).read(f));

        assertEquals("--column text2 is not a column of " + f + "; allowed: [id, sentence] or an index in [1, 2]",
                ex.getMessage());
    }

    @Test
    void read_jsonlWithNestedFieldAndBadLines_reportsEachProblem() throws Exception {
        Path f = dir.resolve("c.jsonl");
        Files.writeString(f, "{\"d\":{\"t\":\"Nested text.\"}}\n{\"d\":{\"x\":1}}\nnot json\n{\"d\":{\"t\":3}}\n");

        List<CorpusEntry> e = new CorpusReader(null, "d.t").read(f);

        assertEquals("Nested text.", e.get(0).text());
        assertEquals("no field \"d.t\" (fields: d)", e.get(1).problem());
        assertTrue(e.get(2).problem().startsWith("not valid JSON"), e.get(2).problem());
        assertEquals("field \"d.t\" is number, not a string", e.get(3).problem());
        assertFalse(e.get(3).ok());
    }

    @Test
    void read_unknownExtension_failsNamingAllowedFormats() {
        Path f = dir.resolve("c.xlsx");

        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new CorpusReader(null, null).read(f));

        assertTrue(ex.getMessage().startsWith("--input " + f + " has an unknown extension; allowed: .txt"),
                ex.getMessage());
    }

    @Test
    void read_missingAndEmptyFiles_failWithMessages() throws Exception {
        Path missing = dir.resolve("nope.txt");
        assertEquals("--input " + missing + " does not exist", assertThrows(IllegalArgumentException.class,
                () -> new CorpusReader(null, null).read(missing)).getMessage());
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        assertEquals("--input " + empty + " is empty; it needs at least one input",
                assertThrows(IllegalArgumentException.class, () -> new CorpusReader(null, null).read(empty))
                        .getMessage());
    }
}
