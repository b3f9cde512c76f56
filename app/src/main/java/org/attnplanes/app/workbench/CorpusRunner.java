package org.attnplanes.app.workbench;

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

import org.attnplanes.app.corpus.CorpusEntry;
import org.attnplanes.app.export.Checkpoint;
import org.attnplanes.model.AttentionModel;

/**
 * Runs a corpus through an {@link Analysis} in batches, in parallel, with checkpointing.
 *
 * <p>Good entries are sorted by text length (so a batch pads little) and grouped into batches of
 * {@code batchSize}, which run longest first; {@code threads} workers each take a batch and give it to {@link
 * Analysis#analyzeTexts(AttentionModel, List)} (one capture call; on a bad input the batch is retried one input at a
 * time and only the bad inputs are skipped, each reported with its number). Other exceptions abort the run.
 * Each finished batch is committed to the {@link Checkpoint}, so an interrupted run loses at most the
 * batches in flight. Inputs the checkpoint already holds are not run again.
 */
public final class CorpusRunner {

    /** Analyses one batch of good entries (in production: {@link Analysis#analyzeTexts(AttentionModel, List)}). */
    @FunctionalInterface
    public interface BatchAnalysis {
        /** @return a result for every entry: analysed or skipped with its reason */
        BatchResult analyze(List<CorpusEntry> batch) throws Exception;
    }

    /** Receives progress and bad-input reports (called from worker threads; implementations synchronize). */
    public interface Listener {
        /** {@code count} more inputs were completed (analysed or skipped). */
        void completed(int count);

        /** An input was skipped. */
        void skipped(CorpusEntry entry);

        /** An input was analysed (before its batch is committed); by default nothing happens. */
        default void analysed(TextResult result) {
        }
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
    public int run(List<CorpusEntry> entries, Checkpoint checkpoint, BatchAnalysis analysis, Listener listener)
            throws Exception {
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
        // longest batches first: the workers then end on the shortest ones and finish close together, instead of
        // one worker running the longest batch alone at the end (the batches themselves are the same)
        java.util.Collections.reverse(batches);
        AtomicInteger completed = new AtomicInteger(bad.size());
        if (threads == 1) {
            for (List<CorpusEntry> batch : batches) {
                if (cancelled.get()) {
                    break;
                }
                completed.addAndGet(runBatch(batch, checkpoint, analysis, listener));
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
                        : runBatch(batch, checkpoint, analysis, listener)));
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

    private int runBatch(List<CorpusEntry> batch, Checkpoint checkpoint, BatchAnalysis analysis,
                         Listener listener) throws Exception {
        BatchResult result = analysis.analyze(batch);
        List<Integer> doneNumbers = new ArrayList<>(batch.size());
        for (CorpusEntry e : batch) {
            doneNumbers.add(e.number());
        }
        List<CorpusEntry> skipped = new ArrayList<>();
        result.skipped().forEach((n, why) -> {
            CorpusEntry s = CorpusEntry.bad(n, why);
            skipped.add(s);
            listener.skipped(s);
        });
        for (TextResult r : result.analysed()) {
            listener.analysed(r);
        }
        checkpoint.commit(doneNumbers, result.rows(), skipped);
        listener.completed(batch.size());
        return batch.size();
    }
}
