package org.attnplanes.model;

import ai.onnxruntime.OrtException;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.NamedTensor;
import org.attnplanes.graph.PlanePool;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.ValueNorms;
import org.attnplanes.model.internal.GraphAnalysis;
import org.attnplanes.model.internal.HfTokenizer;
import org.attnplanes.model.internal.InputFeeds;
import org.attnplanes.model.internal.OnnxSession;
import org.attnplanes.model.internal.RowSums;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;

/**
 * The run side of an {@link AttentionModel}: the probe at open, the padded batch run, and the assembly of
 * traces (attention planes, value norms, ordinary outputs sliced per sample, provenance). Key/value cache
 * outputs ({@code present.*}) are never requested, so they are never copied out of ONNX Runtime.
 */
final class Capturer {

    /** Tokens of the probe run at open. */
    static final int PROBE_TOKENS = 3;

    private final Path modelPath;
    private final String modelSha256;
    private final CaptureOptions options;
    private final GraphAnalysis analysis;
    private final HfTokenizer tokenizer;
    private final OnnxSession session;
    private final List<String> ordinaryOutputs;
    private int heads;
    private boolean causal;
    /** Off ({@code -Dattnplanes.capture.pin=false}) only to measure the copy path it replaces (BENCHMARKS.md). */
    private static final boolean PIN_OUTPUTS = !"false".equals(System.getProperty("attnplanes.capture.pin"));

    /** Set when ONNX Runtime refused bound output buffers once; then outputs are copied out. */
    private volatile boolean pinBroken;

    /** Rank (3 or 4) of each attention output, from the probe: their shapes are known before a run. */
    private final Map<String, Integer> attentionRank = new HashMap<>();

    Capturer(Path modelPath, String modelSha256, CaptureOptions options, GraphAnalysis analysis,
             HfTokenizer tokenizer, OnnxSession session) {
        this.modelPath = modelPath;
        this.modelSha256 = modelSha256;
        this.options = options;
        this.analysis = analysis;
        this.tokenizer = tokenizer;
        this.session = session;
        List<String> ordinary = new ArrayList<>();
        for (GraphAnalysis.Port p : analysis.outputs()) {
            if (!InputFeeds.isCacheOutput(p.name())) {
                ordinary.add(p.name());
            }
        }
        this.ordinaryOutputs = List.copyOf(ordinary);
        for (GraphAnalysis.Softmax s : analysis.softmaxes()) {
            if (options.valueNorms() && s.value().isEmpty()) {
                throw new ModelException("value norms cannot be captured from " + modelPath.getFileName() + ": the "
                        + "probabilities of node \"" + s.nodeName() + "\" come out of a fused Attention op that does "
                        + "not expose its per-head value tensor; capture without value norms");
            }
        }
    }

    /** Whether attention outputs still go into bound buffers (false once ONNX Runtime refused them). */
    boolean outputsPinned() {
        return PIN_OUTPUTS && !pinBroken;
    }

    /** Heads per layer (known after {@link #probe()}). */
    int heads() {
        return heads;
    }

    /** Whether every attention plane of the probe was lower-triangular (known after {@link #probe()}). */
    boolean causal() {
        return causal;
    }

    /** The ordinary outputs returned with every trace (key/value cache outputs left out). */
    List<String> ordinaryOutputs() {
        return ordinaryOutputs;
    }

    /**
     * Runs three tokens once to learn each attention tensor's layout and head count, to check that every tensor
     * holds probabilities (rows sum to 1) and to see whether attention is causal (every plane's upper triangle
     * exactly 0).
     */
    List<AttentionTensor> probe() {
        return probe(null);
    }

