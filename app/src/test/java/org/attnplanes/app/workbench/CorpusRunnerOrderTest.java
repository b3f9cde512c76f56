package org.attnplanes.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.export.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches are the sort-by-length groups of {@code --batch} inputs, run longest first (so two workers end on short
 * batches together): on a seeded corpus, one worker sees exactly the ascending groups in descending order, and two
 * workers together see the same groups, each input once.
 */
class CorpusRunnerOrderTest {

    @TempDir
    Path dir;

    @Test
    void seededCorpus_sameLengthGroups_longestBatchFirst() throws Exception {
        long seed = 1606L;
        Random rnd = new Random(seed);
        List<CorpusEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 53; i++) {
            entries.add(CorpusEntry.of(i, "w".repeat(1 + rnd.nextInt(80))));
        }
        List<CorpusEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt((CorpusEntry e) -> e.text().length()));
        List<List<Integer>> groups = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i += 8) {
            groups.add(sorted.subList(i, Math.min(sorted.size(), i + 8)).stream().map(CorpusEntry::number).toList());
        }
        List<List<Integer>> longestFirst = new ArrayList<>(groups);
        Collections.reverse(longestFirst);

        for (int threads : new int[] {1, 2}) {
            List<List<Integer>> seen = Collections.synchronizedList(new ArrayList<>());
            Checkpoint cp = Checkpoint.open(dir.resolve("t" + threads), Map.of(), false);
            int done = new CorpusRunner(8, threads).run(entries, cp, batch -> {
                seen.add(batch.stream().map(CorpusEntry::number).toList());
                return new BatchResult(List.of(), Map.of());
            }, new CorpusRunner.Listener() {
                @Override
                public void completed(int count) {
                }

                @Override
                public void skipped(CorpusEntry entry) {
                }
            });
            assertEquals(53, done);
            if (threads == 1) {
                assertEquals(longestFirst, seen, "seed " + seed);
            } else {
                List<List<Integer>> sortedSeen = new ArrayList<>(seen);
                sortedSeen.sort(Comparator.comparingInt((List<Integer> g) -> groups.indexOf(g)));
                assertEquals(groups, sortedSeen, "seed " + seed + ": the same groups");
                assertEquals(IntStream.rangeClosed(1, 53).boxed().toList(),
                        seen.stream().flatMap(List::stream).sorted().toList());
            }
        }
    }
}
