package org.attnplanes.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.attnplanes.app.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input on the command line: one sentence on stderr, exit status 2, never a stack trace. */
class CommandErrorsTest {

    @TempDir
    Path dir;

    private static void assertBadInput(Cli.Result r, String expectedFirstLine) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(expectedFirstLine, r.err().lines().findFirst().orElse(""));
        assertFalse(r.err().contains("\tat "), "stack trace shown: " + r.err());
    }

    @Test
    void analyze_unknownHeadReduction_namesOptionValueAndAllowed() {
        assertBadInput(Cli.inProcess("analyze", "--text", "Hi.", "--out", dir.toString(), "--heads", "median"),
                "attnplanes analyze: --heads median is not one of mean, max, per-head, or a 0-based head index.");
    }

    @Test
    void analyze_thresholdOutOfRange_namesOptionValueAndRange() {
        assertBadInput(Cli.inProcess("analyze", "--text", "Hi.", "--out", dir.toString(), "--thresholds", "0.1,1.5"),
                "attnplanes analyze: --thresholds 1.5 is outside (0, 1].");
    }

    @Test
    void analyze_textAndInputTogether_isAUsageError() {
        Cli.Result r = Cli.inProcess("analyze", "--text", "Hi.", "--input", "x.txt", "--out", dir.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("attnplanes: Error: --text=TEXT, --input=FILE are mutually exclusive"), r.err());
    }

    @Test
    void analyze_missingCorpus_namesFile() {
        Path missing = dir.resolve("nope.txt");
        assertBadInput(Cli.inProcess("analyze", "--input", missing.toString(), "--out", dir.toString()),
                "attnplanes analyze: --input " + missing + " does not exist.");
    }

    @Test
    void analyze_badSymmetrization_listsAllowedValues() {
        assertBadInput(Cli.inProcess("analyze", "--text", "Hi.", "--out", dir.toString(), "--symmetrization", "avg"),
                "attnplanes analyze: --symmetrization avg is not one of sum, max, mean, directed.");
    }

    @Test
    void unknownOption_suggestsHelp() {
        Cli.Result r = Cli.inProcess("analyze", "--text", "Hi.", "--out", dir.toString(), "--treshold", "0.1");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("attnplanes: Unknown options: '--treshold', '0.1'."), r.err());
        assertTrue(r.err().contains("Possible solutions: --threshold")
                || r.err().contains("Try 'attnplanes analyze --help'"), "a hint expected: " + r.err());
    }
}