    /**
     * As {@link #probe()}, inspecting {@code earlier} (a run at open that already returned every attention tensor,
     * such as the rewrite check's: the model then runs once at open) instead of running the model when it can.
     */
    List<AttentionTensor> probe(RewriteCheck.ProbeRun earlier) {
        List<String> names = new ArrayList<>();
        for (GraphAnalysis.Softmax s : analysis.softmaxes()) {
            names.add(s.probabilities());
        }
        int n;
        Map<String, OnnxSession.Tensor> out;
        if (earlier != null && earlier.outputs().keySet().containsAll(names)) {
            n = earlier.tokens();
            out = earlier.outputs();
        } else {
            n = PROBE_TOKENS;
            out = runSession(new long[][] {new long[n]}, new long[][] {new long[n]}, new int[] {n}, names);
        }
        List<AttentionTensor> result = new ArrayList<>();
        int firstHeads = -1;
        boolean upperZero = true;
        for (GraphAnalysis.Softmax s : analysis.softmaxes()) {
            OnnxSession.Tensor t = out.get(s.probabilities());
            long[] shape = t.shape();
            int h = ProbeShapes.heads(s, shape, n, modelPath, "1 × " + n + " tokens",
                    "[1, heads, " + n + ", " + n + "] or [heads, " + n + ", " + n + "]");
            firstHeads = ProbeShapes.sameHeads(s, h, firstHeads, modelPath);
            float[] d = t.data();
            for (int row = 0; row < h * n; row++) {
                for (int j = 0; j < n; j++) {
                    upperZero &= j <= row % n || d[row * n + j] == 0f;
                }
                double sum = RowSums.rowSum(d, row * n, n);
                if (!(Math.abs(sum - 1) <= RowSums.TOLERANCE)) {
                    throw notProbabilities(s, row / n, row % n, sum, "the " + n + "-token probe input");
                }
            }
            result.add(new AttentionTensor(s.layer(), s.nodeName(), s.probabilities(), shape.length,
                    OptionalInt.of(h)));
            attentionRank.put(s.probabilities(), shape.length);
        }
        heads = firstHeads;
        causal = upperZero;
        return List.copyOf(result);
    }

    Map<String, NamedTensor> runOrdinary(HfTokenizer.Encoded e) {
        Map<String, OnnxSession.Tensor> out = runSession(new long[][] {e.ids()}, new long[][] {e.typeIds()},
                new int[] {e.length()}, ordinaryOutputs);
        Map<String, NamedTensor> result = new LinkedHashMap<>();
        out.forEach((name, t) -> result.put(name, NamedTensor.of(name, t.shape(), t.data())));
        return result;
    }


    List<AttentionTrace> captureEncoded(List<String> texts, List<HfTokenizer.Encoded> enc,
                                                List<String> hashes, Cancellation cancellation) {
        return captureEncoded(texts, enc, hashes, cancellation, null);
    }

    /**
     * As {@link #captureEncoded(List, List, List, Cancellation)}, exposing only the Softmax outputs of the model
     * layers {@code only} (ascending; null = every layer): the traces hold those layers, in that order.
     */
    List<AttentionTrace> captureEncoded(List<String> texts, List<HfTokenizer.Encoded> enc,
                                        List<String> hashes, Cancellation cancellation, int[] only) {
        return captureEncoded(texts, enc, hashes, cancellation, only, null);
    }

