package org.attnplanes.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtException;
import com.google.protobuf.InvalidProtocolBufferException;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.NamedTensor;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Token;
import org.attnplanes.graph.ValueNorms;
import org.attnplanes.model.internal.ExternalDataCheck;
import org.attnplanes.model.internal.FileFingerprints;
import org.attnplanes.model.internal.GraphAnalysis;
import org.attnplanes.model.internal.HfTokenizer;
import org.attnplanes.model.internal.ModelCache;
import org.attnplanes.model.internal.OnnxSession;
import org.attnplanes.model.internal.OrtNativeLibraries;
import org.attnplanes.model.internal.Sha256;

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
    private final List<String> ordinaryOutputs;
    private final int heads;
    private volatile boolean closed;

    private AttentionModel(Path modelPath, String modelSha256, CaptureOptions options, GraphAnalysis analysis,
                           HfTokenizer tokenizer, OnnxSession session) {
        this.modelPath = modelPath;
        this.modelSha256 = modelSha256;
        this.options = options;
        this.analysis = analysis;
        this.tokenizer = tokenizer;
        this.session = session;
        List<String> ordinary = new ArrayList<>();
        for (GraphAnalysis.Port p : analysis.outputs()) {
            ordinary.add(p.name());
        }
        this.ordinaryOutputs = List.copyOf(ordinary);
        this.attention = probe();
        this.heads = attention.get(0).heads().orElseThrow();
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
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        long size = checkModelFile(model);
        if (DefaultModel.modelCacheEnabled()) {
            OrtNativeLibraries.install(DefaultModel.cacheDirectory().resolve("native"));
        }
        // the tokenizer (JSON vocabulary + native library) loads on its own thread while the model is prepared
        FutureTask<HfTokenizer> tokenizerLoad = findTokenizer(model, options)
                .map(p -> new FutureTask<>(() -> HfTokenizer.load(p))).orElse(null);
        if (tokenizerLoad != null) {
            Thread t = new Thread(tokenizerLoad, "attnplanes-tokenizer-load");
            t.setDaemon(true);
            t.start();
        }
        HfTokenizer tok = null;
        OnnxSession session = null;
        try {
            Prepared prepared = prepare(model, size, options, DefaultModel.modelCacheEnabled());
            GraphAnalysis analysis = prepared.analysis();
            tok = tokenizerLoad == null ? null : join(tokenizerLoad);
            if (tok != null && analysis.vocabularyRows() > 0 && tok.vocabularySize() > analysis.vocabularyRows()) {
                throw new ModelException("tokenizer " + tok.file().getFileName() + " has " + tok.vocabularySize()
                        + " token ids but the embedding table of " + model.getFileName() + " has only "
                        + analysis.vocabularyRows() + " rows; use the tokenizer.json that belongs to this model");
            }
            try {
                session = new OnnxSession(prepared.modelBytes(), prepared.externalDir(), options.threads());
            } catch (OrtException e) {
                if (!prepared.fromCache()) {
                    throw new ModelException("ONNX Runtime cannot load " + model.getFileName() + ": " + e.getMessage(),
                            e);
                }
                // a verified entry that does not load (say, evicted by another process meanwhile): use the source
                // now and rebuild the entry on the next open
                DefaultModel.modelCache().invalidate(prepared.sha256());
                prepared = prepare(model, size, options, false);
                session = session(model, prepared, options);
            }
            List<String> unknown = session.unknownInputs();
            if (!unknown.isEmpty() || !session.hasInput("input_ids")) {
                throw new ModelException(model.getFileName() + " has inputs " + session.inputNames()
                        + " but model-io can feed only " + OnnxSession.KNOWN_INPUTS + " and needs input_ids"
                        + (unknown.isEmpty() ? "" : "; cannot feed " + unknown));
            }
            return new AttentionModel(model, prepared.sha256(), options, analysis, tok, session);
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            }
            if (tok == null && tokenizerLoad != null) {
                tok = joinQuietly(tokenizerLoad);
            }
            if (tok != null) {
                tok.close();
            }
            throw e;
        }
    }

    /**
     * A model ready for a session: source SHA-256, analysis, the modified model's bytes, external-data folder,
     * and whether it came from the {@link ModelCache}.
     */
    private record Prepared(String sha256, GraphAnalysis analysis, byte[] modelBytes, Path externalDir,
                            boolean fromCache) {
    }

    private static OnnxSession session(Path model, Prepared prepared, CaptureOptions options) {
        try {
            return new OnnxSession(prepared.modelBytes(), prepared.externalDir(), options.threads());
        } catch (OrtException e) {
            throw new ModelException("ONNX Runtime cannot load " + model.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hashes, parses, analyses and modifies the model. A model of at least {@link ModelCache#MIN_SOURCE_BYTES}
     * without external data goes through the {@link ModelCache}: an unchanged file (by its {@code stat}
     * fingerprint) with a valid entry is neither read nor hashed, and only the entry's small skeleton is parsed;
     * otherwise the entry is (re)built from the parsed model. A cache that cannot be written only costs speed.
     */
    private static Prepared prepare(Path model, long size, CaptureOptions options, boolean useCache) {
        boolean cached = useCache && size >= ModelCache.MIN_SOURCE_BYTES;
        FileFingerprints fingerprints = cached ? DefaultModel.fingerprints() : null;
        ModelCache cache = cached ? DefaultModel.modelCache() : null;
        if (cached) {
            Optional<String> sha = fingerprints.lookup(model);
            if (sha.isPresent()) {
                Optional<ModelCache.Entry> entry = cache.lookup(sha.get(), options.valueNorms()).entry();
                if (entry.isPresent()) {
                    return fromEntry(model, sha.get(), entry.get());
                }
            }
        }
        long start = FileFingerprints.now();
        FileFingerprints.Stat before = cached ? stat(model) : null;
        byte[] bytes = readModel(model);
        String sha = Sha256.of(bytes);
        if (cached && before != null) {
            fingerprints.remember(model, before, start, sha);
        }
        ModelProto proto = parse(model, bytes);
        bytes = null;
        ExternalDataCheck.check(proto, model);     // before ONNX Runtime can read any location the file names
        GraphAnalysis analysis = analyse(model, proto);
        checkCapturable(model, analysis);
        if (cached && !analysis.externalData()) {
            Optional<ModelCache.Entry> entry = cache.lookup(sha, options.valueNorms()).entry();
            if (entry.isEmpty()) {
                try {
                    entry = Optional.of(cache.build(sha, proto, analysis, options.valueNorms()));
                    cache.evict(ModelCache.DEFAULT_MAX_BYTES, sha);
                } catch (UncheckedIOException e) {
                    entry = Optional.empty();       // read-only or full cache directory: open without it
                }
            }
            if (entry.isPresent()) {
                return fromEntry(model, sha, entry.get());
            }
        }
        byte[] modified = analysis.withAttentionOutputs(proto, options.valueNorms()).toByteArray();
        return new Prepared(sha, analysis, modified, model.toAbsolutePath().getParent(), false);
    }

    private static Prepared fromEntry(Path model, String sha, ModelCache.Entry entry) {
        checkCapturable(model, entry.analysis());
        return new Prepared(sha, entry.analysis(), entry.model(), entry.directory(), true);
    }

    private static FileFingerprints.Stat stat(Path model) {
        try {
            return FileFingerprints.Stat.of(model);
        } catch (IOException e) {
            return null;
        }
    }

    private static HfTokenizer join(FutureTask<HfTokenizer> load) {
        try {
            return load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while loading the tokenizer", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new ModelException("cannot load the tokenizer: " + e.getCause(), e.getCause());
        }
    }

    private static HfTokenizer joinQuietly(FutureTask<HfTokenizer> load) {
        try {
            return load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
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
        byte[] bytes = readModel(model);
        String sha = Sha256.of(bytes);
        GraphAnalysis analysis = analyse(model, parse(model, bytes));
        Path tok = tokenizerOrNull != null ? tokenizerOrNull
                : findTokenizer(model, CaptureOptions.defaults()).orElse(null);
        List<AttentionTensor> att = new ArrayList<>();
        for (GraphAnalysis.Softmax s : analysis.softmaxes()) {
            int rank = s.staticRank() == 3 || s.staticRank() == 4 ? s.staticRank() : 0;
            att.add(new AttentionTensor(s.layer(), s.nodeName(), s.probabilities(), rank,
                    s.staticHeads() > 0 ? OptionalInt.of(s.staticHeads()) : OptionalInt.empty()));
        }
        return describe(model, sha, tok, analysis, att);
    }

    private static ModelDescription describe(Path model, String sha, Path tokenizer, GraphAnalysis analysis,
                                             List<AttentionTensor> attention) {
        return new ModelDescription(model.getFileName().toString(), sha,
                tokenizer == null ? "" : tokenizer.getFileName().toString(),
                specs(analysis.inputs()), specs(analysis.outputs()), attention, analysis.fusedOps(),
                analysis.vocabularyRows() > 0 ? OptionalLong.of(analysis.vocabularyRows()) : OptionalLong.empty(),
                analysis.positionRows() > 0 ? OptionalLong.of(analysis.positionRows()) : OptionalLong.empty(),
                analysis.externalData());
    }

    private static List<TensorSpec> specs(List<GraphAnalysis.Port> ports) {
        List<TensorSpec> out = new ArrayList<>();
        for (GraphAnalysis.Port p : ports) {
            out.add(new TensorSpec(p.name(), p.elementType(), p.dimNames()));
        }
        return out;
    }

    private static byte[] readModel(Path model) {
        checkModelFile(model);
        try {
            return Files.readAllBytes(model);
        } catch (IOException e) {
            throw new ModelException("cannot read model file " + model + ": " + e.getMessage(), e);
        }
    }

    /** The size of {@code model} after checking it is a non-empty file under 2 GiB. */
    private static long checkModelFile(Path model) {
        Objects.requireNonNull(model, "model");
        if (Files.isDirectory(model)) {
            throw new ModelException("model path " + model + " is a directory; expected an .onnx file");
        }
        if (!Files.exists(model)) {
            throw new ModelException("model file " + model + " does not exist");
        }
        try {
            long size = Files.size(model);
            if (size == 0) {
                throw new ModelException("model file " + model + " is empty (0 bytes); expected an ONNX model");
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new ModelException("model file " + model + " is " + size + " bytes; models over 2 GiB must "
                        + "keep their weights in external data files");
            }
            return size;
        } catch (IOException e) {
            throw new ModelException("cannot read model file " + model + ": " + e.getMessage(), e);
        }
    }

    private static ModelProto parse(Path model, byte[] bytes) {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelException("model file " + model + " is not a valid ONNX model (damaged or truncated "
                    + "protobuf: " + e.getMessage() + ")", e);
        }
        if (!proto.hasGraph() || proto.getGraph().getNodeCount() == 0 || proto.getOpsetImportCount() == 0) {
            throw new ModelException("model file " + model + " is not a valid ONNX model (it parses as protobuf "
                    + "but has no graph nodes or no opset)");
        }
        return proto;
    }

    private static GraphAnalysis analyse(Path model, ModelProto proto) {
        try {
            return GraphAnalysis.of(proto);
        } catch (IllegalArgumentException e) {
            throw new ModelException("model file " + model + " is not a valid ONNX model: " + e.getMessage(), e);
        }
    }

    private static void checkCapturable(Path model, GraphAnalysis analysis) {
        if (!analysis.fusedOps().isEmpty()) {
            throw new ModelException((analysis.softmaxes().isEmpty() ? "no attention Softmax found in "
                    : "attention is partly fused in ") + model.getFileName() + "; found fused op "
                    + String.join(", ", analysis.fusedOps()) + ": export the model without fused attention "
                    + "(eager/unfused attention, e.g. attn_implementation=\"eager\") and without ONNX Runtime "
                    + "transformer optimizations");
        }
        if (analysis.softmaxes().isEmpty()) {
            throw new ModelException("no attention Softmax found in " + model.getFileName()
                    + ": no Softmax feeds a MatMul with a value tensor (ops: " + analysis.opSummary()
                    + "); capture needs a transformer that computes attention explicitly");
        }
    }

    private static Optional<Path> findTokenizer(Path model, CaptureOptions options) {
        if (options.tokenizer().isPresent()) {
            return options.tokenizer();
        }
        Path dir = model.toAbsolutePath().getParent();
        String name = model.getFileName().toString();
        String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
        for (Path candidate : List.of(dir.resolve(stem + "-tokenizer.json"), dir.resolve("tokenizer.json"))) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs two tokens once to learn each attention tensor's layout and head count. */
    private List<AttentionTensor> probe() {
        List<String> names = new ArrayList<>();
        for (GraphAnalysis.Softmax s : analysis.softmaxes()) {
            names.add(s.probabilities());
        }
        Map<String, OnnxSession.Tensor> out = runSession(new long[][] {{0, 0}}, new long[][] {{0, 0}},
                new int[] {2}, names);
        List<AttentionTensor> result = new ArrayList<>();
        int firstHeads = -1;
        for (GraphAnalysis.Softmax s : analysis.softmaxes()) {
            long[] shape = out.get(s.probabilities()).shape();
            int h;
            if (shape.length == 4 && shape[0] == 1 && shape[2] == 2 && shape[3] == 2) {
                h = (int) shape[1];
            } else if (shape.length == 3 && shape[1] == 2 && shape[2] == 2) {
                h = (int) shape[0];
            } else {
                throw new ModelException("attention Softmax \"" + s.nodeName() + "\" in " + modelPath.getFileName()
                        + " produced shape " + Arrays.toString(shape) + " for 1 × 2 tokens; expected [1, heads, 2, 2] "
                        + "or [heads, 2, 2]");
            }
            if (firstHeads < 0) {
                firstHeads = h;
            } else if (h != firstHeads) {
                throw new ModelException("attention Softmax \"" + s.nodeName() + "\" in " + modelPath.getFileName()
                        + " has " + h + " heads but layer 0 has " + firstHeads + "; every layer must have the same"
                        + " number of heads");
            }
            result.add(new AttentionTensor(s.layer(), s.nodeName(), s.probabilities(), shape.length,
                    OptionalInt.of(h)));
        }
        return List.copyOf(result);
    }

    /** What model-io found in the model: inputs, outputs, attention tensors with layout and heads. */
    public ModelDescription describe() {
        checkOpen();
        return describe(modelPath, modelSha256, tokenizer == null ? null : tokenizer.file(), analysis, attention);
    }

    /** Number of attention layers L (attention Softmax nodes). */
    public int layers() {
        return attention.size();
    }

    /** Number of heads H per layer. */
    public int heads() {
        return heads;
    }

    /** Largest number of tokens per input: {@link CaptureOptions#maxTokens()} capped by the position table. */
    public int maxTokens() {
        int limit = analysis.positionRows() > 0 ? (int) Math.min(Integer.MAX_VALUE, analysis.positionRows())
                : Integer.MAX_VALUE;
        return options.maxTokens() > 0 ? Math.min(options.maxTokens(), limit) : limit;
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
        return captureEncoded(List.of(""), List.of(e), List.of(Sha256.ofIds(tokenIds)), cancellation).get(0);
    }

    private List<AttentionTrace> captureTexts(List<String> texts, Cancellation cancellation) {
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
        return captureEncoded(texts, enc, hashes, cancellation);
    }

    /**
     * Captures the attention for token ids given directly (no special tokens are added).
     *
     * @param tokenIds ids in {@code [0, vocabulary size)}, at least one, at most {@link #maxTokens()}
     */
    public AttentionTrace capture(int[] tokenIds) {
        checkOpen();
        HfTokenizer.Encoded e = encodeIds(tokenIds);
        return captureEncoded(List.of(""), List.of(e), List.of(Sha256.ofIds(tokenIds)), null).get(0);
    }

    /**
     * Runs the model as it was before surgery: only its ordinary outputs are computed and returned.
     *
     * @return output name → tensor, in the model's order
     */
    public Map<String, NamedTensor> run(String text) {
        checkOpen();
        return runOrdinary(encode(text));
    }

    /** Runs the model on token ids as it was before surgery; only ordinary outputs are returned. */
    public Map<String, NamedTensor> run(int[] tokenIds) {
        checkOpen();
        return runOrdinary(encodeIds(tokenIds));
    }

    private Map<String, NamedTensor> runOrdinary(HfTokenizer.Encoded e) {
        Map<String, OnnxSession.Tensor> out = runSession(new long[][] {e.ids()}, new long[][] {e.typeIds()},
                new int[] {e.length()}, ordinaryOutputs);
        Map<String, NamedTensor> result = new LinkedHashMap<>();
        out.forEach((name, t) -> result.put(name, NamedTensor.of(name, t.shape(), t.data())));
        return result;
    }

    private HfTokenizer.Encoded encode(String text) {
        Objects.requireNonNull(text, "text");
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
        if (options.maxTokens() > 0 && (analysis.positionRows() <= 0 || options.maxTokens() < analysis.positionRows())) {
            return "maxTokens option";
        }
        return "position table of " + modelPath.getFileName();
    }

    private HfTokenizer.Encoded encodeIds(int[] tokenIds) {
        Objects.requireNonNull(tokenIds, "tokenIds");
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
                tokens.add(new Token(Integer.toString(tokenIds[i]), -1, -1, false, i));
            }
        }
        return new HfTokenizer.Encoded(ids, new long[ids.length], tokens);
    }

    private List<AttentionTrace> captureEncoded(List<String> texts, List<HfTokenizer.Encoded> enc,
                                                List<String> hashes, Cancellation cancellation) {
        int batch = enc.size();
        int n = 0;
        boolean sameLength = true;
        for (HfTokenizer.Encoded e : enc) {
            sameLength &= n == 0 || e.length() == n;
            n = Math.max(n, e.length());
        }
        if (!sameLength && !session.hasInput("attention_mask")) {
            // without a mask input, padding would change the result: run one sample at a time
            List<AttentionTrace> out = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
                out.addAll(captureEncoded(List.of(texts.get(b)), List.of(enc.get(b)), List.of(hashes.get(b)),
                        cancellation));
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
        List<GraphAnalysis.Softmax> softmaxes = analysis.softmaxes();
        for (GraphAnalysis.Softmax s : softmaxes) {
            requested.add(s.probabilities());
            probabilityLayers.computeIfAbsent(s.probabilities(), k -> new ArrayList<>()).add(s.layer());
        }
        if (options.valueNorms()) {
            for (GraphAnalysis.Softmax s : softmaxes) {
                requested.add(s.value());
                valueLayers.computeIfAbsent(s.value(), k -> new ArrayList<>()).add(s.layer());
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
        runSession(ids, types, lengths, List.copyOf(requested), cancellation, job, (name, t) -> {
            if (cancellation != null) {
                cancellation.throwIfCancelled(job);     // between outputs while they are copied out
            }
            if (ordinaryOutputs.contains(name)) {
                for (int b = 0; b < batch; b++) {
                    outputs.get(b).put(name, sliceOutput(name, t, b, batch, lengths[b], padded));
                }
            }
            for (int l : probabilityLayers.getOrDefault(name, List.of())) {
                for (int b = 0; b < batch; b++) {
                    copyAttention(softmaxes.get(l), t, b, batch, lengths[b], padded, planes[b][l]);
                }
            }
            for (int l : valueLayers.getOrDefault(name, List.of())) {
                for (int b = 0; b < batch; b++) {
                    copyNorms(softmaxes.get(l), t, b, batch, lengths[b], padded, l, norms[b]);
                }
            }
        });
        List<AttentionTrace> traces = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            Provenance prov = Provenance.of(modelPath.getFileName().toString(), modelSha256,
                    tokenizer == null ? "" : tokenizer.file().getFileName().toString(), hashes.get(b));
            if (options.truncate()) {
                prov = prov.with("truncate", "true");
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

    private void copyAttention(GraphAnalysis.Softmax s, OnnxSession.Tensor t, int b, int batch, int len, int n,
                               AttentionMatrix[] dest) {
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
        int nn = n * n;
        float[] plane = new float[len * len];
        for (int h = 0; h < heads; h++) {
            int src = (b * heads + h) * nn;
            for (int i = 0; i < len; i++) {
                System.arraycopy(data, src + i * n, plane, i * len, len);
            }
            dest[h] = AttentionMatrix.of(len, plane);
        }
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
        runSession(ids, types, lengths, requested, null, "", out::put);
        return out;
    }

    private void runSession(long[][] ids, long[][] types, int[] lengths, List<String> requested,
                            Cancellation cancellation, String job, BiConsumer<String, OnnxSession.Tensor> sink) {
        try {
            if (cancellation == null) {
                session.run(ids, types, lengths, requested, sink);
            } else {
                session.run(ids, types, lengths, requested, sink, cancellation::arm);
            }
        } catch (OrtException e) {
            if (cancellation != null && cancellation.isCancelled()) {
                CancellationException c = Cancellation.cancelled(job);
                c.initCause(e);     // ONNX Runtime's "Exiting due to terminate flag being set to true."
                throw c;
            }
            throw new ModelException("ONNX Runtime failed to run " + modelPath.getFileName() + " on "
                    + ids.length + " × " + ids[0].length + " tokens: " + e.getMessage(), e);
        }
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
