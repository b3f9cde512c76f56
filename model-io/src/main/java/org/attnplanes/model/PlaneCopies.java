package org.attnplanes.model;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Spreads the copy-and-check of the planes of one attention output over the cores once ONNX Runtime's run is over
 * (with one intra-op thread the other cores are idle then; BENCHMARKS.md, "attention capture vs the plain model").
 *
 * <p>The calling thread takes part: planes are claimed one at a time from a shared counter by the caller and by at
 * most {@link #MAX_HELPERS} helper threads (one fewer than the cores, so never more threads than cores). A helper
 * that is busy with another capture's planes (two {@code analyze} workers) simply starts late and finds nothing left;
 * the caller never waits for a plane nobody has started, only for planes a helper is copying at that moment.
 *
 * <p>Captures running at the same time count against the cores, a streaming capture for as long as its consumer
 * runs too (an {@code analyze} worker analyses what it captured inside that call): with as many of them in flight as
 * cores, planes are copied on the calling thread only, so helpers never compete with another worker for a core; two
 * {@code analyze} workers on two cores copy as before, except when only one is left.
 *
 * <p>The outcome is that of the sequential loop: when some planes fail, every plane before the first failure (in
 * index order) has been run, and that first failure is the one thrown.
 */
final class PlaneCopies {

    /** Helper threads to use ({@code 0} = copy on the calling thread only), read at each call; at most the default. */
    static final String THREADS_PROPERTY = "attnplanes.capture.copyThreads";

    /** Helpers at most: one fewer than the cores (the caller copies too), and no more than three. */
    static final int MAX_HELPERS = Math.max(0, Math.min(3, Runtime.getRuntime().availableProcessors() - 1));

    /** Below this many floats in one output's planes the hand-over costs more than it saves: copied in place. */
    static final long MIN_PARALLEL_FLOATS = 1 << 17;

    private static final int CORES = Math.max(1, Runtime.getRuntime().availableProcessors());

    /**
     * Threads between {@link #enter()} and {@link #exit()} in this process: inside a capture's model run and copy,
     * or inside a streaming capture with its consumer (an {@code analyze} worker analysing what it captured).
     */
    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();

    /** This thread's nesting of {@link #enter()} (a streaming capture holds the captures it runs): counted once. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private static final Object LOCK = new Object();
    private static ThreadPoolExecutor executor;

    private PlaneCopies() {
    }

    /**
     * This thread starts a capture (its model run and copy) or a streaming capture (runs and consumer): it occupies a
     * core until the matching {@link #exit()}. Nested calls on one thread count once.
     */
    static void enter() {
        if (DEPTH.get()[0]++ == 0) {
            IN_FLIGHT.incrementAndGet();
        }
    }

    /** The matching end of {@link #enter()}. */
    static void exit() {
        int[] d = DEPTH.get();
        if (--d[0] == 0) {
            IN_FLIGHT.decrementAndGet();
        }
    }

    /**
     * The helper threads a call may use now: {@link #THREADS_PROPERTY} clamped to [0, {@link #MAX_HELPERS}], and no
     * more than the cores that no other capture in flight occupies.
     */
    static int helpers() {
        Integer p = Integer.getInteger(THREADS_PROPERTY);
        int wanted = p == null ? MAX_HELPERS : Math.max(0, Math.min(MAX_HELPERS, p));
        return Math.max(0, Math.min(wanted, CORES - Math.max(1, IN_FLIGHT.get())));
    }

    /**
     * Runs {@code task} for every index in [0, {@code count}), in place when the planes hold fewer than
     * {@link #MIN_PARALLEL_FLOATS} floats, else spread over the caller and {@link #helpers()} helpers.
     */
    static void forEach(int count, long floats, IntConsumer task) {
        forEachOn(count, floats < MIN_PARALLEL_FLOATS ? 0 : helpers(), task);
    }

    /**
     * Runs {@code task} for every index in [0, {@code count}) on the calling thread and on up to {@code helpers}
     * helper threads, and returns once every run is over. When runs throw, indices after the lowest failing one may
     * be skipped, every index below it has run, and the lowest failure is rethrown (as the loop
     * {@code for (k = 0; k < count; k++) task.accept(k)} would).
     */
    static void forEachOn(int count, int helpers, IntConsumer task) {
        int h = Math.min(Math.min(helpers, MAX_HELPERS), count - 1);
        if (h <= 0) {
            for (int k = 0; k < count; k++) {
                task.accept(k);
            }
            return;
        }
        Job job = new Job(count, task);
        ThreadPoolExecutor pool = executor();
        for (int i = 0; i < h; i++) {
            pool.execute(job::work);
        }
        job.work();
        job.await();
        job.rethrowFirst();
    }

    private static ThreadPoolExecutor executor() {
        synchronized (LOCK) {
            if (executor == null) {
                AtomicInteger id = new AtomicInteger();
                executor = new ThreadPoolExecutor(MAX_HELPERS, MAX_HELPERS, 10, TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(), r -> {
                            Thread t = new Thread(r, "attnplanes-plane-copy-" + id.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
                executor.allowCoreThreadTimeOut(true);      // no threads left behind once captures stop
            }
            return executor;
        }
    }

    /** One call's planes: a claim counter, the lowest failing index so far, and a latch over every index. */
    private static final class Job {
        private final int count;
        private final IntConsumer task;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger firstFailed = new AtomicInteger(Integer.MAX_VALUE);
        private final Throwable[] failures;
        private final CountDownLatch done;

        Job(int count, IntConsumer task) {
            this.count = count;
            this.task = task;
            this.failures = new Throwable[count];
            this.done = new CountDownLatch(count);
        }

        void work() {
            for (int k = next.getAndIncrement(); k < count; k = next.getAndIncrement()) {
                try {
                    if (k < firstFailed.get()) {
                        task.accept(k);
                    }
                } catch (Throwable e) {
                    failures[k] = e;
                    firstFailed.accumulateAndGet(k, Math::min);
                } finally {
                    done.countDown();
                }
            }
        }

        /** Waits for the indices helpers are running (short: one plane each), keeping an interrupt for later. */
        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        void rethrowFirst() {
            int f = firstFailed.get();
            if (f == Integer.MAX_VALUE) {
                return;
            }
            Throwable e = failures[f];
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e);     // an IntConsumer throws no checked exception; kept for safety
        }
    }
}
