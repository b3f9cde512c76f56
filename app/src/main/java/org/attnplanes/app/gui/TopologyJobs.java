package org.attnplanes.app.gui;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import org.attnplanes.app.common.Problems;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.workbench.TopologyCache;
import org.attnplanes.app.workbench.TopologySettings;
import org.attnplanes.model.Cancellation;
import org.attnplanes.topology.persistence.Barcodes;

/**
 * The topology side of the desktop app: statistics rows for the view on screen, from the {@link TopologyCache}
 * at once when every plane is cached, otherwise computed on a background thread while the view stays usable.
 * A request for planes with the same topology (a view option changed) lets a running computation go on; a request
 * for other planes cancels it (its finished batches stay cached). Results for a view no longer on screen are
 * dropped. Call on the FX thread; results arrive on the FX thread.
 */
final class TopologyJobs {

    private final TopologyCache cache;
    private final TopologySettings settings;
    private final Runnable busyChanged;
    private Cancellation running;
    private List<TopologyCache.PlaneKey> runningKeys;
    private List<TopologyCache.PlaneKey> wanted;
    private Consumer<List<PlaneRecord>> deliver;
    private volatile Thread worker;

    /**
     * @param busyChanged runs (on the FX thread) whenever a computation starts or ends
     */
    TopologyJobs(TopologyCache cache, TopologySettings settings, Runnable busyChanged) {
        this.cache = cache;
        this.settings = settings;
        this.busyChanged = busyChanged;
    }

    /** The cache. */
    TopologyCache cache() {
        return cache;
    }

    /** The settings. */
    TopologySettings settings() {
        return settings;
    }

    /** Whether a computation is running. */
    boolean busy() {
        return running != null;
    }

    /**
     * Asks for the rows of {@code view}'s planes: {@code onRows} gets them (on the FX thread, now when cached),
     * {@code onError} gets a failure's one-sentence message; nothing arrives when a later request replaced this
     * one or the job was cancelled.
     */
    void request(GuiView view, Consumer<List<PlaneRecord>> onRows, Consumer<String> onError) {
        List<TopologyCache.PlaneKey> keys = cache.keys(view.trace(), view.graph(), settings);
        wanted = keys;
        Optional<List<PlaneRecord>> cached = cache.cachedRows(view.trace(), view.graph(), settings);
        if (cached.isPresent()) {
            deliver = null;
            cancel();
            onRows.accept(cached.get());
            return;
        }
        deliver = onRows;
        if (running != null && keys.equals(runningKeys)) {
            return;                     // the same planes are being computed: their rows go to this view
        }
        cancel();
        Cancellation c = new Cancellation();
        running = c;
        runningKeys = keys;
        Thread t = new Thread(() -> {
            List<PlaneRecord> rows = null;
            String error = null;
            try {
                rows = cache.rows(view.trace(), view.graph(), settings, c);
            } catch (CancellationException e) {
                return;
            } catch (RuntimeException | OutOfMemoryError e) {
                error = Problems.message(e);
            }
            List<PlaneRecord> r = rows;
            String err = error;
            MainWindow.fx(() -> {
                if (running != c) {
                    return;             // cancelled or replaced meanwhile
                }
                running = null;
                runningKeys = null;
                busyChanged.run();
                if (err != null) {
                    onError.accept(err);
                } else if (keys.equals(wanted) && deliver != null) {
                    deliver.accept(r);
                }
            });
        }, "attnplanes-gui-topology");
        t.setDaemon(true);
        worker = t;
        t.start();
        busyChanged.run();
    }

    /** Stops a running computation (it ends at its next batch; what it finished stays cached). */
    void cancel() {
        if (running != null) {
            running.cancel();
            running = null;
            runningKeys = null;
            busyChanged.run();
        }
    }

    /** Waits until the last worker thread has ended (for tests); true when it has. */
    boolean awaitWorker(long millis) throws InterruptedException {
        Thread t = worker;
        if (t != null) {
            t.join(Math.max(1, millis));
        }
        return t == null || !t.isAlive();
    }

    /**
     * Finds the barcodes with representative (co)cycles of plane {@code plane} of {@code view} off the FX thread
     * (cached); {@code onFound} gets them on the FX thread.
     */
    void representatives(GuiView view, int plane, Consumer<Barcodes> onFound, Consumer<String> onError) {
        Thread t = new Thread(() -> {
            try {
                Barcodes b = cache.representatives(view.trace(), view.graph(), view.graph().planes().get(plane),
                        settings);
                MainWindow.fx(() -> onFound.accept(b));
            } catch (RuntimeException | OutOfMemoryError e) {
                String m = Problems.message(e);
                MainWindow.fx(() -> onError.accept(m));
            }
        }, "attnplanes-gui-cycles");
        t.setDaemon(true);
        t.start();
    }
}
