package org.attnplanes.app.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12.6 and 12.8: garbage that used to be analysed as if it were text, and unclear corpus errors. */
class CorpusReaderGarbageTest {

    @TempDir
    Path dir;

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void read_utf16WithBom_isDecoded() throws Exception {
        String text = "Grüße aus Köln.\nSecond line.\n";
        for (var cs : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            byte[] bom = cs == StandardCharsets.UTF_16LE ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                    : new byte[] {(byte) 0xFE, (byte) 0xFF};
            Path f = Files.write(dir.resolve("u16" + cs.name() + ".txt"), concat(bom, text.getBytes(cs)));
            List<CorpusEntry> e = new CorpusReader(null, null).read(f);
            assertEquals(2, e.size(), cs.name());
            assertEquals("Grüße aus Köln.", e.get(0).text());
            assertEquals("Second line.", e.get(1).text());
        }
    }

    @Test
    void read_utf16WithoutBomOrUtf32_isRefusedNamingTheEncoding() throws Exception {
        Path f = Files.write(dir.resolve("nobom.txt"), "Hello there, world.\n".getBytes(StandardCharsets.UTF_16LE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CorpusReader(null, null).read(f));
        assertTrue(e.getMessage().contains("looks like UTF-16 without a byte-order mark"), e.getMessage());
        Path g = Files.write(dir.resolve("u32.txt"), concat(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0},
                "Hi.\n".getBytes(java.nio.charset.Charset.forName("UTF-32LE"))));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CorpusReader(null, null).read(g))
                .getMessage().contains("is UTF-32"));
    }

    @Test
    void read_controlOnlyAndNulLines_areSkippedAsEmpty() throws Exception {
        Path f = Files.writeString(dir.resolve("ctl.txt"), "Real text.\n\u0000\u0000\n\u0001\u0007\u001b\n\u200b\ufeff\nMore.\n");
        List<CorpusEntry> e = new CorpusReader(null, null).read(f);
        assertEquals(5, e.size());
        assertTrue(e.get(0).ok());
        for (int i = 1; i <= 3; i++) {
            assertFalse(e.get(i).ok(), "line " + (i + 1));
            assertEquals("empty line (only control or invisible characters)", e.get(i).problem());
        }
        assertTrue(e.get(4).ok());
        Path j = Files.writeString(dir.resolve("ctl.jsonl"), "{\"text\":\"\\u0000\\u0001\"}\n");
        assertEquals("field \"text\" is empty", new CorpusReader(null, null).read(j).get(0).problem());
    }

    @Test
    void read_jsonlTwoObjectsOnOneLine_isABadLine() throws Exception {
        Path f = Files.writeString(dir.resolve("two.jsonl"), "{\"text\":\"a\"} {\"text\":\"b\"}\n{\"text\":\"c\"}\n"
                + "{\"text\":\"d\"} x\n{\"text\":\"e\"}   \n");
        List<CorpusEntry> e = new CorpusReader(null, null).read(f);
        assertEquals(4, e.size());
        assertEquals("trailing content after the JSON value at column 14; a .jsonl line holds exactly one object",
                e.get(0).problem());
        assertEquals("c", e.get(1).text());
        assertFalse(e.get(2).ok(), "d followed by garbage");
        assertEquals("e", e.get(3).text(), "trailing whitespace is fine");
    }

    @Test
    void read_csvBadRecord_namesTheLineNotOnlyTheRecord() throws Exception {
        Path f = Files.writeString(dir.resolve("c.csv"), "id,text\n1,\"two\nlines\"\n2,\n3,ok\n");
        List<CorpusEntry> e = new CorpusReader(null, null).read(f);
        assertEquals(2, e.get(1).number());
        assertEquals("empty text in column text (line 4)", e.get(1).problem());
    }

    @Test
    void read_malformedCsv_givesTheParsersSentenceWithoutClassNames() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.csv"), "id,text\n1,\"abc\"x,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CorpusReader(null, null).read(f));
        assertFalse(e.getMessage().contains("org.apache"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        assertTrue(e.getMessage().startsWith("--input " + f + " is not valid CSV: "), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void read_fifo_saysItIsNotARegularFile() throws Exception {
        Path fifo = dir.resolve("pipe.txt");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo is needed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CorpusReader(null, null).read(fifo));
        assertEquals("--input " + fifo + " is not a regular file (a FIFO, socket or device); give a corpus file",
                e.getMessage());
    }

    @Test
    void csv_unclosedQuote_saysWhichLineOpensIt_inTheUsersWords() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.csv"), "text\nThe cat.\n\"unterminated\nx\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CorpusReader(null, null).read(f));
        assertEquals("--input " + f + " is not valid CSV: the quoted field that starts on line 3 is never closed (a \""
                + " without its closing \")", e.getMessage());
    }
}
