package org.attnplanes.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.app.corpus.CorpusEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path dir;

    private static PlaneRecord record(int input) {
        return new PlaneRecord(input, 0, "2", 4, Map.of("betti1_t0.10", 1.0, "x", Double.NaN),
                List.of(List.of(new double[] {0, Double.POSITIVE_INFINITY}), List.of(new double[] {0.2, 0.5})));
    }

    @Test
    void open_afterCommitsWithResume_restoresDoneRowsAndSkipped() {
        Map<String, String> fp = Map.of("model", "m", "input", "c.txt");
        Checkpoint cp = Checkpoint.open(dir, fp, false);
        cp.commit(List.of(1, 2), List.of(record(1), record(2)), List.of());
        cp.commit(List.of(3), List.of(), List.of(CorpusEntry.bad(3, "empty line")));

        Checkpoint again = Checkpoint.open(dir, fp, true);

        assertEquals(Set.of(1, 2, 3), again.done());
        assertEquals(2, again.rows().size());
        PlaneRecord r = again.rows().get(0);
        assertEquals(Double.POSITIVE_INFINITY, r.barcodes().get(0).get(0)[1]);
        assertEquals(0.5, r.barcodes().get(1).get(0)[1]);
        assertEquals(Double.NaN, r.stats().get("x"));
        assertEquals(Map.of(3, "empty line"), again.skipped());
        again.commit(List.of(4), List.of(record(4)), List.of());
        assertEquals(Set.of(1, 2, 3, 4), Checkpoint.open(dir, fp, true).done());
    }

    @Test
    void open_interruptedRunWithoutResume_failsSayingHowToContinue() {
        Checkpoint.open(dir, Map.of("a", "1"), false).commit(List.of(1), List.of(record(1)), List.of());

        UserInputException ex = assertThrows(UserInputException.class, () -> Checkpoint.open(dir, Map.of("a", "1"), false));

        assertEquals("--out " + dir + " holds an interrupted run (1 inputs done); pass --resume to continue it, or"
                + " delete " + dir.resolve(Checkpoint.DIR) + " to start over", ex.getMessage());
    }

    @Test
    void open_resumeWithOtherSettings_failsNamingTheSetting() {
        Checkpoint.open(dir, Map.of("graph.symmetrization", "SUM"), false).commit(List.of(1), List.of(record(1)),
                List.of());

        UserInputException ex = assertThrows(UserInputException.class,
                () -> Checkpoint.open(dir, Map.of("graph.symmetrization", "MAX"), true));

        assertEquals("--resume: the interrupted run in " + dir + " used graph.symmetrization = SUM but this run uses"
                + " MAX; run with the same settings, or delete " + dir.resolve(Checkpoint.DIR) + " to start over",
                ex.getMessage());
    }

    @Test
    void finish_afterCommits_removesSideDirectory() {
        Checkpoint cp = Checkpoint.open(dir, Map.of(), false);
        cp.commit(List.of(1), List.of(record(1)), List.of());

        cp.finish();

        assertFalse(Files.exists(dir.resolve(Checkpoint.DIR)));
    }

    @Test
    void open_damagedPart_failsNamingTheFileAndHowToStartOver() throws Exception {
        Map<String, String> fp = Map.of("model", "m");
        Checkpoint.open(dir, fp, false).commit(List.of(1), List.of(record(1)), List.of());
        Path part;
        try (var files = Files.list(dir.resolve(Checkpoint.DIR))) {
            part = files.filter(f -> f.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        Files.writeString(part, "{\"done\": [1], \"rows\": [{\"input\": ");

        UserInputException ex = assertThrows(UserInputException.class, () -> Checkpoint.open(dir, fp, true));

        assertEquals("cannot read " + part + " of the interrupted run (damaged, or written by another version of"
                + " attnplanes); delete " + dir.resolve(Checkpoint.DIR) + " to start over", ex.getMessage());
    }

    @Test
    void commit_rowsOfOneSchema_storeTheNamesOnce() throws Exception {
        Checkpoint cp = Checkpoint.open(dir, Map.of(), false);
        StatsMap.Columns cols = new StatsMap.Columns(List.of("betti0_t0.10", "h1_total"));
        List<PlaneRecord> rows = List.of(
                new PlaneRecord(1, 0, "0", 3, new StatsMap(cols, new double[] {1, 0.25}), List.of()),
                new PlaneRecord(1, 0, "1", 3, new StatsMap(cols, new double[] {2, Double.NaN}), List.of()));
        cp.commit(List.of(1), rows, List.of());

        String json; // binary; the names are readable in it
        try (var files = Files.list(dir.resolve(Checkpoint.DIR))) {
            Path part = files.filter(f -> f.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
            json = new String(Files.readAllBytes(part), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        assertEquals(1, json.split("h1_total", -1).length - 1, json);
        List<PlaneRecord> back = Checkpoint.open(dir, Map.of(), true).rows();
        assertEquals(rows.get(0).stats(), back.get(0).stats());
        assertEquals(Double.NaN, back.get(1).stats().get("h1_total"));
        assertEquals("1", back.get(1).head());
    }

    @Test
    void open_runThatSavedNothing_leavesNothingBehindAndDoesNotBlockTheNext() throws Exception {
        // issue 12.4: a run that failed before its first batch used to lock --out ("0 inputs done")
        Checkpoint.open(dir, Map.of("a", "1"), false);
        assertFalse(Files.exists(dir.resolve(Checkpoint.DIR)), "nothing saved, nothing written");
        // a side directory left by an older version / a kill before the first part: silently replaced
        Files.createDirectories(dir.resolve(Checkpoint.DIR));
        Files.writeString(dir.resolve(Checkpoint.DIR).resolve("run.json"), "{\"a\":\"1\"}");
        Checkpoint cp = Checkpoint.open(dir, Map.of("a", "2"), false);
        assertEquals(Set.of(), cp.done());
        assertFalse(Files.exists(dir.resolve(Checkpoint.DIR)));
        cp.commit(List.of(1), List.of(record(1)), List.of());
        assertEquals(Set.of(1), Checkpoint.open(dir, Map.of("a", "2"), true).done());
    }

    @Test
    void open_damagedRunJson_saysSoWithoutAParserMessage() throws Exception {
        Checkpoint.open(dir, Map.of("a", "1"), false).commit(List.of(1), List.of(record(1)), List.of());
        Files.writeString(dir.resolve(Checkpoint.DIR).resolve("run.json"), "{\"a\": [tru");
        UserInputException ex = assertThrows(UserInputException.class, () -> Checkpoint.open(dir, Map.of("a", "1"), true));
        assertEquals("--out " + dir + " holds an interrupted run whose settings file run.json is damaged (not the JSON"
                + " attnplanes writes); delete " + dir.resolve(Checkpoint.DIR) + " to start over", ex.getMessage());
    }

    @Test
    void open_partCopiedInByHand_isRefusedInsteadOfDuplicatingRows() throws Exception {
        // issue 12.9: a copied part made every row of its inputs appear twice in planes.csv
        Map<String, String> fp = Map.of("a", "1");
        Checkpoint cp = Checkpoint.open(dir, fp, false);
        cp.commit(List.of(1, 2), List.of(record(1), record(2)), List.of());
        cp.commit(List.of(3), List.of(record(3)), List.of());
        Path side = dir.resolve(Checkpoint.DIR);
        Files.copy(side.resolve("part-00000000.bin"), side.resolve("part-00000007.bin"));

        UserInputException ex = assertThrows(UserInputException.class, () -> Checkpoint.open(dir, fp, true));

        assertEquals("--resume: part-00000007.bin repeats input 1, which part-00000000.bin already holds (a part "
                + "copied in by hand?); the interrupted run's results would have duplicate rows, delete " + side
                + " to start over", ex.getMessage());
    }
}
