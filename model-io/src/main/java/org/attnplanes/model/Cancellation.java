package org.attnplanes.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * A request to stop a capture, shared between the thread that captures and the thread that may cancel (a
 * GUI's Cancel button). A capture given a {@code Cancellation} checks it before it starts, stops an ONNX
 * Runtime run that is in flight (through the run's terminate flag, so the native run ends at its next operator
 * boundary) and checks it again while copying outputs; in each case it throws {@link CancellationException}
 * and releases every native tensor of the run. The model stays open and usable.
 *
 * <pre>{@code
 * Cancellation cancel = new Cancellation();
 * executor.submit(() -> model.capture(texts, cancel));   // throws CancellationException once cancelled
 * cancel.cancel();                                        // from any thread, e.g. the FX thread
 * }</pre>
 *
 * <p>One-shot: once cancelled it stays cancelled, so use a new one per job. Thread-safe; {@link #cancel()} is
 * idempotent and never blocks for longer than it takes to flag the runs in flight.
 */
public final class Cancellation {

    private final Object lock = new Object();
    private final List<Runnable> inFlight = new ArrayList<>();
    private boolean cancelled;
    private Runnable armListener = () -> { };

    /** A new, not yet cancelled request. */
    public Cancellation() {
    }

    /** Requests cancellation: runs in flight are told to terminate, later captures with this token fail at once. */
    public void cancel() {
        synchronized (lock) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            for (Runnable stop : inFlight) {
                stop.run();
            }
        }
    }

    /** Whether {@link #cancel()} has been called. */
    public boolean isCancelled() {
        synchronized (lock) {
            return cancelled;
        }
    }

    /**
     * Throws when cancelled.
     *
     * @param what what was being done, for the message (e.g. {@code "capture of 3 texts"})
     * @throws CancellationException with the message {@code "<what> was cancelled"}
     */
    public void throwIfCancelled(String what) {
        if (isCancelled()) {
            throw cancelled(what);
        }
    }

    /** The exception a cancelled job throws: {@code "<what> was cancelled"}. */
    static CancellationException cancelled(String what) {
        return new CancellationException(what + " was cancelled");
    }

    /**
     * Arms {@code stop} for one native run: it is called at once (under this token's lock) if the token is
     * already cancelled, else by {@link #cancel()}. The returned action disarms it; after it returns,
     * {@code stop} is never called, so the run may release what {@code stop} touches.
     */
    Runnable arm(Runnable stop) {
        Runnable listener;
        synchronized (lock) {
            if (cancelled) {
                stop.run();
                return () -> { };
            }
            inFlight.add(stop);
            listener = armListener;
        }
        listener.run();
        return () -> {
            synchronized (lock) {
                inFlight.remove(stop);
            }
        };
    }

    /**
     * Test hook: {@code listener} runs on the capturing thread each time a native run is armed (just before it
     * starts), so a test can cancel a run that is known to be in flight instead of guessing with a timer.
     */
    void onArm(Runnable listener) {
        synchronized (lock) {
            armListener = java.util.Objects.requireNonNull(listener, "listener");
        }
    }

    @Override
    public String toString() {
        return "Cancellation[" + (isCancelled() ? "cancelled" : "active") + "]";
    }
}
