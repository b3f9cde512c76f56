package org.attnplanes.app.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What an interrupt (Ctrl-C, SIGINT, SIGTERM) means for the outputs of the run in this process.
 *
 * <ul>
 *   <li>Before publication: the run is aborted — {@link OutputSet#publish()} refuses to start, the staged files,
 *       the lock and a folder the run created are removed, so the folder holds exactly what it held before (or,
 *       for analyze, that plus the checkpoint that {@code --resume} continues).</li>
 *   <li>While publishing: the interrupt waits for the publication (a few renames) to finish.</li>
 *   <li>After every output was published: the run is complete; the process ends with the command's own exit
 *       status (0), not 130, and the outputs stay as published.</li>
 * </ul>
 *
 * <p>{@link OutputSet} reports to this class; the command line's shutdown hook asks {@link #onInterrupt}.
 */
public final class RunCompletion {

    private static final Object LOCK = new Object();
    private static final Set<OutputSet> LIVE = new LinkedHashSet<>();
    private static int publishing;
    private static int published;
    private static boolean aborted;

    private RunCompletion() {
    }

    /** What the interrupt found. */
    public enum State {
        /** Every output set of the run was published: the run is complete. */
        COMPLETE,
        /** Something was still unpublished (or nothing was ever opened): the run is aborted. */
        ABORTED
    }

    static void opened(OutputSet s) {
        synchronized (LOCK) {
            if (aborted) {
                throw new CancellationException("interrupted before the results were written");
            }
            LIVE.add(s);
        }
    }

    static void closed(OutputSet s) {
        synchronized (LOCK) {
            LIVE.remove(s);
        }
    }

    /** Called before a publication starts: refuses once the run was aborted. */
    static void beginPublish() {
        synchronized (LOCK) {
            if (aborted) {
                throw new CancellationException("interrupted before the results were published; nothing was"
                        + " replaced");
            }
            publishing++;
        }
    }

    /** Called when a publication ends (successfully or not). */
    static void endPublish(boolean ok) {
        synchronized (LOCK) {
            publishing--;
            if (ok) {
                published++;
            }
            LOCK.notifyAll();
        }
        if (ok) {
            holdAfterPublishForProcessTests();
        }
    }

    /** Released by the first interrupt; see {@link #HOLD_PROPERTY}. */
    private static final CountDownLatch HOLD = new CountDownLatch(1);

    /**
     * Test seam for the process tests of the interrupt rules (inactive unless the system property is set): after a
     * successful publication the run creates the file named by this property and waits (at most 60 s) for an
     * interrupt, so a test can signal a run that is certainly past publication instead of racing its exit.
     */
    public static final String HOLD_PROPERTY = "attnplanes.test.holdAfterPublish";

    private static void holdAfterPublishForProcessTests() {
        String marker = System.getProperty(HOLD_PROPERTY);
        if (marker == null) {
            return;
        }
        try {
            Files.writeString(Path.of(marker), "published\n");
            HOLD.await(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether an interrupt aborted this run (its error messages are noise then). */
    public static boolean aborted() {
        synchronized (LOCK) {
            return aborted;
        }
    }

    /**
     * Called once by the interrupt: waits (at most {@code waitMillis}) for a publication in progress, then decides.
     * When the run is not complete it is marked aborted: from now on nothing is published.
     */
    public static State onInterrupt(long waitMillis) {
        HOLD.countDown();
        long deadline = System.currentTimeMillis() + waitMillis;
        synchronized (LOCK) {
            while (publishing > 0 && System.currentTimeMillis() < deadline) {
                try {
                    LOCK.wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            boolean unpublished = LIVE.stream().anyMatch(s -> !s.isPublished());
            if (published > 0 && publishing == 0 && !unpublished) {
                return State.COMPLETE;
            }
            aborted = true;
            return State.ABORTED;
        }
    }

    /**
     * Closes every output set still open and unpublished (removes its staged files, its lock and a folder it
     * created); used by the interrupt when the command does not end by itself in time.
     */
    public static void closeUnpublished() {
        List<OutputSet> open;
        synchronized (LOCK) {
            open = new ArrayList<>(LIVE);
        }
        for (OutputSet s : open) {
            if (!s.isPublished()) {
                s.close();
            }
        }
    }

    private static final List<Runnable> ON_ABORT = new ArrayList<>();

    /**
     * Registers what an aborted run keeps (e.g. persistence writing its finished dimensions to
     * {@code <output>.partial}); run by the interrupt, once, after the run was marked aborted and before the
     * unpublished outputs are removed.
     */
    public static void onAbort(Runnable keepFinished) {
        synchronized (LOCK) {
            ON_ABORT.add(keepFinished);
        }
    }

    /** Unregisters an {@link #onAbort} action (the command ended by itself). */
    public static void removeOnAbort(Runnable keepFinished) {
        synchronized (LOCK) {
            ON_ABORT.remove(keepFinished);
        }
    }

    /** Runs the {@link #onAbort} actions of an aborted run (called by the interrupt). */
    public static void runAbortActions() {
        List<Runnable> actions;
        synchronized (LOCK) {
            if (!aborted) {
                return;
            }
            actions = new ArrayList<>(ON_ABORT);
            ON_ABORT.clear();
        }
        for (Runnable r : actions) {
            r.run();
        }
    }

    /** Forgets everything (tests that run several commands in one JVM). */
    static void reset() {
        synchronized (LOCK) {
            ON_ABORT.clear();
            LIVE.clear();
            publishing = 0;
            published = 0;
            aborted = false;
        }
    }
}
