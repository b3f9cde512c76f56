package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.attnplanes.app.testutil.Cli;
import org.attnplanes.testmodels.Seq2SeqModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code render --out x.html} of a generated BART-style encoder–decoder: one block per page (cross by default, or
 * {@code --block encoder|decoder}) with the block's planes, titles and tokens; {@code --block all} as a page exits 2
 * with one sentence and writes nothing (the three columns are drawn as PNG/SVG).
 */
class PairHtmlCommandTest {

    @TempDir
    Path dir;

    @Test
    void oneBlockPerPage_blockAllRefused() throws Exception {
        Path bart = Seq2SeqModels.writeDirectory(dir.resolve("bart"), Seq2SeqModels.Family.BART, 9,
                Seq2SeqModels.DecoderFile.PLAIN, true);
        Path cross = dir.resolve("cross.html");
        Cli.Result r = Cli.inProcess("render", "--model", bart.toString(), "--text", "The cat sat on the mat.",
                "--target", "the cat", "--threads", "1", "--out", cross.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("wrote " + cross + " (cross block, "), r.out());
        String page = Files.readString(cross);
        assertTrue(page.contains("cross layer 0"), "plane titles name the block");
        assertTrue(page.contains("Content-Security-Policy"), "render's page");

        Path decoder = dir.resolve("decoder.html");
        Cli.Result d = Cli.inProcess("render", "--model", bart.toString(), "--text", "The cat sat on the mat.",
                "--target", "the cat", "--block", "decoder", "--threads", "1", "--out", decoder.toString());
        assertEquals(0, d.exitCode(), d.err());
        assertTrue(Files.readString(decoder).contains("decoder layer 0"), "decoder planes");

        Path all = dir.resolve("all.html");
        Cli.Result a = Cli.inProcess("render", "--model", bart.toString(), "--text", "The cat sat on the mat.",
                "--target", "the cat", "--block", "all", "--threads", "1", "--out", all.toString());
        assertEquals(2, a.exitCode(), a.err());
        assertEquals("attnplanes render: --out " + all + " is an interactive page of one block; give --block encoder,"
                + " decoder or cross (default), or write --block all as .png or .svg.", a.err().strip());
        assertTrue(Files.notExists(all), "nothing written");
    }
}
