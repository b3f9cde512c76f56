package org.attnplanes.bench.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits {@link ScalingMain} gives its peers, on the real {@code ripser} (scripts/test installs it): a run
 * stopped by its CPU-time limit or its memory cap is told apart, with its CPU seconds and max RSS at the stop; the
 * wall backstop stops a command that neither limit ends; an ordinary exit keeps its status. About 1.5 s of CPU.
 */
class ChildRunTest {

    private static final String PYTHON = System.getenv().getOrDefault("ATTNPLANES_PYTHON", "/usr/bin/python3");

    /** 200 seeded random points as ripser's lower-distance text: H≤2 of them takes minutes and > 60 MB. */
    private static Path hardInput(Path dir) throws IOException {
        Random rnd = new Random(16);
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < 200; i++) {
            for (int j = 0; j < i; j++) {
                sb.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", rnd.nextDouble()));
            }
            sb.append('\n');
        }
        Path file = dir.resolve("random200.lower");
        Files.writeString(file, sb);
        return file;
    }

    private static List<String> ripserH2(Path input) {
        return List.of("ripser", "--format", "lower-distance", "--dim", "2", input.toString());
    }

    @Test
    void cpuLimitStopsRipserAndSaysSoWithItsCpuSecondsAndRss(@TempDir Path dir) throws Exception {
        ChildRun.Limits limits = new ChildRun.Limits(1, 0, 120);
        ChildRun r = ChildRun.run(PYTHON, ripserH2(hardInput(dir)), dir, limits);
        assertEquals(ChildRun.End.CPU_LIMIT, r.end(), r.toString());
        // getrusage and the kernel's limit accounting differ by a few scheduler ticks
        assertTrue(r.cpuS() >= 0.9 && r.cpuS() < 7, r.toString());
        assertTrue(r.maxRssMb() > 5, r.toString());
        assertTrue(r.stopNote(limits).matches("CPU limit: stopped at [0-9.]+ s CPU, [0-9.]+ MB max RSS"),
                r.stopNote(limits));
    }

    @Test
    void memoryCapStopsRipserAndSaysSo(@TempDir Path dir) throws Exception {
        ChildRun.Limits limits = new ChildRun.Limits(60, 32L << 20, 120);
        ChildRun r = ChildRun.run(PYTHON, ripserH2(hardInput(dir)), dir, limits);
        assertEquals(ChildRun.End.MEMORY_CAP, r.end(), r.toString());
        assertTrue(r.cpuS() > 0 && r.cpuS() < 60, r.toString());
        assertTrue(r.maxRssMb() > 1 && r.maxRssMb() <= 32, r.toString());
        assertTrue(r.stopNote(limits).startsWith("> 0.03 GiB: memory cap hit at "), r.stopNote(limits));
    }

    @Test
    void wallBackstopStopsTheCommandAndTheWrapperStillReports(@TempDir Path dir) throws Exception {
        ChildRun r = ChildRun.run(PYTHON, List.of("sleep", "60"), dir, ChildRun.Limits.wall(0.5));
        assertEquals(ChildRun.End.WALL_LIMIT, r.end(), r.toString());
        assertTrue(r.wallS() < 30, r.toString());
        assertEquals(-9, r.exitCode());
    }

    @Test
    void anOrdinaryExitIsFinishedWithItsStatusAndOutput(@TempDir Path dir) throws Exception {
        ChildRun r = ChildRun.run(PYTHON, List.of("sh", "-c", "echo out; echo err >&2; exit 3"), dir,
                ChildRun.Limits.cpuAndMemory(10, 1L << 30));
        assertTrue(r.finished(), r.toString());
        assertEquals(3, r.exitCode());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertTrue(r.cpuS() >= 0 && r.cpuS() < 5, r.toString());
    }
}
