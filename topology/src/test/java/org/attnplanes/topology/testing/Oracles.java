package org.attnplanes.topology.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.attnplanes.topology.io.BarcodeText;

/** Runs the external oracles: Debian's {@code ripser} binary and GUDHI through the system python. */
public final class Oracles {

    private Oracles() {
    }

    /** Whether {@code ripser} is on the PATH. */
    public static boolean hasRipser() {
        return requiredInCi(onPath("ripser"), "ripser");
    }

    /** The environment variable scripts/test sets: a missing oracle then fails its test instead of skipping it. */
    public static final String REQUIRE_ORACLES = "ATTNPLANES_REQUIRE_ORACLES";

    /** Whether a missing oracle must fail (scripts/test sets {@value #REQUIRE_ORACLES}=1; also under {@code $CI}). */
    public static boolean oraclesRequired() {
        return "1".equals(System.getenv(REQUIRE_ORACLES)) || System.getenv("CI") != null;
    }

    /**
     * Returns {@code present}; when it is false and oracles are {@linkplain #oraclesRequired() required}, fails
     * instead, so that the caller's assumption never turns a missing oracle into a silent skip.
     */
    public static boolean requiredInCi(boolean present, String what) {
        if (!present && oraclesRequired()) {
            throw new AssertionError(what + " is missing, but " + REQUIRE_ORACLES
                    + "=1 (scripts/test) requires every oracle; scripts/test installs it");
        }
        return present;
    }

    /** The python with GUDHI: {@code $ATTNPLANES_PYTHON} or {@code /usr/bin/python3}. */
    public static String python() {
        String p = System.getenv("ATTNPLANES_PYTHON");
        return p == null || p.isBlank() ? "/usr/bin/python3" : p;
    }

    /** Whether GUDHI imports in {@link #python()}. */
    public static boolean hasGudhi() {
        boolean present;
        try {
            present = run(List.of(python(), "-c", "import gudhi"), 60).exitCode == 0;
        } catch (UncheckedIOException e) {
            present = false;
        }
        return requiredInCi(present, "GUDHI for " + python());
    }

    private static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    /** Output of a finished process. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command and waits (at most {@code timeoutSeconds}). */
    public static Result run(List<String> command, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("oracle", ".out");
            Path err = Files.createTempFile("oracle", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(command + " did not finish within " + timeoutSeconds + " s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs ripser on a file and returns its bar lines per dimension, sorted (text as printed). */
    public static Map<Integer, List<String>> ripser(Path file, String format, int dim, Float threshold) {
        List<String> cmd = new ArrayList<>(List.of("ripser", "--format", format, "--dim", Integer.toString(dim)));
        if (threshold != null) {
            cmd.add("--threshold");
            cmd.add(Float.toString(threshold));
        }
        cmd.add(file.toString());
        Result r = run(cmd, 120);
        if (r.exitCode != 0) {
            throw new IllegalStateException("ripser failed (" + r.exitCode + "): " + r.stderr);
        }
        return parseBars(r.stdout);
    }

    /** Ripser-format text as sorted bar lines per dimension (header lines are ignored). */
    public static Map<Integer, List<String>> parseBars(String text) {
        Map<Integer, List<String>> bars = BarcodeText.barLines(text);
        bars.values().forEach(l -> l.sort(null));
        return bars;
    }

    /**
     * GUDHI flag-complex Betti numbers at thresholds: runs {@code gudhi_betti.py} on a lower-distance file
     * and returns one {@code int[]} (dims 0..maxDim) per threshold.
     */
    public static List<int[]> gudhiBetti(Path lowerFile, int maxDim, double[] thresholds, int field) {
        Path script = Path.of("src/test/resources/gudhi_betti.py");
        List<String> cmd = new ArrayList<>(List.of(python(), script.toAbsolutePath().toString(), lowerFile.toString(),
                Integer.toString(maxDim), Integer.toString(field)));
        for (double t : thresholds) {
            cmd.add(Double.toString(t));
        }
        Result r = run(cmd, 120);
        if (r.exitCode != 0) {
            throw new IllegalStateException("gudhi_betti.py failed (" + r.exitCode + "): " + r.stderr);
        }
        List<int[]> out = new ArrayList<>();
        for (String line : r.stdout.strip().split("\n")) {
            String[] parts = line.trim().split("\\s+");
            int[] b = new int[parts.length];
            for (int k = 0; k < parts.length; k++) {
                b[k] = Integer.parseInt(parts[k]);
            }
            out.add(b);
        }
        return out;
    }
}
