package org.attnplanes.bench.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code benchmarks/scripts/scaling.sh} from rotting: its Java main runs end to end on two tiny token
 * counts with the real peers (ripser, networkx; scripts/test installs both), so bars and clique counts are
 * compared with theirs; and the exponent fit is checked against power laws with known exponents.
 */
class ScalingMainTest {

    @Test
    void runsEndToEndOnTinyInputsWithThePeers(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ScalingMain.run(new String[] {"--out", dir.toString(), "--n", "12,20", "--reps", "1",
            "--peer-cpu", "120"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String log = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, log + err.toString(StandardCharsets.UTF_8));
        List<String> rows = Files.readAllLines(dir.resolve("scaling.md")).stream().filter(l -> l.startsWith("| "))
                .toList();
        assertEquals(1 + 18, rows.size(), String.join("\n", rows));
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split("\\|");
            // cells: "", stage, run, unit, n=12, n=20, exponent all, exponent large
            for (int c = 4; c <= 5; c++) {
                assertTrue(Double.parseDouble(cells[c].strip().replace(",", "")) > 0, row);
            }
            assertFalse(cells[6].strip().equals("–"), row);
        }
        assertEquals(1 + 18 * 2, Files.readAllLines(dir.resolve("scaling.tsv")).size());
        var svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("scaling.svg").toFile());
        assertEquals("svg", svg.getDocumentElement().getNodeName());
        String text = Files.readString(dir.resolve("scaling.svg"));
        assertTrue(text.contains("ripser"), "the peers are in the legend");
        assertTrue(text.contains("key=\"figure.text_cut\">none of "), "no label cut off");
    }

    @Test
    void refusesBadArgumentsWithExitTwoAndOneSentence(@TempDir Path dir) throws Exception {
        String d = dir.toString();
        for (String[] args : List.of(new String[] {"--n", "32,64"}, new String[] {"--out", d, "--n", "64,32"},
                new String[] {"--out", d, "--n", "32,1024"}, new String[] {"--out", d, "--n", "x"},
                new String[] {"--out", dir.toString(), "--bogus", "1"}, new String[] {"--out"},
                new String[] {"--out", d, "--peer-cpu", "0"}, new String[] {"--out", d, "--peer-cpu", "1.5"},
                new String[] {"--out", d, "--peer-memory-gib", "0"})) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = ScalingMain.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, rc, String.join(" ", args));
            assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().lines().count(), err.toString());
        }
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "a refused run writes nothing");
        }
    }

    @Test
    void slopeIsTheExponentOfAPowerLawAndSkipsUnfinishedPoints() {
        Random rnd = new Random(16);
        int[] ns = {32, 64, 128, 256, 512};
        for (int trial = 0; trial < 200; trial++) {
            double e = rnd.nextDouble() * 4 - 0.5;
            double c = Math.exp(rnd.nextGaussian() * 3);
            Series s = new Series("stage", "who", true, "CPU ms", ns.length);
            for (int i = 0; i < ns.length; i++) {
                s.set(i, c * Math.pow(ns[i], e));
            }
            int stop = rnd.nextInt(ns.length - 1) + 2;
            for (int i = stop; i < ns.length; i++) {
                s.unfinished(i, 1e9, "> 90 s");
            }
            assertEquals(e, s.slope(ns, 0), 1e-9);
            if (stop >= 4) {
                assertEquals(e, s.slope(ns, 128), 1e-9);
            } else {
                assertTrue(Double.isNaN(s.slope(ns, 128)));
            }
        }
    }
}