    /**
     * As {@link #captureEncoded(List, List, List, Cancellation, int[])}, the planes leased from {@code pool} when it is
     * not null (the caller releases each trace to it once done; {@link AttentionModel#capture(List, Cancellation,
     * java.util.function.Consumer)}).
     */
    List<AttentionTrace> captureEncoded(List<String> texts, List<HfTokenizer.Encoded> enc,
                                        List<String> hashes, Cancellation cancellation, int[] only, PlanePool pool) {
        int batch = enc.size();
        int n = 0;
        boolean sameLength = true;
        for (HfTokenizer.Encoded e : enc) {
            sameLength &= n == 0 || e.length() == n;
            n = Math.max(n, e.length());
        }
        if (!sameLength && !session.feeds(InputFeeds.Kind.ATTENTION_MASK)) {
            // without a mask input, padding would change the result: run one sample at a time
            List<AttentionTrace> out = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
                out.addAll(captureEncoded(List.of(texts.get(b)), List.of(enc.get(b)), List.of(hashes.get(b)),
                        cancellation, only, pool));
            }
            return out;
        }
        long pad = tokenizer == null ? 0 : tokenizer.padId();
        long[][] ids = new long[batch][n];
        long[][] types = new long[batch][n];
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            HfTokenizer.Encoded e = enc.get(b);
            Arrays.fill(ids[b], pad);
            System.arraycopy(e.ids(), 0, ids[b], 0, e.length());
            System.arraycopy(e.typeIds(), 0, types[b], 0, e.length());
            lengths[b] = e.length();
        }
        Set<String> requested = new LinkedHashSet<>(ordinaryOutputs);
        Map<String, List<Integer>> probabilityLayers = new HashMap<>();
        Map<String, List<Integer>> valueLayers = new HashMap<>();
        List<GraphAnalysis.Softmax> softmaxes = selected(only);
        for (int l = 0; l < softmaxes.size(); l++) {    // l: the layer's index in the trace
            GraphAnalysis.Softmax s = softmaxes.get(l);
            requested.add(s.probabilities());
            probabilityLayers.computeIfAbsent(s.probabilities(), k -> new ArrayList<>()).add(l);
            if (options.valueNorms()) {
                requested.add(s.value());
                valueLayers.computeIfAbsent(s.value(), k -> new ArrayList<>()).add(l);
            }
        }
        int layers = softmaxes.size();
        int padded = n;
        AttentionMatrix[][][] planes = new AttentionMatrix[batch][layers][heads];
        float[][] norms = new float[batch][];
        List<Map<String, NamedTensor>> outputs = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            outputs.add(new LinkedHashMap<>());
            if (options.valueNorms()) {
                norms[b] = new float[layers * heads * lengths[b]];
            }
        }
        // outputs are handled one at a time as they are copied out, so only one layer's tensor is on the heap
        String job = "capture of " + batch + (batch == 1 ? " input (" : " inputs (") + batch + " × " + n + " tokens)";
        if (cancellation != null) {
            cancellation.throwIfCancelled(job);
        }
        // attention outputs go into reused direct buffers (ONNX Runtime writes them once; each plane is then
        // copied once, into the array its AttentionMatrix keeps)
        Map<String, long[]> pinned = new HashMap<>();
        for (String name : PIN_OUTPUTS ? probabilityLayers.keySet() : Set.<String>of()) {
            Integer rank = attentionRank.get(name);
            if (rank != null && !ordinaryOutputs.contains(name)) {
                pinned.put(name, rank == 4 ? new long[] {batch, heads, n, n} : new long[] {(long) batch * heads, n, n});
            }
        }
        PlaneCopies.enter();        // other captures in flight keep the plane copy off their cores
        try {
            runSession(ids, types, lengths, List.copyOf(requested), pinned, cancellation, job, (name, t) -> {
                if (cancellation != null) {
                    cancellation.throwIfCancelled(job);     // between outputs while they are copied out
                }
                if (ordinaryOutputs.contains(name)) {
                    for (int b = 0; b < batch; b++) {
                        outputs.get(b).put(name, sliceOutput(name, t, b, batch, lengths[b], padded));
                    }
                }
                for (int l : probabilityLayers.getOrDefault(name, List.of())) {
                    copyAttention(softmaxes.get(l), t, batch, lengths, padded, planes, l, pool);
                }
                for (int l : valueLayers.getOrDefault(name, List.of())) {
                    for (int b = 0; b < batch; b++) {
                        copyNorms(softmaxes.get(l), t, b, batch, lengths[b], padded, l, norms[b]);
                    }
                }
            });
        } finally {
            PlaneCopies.exit();
        }
        List<AttentionTrace> traces = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            Provenance prov = Provenance.of(modelPath.getFileName().toString(), modelSha256,
                    tokenizer == null ? "" : tokenizer.file().getFileName().toString(), hashes.get(b));
            if (options.truncate()) {
                prov = prov.with("truncate", "true");
            }
            prov = prov.with(AttentionTrace.CAUSAL, Boolean.toString(causal));
            if (only != null) {
                prov = prov.with(CAPTURED_LAYERS, layerList(only));
            }
            List<List<AttentionMatrix>> attention = new ArrayList<>(layers);
            for (int l = 0; l < layers; l++) {
                attention.add(Arrays.asList(planes[b][l]));
            }
            ValueNorms vn = norms[b] == null ? null : ValueNorms.of(layers, heads, lengths[b], norms[b]);
            traces.add(new AttentionTrace(texts.get(b), enc.get(b).tokens(), attention, vn, outputs.get(b), prov));
        }
        return traces;
    }

    /** Provenance setting of a trace that holds only some of the model's layers: their model indices. */
    static final String CAPTURED_LAYERS = "captured_layers";

    private List<GraphAnalysis.Softmax> selected(int[] only) {
        List<GraphAnalysis.Softmax> all = analysis.softmaxes();
        if (only == null) {
            return all;
        }
        List<GraphAnalysis.Softmax> out = new ArrayList<>(only.length);
        for (int i = 0; i < only.length; i++) {
            if (only[i] < 0 || only[i] >= all.size() || (i > 0 && only[i] <= only[i - 1])) {
                throw new IllegalArgumentException("layers " + Arrays.toString(only) + " must be ascending model layers"
                        + " in [0, " + (all.size() - 1) + "]");
            }
            out.add(all.get(only[i]));
        }
        return out;
    }

    private static String layerList(int[] layers) {
        StringBuilder b = new StringBuilder();
        for (int l : layers) {
            b.append(b.length() == 0 ? "" : ",").append(l);
        }
        return b.toString();
    }

    /**
     * Layer {@code l}'s planes of every sample out of {@code t}: each plane copied out of the runtime's buffer and
     * checked (rows sum to 1, values in [0, 1]) in one pass, into a fresh or a recycled array, the planes spread over
     * the cores ({@link PlaneCopies}). A refusal names the first bad plane in (sample, head) order, as copying them
     * one after the other would; the planes already made of this output then go back to {@code pool}.
     */
    private void copyAttention(GraphAnalysis.Softmax s, OnnxSession.Tensor t, int batch, int[] lengths, int n,
                               AttentionMatrix[][][] planes, int l, PlanePool pool) {
        long[] shape = t.shape();
        boolean rank4 = shape.length == 4 && shape[0] == batch && shape[1] == heads && shape[2] == n && shape[3] == n;
        boolean rank3 = shape.length == 3 && shape[0] == (long) batch * heads && shape[1] == n && shape[2] == n;
        if (!rank4 && !rank3) {
            throw new IllegalStateException("attention output \"" + s.probabilities() + "\" has shape "
                    + Arrays.toString(shape) + "; expected [" + batch + ", " + heads + ", " + n + ", " + n + "] or ["
                    + (batch * heads) + ", " + n + ", " + n + "]");
        }
        // both layouts keep sample b's heads at (b·heads + h) · n · n
        float[] data = t.data();
        java.nio.FloatBuffer pinned = t.pinned();
        int nn = n * n;
        long floats = 0;
        for (int b = 0; b < batch; b++) {
            floats += (long) heads * lengths[b] * lengths[b];
        }
        try {
            PlaneCopies.forEach(batch * heads, floats, k -> {
                int b = k / heads;
                int h = k % heads;
                int len = lengths[b];
                int src = k * nn;
                try {
                    if (pool == null) {
                        planes[b][l][h] = data != null
                                ? AttentionMatrix.copyProbabilityRows(len, data, src, n, RowSums.TOLERANCE)
                                : AttentionMatrix.copyProbabilityRows(len, pinned, src, n, RowSums.TOLERANCE);
                    } else {
                        planes[b][l][h] = data != null ? pool.copyProbabilityRows(len, data, src, n, RowSums.TOLERANCE)
                                : pool.copyProbabilityRows(len, pinned, src, n, RowSums.TOLERANCE);
                    }
                } catch (AttentionMatrix.RowSumException bad) {
                    throw notProbabilities(s, h, bad.row(), bad.sum(), len + " tokens");
                }
            });
        } catch (RuntimeException e) {
            if (pool != null) {
                for (int b = 0; b < batch; b++) {
                    for (int h = 0; h < heads; h++) {
                        if (planes[b][l][h] != null) {
                            pool.release(planes[b][l][h]);
                        }
                    }
                }
            }
            throw e;
        }
    }

    /**
     * The refusal of a Softmax whose rows do not sum to 1 (e.g. one over the query axis): names the node, the
     * layer, the head, the row and its sum.
     */
    private ModelException notProbabilities(GraphAnalysis.Softmax s, int head, int row, double sum, String input) {
        return new ModelException("attention Softmax node \"" + s.nodeName() + "\" (layer " + s.layer() + ") of "
                + modelPath.getFileName() + " does not give probabilities over the keys: row " + row + " of head "
                + head + " sums to " + String.format(java.util.Locale.ROOT, "%.4g", sum) + " on " + input
                + " (every row must sum to 1; a Softmax over the query axis does not), so it cannot be used as"
                + " attention");
    }

    private void copyNorms(GraphAnalysis.Softmax s, OnnxSession.Tensor t, int b, int batch, int len, int n,
                           int layer, float[] dest) {
        long[] shape = t.shape();
        int dh;
        if (shape.length == 4 && shape[0] == batch && shape[1] == heads && shape[2] == n) {
            dh = (int) shape[3];
        } else if (shape.length == 3 && shape[0] == (long) batch * heads && shape[1] == n) {
            dh = (int) shape[2];
        } else {
            throw new IllegalStateException("value tensor \"" + s.value() + "\" has shape " + Arrays.toString(shape)
                    + "; expected [" + batch + ", " + heads + ", " + n + ", head size] or [" + (batch * heads) + ", "
                    + n + ", head size]");
        }
        float[] data = t.data();
        for (int h = 0; h < heads; h++) {
            int src = (b * heads + h) * n * dh;
            for (int j = 0; j < len; j++) {
                double sum = 0;
                for (int d = 0; d < dh; d++) {
                    double v = data[src + j * dh + d];
                    sum += v * v;
                }
                dest[(layer * heads + h) * len + j] = (float) Math.sqrt(sum);
            }
        }
    }

    /** Sample {@code b}'s slice of an output: batch axis kept as 1, padding cut from a sequence axis 1. */
    private static NamedTensor sliceOutput(String name, OnnxSession.Tensor t, int b, int batch, int len, int n) {
        long[] shape = t.shape();
        float[] data = t.data();
        if (shape.length == 0 || shape[0] != batch) {
            return NamedTensor.of(name, shape, data);
        }
        int per = data.length / batch;
        long[] outShape = shape.clone();
        outShape[0] = 1;
        if (shape.length >= 2 && shape[1] == n && len < n) {
            int inner = per / n;
            outShape[1] = len;
            float[] slice = new float[len * inner];
            System.arraycopy(data, b * per, slice, 0, len * inner);
            return NamedTensor.of(name, outShape, slice);
        }
        return NamedTensor.of(name, outShape, Arrays.copyOfRange(data, b * per, (b + 1) * per));
    }
    private Map<String, OnnxSession.Tensor> runSession(long[][] ids, long[][] types, int[] lengths,
                                                       List<String> requested) {
        Map<String, OnnxSession.Tensor> out = new LinkedHashMap<>();
        runSession(ids, types, lengths, requested, Map.of(), null, "", out::put);
        return out;
    }

    private void runSession(long[][] ids, long[][] types, int[] lengths, List<String> requested,
                            Map<String, long[]> pinned, Cancellation cancellation, String job,
                            BiConsumer<String, OnnxSession.Tensor> sink) {
        try {
            session.run(ids, types, lengths, requested, pinBroken ? Map.of() : pinned, sink,
                    cancellation == null ? null : cancellation::arm);
        } catch (OrtException e) {
            if (!pinned.isEmpty() && !pinBroken && !(cancellation != null && cancellation.isCancelled())) {
                // a node whose output shape is not [batch, heads, n, n] at run time (e.g. a fused Attention op's
                // optional probabilities output): ONNX Runtime refuses the bound buffer before running anything,
                // so nothing reached the sink; copy out as before from now on
                pinBroken = true;
                runSession(ids, types, lengths, requested, Map.of(), cancellation, job, sink);
                return;
            }
            if (cancellation != null && cancellation.isCancelled()) {
                CancellationException c = Cancellation.cancelled(job);
                c.initCause(e);     // ONNX Runtime's "Exiting due to terminate flag being set to true."
                throw c;
            }
            throw new ModelException("ONNX Runtime failed to run " + modelPath.getFileName() + " on "
                    + ids.length + " × " + ids[0].length + " tokens: " + e.getMessage(), e);
        }
    }
}
