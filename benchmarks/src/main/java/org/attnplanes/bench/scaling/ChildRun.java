package org.attnplanes.bench.scaling;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One whole process under a small Python wrapper ({@code rusage.py}: wall, user + sys CPU and max RSS from
 * {@code getrusage} of the waited-for child, microsecond resolution where GNU time has 10 ms), optionally under a
 * CPU-time limit ({@code RLIMIT_CPU}: the verdict holds in CPU seconds however loaded the machine is) and a memory
 * cap ({@code RLIMIT_AS}: a runaway run fails its allocation instead of taking the machine's memory). A wall-clock
 * backstop stops the command (not the wrapper, which still reports its resource usage) should neither limit end it.
 *
 * @param end       how the process ended
 * @param exitCode  its exit status, or −N if signal N ended it
 * @param wallS     wall seconds
 * @param cpuS      user + sys seconds, also of a stopped run (NaN if unknown)
 * @param maxRssMb  max resident set, MB, also of a stopped run (NaN if unknown)
 * @param stdout    what it printed on standard output
 * @param stderr    what it printed on standard error
 */
record ChildRun(End end, int exitCode, double wallS, double cpuS, double maxRssMb, String stdout, String stderr) {

    /** How a child process ended. */
    enum End {
        /** It exited by itself (with any exit status). */
        EXITED,
        /** Its CPU-time limit stopped it ({@code SIGXCPU}, or {@code SIGKILL} at the hard limit). */
        CPU_LIMIT,
        /** An allocation beyond its memory cap failed ({@code std::bad_alloc}, {@code MemoryError}, …). */
        MEMORY_CAP,
        /** The wall-clock backstop stopped it. */
        WALL_LIMIT,
        /** Another signal ended it. */
        SIGNAL
    }

    /**
     * Limits of one child run.
     *
     * @param cpuS         CPU seconds (whole seconds, as {@code RLIMIT_CPU} counts; 0: none)
     * @param memoryBytes  address-space cap in bytes (0: none)
     * @param wallS        wall-clock backstop in seconds
     */
    record Limits(int cpuS, long memoryBytes, double wallS) {

        /** Only a wall-clock limit. */
        static Limits wall(double wallS) {
            return new Limits(0, 0, wallS);
        }

        /**
         * A CPU limit and a memory cap, with a wall backstop generous enough for a CPU-bound process that gets a
         * sixth of a core on a loaded machine.
         */
        static Limits cpuAndMemory(int cpuS, long memoryBytes) {
            return new Limits(cpuS, memoryBytes, 6.0 * cpuS + 60);
        }
    }

    /** SIGKILL and SIGXCPU on Linux. */
    private static final int SIGKILL = 9;
    private static final int SIGXCPU = 24;

    /** Whether the process exited by itself (its exit status may still say it failed). */
    boolean finished() {
        return end == End.EXITED;
    }

    /**
     * Runs {@code command} in {@code work} (scratch files go there) under {@code python} within {@code limits}.
     */
    static ChildRun run(String python, List<String> command, Path work, Limits limits)
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
        List<String> cmd = new ArrayList<>(List.of(python, wrapper.toString(), times.toString(),
                Integer.toString(limits.cpuS()), Long.toString(limits.memoryBytes())));
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long t0 = System.nanoTime();
        try {
            boolean backstop = false;
            double peakMb = Double.NaN;
            if (!p.waitFor((long) (limits.wallS() * 1000), TimeUnit.MILLISECONDS)) {
                // stop the command only: the wrapper then writes its resource usage as for any other ending
                backstop = true;
                peakMb = p.descendants().mapToDouble(h -> peakRssMb(h.pid())).max().orElse(Double.NaN);
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor();
                }
            }
            String[] f = Files.readString(times, StandardCharsets.UTF_8).trim().split("\\s+");
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            double wall = (System.nanoTime() - t0) / 1e9;
            if (f.length != 4) {
                if (backstop) {
                    return new ChildRun(End.WALL_LIMIT, -SIGKILL, wall, Double.NaN, peakMb, stdout, stderr);
                }
                throw new IOException("no resource usage from " + command + ": " + stderr);
            }
            int rc = Integer.parseInt(f[3]);
            double cpu = Double.parseDouble(f[1]);
            return new ChildRun(ending(rc, cpu, stderr, limits, backstop), rc, Double.parseDouble(f[0]), cpu,
                    Double.parseDouble(f[2]) / 1024, stdout, stderr);
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

    /**
     * How a run ended, from its return code (−N: signal N), its CPU seconds, its standard error and its limits.
     */
    static End ending(int rc, double cpuS, String stderr, Limits limits, boolean backstop) {
        if (limits.cpuS() > 0 && (rc == -SIGXCPU || (rc == -SIGKILL && !backstop && cpuS >= 0.9 * limits.cpuS()))) {
            return End.CPU_LIMIT;
        }
        if (limits.memoryBytes() > 0 && rc != 0 && (stderr.contains("std::bad_alloc")
                || stderr.contains("MemoryError") || stderr.contains("OutOfMemoryError")
                || stderr.contains("Cannot allocate memory"))) {
            return End.MEMORY_CAP;
        }
        if (backstop) {
            return End.WALL_LIMIT;
        }
        return rc < 0 ? End.SIGNAL : End.EXITED;
    }

    /**
     * One phrase saying how an unfinished run ended: which limit, the CPU seconds and the max RSS at the stop,
     * e.g. "CPU limit: stopped at 600 s CPU, 5,432 MB max RSS".
     */
    String stopNote(Limits limits) {
        String at = String.format(Locale.ROOT, "%s s CPU, %s MB max RSS", ScalingReport.number(cpuS),
                ScalingReport.number(maxRssMb));
        return switch (end) {
            case CPU_LIMIT -> "CPU limit: stopped at " + at;
            case MEMORY_CAP -> "> " + gib(limits.memoryBytes()) + " GiB: memory cap hit at " + at;
            case WALL_LIMIT -> String.format(Locale.ROOT, "> %.0f s wall: stopped at ", limits.wallS()) + at;
            case SIGNAL -> "ended by signal " + (-exitCode) + " at " + at;
            case EXITED -> "exit status " + exitCode + " at " + at;
        };
    }

    /** Bytes as GiB, without decimals when whole. */
    static String gib(long bytes) {
        double g = bytes / (double) (1L << 30);
        return g == Math.rint(g) ? Long.toString((long) g) : String.format(Locale.ROOT, "%.2f", g);
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
