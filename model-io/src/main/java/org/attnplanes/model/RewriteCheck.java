package org.attnplanes.model;

import ai.onnxruntime.OrtException;
import org.attnplanes.model.internal.GraphAnalysis;
import org.attnplanes.model.internal.OnnxSession;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The open-time check of a fused-attention rewrite: the model as written and the rewritten model are run by ONNX
 * Runtime on the same probe input, and every output of the rewritten model must equal the original's within
 * {@link #TOLERANCE} relative to the output's largest magnitude; otherwise the model is refused.
 */
final class RewriteCheck {

    /** Largest accepted |rewritten − original| as a fraction of the original output's largest |value|. */
    static final double TOLERANCE = 1e-5;

    /** Tokens of the probe input. */
    static final int PROBE_TOKENS = 5;

    private RewriteCheck() {
    }

    /**
     * @throws ModelException naming the output and the difference when the rewrite changed an output
     */
    static void verify(Path model, byte[] original, Path externalDir, OnnxSession rewritten, GraphAnalysis analysis,
                       int threads) {
        long vocab = analysis.vocabularyRows() > 0 ? analysis.vocabularyRows() : 2;
        long[][] ids = new long[1][PROBE_TOKENS];
        for (int i = 0; i < PROBE_TOKENS; i++) {
            ids[0][i] = (1 + 7L * i) % vocab;
        }
        long[][] types = new long[1][PROBE_TOKENS];
        int[] lengths = {PROBE_TOKENS};
        List<String> outputs = new ArrayList<>();
        for (GraphAnalysis.Port p : analysis.outputs()) {
            outputs.add(p.name());
        }
        Map<String, OnnxSession.Tensor> want;
        Map<String, OnnxSession.Tensor> got;
        // the reference runs once: ONNX Runtime's graph optimizations would cost more to apply than they save
        try (OnnxSession reference = new OnnxSession(original, externalDir, threads, false)) {
            want = reference.run(ids, types, lengths, outputs);
            got = rewritten.run(ids, types, lengths, outputs);
        } catch (OrtException e) {
            throw new ModelException("cannot check the rewritten fused attention of " + model.getFileName()
                    + ": ONNX Runtime failed on the probe input: " + e.getMessage(), e);
        }
        for (String name : outputs) {
            float[] a = want.get(name).data();
            float[] b = got.get(name).data();
            double scale = 0;
            double diff = a.length == b.length ? 0 : Double.POSITIVE_INFINITY;
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                scale = Math.max(scale, Math.abs(a[i]));
                diff = Math.max(diff, Math.abs((double) a[i] - b[i]));
            }
            if (!(diff <= TOLERANCE * Math.max(scale, 1e-30))) {
                throw new ModelException("rewriting the fused attention of " + model.getFileName() + " into primitive "
                        + "ops changed output \"" + name + "\" (max |diff| = " + diff + " against max |value| = " + scale
                        + " on a probe input), so its attention cannot be captured faithfully; export the model "
                        + "without fused attention (no ONNX Runtime transformer optimizations)");
            }
        }
    }
}
