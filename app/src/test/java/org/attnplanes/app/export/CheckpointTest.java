package org.attnplanes.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void open_damagedPart_isIgnoredWithOneSentenceAndItsInputsRedone() throws Exception {
        Map<String, String> fp = Map.of("model", "m");
        Checkpoint cp0 = Checkpoint.open(dir, fp, false);
        cp0.commit(List.of(1), List.of(record(1)), List.of());
        cp0.commit(List.of(2), List.of(record(2)), List.of());
        Path part = dir.resolve(Checkpoint.DIR).resolve("part-00000000.bin");
        Files.writeString(part, "{\"done\": [1], \"rows\": [{\"input\": ");

        Checkpoint cp = Checkpoint.open(dir, fp, true);

        assertEquals(List.of("checkpoint part-00000000.bin is not an attnplanes checkpoint part (damaged, or written"
                + " by another version of attnplanes); ignored, its inputs are analysed again"), cp.ignored());
        assertEquals(Set.of(2), cp.done());
        assertEquals(1, cp.rows().size());
    }

    @Test
    void open_truncatedOrAlteredPart_isIgnoredByItsHash() throws Exception {
        Map<String, String> fp = Map.of("model", "m");
        Checkpoint cp0 = Checkpoint.open(dir, fp, false);
        cp0.commit(List.of(1, 2), List.of(record(1), record(2)), List.of());
        cp0.commit(List.of(3), List.of(record(3)), List.of());
        Path side = dir.resolve(Checkpoint.DIR);
        byte[] whole = Files.readAllBytes(side.resolve("part-00000000.bin"));
        // cut anywhere: even a cut that leaves a parseable prefix (no trailer) is caught
        for (int keep : new int[] {whole.length - 1, whole.length - 32, whole.length / 2, 5}) {
            Files.write(side.resolve("part-00000000.bin"), java.util.Arrays.copyOf(whole, keep));
            Checkpoint cp = Checkpoint.open(dir, fp, true);
            assertEquals(1, cp.ignored().size(), "cut at " + keep);
            assertTrue(cp.ignored().get(0).startsWith("checkpoint part-00000000.bin is "), cp.ignored().get(0));
            assertEquals(Set.of(3), cp.done(), "cut at " + keep);
        }
        byte[] flipped = whole.clone();
        flipped[whole.length / 2] ^= 1;   // one bit of a value
        Files.write(side.resolve("part-00000000.bin"), flipped);
        Checkpoint cp = Checkpoint.open(dir, fp, true);
        assertEquals(List.of("checkpoint part-00000000.bin is truncated or altered (its checksum does not match);"
                + " ignored, its inputs are analysed again"), cp.ignored());
        assertEquals(Set.of(3), cp.done());

        Files.write(side.resolve("part-00000000.bin"), whole);
        assertEquals(Set.of(1, 2, 3), Checkpoint.open(dir, fp, true).done(), "the whole part is used again");
    }

    @Test
    void open_partOfAnotherRun_isIgnoredEvenWithTheSameSettings() throws Exception {
        Map<String, String> fp = Map.of("model", "m");
        Path other = Files.createDirectories(dir.resolve("other"));
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Checkpoint.open(other, fp, false).commit(List.of(1), List.of(record(1)), List.of());
        Checkpoint.open(mine, fp, false).commit(List.of(2), List.of(record(2)), List.of());
        Files.copy(other.resolve(Checkpoint.DIR).resolve("part-00000000.bin"),
                mine.resolve(Checkpoint.DIR).resolve("part-00000001.bin"));

        Checkpoint cp = Checkpoint.open(mine, fp, true);

        assertEquals(1, cp.ignored().size());
        assertTrue(cp.ignored().get(0).matches("checkpoint part-00000001\\.bin belongs to another run \\(run id "
                + "[-0-9a-f]{36}, this run's is [-0-9a-f]{36}: copied in by hand\\?\\); ignored, its inputs are"
                + " analysed again"), cp.ignored().get(0));
        assertEquals(Set.of(2), cp.done());
        cp.commit(List.of(1), List.of(record(1)), List.of());
        assertTrue(Files.exists(mine.resolve(Checkpoint.DIR).resolve("part-00000002.bin")),
                "the ignored part's number is not written over");
    }

    @Test
    void open_partsOfAnEarlierVersion_areStillResumed_andRepeatedInputsRefused() throws Exception {
        // APP1 (before encoder-decoders: no block, rows are "self") and APP2 (block, no run id or hash)
        Map<String, String> fp = Map.of("model", "m");
        Path side = Files.createDirectories(dir.resolve(Checkpoint.DIR));
        Files.writeString(side.resolve("run.json"), "{\"model\":\"m\"}");
        Files.write(side.resolve("part-00000000.bin"), olderPart(0x41505031, 1, null));
        Files.write(side.resolve("part-00000001.bin"), olderPart(0x41505032, 2, "encoder"));

        Checkpoint cp = Checkpoint.open(dir, fp, true);

        assertEquals(List.of(), cp.ignored());
        assertEquals(Set.of(1, 2), cp.done());
        assertEquals(List.of("self", "encoder"), cp.rows().stream().map(PlaneRecord::block).toList());
        cp.commit(List.of(3), List.of(record(3)), List.of());
        assertEquals(Set.of(1, 2, 3), Checkpoint.open(dir, fp, true).done(), "new parts get the run's new id");

        Files.write(side.resolve("part-00000005.bin"), olderPart(0x41505032, 2, "encoder"));
        UserInputException ex = assertThrows(UserInputException.class, () -> Checkpoint.open(dir, fp, true));
        assertEquals("--resume: part-00000005.bin repeats input 2, which part-00000001.bin already holds (a part "
                + "copied in by hand?); the interrupted run's results would have duplicate rows, delete " + side
                + " to start over", ex.getMessage());
    }

    /**
     * Version 4 stores values that are exactly float32 in 4 bytes: seeded rows of every kind of value (counts,
     * doubles that are no float, NaN, ±0, ±∞, subnormals, float32 bar ends and double bar ends) read back bit for
     * bit; and a version-3 part (every value in 8 bytes, SHA-256 trailer) is still resumed.
     */
    @Test
    void commit_seededValuesOfEveryKind_readBackBitForBit_andVersion3PartsStillResume() throws Exception {
        long seed = 164L;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Float.MIN_VALUE, Float.MAX_VALUE, Double.MAX_VALUE, 0.1, 0.1f, 1e-40, 16_777_217};
        StatsMap.Columns cols = new StatsMap.Columns(java.util.stream.IntStream.range(0, 13)
                .mapToObj(i -> "c" + i).toList());
        java.util.function.DoubleSupplier value = () -> switch (rnd.nextInt(5)) {
            case 0 -> special[rnd.nextInt(special.length)];
            case 1 -> rnd.nextInt(0, 1000);
            case 2 -> rnd.nextDouble();
            case 3 -> Double.longBitsToDouble(rnd.nextLong());
            default -> (float) rnd.nextDouble();
        };
        List<PlaneRecord> rows = new java.util.ArrayList<>();
        for (int r = 0; r < 60; r++) {
            double[] v = new double[cols.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = value.getAsDouble();
            }
            List<List<double[]>> bars = new java.util.ArrayList<>();
            for (int d = 0; d < 2; d++) {
                List<double[]> dim = new java.util.ArrayList<>();
                boolean floats = r % 3 != 0;    // most planes: float32 bar ends, as analyze computes them
                for (int b = rnd.nextInt(0, 6); b > 0; b--) {
                    dim.add(floats ? new double[] {(float) rnd.nextDouble(), b == 1 ? Double.POSITIVE_INFINITY
                            : (float) rnd.nextDouble()} : new double[] {value.getAsDouble(), value.getAsDouble()});
                }
                bars.add(dim);
            }
            rows.add(new PlaneRecord(1 + r / 10, r % 10, Integer.toString(r), 5, new StatsMap(cols, v), bars));
        }
        Map<String, String> fp = Map.of("model", "m");
        Checkpoint cp = Checkpoint.open(dir, fp, false);
        for (int input = 1; input <= 6; input++) {
            int in = input;
            cp.commit(List.of(input), rows.stream().filter(x -> x.input() == in).toList(), List.of());
        }
        List<PlaneRecord> back = Checkpoint.open(dir, fp, true).rows();
        assertEquals(rows.size(), back.size());
        for (int r = 0; r < rows.size(); r++) {
            assertSameBits(rows.get(r), back.get(r), "seed " + seed + ", row " + r);
        }

        // a version-3 part of this run (input 7) next to the version-4 ones
        String runId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                dir.resolve(Checkpoint.DIR).resolve("run.json").toFile()).get("run_id").asText();
        Files.write(dir.resolve(Checkpoint.DIR).resolve("part-00000006.bin"), version3Part(runId, 6, rows.get(0)));
        Checkpoint resumed = Checkpoint.open(dir, fp, true);
        assertEquals(List.of(), resumed.ignored());
        assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7), resumed.done());
        PlaneRecord v3 = resumed.rows().stream().filter(x -> x.input() == 7).findFirst().orElseThrow();
        assertSameBits(new PlaneRecord(7, rows.get(0).layer(), rows.get(0).head(), rows.get(0).tokens(),
                rows.get(0).stats(), rows.get(0).barcodes()), v3, "version 3");
    }

    /**
     * Version 5 ends with the CRC-32C of its body (4 bytes): a version-4 part (the same body, SHA-256 trailer) is
     * still resumed with the same rows; a single flipped bit anywhere in a version-5 part (seeded positions) or a
     * version-4 part is caught.
     */
    @Test
    void commit_writesCrc32cTrailer_version4PartsStillResume_andEveryBitFlipIsCaught() throws Exception {
        Map<String, String> fp = Map.of("model", "m");
        Checkpoint cp0 = Checkpoint.open(dir, fp, false);
        cp0.commit(List.of(1, 2), List.of(record(1), record(2)), List.of());
        cp0.commit(List.of(3), List.of(record(3)), List.of());
        Path side = dir.resolve(Checkpoint.DIR);
        byte[] v5 = Files.readAllBytes(side.resolve("part-00000000.bin"));
        assertEquals(0x41505035, java.nio.ByteBuffer.wrap(v5).getInt());
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(v5, 0, v5.length - 4);
        assertEquals((int) crc.getValue(), java.nio.ByteBuffer.wrap(v5, v5.length - 4, 4).getInt());
        List<PlaneRecord> want = Checkpoint.open(dir, fp, true).rows();

        // the same part as version 4 wrote it: tag APP4, the same body, SHA-256 trailer
        byte[] body = java.util.Arrays.copyOf(v5, v5.length - 4);
        java.nio.ByteBuffer.wrap(body).putInt(0x41505034);
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(body);
        byte[] v4 = java.util.Arrays.copyOf(body, body.length + sha.length);
        System.arraycopy(sha, 0, v4, body.length, sha.length);
        Files.write(side.resolve("part-00000000.bin"), v4);
        Checkpoint resumed = Checkpoint.open(dir, fp, true);
        assertEquals(List.of(), resumed.ignored());
        assertEquals(Set.of(1, 2, 3), resumed.done());
        assertEquals(want.size(), resumed.rows().size());
        for (int r = 0; r < want.size(); r++) {
            assertSameBits(want.get(r), resumed.rows().get(r), "version 4, row " + r);
        }

        long seed = 516L;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        for (byte[] whole : List.of(v5, v4)) {
            for (int k = 0; k < 40; k++) {
                int at = rnd.nextInt(4, whole.length);      // after the tag (a changed tag is another format)
                byte[] flipped = whole.clone();
                flipped[at] ^= (byte) (1 << rnd.nextInt(8));
                Files.write(side.resolve("part-00000000.bin"), flipped);
                Checkpoint cp = Checkpoint.open(dir, fp, true);
                assertEquals(List.of("checkpoint part-00000000.bin is truncated or altered (its checksum does not"
                        + " match); ignored, its inputs are analysed again"), cp.ignored(),
                        "seed " + seed + ", byte " + at);
                assertEquals(Set.of(3), cp.done());
            }
        }
    }

    private static void assertSameBits(PlaneRecord want, PlaneRecord got, String what) {
        assertEquals(List.of(want.input(), want.layer(), want.head(), want.tokens(), want.block()),
                List.of(got.input(), got.layer(), got.head(), got.tokens(), got.block()), what);
        StatsMap a = (StatsMap) want.stats();
        StatsMap b = (StatsMap) got.stats();
        assertEquals(a.columns().names(), b.columns().names(), what);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(Double.doubleToLongBits(a.value(i)), Double.doubleToLongBits(b.value(i)),
                    what + ", value " + i + ": " + a.value(i) + " vs " + b.value(i));
        }
        assertEquals(want.barcodes().size(), got.barcodes().size(), what);
        for (int d = 0; d < want.barcodes().size(); d++) {
            List<double[]> x = want.barcodes().get(d);
            List<double[]> y = got.barcodes().get(d);
            assertEquals(x.size(), y.size(), what);
            for (int k = 0; k < x.size(); k++) {
                for (int e = 0; e < 2; e++) {
                    assertEquals(Double.doubleToLongBits(x.get(k)[e]), Double.doubleToLongBits(y.get(k)[e]),
                            what + ", dim " + d + " bar " + k);
                }
            }
        }
    }

    /** A part as version 3 wrote it: run id, number, one row of input 7 with 8-byte values, SHA-256 trailer. */
    private static byte[] version3Part(String runId, int number, PlaneRecord row) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(0x41505033);
            out.writeUTF(runId);
            out.writeInt(number);
            out.writeInt(1);
            out.writeInt(7);
            StatsMap s = (StatsMap) row.stats();
            out.writeInt(1);
            out.writeInt(s.size());
            for (String n : s.columns().names()) {
                out.writeUTF(n);
            }
            out.writeInt(1);
            out.writeInt(7);
            out.writeInt(row.layer());
            out.writeUTF(row.head());
            out.writeUTF(row.block());
            out.writeInt(row.tokens());
            out.writeInt(0);
            for (int i = 0; i < s.size(); i++) {
                out.writeDouble(s.value(i));
            }
            out.writeInt(row.barcodes().size());
            for (List<double[]> dim : row.barcodes()) {
                out.writeInt(dim.size());
                for (double[] bar : dim) {
                    out.writeDouble(bar[0]);
                    out.writeDouble(bar[1]);
                }
            }
            out.writeInt(0);
        }
        byte[] body = bytes.toByteArray();
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(body);
        byte[] part = java.util.Arrays.copyOf(body, body.length + sha.length);
        System.arraycopy(sha, 0, part, body.length, sha.length);
        return part;
    }

    /** A part as versions 1 and 2 wrote it: one row of {@code input}, block only in version 2. */
    private static byte[] olderPart(int magic, int input, String block) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(magic);
            out.writeInt(1);
            out.writeInt(input);
            out.writeInt(1);            // one schema of one column
            out.writeInt(1);
            out.writeUTF("betti0_t0.10");
            out.writeInt(1);            // one row
            out.writeInt(input);
            out.writeInt(0);
            out.writeUTF("0");
            if (block != null) {
                out.writeUTF(block);
            }
            out.writeInt(4);
            out.writeInt(0);
            out.writeDouble(1.0);
            out.writeInt(0);            // no barcodes
            out.writeInt(0);            // nothing skipped
        }
        return bytes.toByteArray();
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
    void open_partCopiedInByHand_isIgnoredInsteadOfDuplicatingRows() throws Exception {
        // issue 12.9: a copied part made every row of its inputs appear twice in planes.csv
        Map<String, String> fp = Map.of("a", "1");
        Checkpoint cp = Checkpoint.open(dir, fp, false);
        cp.commit(List.of(1, 2), List.of(record(1), record(2)), List.of());
        cp.commit(List.of(3), List.of(record(3)), List.of());
        Path side = dir.resolve(Checkpoint.DIR);
        Files.copy(side.resolve("part-00000000.bin"), side.resolve("part-00000007.bin"));

        Checkpoint resumed = Checkpoint.open(dir, fp, true);

        assertEquals(List.of("checkpoint part-00000007.bin is a copy of this run's part-00000000.bin (copied in by"
                + " hand?); ignored"), resumed.ignored());
        assertEquals(Set.of(1, 2, 3), resumed.done());
        assertEquals(3, resumed.rows().size(), "no duplicate rows");
    }
}
