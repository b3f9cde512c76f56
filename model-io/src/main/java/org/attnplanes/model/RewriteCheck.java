package org.attnplanes.model;

import ai.onnxruntime.OrtException;
import org.attnplanes.model.internal.GraphAnalysis;
import org.attnplanes.model.internal.OnnxSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The open-time check of a fused-attention rewrite: the model as written and the rewritten model are run by ONNX
 * Runtime on the same probe input, and every output of the rewritten model must equal the original's within
 * {@link #TOLERANCE} relative to the output's largest magnitude; otherwise the model is refused.
 *
 * <p>The reference side (a session on the model as written, created without graph optimizations because it runs
 * once, and its probe run) is {@linkplain #start started} on its own thread while the caller creates the rewritten
 * model's session, so opening a fused model costs about one session creation more in CPU but not in wall time
 * (see BENCHMARKS.md, "Opening a fused model").
 */
final class RewriteCheck {

    /** Largest accepted |rewritten − original| as a fraction of the original output's largest |value|. */
    static final double TOLERANCE = 1e-5;

    /** Tokens of the probe input. */
    static final int PROBE_TOKENS = 5;

    /** The probe input and the reference outputs, computed on their own thread. */
    static final class Reference {
        private final Path model;
        private final long[][] ids;
        private final long[][] types;
        private final int[] lengths;
        private final List<String> outputs;
        private final FutureTask<Map<String, OnnxSession.Tensor>> want;

        private Reference(Path model, byte[] original, Path externalDir, GraphAnalysis analysis, int threads) {
            this.model = model;
            long vocab = analysis.vocabularyRows() > 0 ? analysis.vocabularyRows() : 2;
            ids = new long[1][PROBE_TOKENS];
            for (int i = 0; i < PROBE_TOKENS; i++) {
                ids[0][i] = (1 + 7L * i) % vocab;
            }
            types = new long[1][PROBE_TOKENS];
            lengths = new int[] {PROBE_TOKENS};
            List<String> names = new ArrayList<>();
            for (GraphAnalysis.Port p : analysis.outputs()) {
                names.add(p.name());
            }
            outputs = List.copyOf(names);
            // the reference runs once: ONNX Runtime's graph optimizations would cost more to apply than they save
            want = new FutureTask<>(() -> {
                try (OnnxSession reference = new OnnxSession(original, externalDir, threads, false)) {
                    return reference.run(ids, types, lengths, outputs);
                }
            });
        }

        /** Waits for the reference run (also on the failure path: no native work outlives the open). */
        Map<String, OnnxSession.Tensor> await() {
            try {
                return want.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException("interrupted while checking the rewritten fused attention of "
                        + model.getFileName(), e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof OrtException) {
                    throw probeFailed(model, (OrtException) c);
                }
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new ModelException("cannot check the rewritten fused attention of " + model.getFileName()
                        + ": " + c, c);
            }
        }

        /** Waits for the reference run and ignores its outcome (the open is failing anyway). */
        void awaitQuietly() {
            try {
                want.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // the open already fails for another reason
            }
        }
    }

    private RewriteCheck() {
    }

    /**
     * Starts the reference side of the check on its own daemon thread: a session on {@code original} (the model as
     * written) and its run on the probe input.
     */
    static Reference start(Path model, byte[] original, Path externalDir, GraphAnalysis analysis, int threads) {
        Reference r = new Reference(model, original, externalDir, analysis, threads);
        Thread t = new Thread(r.want, "attnplanes-rewrite-check");
        t.setDaemon(true);
        t.start();
        return r;
    }

    /**
     * What the rewritten session returned on the probe input ({@code tokens} tokens, one sample): the model's own
     * outputs and whatever else the caller asked for, so that the capture probe needs no run of its own.
     */
    record ProbeRun(int tokens, Map<String, OnnxSession.Tensor> outputs) {
    }

    /** As {@link #verify(Reference, OnnxSession, List)}, asking for nothing more than the model's outputs. */
    static ProbeRun verify(Reference reference, OnnxSession rewritten) {
        return verify(reference, rewritten, List.of());
    }

    /**
     * Runs the probe on {@code rewritten} once, asking for the model's outputs and {@code alsoRequested} (the
     * attention tensors the capture probe inspects), and compares the model's outputs with the reference.
     *
     * @return the run's outputs, for the capture probe
     * @throws ModelException naming the output and the difference when the rewrite changed an output
     */
    static ProbeRun verify(Reference reference, OnnxSession rewritten, List<String> alsoRequested) {
        List<String> requested = new ArrayList<>(reference.outputs);
        for (String name : alsoRequested) {
            if (!requested.contains(name)) {
                requested.add(name);
            }
        }
        Map<String, OnnxSession.Tensor> got;
        try {
            got = rewritten.run(reference.ids, reference.types, reference.lengths, requested);
        } catch (OrtException e) {
            reference.awaitQuietly();
            throw probeFailed(reference.model, e);
        }
        Map<String, OnnxSession.Tensor> want = reference.await();
        for (String name : reference.outputs) {
            float[] a = want.get(name).data();
            float[] b = got.get(name).data();
            double scale = 0;
            double diff = a.length == b.length ? 0 : Double.POSITIVE_INFINITY;
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                scale = Math.max(scale, Math.abs(a[i]));
                diff = Math.max(diff, Math.abs((double) a[i] - b[i]));
            }
            if (!(diff <= TOLERANCE * Math.max(scale, 1e-30))) {
                throw new ModelException("rewriting the fused attention of " + reference.model.getFileName()
                        + " into primitive ops changed output \"" + name + "\" (max |diff| = " + diff
                        + " against max |value| = " + scale + " on a probe input), so its attention cannot be "
                        + "captured faithfully; export the model without fused attention (no ONNX Runtime "
                        + "transformer optimizations)");
            }
        }
        return new ProbeRun(PROBE_TOKENS, got);
    }

    /** {@link #start} and {@link #verify(Reference, OnnxSession)} in one call. */
    static void verify(Path model, byte[] original, Path externalDir, OnnxSession rewritten, GraphAnalysis analysis,
                       int threads) {
        verify(start(model, original, externalDir, analysis, threads), rewritten);
    }

    private static ModelException probeFailed(Path model, OrtException e) {
        return new ModelException("cannot check the rewritten fused attention of " + model.getFileName()
                + ": ONNX Runtime failed on the probe input: " + e.getMessage(), e);
    }
}
