package org.attnplanes.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtException;
import com.google.protobuf.InvalidProtocolBufferException;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.NamedTensor;
import org.attnplanes.graph.PlanePool;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Token;
import org.attnplanes.graph.ValueNorms;
import org.attnplanes.model.internal.FileFingerprints;
import org.attnplanes.model.internal.GraphAnalysis;
import org.attnplanes.model.internal.GraphRewrites;
import org.attnplanes.model.internal.HfTokenizer;
import org.attnplanes.model.internal.ModelCache;
import org.attnplanes.model.internal.OnnxSession;
import org.attnplanes.model.internal.OrtNativeLibraries;
import org.attnplanes.model.internal.Sha256;
import org.attnplanes.model.internal.VisionGeometry;
import org.attnplanes.graph.ImageGrid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A transformer saved as ONNX, opened for attention capture. On open, the model's graph is analysed and
 * every attention Softmax (the one whose output feeds the MatMul with the value tensor) is added as an
 * extra graph output; the modified model runs in one ONNX Runtime session that is reused by every call.
 * The ordinary outputs are computed exactly as by the unmodified model.
 *
 * <pre>{@code
 * try (AttentionModel model = AttentionModel.openDefault()) {          // all-MiniLM-L6-v2, 6 × 12
 *     AttentionTrace trace = model.capture("The cat sat on the mat.");
 *     float w = trace.weight(5, 0, 1, 2);                              // layer 5, head 0, query 1 → key 2
 * }
 * }</pre>
 *
 * <p>Inputs are fed by name: {@code input_ids} (required), {@code attention_mask}, {@code token_type_ids} and
 * {@code position_ids}; a model with any other input is rejected at open. Attention tensors may be laid out
 * {@code [batch, heads, query, key]} or {@code [batch·heads, query, key]}; the head count is read from the
 * tensors at run time.
 *
 * <p>A capture can be stopped from another thread: pass a {@link Cancellation} to
 * {@link #capture(List, Cancellation)} (or the one-text and token-id overloads) and call
 * {@link Cancellation#cancel()}; the capture then throws {@link java.util.concurrent.CancellationException}.
 *
 * <p>Thread-safe: several threads may capture at once. {@link #close()} releases the native session and
 * tokenizer and is idempotent; any call after it throws {@link IllegalStateException}.
 */
public final class AttentionModel implements AutoCloseable {

    private final Path modelPath;
    private final String modelSha256;
    private final CaptureOptions options;
    private final GraphAnalysis analysis;
    private final HfTokenizer tokenizer;
    private final OnnxSession session;
    private final List<AttentionTensor> attention;
    private final Capturer capturer;
    private final PositionLimit positionLimit;
    private final int heads;
    private final ImageCapturer images;
    /** Recycled plane arrays of {@link #capture(List, Cancellation, Consumer)}; keeps at most the memory budget. */
    private final PlanePool planePool;
    private volatile boolean closed;

    private AttentionModel(Path modelPath, String modelSha256, CaptureOptions options, GraphAnalysis analysis,
                           HfTokenizer tokenizer, OnnxSession session, ImageCapturer images,
                           RewriteCheck.ProbeRun probe) {
        this.modelPath = modelPath;
        this.modelSha256 = modelSha256;
        this.options = options;
        this.analysis = analysis;
        this.tokenizer = tokenizer;
        this.session = session;
        this.positionLimit = PositionLimit.of(analysis, modelPath, tokenizer == null ? null : tokenizer.file());
        this.capturer = new Capturer(modelPath, modelSha256, options, analysis, tokenizer, session);
        this.images = images;
        this.planePool = new PlanePool(options.effectiveMaxMemory());
        this.attention = images != null ? images.probe() : capturer.probe(probe);
        this.heads = images != null ? images.heads() : capturer.heads();
    }

    /** Whether captures still bind attention outputs to reused buffers (tests; see {@code Capturer}). */
    boolean capturePinned() {
        return capturer.outputsPinned();
    }

    /** Opens the embedded default model, all-MiniLM-L6-v2, with default options. */
    public static AttentionModel openDefault() {
        return openDefault(CaptureOptions.defaults());
    }

    /** Opens the embedded default model, all-MiniLM-L6-v2; the options' tokenizer is ignored. */
    public static AttentionModel openDefault(CaptureOptions options) {
        return open(DefaultModel.model(), options.toBuilder().tokenizer(DefaultModel.tokenizer()).build());
    }

    /** Opens {@code model} with default options (tokenizer found next to it). */
    public static AttentionModel open(Path model) {
        return open(model, CaptureOptions.defaults());
    }

    /**
     * Opens {@code model}. The tokenizer is {@link CaptureOptions#tokenizer()} when given, else
     * {@code <stem>-tokenizer.json} or {@code tokenizer.json} in the model's directory; without one, only
     * {@link #capture(int[])} works.
     *
     * @throws ModelException naming the file and the problem (missing, not ONNX, no attention, fused
     *                        attention, unsupported inputs, tokenizer larger than the embedding table, …)
     */
    public static AttentionModel open(Path model, CaptureOptions options) {
        ModelLoader.Loaded loaded = ModelLoader.load(model, options);
        try {
            ImageCapturer images = loaded.session().hasInput(VisionGeometry.INPUT)
                    ? ImageCapturer.open(model, loaded.sha256(), loaded.analysis(), loaded.session(),
                    options.imageOverrides()) : null;
            return new AttentionModel(model, loaded.sha256(), options, loaded.analysis(), loaded.tokenizer(),
                    loaded.session(), images, loaded.probe());
        } catch (RuntimeException e) {
            loaded.session().close();
            if (loaded.tokenizer() != null) {
                loaded.tokenizer().close();
            }
            throw e;
        }
    }

    /**
     * Analyses {@code model} without opening a runtime session: inputs, outputs, attention tensors (rank and
     * heads only where the file declares shapes), fused ops. Never fails for a valid ONNX file without
     * attention, so it can explain why {@link #open(Path)} would.
     *
     * @throws ModelException when the file is missing or not an ONNX model
     */
    public static ModelDescription inspect(Path model, Path tokenizerOrNull) {
        byte[] bytes = ModelLoader.readModel(model);
        String sha = Sha256.of(bytes);
        GraphRewrites.Result rewritten = GraphRewrites.apply(ModelLoader.parse(model, bytes));
        GraphAnalysis analysis = ModelLoader.analyse(model, rewritten.model()).withRewrites(rewritten.notes());
        Path tok = tokenizerOrNull != null ? tokenizerOrNull
                : ModelLoader.findTokenizer(model, CaptureOptions.defaults()).orElse(null);
        List<AttentionTensor> att = new ArrayList<>();
        for (GraphAnalysis.Softmax s : analysis.softmaxes()) {
            int rank = s.staticRank() == 3 || s.staticRank() == 4 ? s.staticRank() : 0;
            att.add(new AttentionTensor(s.layer(), s.nodeName(), s.probabilities(), rank,
                    s.staticHeads() > 0 ? OptionalInt.of(s.staticHeads()) : OptionalInt.empty()));
        }
        return Descriptions.describe(model, sha, tok, analysis, att, null,
                PositionLimit.of(analysis, model, tok), CaptureOptions.defaults());
    }

    /** What model-io found in the model: inputs, outputs, attention tensors with layout and heads. */
    public ModelDescription describe() {
        checkOpen();
        return Descriptions.describe(modelPath, modelSha256, tokenizer == null ? null : tokenizer.file(), analysis,
                attention, capturer.causal(), positionLimit, options);
    }

    /** Number of attention layers L (attention Softmax nodes). */
    public int layers() {
        return attention.size();
    }

    /**
     * Whether the model's attention is causal (a decoder's: on the probe run at open every plane was
     * lower-triangular); every trace it captures records this in its provenance.
     */
    public boolean causal() {
        checkOpen();
        return capturer.causal();
    }

    /** Number of heads H per layer. */
    public int heads() {
        return heads;
    }

    /**
     * Largest number of tokens per input: {@link CaptureOptions#maxTokens()} capped by the model's real limit (its
     * position table less the table's offset, else the tokenizer's {@code model_max_length}; see {@link PositionLimit}).
     */
    public int maxTokens() {
        return positionLimit.effective(options);
    }

    /** The options the model was opened with. */
    public CaptureOptions options() {
        return options;
    }

    /** The model file. */
    public Path modelPath() {
        return modelPath;
    }

    /** Whether a tokenizer was found or given, i.e. whether {@link #capture(String)} works. */
    public boolean hasTokenizer() {
        return tokenizer != null;
    }

    /**
     * Tokenizes {@code text} as {@link #capture(String)} would (special tokens added, truncated only when the
     * options say so).
     *
     * @throws IllegalArgumentException for empty or over-long text
     */
    public List<Token> tokenize(String text) {
        return encode(text).tokens();
    }

    /**
     * Captures the attention of every layer and head for one text.
     *
     * @param text the input, not null, not blank
     * @return the trace over the text's tokens (special tokens included), with the model's ordinary outputs
     * @throws IllegalArgumentException for empty or over-long text (unless truncation is on)
     * @throws IllegalStateException    when no tokenizer is available or the model is closed
     */
    public AttentionTrace capture(String text) {
        return capture(List.of(text)).get(0);
    }

    /**
     * Captures a batch in one run: inputs are right-padded to the longest and masked; each returned trace
     * covers its own tokens only (padding removed from attention and from the sequence axis of outputs).
     *
     * @param texts one or more texts, none blank
     * @return one trace per text, in order
     */
    public List<AttentionTrace> capture(List<String> texts) {
        return captureTexts(texts, null);
    }

    /**
     * As {@link #capture(String)}, stoppable from another thread through {@code cancellation}.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancellation} is cancelled before the
     *                                                    capture returns (see {@link Cancellation})
     */
    public AttentionTrace capture(String text, Cancellation cancellation) {
        return captureTexts(List.of(Objects.requireNonNull(text, "text")),
                Objects.requireNonNull(cancellation, "cancellation")).get(0);
    }

    /**
     * As {@link #capture(List)}, stoppable from another thread through {@code cancellation}: a run in flight
     * is terminated at its next operator boundary (for all-MiniLM-L6-v2 within tens of milliseconds in the
     * tests) and its native tensors are released; the model stays usable.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancellation} is cancelled before the
     *                                                    capture returns (see {@link Cancellation})
     */
    public List<AttentionTrace> capture(List<String> texts, Cancellation cancellation) {
        return captureTexts(texts, Objects.requireNonNull(cancellation, "cancellation"));
    }

    /**
     * As {@link #capture(int[])}, stoppable from another thread through {@code cancellation}.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancellation} is cancelled before the
     *                                                    capture returns (see {@link Cancellation})
     */
    public AttentionTrace capture(int[] tokenIds, Cancellation cancellation) {
        Objects.requireNonNull(cancellation, "cancellation");
        checkOpen();
        HfTokenizer.Encoded e = encodeIds(tokenIds);
        return capturer.captureEncoded(List.of(""), List.of(e), List.of(Sha256.ofIds(tokenIds)), cancellation).get(0);
    }

    /**
     * Captures a batch as {@link #capture(List, Cancellation)} does and hands each trace to {@code consumer}, in
     * order, with planes whose arrays are recycled: once {@code consumer} returns (or throws), the trace's planes go
     * back to this model's pool for the next capture, and reading them afterwards (through the trace, or through a
     * per-head {@link org.attnplanes.graph.MultiPlanarGraph} built from it) throws {@link IllegalStateException}.
     * Use it when each trace is analysed and dropped, as {@code analyze} does over a corpus: a capture then allocates
     * no L·H·n² fresh floats (BENCHMARKS.md, "attention capture vs the plain model"); use {@link #capture(List)} to
     * keep traces.
     *
     * @param cancellation as for {@link #capture(List, Cancellation)}, or null (not stoppable)
     * @throws IllegalArgumentException for an empty or over-long text, before {@code consumer} is called
     */
    public void capture(List<String> texts, Cancellation cancellation, Consumer<AttentionTrace> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        if (!RECYCLE) {
            captureTexts(texts, cancellation).forEach(consumer);
            return;
        }
        PlaneCopies.enter();        // this thread's core is taken until the consumer is done (PlaneCopies)
        try {
            List<AttentionTrace> traces = captureTexts(texts, cancellation, planePool);
            int i = 0;
            try {
                for (; i < traces.size(); i++) {
                    consumer.accept(traces.get(i));
                    planePool.release(traces.get(i));
                }
            } finally {
                for (; i < traces.size(); i++) {
                    planePool.release(traces.get(i));
                }
            }
        } finally {
            PlaneCopies.exit();
        }
    }

    /**
     * Off ({@code -Dattnplanes.capture.recycle=false}) only to measure what recycling saves in the same setting
     * ({@code benchmarks/scripts/analyze-recycle.sh}): the consumer form then allocates like {@link #capture(List)}.
     */
    private static final boolean RECYCLE = !"false".equals(System.getProperty("attnplanes.capture.recycle"));

    /** The pool of {@link #capture(List, Cancellation, Consumer)} (tests, benchmarks). */
    PlanePool planePool() {
        return planePool;
    }

    private List<AttentionTrace> captureTexts(List<String> texts, Cancellation cancellation) {
        return captureTexts(texts, cancellation, null);
    }

    private List<AttentionTrace> captureTexts(List<String> texts, Cancellation cancellation, PlanePool pool) {
        checkOpen();
        Objects.requireNonNull(texts, "texts");
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("texts is empty; give at least one text to capture");
        }
        List<HfTokenizer.Encoded> enc = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String t = Objects.requireNonNull(texts.get(i), "texts[" + i + "]");
            enc.add(encode(t));
        }
        List<String> hashes = new ArrayList<>();
        for (String t : texts) {
            hashes.add(Sha256.ofText(t));
        }
        return capturer.captureEncoded(texts, enc, hashes, cancellation, null, pool);
    }

    /**
     * Captures the attention for token ids given directly (no special tokens are added).
     *
     * @param tokenIds ids in {@code [0, vocabulary size)}, at least one, at most {@link #maxTokens()}
     */
    public AttentionTrace capture(int[] tokenIds) {
        checkOpen();
        HfTokenizer.Encoded e = encodeIds(tokenIds);
        return capturer.captureEncoded(List.of(""), List.of(e), List.of(Sha256.ofIds(tokenIds)), null).get(0);
    }

    /**
     * Captures the attention of the model layers {@code layers} only: only their Softmax outputs are exposed and
     * copied out of ONNX Runtime. The trace holds those layers in the given order (trace layer {@code i} is model
     * layer {@code layers[i]}; the provenance setting {@code captured_layers} lists them).
     *
     * @param layers ascending model layer indices, at least one
     * @throws IllegalArgumentException for empty, over-long or untokenizable text, or layers out of range
     */
    public AttentionTrace capture(String text, int[] layers) {
        checkOpen();
        Objects.requireNonNull(layers, "layers");
        if (layers.length == 0) {
            throw new IllegalArgumentException("layers is empty; give at least one layer to capture");
        }
        return capturer.captureEncoded(List.of(text), List.of(encode(text)), List.of(Sha256.ofText(text)), null,
                layers.clone()).get(0);
    }

    /**
     * Heap bytes a capture of {@code layerCount} layers of an input of {@code tokens} tokens holds: the kept
     * planes (layers × heads × n² floats) plus one layer's tensor while it is copied out of ONNX Runtime.
     */
    public long captureBytes(int tokens, int layerCount) {
        return (layerCount + 1L) * heads * (long) tokens * tokens * Float.BYTES;
    }

    /**
     * The passes a memory-bounded capture of {@code layers} (ascending model layers) makes for an input of
     * {@code tokens} tokens: consecutive groups of the requested layers, each as large as
     * {@link CaptureOptions#effectiveMaxMemory()} allows by {@link #captureBytes} (at least one layer per group,
     * even when one layer alone exceeds the budget). One group means one ordinary pass.
     */
    public List<int[]> layerPasses(int tokens, int[] layers) {
        long budget = options.effectiveMaxMemory();
        List<int[]> groups = new ArrayList<>();
        int start = 0;
        while (start < layers.length) {
            int end = start + 1;
            while (end < layers.length && captureBytes(tokens, end + 1 - start) <= budget) {
                end++;
            }
            groups.add(Arrays.copyOfRange(layers, start, end));
            start = end;
        }
        return groups;
    }

    /**
     * Runs the model as it was before surgery: only its ordinary outputs are computed and returned.
     *
     * @return output name → tensor, in the model's order
     */
    public Map<String, NamedTensor> run(String text) {
        checkOpen();
        return capturer.runOrdinary(encode(text));
    }

    /** Runs the model on token ids as it was before surgery; only ordinary outputs are returned. */
    public Map<String, NamedTensor> run(int[] tokenIds) {
        checkOpen();
        return capturer.runOrdinary(encodeIds(tokenIds));
    }

    /** Whether the model takes images ({@code pixel_values}) instead of token ids: capture with {@link #captureImage}. */
    public boolean takesImages() {
        return images != null;
    }

    /** The patch grid of a vision transformer (empty for text models). */
    public Optional<ImageGrid> imageGrid() {
        return images == null ? Optional.empty() : Optional.of(images.grid());
    }

    /** How images are preprocessed for a vision transformer (empty for text models). */
    public Optional<ImagePreprocessor> imagePreprocessor() {
        return images == null ? Optional.empty() : Optional.of(images.preprocessor());
    }

    /**
     * Captures the attention of a vision transformer for one image file (PNG or JPEG), preprocessed by
     * {@link #imagePreprocessor()}. The trace's tokens are {@code [CLS]} (and {@code [DIST]}/register tokens) and the
     * patches {@code r<row>c<col>}; its text is the file name; its provenance records the grid
     * ({@link ImageGrid#of(org.attnplanes.graph.Provenance)}) and the preprocessing.
     *
     * @throws IllegalArgumentException one sentence when the file is not a usable image (see {@link RgbImage#read})
     * @throws IllegalStateException    when the model takes text, or is closed
     */
    public AttentionTrace captureImage(Path image) {
        return captureImage(image, null);
    }

    /** As {@link #captureImage(Path)}, stoppable from another thread (null: not stoppable). */
    public AttentionTrace captureImage(Path image, Cancellation cancellation) {
        checkOpen();
        checkImages();
        RgbImage rgb = RgbImage.read(image, "--image");
        String sha;
        try {
            sha = Sha256.of(Files.readAllBytes(image));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return images.capture(rgb, image.getFileName().toString(), sha, cancellation);
    }

    /** Captures an image already in memory; {@code label} becomes the trace's text. */
    public AttentionTrace captureImage(RgbImage image, String label) {
        checkOpen();
        checkImages();
        Objects.requireNonNull(image, "image");
        return images.capture(image, Objects.requireNonNull(label, "label"), Sha256.of(image.rgbNoCopy()), null);
    }

    private void checkImages() {
        if (images == null) {
            throw new IllegalStateException(modelPath.getFileName() + " takes text (input_ids), not images; give "
                    + "text instead of an image");
        }
    }

    private HfTokenizer.Encoded encode(String text) {
        Objects.requireNonNull(text, "text");
        if (images != null) {
            throw new IllegalStateException(modelPath.getFileName() + " is a vision transformer (it takes "
                    + "pixel_values); give an image (--image) instead of text");
        }
        if (tokenizer == null) {
            throw new IllegalStateException("no tokenizer for " + modelPath.getFileName() + ": put tokenizer.json "
                    + "next to the model or give one (--tokenizer), or capture token ids");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("text is empty" + (text.isEmpty() ? "" : " (only whitespace)")
                    + "; give at least one word to capture");
        }
        HfTokenizer.Encoded e = tokenizer.encode(text);
        int limit = maxTokens();
        if (e.length() > limit) {
            if (!options.truncate()) {
                throw new IllegalArgumentException("text has " + e.length() + " tokens but at most " + limit
                        + " are allowed (" + limitReason() + "); shorten the text or enable truncation (--truncate)");
            }
            e = tokenizer.encodeTruncated(text, limit);
        }
        return e;
    }

    private String limitReason() {
        return positionLimit.reason(options);
    }

    private HfTokenizer.Encoded encodeIds(int[] tokenIds) {
        Objects.requireNonNull(tokenIds, "tokenIds");
        if (images != null) {
            throw new IllegalStateException(modelPath.getFileName() + " is a vision transformer (it takes "
                    + "pixel_values); give an image (--image) instead of token ids");
        }
        if (tokenIds.length == 0) {
            throw new IllegalArgumentException("tokenIds is empty; give at least one token id");
        }
        int limit = maxTokens();
        if (tokenIds.length > limit) {
            throw new IllegalArgumentException("tokenIds has " + tokenIds.length + " ids but at most " + limit
                    + " are allowed (" + limitReason() + ")");
        }
        long vocab = analysis.vocabularyRows();
        long[] ids = new long[tokenIds.length];
        for (int i = 0; i < ids.length; i++) {
            if (tokenIds[i] < 0 || (vocab > 0 && tokenIds[i] >= vocab)) {
                throw new IllegalArgumentException("tokenIds[" + i + "] = " + tokenIds[i] + " is outside [0, "
                        + (vocab > 0 ? vocab - 1 : Integer.MAX_VALUE) + "]");
            }
            ids[i] = tokenIds[i];
        }
        List<Token> tokens;
        if (tokenizer != null) {
            tokens = tokenizer.tokensOf(tokenIds);
        } else {
            tokens = new ArrayList<>(ids.length);
            for (int i = 0; i < ids.length; i++) {
                tokens.add(new Token(Integer.toString(tokenIds[i]), -1, -1, false, i, Integer.toString(tokenIds[i]),
                        tokenIds[i]));
            }
        }
        return new HfTokenizer.Encoded(ids, new long[ids.length], tokens);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("model " + modelPath.getFileName() + " is closed");
        }
    }

    /** Releases the runtime session and the tokenizer; calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        planePool.clear();
        session.close();
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    @Override
    public String toString() {
        return "AttentionModel[" + modelPath.getFileName() + ", " + attention.size() + " layers × " + heads
                + " heads]";
    }
}
