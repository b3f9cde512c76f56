package org.attnplanes.app.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.attnplanes.app.export.RunCompletion;

/**
 * The command line's answer to Ctrl-C / SIGINT / SIGTERM (a JVM shutdown that the command did not start).
 * When every output of the run was already published the run is complete: the process exits with the command's
 * own status (0) instead of 130, and the outputs stay. Otherwise the run is aborted: nothing is published any more
 * and the staged files, the lock and a folder the run created are removed ({@link RunCompletion}); the process
 * exits with the signal's status (130 for SIGINT).
 */
public final class InterruptHook {

    /** How long a complete run may still take to print its summary and close. */
    private static final long COMPLETE_WAIT_MS = 10_000;
    /** How long an aborted run may take to end by itself (e.g. analyze finishing its checkpoint). */
    private static final long ABORT_WAIT_MS = 2_000;

    private static final CountDownLatch FINISHED = new CountDownLatch(1);
    private static final AtomicInteger STATUS = new AtomicInteger(ExitCodes.OK);
    private static volatile boolean exiting;

    private InterruptHook() {
    }

    /** Installs the hook (once, by {@code main}; in-process tests do not). */
    public static void install() {
        Runtime.getRuntime().addShutdownHook(new Thread(InterruptHook::onShutdown, "attnplanes-shutdown"));
    }

    /** Records the command's exit status before {@code main} exits. */
    public static void finished(int status) {
        STATUS.set(status);
        FINISHED.countDown();
    }

    /** Called by {@code main} right before {@code System.exit}: a shutdown from now on is the normal exit. */
    public static void exiting() {
        exiting = true;
    }

    private static void onShutdown() {
        if (exiting) {
            return;     // main's own System.exit(status)
        }
        if (FINISHED.getCount() == 0) {
            Runtime.getRuntime().halt(STATUS.get());    // the signal came after the command had ended
        }
        RunCompletion.State state = RunCompletion.onInterrupt(COMPLETE_WAIT_MS);
        if (state == RunCompletion.State.COMPLETE) {
            // everything is published: let the command print its summary, then end with its own status
            boolean done = await(COMPLETE_WAIT_MS);
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(done ? STATUS.get() : ExitCodes.OK);
        }
        RunCompletion.runAbortActions();    // e.g. persistence keeps its finished dimensions in <output>.partial
        if (!await(ABORT_WAIT_MS)) {
            RunCompletion.closeUnpublished();
        }
    }

    private static boolean await(long millis) {
        try {
            return FINISHED.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
