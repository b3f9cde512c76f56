package org.attnplanes.app.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Real POSIX signals for process tests ({@code kill -s SIG pid}) and the state of a process from /proc. */
public final class Signals {

    private Signals() {
    }

    /** Sends {@code signal} (e.g. "INT", "KILL", "STOP", "CONT") to {@code pid}; true when kill succeeded. */
    public static boolean send(long pid, String signal) throws IOException, InterruptedException {
        Process k = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).redirectErrorStream(true).start();
        k.getInputStream().readAllBytes();
        return k.waitFor(10, TimeUnit.SECONDS) && k.exitValue() == 0;
    }

    /** The state letter of /proc/pid/stat (R, S, T = stopped, Z = zombie ...), or '?' when the process is gone. */
    public static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException | RuntimeException e) {
            return '?';
        }
    }

    /**
     * Stops {@code p} as soon as {@code marker} exists (polled every 0.2 ms) and waits until the kernel reports it
     * stopped. Returns false when the process ended before it could be stopped (or the marker never came within
     * {@code timeoutSeconds}).
     */
    public static boolean stopWhenExists(Process p, Path marker, long timeoutSeconds)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!Files.exists(marker)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                return false;
            }
            Thread.onSpinWait();
            TimeUnit.MICROSECONDS.sleep(200);
        }
        if (!send(p.pid(), "STOP")) {
            return false;
        }
        for (int i = 0; i < 2000; i++) {
            char s = state(p.pid());
            if (s == 'T' || s == 't') {
                return true;
            }
            if (s == '?' || s == 'Z' || s == 'X') {
                return false;
            }
            Thread.sleep(1);
        }
        return false;
    }
}
