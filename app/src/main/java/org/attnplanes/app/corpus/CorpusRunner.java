package org.attnplanes.app.corpus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.attnplanes.app.export.Checkpoint;
import org.attnplanes.app.export.PlaneRecord;

/**
 * Runs a corpus through capture and analysis in batches, in parallel, with checkpointing.
 *
 * <p>Good entries are sorted by text length (so a batch pads little) and grouped into batches of
 * {@code batchSize}; {@code threads} workers each take a batch,
 * capture it in one call and analyse every input. When a batch capture fails because one input is bad
 * (an {@link IllegalArgumentException}: over-long, untokenizable), the batch is retried one input at a
 * time and only the bad inputs are skipped, each reported with its number. Other exceptions abort the run.
 * Each finished batch is committed to the {@link Checkpoint}, so an interrupted run loses at most the
 * batches in flight. Inputs the checkpoint already holds are not run again.
 *
 * @param <T> what capture produces for one input (an attention trace)
 */
public final class CorpusRunner<T> {

    /** Captures a batch of texts; one result per text, in order. */
    @FunctionalInterface
    public interface BatchCapture<T> {
        /** @throws IllegalArgumentException when an input is bad (the message names why) */
        List<T> capture(List<String> texts) throws Exception;
    }

    /** Analyses one captured input into plane records. */
    @FunctionalInterface
    public interface Analysis<T> {
        /** @param input the 1-based input number */
        List<PlaneRecord> analyze(int input, T captured) throws Exception;
    }

    /** Receives progress and bad-input reports (called from worker threads; implementations synchronize). */
    public interface Listener {
        /** {@code count} more inputs were completed (analysed or skipped). */
        void completed(int count);

        /** An input was skipped. */
        void skipped(CorpusEntry entry);
    }

    private final int batchSize;
    private final int threads;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /**
     * @param batchSize inputs per capture call, ≥ 1
     * @param threads   parallel workers, ≥ 1
     */
    public CorpusRunner(int batchSize, int threads) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch = " + batchSize + " must be >= 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads = " + threads + " must be >= 1");
        }
        this.batchSize = batchSize;
        this.threads = threads;
    }

    /** Asks the run to stop after the batches in flight (safe to call from a signal handler or another thread). */
    public void cancel() {
        cancelled.set(true);
    }

    /** Whether {@link #cancel()} was called. */
    public boolean cancelled() {
        return cancelled.get();
    }

    /**
     * Runs every entry not yet in the checkpoint.
     *
     * @return the number of inputs completed in this call (analysed or skipped)
     * @throws Exception the first failure that is not a bad input; batches already committed stay committed
     */
    public int run(List<CorpusEntry> entries, Checkpoint checkpoint, BatchCapture<T> capture, Analysis<T> analysis,
                   Listener listener) throws Exception {
        Objects.requireNonNull(entries, "entries");
        Set<Integer> done = checkpoint.done();
        List<CorpusEntry> bad = new ArrayList<>();
        List<CorpusEntry> good = new ArrayList<>();
        for (CorpusEntry e : entries) {
            if (done.contains(e.number())) {
                continue;
            }
            (e.ok() ? good : bad).add(e);
        }
        if (!bad.isEmpty()) {
            List<Integer> numbers = new ArrayList<>();
            for (CorpusEntry e : bad) {
                numbers.add(e.number());
                listener.skipped(e);
            }
            checkpoint.commit(numbers, List.of(), bad);
            listener.completed(bad.size());
        }
        // batches of similar length: a batch is padded to its longest input, so mixing a 5-word and a 40-word
        // line would make the model compute on padding (outputs are per input number, so order is free)
        good.sort(Comparator.comparingInt((CorpusEntry e) -> e.text().length()));
        List<List<CorpusEntry>> batches = new ArrayList<>();
        for (int i = 0; i < good.size(); i += batchSize) {
            batches.add(good.subList(i, Math.min(good.size(), i + batchSize)));
        }
        AtomicInteger completed = new AtomicInteger(bad.size());
        if (threads == 1) {
            for (List<CorpusEntry> batch : batches) {
                if (cancelled.get()) {
                    break;
                }
                completed.addAndGet(runBatch(batch, checkpoint, capture, analysis, listener));
            }
            return completed.get();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "attnplanes-analyze");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (List<CorpusEntry> batch : batches) {
                futures.add(pool.submit(() -> cancelled.get() ? 0
                        : runBatch(batch, checkpoint, capture, analysis, listener)));
            }
            for (Future<Integer> f : futures) {
                try {
                    completed.addAndGet(f.get());
                } catch (ExecutionException e) {
                    cancelled.set(true);
                    Throwable c = e.getCause();
                    if (c instanceof Exception ex) {
                        throw ex;
                    }
                    throw (Error) c;
                }
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        return completed.get();
    }

    private int runBatch(List<CorpusEntry> batch, Checkpoint checkpoint, BatchCapture<T> capture,
                         Analysis<T> analysis, Listener listener) throws Exception {
        List<String> texts = new ArrayList<>(batch.size());
        for (CorpusEntry e : batch) {
            texts.add(e.text());
        }
        List<T> captured = null;
        try {
            captured = capture.capture(texts);
            if (captured.size() != batch.size()) {
                throw new IllegalStateException("capture returned " + captured.size() + " results for "
                        + batch.size() + " inputs");
            }
        } catch (IllegalArgumentException e) {
            captured = null; // one input is bad: retry one by one below so only the bad ones are skipped
        }
        List<Integer> doneNumbers = new ArrayList<>();
        List<PlaneRecord> rows = new ArrayList<>();
        List<CorpusEntry> skipped = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            CorpusEntry e = batch.get(i);
            T one;
            if (captured != null) {
                one = captured.get(i);
            } else {
                try {
                    one = capture.capture(List.of(e.text())).get(0);
                } catch (IllegalArgumentException bad) {
                    CorpusEntry s = CorpusEntry.bad(e.number(), String.valueOf(bad.getMessage()));
                    skipped.add(s);
                    listener.skipped(s);
                    doneNumbers.add(e.number());
                    continue;
                }
            }
            rows.addAll(analysis.analyze(e.number(), one));
            doneNumbers.add(e.number());
        }
        checkpoint.commit(doneNumbers, rows, skipped);
        listener.completed(batch.size());
        return batch.size();
    }
}
