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
}
