package org.attnplanes.app.testutil;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.attnplanes.app.AttnPlanes;

/** Runs {@code attnplanes} in-process or as a real child process, capturing exit code, stdout and stderr. */
public final class Cli {

    /** What a run produced. */
    public record Result(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    /** Runs the command line in this JVM. */
    public static Result inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AttnPlanes.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** Starts {@code java -cp <test class path> org.attnplanes.app.AttnPlanes args…} in {@code dir}. */
    public static Process start(Path dir, List<String> args) throws IOException {
        return start(dir, args, false);
    }

    /** Like {@link #start(Path, List)}; {@code noDisplay} removes {@code DISPLAY} from the child's environment. */
    public static Process start(Path dir, List<String> args, boolean noDisplay) throws IOException {
        return start(dir, "-Xmx1g", args, noDisplay);
    }

    /** Like {@link #start(Path, List, boolean)} with the child's maximum heap given, e.g. {@code -Xmx512m}. */
    public static Process start(Path dir, String xmx, List<String> args, boolean noDisplay) throws IOException {
        return start(dir, List.of(xmx), args, noDisplay);
    }

    /** Like {@link #start(Path, List)} with JVM options for the child, e.g. a test seam's system property. */
    public static Process startWith(Path dir, List<String> jvm, List<String> args) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Xmx1g"));
        options.addAll(jvm);
        return start(dir, options, args, false);
    }

    private static Process start(Path dir, List<String> jvm, List<String> args, boolean noDisplay)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.attnplanes.app.AttnPlanes");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        if (noDisplay) {
            pb.environment().remove("DISPLAY");
            pb.environment().remove("WAYLAND_DISPLAY");
        }
        return pb.start();
    }

    /** Runs a child process to completion (or kills it after {@code timeoutSeconds}). */
    public static Result process(Path dir, long timeoutSeconds, String... args) throws Exception {
        return process(dir, timeoutSeconds, false, args);
    }

    /** Like {@link #process(Path, long, String...)}, optionally without a display. */
    public static Result process(Path dir, long timeoutSeconds, boolean noDisplay, String... args) throws Exception {
        return processWithHeap(dir, "-Xmx1g", timeoutSeconds, noDisplay, args);
    }

    /** Like {@link #process(Path, long, boolean, String...)} with the child's maximum heap, e.g. {@code -Xmx512m}. */
    public static Result processWithHeap(Path dir, String xmx, long timeoutSeconds, boolean noDisplay, String... args)
            throws Exception {
        Process p = start(dir, xmx, List.of(args), noDisplay);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("attnplanes " + String.join(" ", args) + " did not finish in " + timeoutSeconds
                    + " s; stderr: " + read(dir.resolve("stderr.txt")));
        }
        return new Result(p.exitValue(), read(dir.resolve("stdout.txt")), read(dir.resolve("stderr.txt")));
    }

    /**
     * Waits, on file-system events rather than by polling, until {@code done} holds for what a child process writes
     * into {@code folder} (which may not exist yet: its nearest existing ancestor is watched until it appears).
     * {@code done} is checked after every event in the folder, once at the start and once when the child exits.
     *
     * @param timeoutSeconds a safety net for a hung child only (no test result depends on timing)
     * @return whether {@code done} holds; false when the child exited or the time ran out first
     */
    public static boolean awaitFiles(Path folder, Process child, long timeoutSeconds, Callable<Boolean> done)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        WatchService watch = folder.getFileSystem().newWatchService();
        CompletableFuture<Process> exited = child.onExit().whenComplete((c, e) -> closeQuietly(watch));
        try {
            Path watched = null;
            while (true) {
                Path target = folder.toAbsolutePath();
                while (!Files.isDirectory(target)) {
                    target = target.getParent();
                }
                if (!target.equals(watched)) {
                    target.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
                    watched = target;
                }
                if (done.call()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (exited.isDone() || left <= 0) {
                    return done.call();
                }
                WatchKey key = watch.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (ClosedWatchServiceException childExited) {
            return done.call();
        } finally {
            closeQuietly(watch);
        }
    }

    private static void closeQuietly(WatchService watch) {
        try {
            watch.close();
        } catch (IOException ignored) {
            // closing twice or after an I/O problem: nothing left to release
        }
    }

    /** A file's content, or "" when it does not exist. */
    public static String read(Path f) throws IOException {
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }

    /** The path separator-joined class path of this test JVM. */
    public static String classPath() {
        return System.getProperty("java.class.path").replace(File.pathSeparatorChar, ':');
    }
}
