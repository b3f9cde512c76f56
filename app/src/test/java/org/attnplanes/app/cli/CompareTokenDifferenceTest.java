package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.attnplanes.app.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two texts of the same length whose tokens differ (a minimal pair) are told apart by position, not by the
 * token counts (which agree: "18 vs 18 tokens" said nothing).
 */
class CompareTokenDifferenceTest {

    @TempDir
    Path dir;

    @Test
    void minimalPair_namesTheDifferingPositions() {
        Cli.Result r = Cli.inProcess("compare", "--text", "The cat sat on the mat.", "--other-text",
                "The dog sat on the rug.", "--no-cross-barcodes", "--out", dir.resolve("c").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("no difference figure: the tokens differ (both 9 tokens, 2 positions differ:"
                + " 2: \"cat\" vs \"dog\", 6: \"mat\" vs \"rug\"); side-by-side.png shows both"), r.out());
    }
}
