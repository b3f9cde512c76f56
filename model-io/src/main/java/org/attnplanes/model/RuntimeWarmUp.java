package org.attnplanes.model;

import ai.onnxruntime.OrtEnvironment;
import org.attnplanes.model.internal.OrtNativeLibraries;

/**
 * Loads ONNX Runtime (its native libraries and its environment, about 0.2 s of CPU) on a daemon thread, so that a
 * command-line process that will open a model does this while the JVM is still loading classes and parsing options
 * instead of afterwards (start-up of a one-sentence run, issue 16). The libraries come from the same place as in
 * {@link AttentionModel#open}: {@code store}'s verified copy when the store is enabled. Nothing is reported from the
 * thread: when loading fails, opening the model fails the same way and says so.
 */
public final class RuntimeWarmUp {

    private static volatile Thread running;

    private RuntimeWarmUp() {
    }

    /** Starts the warm-up (once per process) and returns at once. */
    public static synchronized void start(ModelStore store) {
        if (running != null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                store.directory().ifPresent(d -> OrtNativeLibraries.install(d.resolve("native")));
                OrtEnvironment.getEnvironment();
            } catch (RuntimeException | LinkageError e) {
                // reported by the model open that follows, on the command's own thread
            }
        }, "attnplanes-runtime-warm-up");
        t.setDaemon(true);
        running = t;
        t.start();
    }

    /**
     * Waits up to {@code millis} for a started warm-up to end. Call before the process exits (e.g. a run that stops
     * at once with bad input): a JVM that exits while ONNX Runtime is still initialising on another thread could
     * crash in the native library's exit handlers.
     */
    public static void finish(long millis) {
        Thread t = running;
        if (t == null) {
            return;
        }
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
