package org.attnplanes.bench.scaling;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One whole process under a small Python wrapper ({@code rusage.py}: wall, user + sys CPU and max RSS from
 * {@code getrusage} of the waited-for child, microsecond resolution where GNU time has 10 ms), stopped with all
 * its descendants after a timeout. A stopped run reports the largest peak RSS its processes had reached
 * ({@code VmHWM} read from {@code /proc} just before the kill), a lower bound of what it would have needed.
 *
 * @param finished  whether the process ended before the timeout
 * @param exitCode  its exit status (−1 if stopped)
 * @param wallS     wall seconds (the timeout if stopped)
 * @param cpuS      user + sys seconds (NaN if stopped)
 * @param maxRssMb  max resident set, MB (a lower bound if stopped; NaN if unknown)
 * @param stdout    what it printed on standard output
 * @param stderr    what it printed on standard error
 */
record ChildRun(boolean finished, int exitCode, double wallS, double cpuS, double maxRssMb, String stdout,
        String stderr) {

    /**
     * Runs {@code command} in {@code work} (scratch files go there) under {@code python}, stopping it after
     * {@code timeoutS} s.
     */
    static ChildRun run(String python, List<String> command, Path work, double timeoutS)
            throws IOException, InterruptedException {
        Path wrapper = work.resolve("rusage.py");
        if (!Files.exists(wrapper)) {
            try (InputStream in = ChildRun.class.getResourceAsStream("rusage.py")) {
                Files.write(wrapper, in.readAllBytes());
            }
        }
        Path times = Files.createTempFile(work, "time", ".txt");
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        List<String> cmd = new ArrayList<>(List.of(python, wrapper.toString(), times.toString()));
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long t0 = System.nanoTime();
        try {
            if (!p.waitFor((long) (timeoutS * 1000), TimeUnit.MILLISECONDS)) {
                double rss = p.descendants().mapToDouble(h -> peakRssMb(h.pid())).max().orElse(Double.NaN);
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
                return new ChildRun(false, -1, (System.nanoTime() - t0) / 1e9, Double.NaN, rss,
                        Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            }
            String[] f = Files.readString(times, StandardCharsets.UTF_8).trim().split("\\s+");
            if (f.length != 3) {
                throw new IOException("no resource usage from " + command + ": " + Files.readString(err));
            }
            return new ChildRun(true, p.exitValue(), Double.parseDouble(f[0]), Double.parseDouble(f[1]),
                    Double.parseDouble(f[2]) / 1024,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            Files.deleteIfExists(times);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code VmHWM} of a live process in MB, NaN if unreadable. */
    private static double peakRssMb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
