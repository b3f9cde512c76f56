package org.attnplanes.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.BlockKind;
import org.attnplanes.graph.EncoderDecoderTrace;
import org.attnplanes.graph.NamedTensor;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Token;
import org.attnplanes.model.internal.HfTokenizer;
import org.attnplanes.model.internal.Sha256;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An encoder–decoder (BART, T5, Marian, …) exported as optimum writes it, opened for attention capture with teacher
 * forcing: the encoder reads the source text, the decoder reads its start token followed by the target text's tokens
 * and the encoder's output, and every layer's three attention blocks are captured as an {@link EncoderDecoderTrace}
 * (encoder self-attention, causal decoder self-attention, cross-attention target × source).
 *
 * <pre>{@code
 * try (EncoderDecoderModel m = EncoderDecoderModel.openDirectory(Path.of("bart-onnx"), CaptureOptions.defaults())) {
 *     EncoderDecoderTrace t = m.capture("The cat sat on the mat.", "Le chat");
 *     float w = t.cross().crossWeight(0, 1, 2, 3);   // decoder layer 0, head 1: target 2 attends to source 3
 * }
 * }</pre>
 *
 * <p>Files: the encoder ({@code encoder_model.onnx}: {@code input_ids}, {@code attention_mask} →
 * {@code last_hidden_state}) is opened as an {@link AttentionModel}; the decoder ({@code decoder_model.onnx}, or
 * {@code decoder_model_merged.onnx} whose no-cache branch is lifted) must take {@code input_ids},
 * {@code encoder_hidden_states} and optionally {@code encoder_attention_mask}; its Softmax nodes are told self- or
 * cross-attention by whether their values are computed from {@code encoder_hidden_states}. The tokenizer
 * ({@code tokenizer.json} next to the encoder, or {@link CaptureOptions#tokenizer()}) serves both sides. The decoder
 * start token is {@code decoder_start_token_id} of {@code config.json} next to the decoder or the encoder, else the
 * tokenizer's padding id (T5's and Marian's convention).
 *
 * <p>Thread-safe for {@link #capture}; {@link #close()} is idempotent.
 */
public final class EncoderDecoderModel implements AutoCloseable {

    /** optimum's file names. */
    public static final String ENCODER_FILE = "encoder_model.onnx";
    public static final String DECODER_FILE = "decoder_model.onnx";
    public static final String MERGED_FILE = "decoder_model_merged.onnx";

    private final AttentionModel encoder;
    private final CrossDecoder decoder;
    private final HfTokenizer tokenizer;
    private final int decoderStart;
    private final String startSource;
    private final PositionLimit targetLimit;
    private final CaptureOptions options;
    private final String encoderSha256;
    private volatile boolean closed;

    private EncoderDecoderModel(AttentionModel encoder, CrossDecoder decoder, HfTokenizer tokenizer, int decoderStart,
                                String startSource, CaptureOptions options) {
        this.encoder = encoder;
        this.decoder = decoder;
        this.tokenizer = tokenizer;
        this.decoderStart = decoderStart;
        this.startSource = startSource;
        this.options = options;
        this.targetLimit = PositionLimit.of(decoder.analysis(), decoder.path(), tokenizer.file());
        this.encoderSha256 = encoder.describe().modelSha256();
    }

    /** Whether {@code dir} is a directory holding optimum's encoder–decoder layout (an encoder and a decoder file). */
    public static boolean isPairDirectory(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(ENCODER_FILE))
                && (Files.isRegularFile(dir.resolve(DECODER_FILE)) || Files.isRegularFile(dir.resolve(MERGED_FILE)));
    }

    /**
     * Opens the optimum layout in {@code dir}: {@code encoder_model.onnx} and {@code decoder_model.onnx} (else
     * {@code decoder_model_merged.onnx}), {@code tokenizer.json}, optional {@code config.json}.
     *
     * @throws ModelException naming the directory and the missing file
     */
    public static EncoderDecoderModel openDirectory(Path dir, CaptureOptions options) {
        Objects.requireNonNull(dir, "dir");
        boolean enc = Files.isRegularFile(dir.resolve(ENCODER_FILE));
        Path dec = Files.isRegularFile(dir.resolve(DECODER_FILE)) ? dir.resolve(DECODER_FILE)
                : Files.isRegularFile(dir.resolve(MERGED_FILE)) ? dir.resolve(MERGED_FILE) : null;
        if (!enc || dec == null) {
            throw new ModelException("directory " + dir + " has " + (enc ? ENCODER_FILE : "no " + ENCODER_FILE)
                    + (dec == null ? " and no " + DECODER_FILE + " or " + MERGED_FILE : " and " + dec.getFileName())
                    + "; an encoder–decoder directory (optimum's layout) needs both an encoder and a decoder");
        }
        return open(dir.resolve(ENCODER_FILE), dec, options);
    }

    /**
     * Opens an encoder and its decoder.
     *
     * @throws ModelException naming the file and the problem (e.g. a decoder given as the encoder, an encoder given
     *                        as the decoder, widths that do not match, no tokenizer)
     */
    public static EncoderDecoderModel open(Path encoderFile, Path decoderFile, CaptureOptions options) {
        Objects.requireNonNull(encoderFile, "encoderFile");
        Objects.requireNonNull(decoderFile, "decoderFile");
        Objects.requireNonNull(options, "options");
        Path tokFile = ModelLoader.findTokenizer(encoderFile, options).orElse(null);
        if (tokFile == null) {
            throw new ModelException("no tokenizer for " + encoderFile.getFileName() + ": put tokenizer.json next to "
                    + "the encoder or give one (--tokenizer); an encoder–decoder is captured from texts");
        }
        CrossDecoder dec = CrossDecoder.open(decoderFile, options);
        AttentionModel enc = null;
        HfTokenizer tok = null;
        try {
            enc = openEncoder(encoderFile, options.toBuilder().tokenizer(tokFile).build());
            long width = encoderStatesWidth(dec);
            int encWidth = encoderWidth(enc);
            if (width > 0 && encWidth > 0 && width != encWidth) {
                throw new ModelException("the decoder " + decoderFile.getFileName() + " reads encoder_hidden_states of "
                        + "width " + width + " but the encoder " + encoderFile.getFileName() + " outputs width "
                        + encWidth + "; give the encoder and the decoder of one model");
            }
            tok = HfTokenizer.load(tokFile);
            int[] start = new int[1];
            String source = decoderStart(decoderFile, encoderFile, tok, start);
            return new EncoderDecoderModel(enc, dec, tok, start[0], source, options);
        } catch (RuntimeException e) {
            dec.close();
            if (enc != null) {
                enc.close();
            }
            if (tok != null) {
                tok.close();
            }
            throw e;
        }
    }

    private static AttentionModel openEncoder(Path encoderFile, CaptureOptions options) {
        // a decoder given as the encoder is refused by InputFeeds (it reads encoder_hidden_states)
        return AttentionModel.open(encoderFile, options);
    }

    private static long encoderStatesWidth(CrossDecoder dec) {
        for (var p : dec.analysis().inputs()) {
            if (p.name().equals("encoder_hidden_states") && p.dims().size() == 3) {
                return p.dims().get(2);
            }
        }
        return -1;
    }

    private static int encoderWidth(AttentionModel enc) {
        AttentionTrace probe = enc.capture(new int[] {0});
        NamedTensor states = states(probe, enc.modelPath());
        return (int) states.dimension(2);
    }

    /** The encoder's output: {@code last_hidden_state}, else its first rank-3 output. */
    private static NamedTensor states(AttentionTrace t, Path encoderFile) {
        return statesOf(t.outputs(), encoderFile);
    }

    private static NamedTensor statesOf(Map<String, NamedTensor> outputs, Path encoderFile) {
        NamedTensor s = outputs.get("last_hidden_state");
        if (s == null) {
            for (NamedTensor o : outputs.values()) {
                if (o.rank() == 3) {
                    s = o;
                    break;
                }
            }
        }
        if (s == null || s.rank() != 3) {
            throw new ModelException(encoderFile.getFileName() + " has no last_hidden_state output [batch, tokens, "
                    + "hidden] (outputs " + outputs.keySet() + "), so it is not the encoder of an encoder–decoder");
        }
        return s;
    }

    private static String decoderStart(Path decoderFile, Path encoderFile, HfTokenizer tok, int[] out) {
        for (Path dir : new Path[] {decoderFile.toAbsolutePath().getParent(), encoderFile.toAbsolutePath().getParent()}) {
            OptionalInt id = configInt(dir == null ? null : dir.resolve("config.json"), "decoder_start_token_id");
            if (id.isPresent()) {
                out[0] = id.getAsInt();
                return "decoder_start_token_id of " + dir.getFileName() + "/config.json";
            }
        }
        out[0] = (int) tok.padId();
        return "the tokenizer's padding id (no config.json with decoder_start_token_id)";
    }

    private static OptionalInt configInt(Path file, String field) {
        if (file == null || !Files.isRegularFile(file)) {
            return OptionalInt.empty();
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(r);
            if (root.isJsonObject()) {
                JsonObject o = root.getAsJsonObject();
                if (o.has(field) && o.get(field).isJsonPrimitive() && o.get(field).getAsJsonPrimitive().isNumber()) {
                    return OptionalInt.of(o.get(field).getAsInt());
                }
            }
            return OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * Captures the three blocks for one source text and one target text (teacher forcing).
     *
     * @throws IllegalArgumentException for an empty text, a source longer than the encoder's limit (unless truncation
     *                                  is on) or a target (with the start token) longer than the decoder's limit
     */
    public EncoderDecoderTrace capture(String source, String target) {
        checkOpen();
        Target tgt = target(target);
        return decode(encoder.capture(source), target, tgt);
    }

    /**
     * Captures a batch of pairs: the sources go through the encoder in one batched call (padded, each trace over its
     * own tokens, as {@link AttentionModel#capture(List)}), then the decoder runs once per pair (batch 1: its inputs
     * are never padded). The traces equal those of {@link #capture(String, String)} pair by pair, up to the float
     * round-off of the encoder's padded batch.
     *
     * @throws IllegalArgumentException as {@link #capture(String, String)} for the first bad pair (nothing is
     *                                  returned then; capture the pairs one by one to skip only the bad ones)
     */
    public List<EncoderDecoderTrace> capture(List<String> sources, List<String> targets) {
        checkOpen();
        if (sources.size() != targets.size()) {
            throw new IllegalArgumentException(sources.size() + " sources but " + targets.size() + " targets; give "
                    + "one target per source");
        }
        List<Target> tgts = new ArrayList<>(targets.size());
        for (String t : targets) {
            tgts.add(target(t));
        }
        List<AttentionTrace> enc = encoder.capture(sources);
        List<EncoderDecoderTrace> out = new ArrayList<>(enc.size());
        for (int i = 0; i < enc.size(); i++) {
            out.add(decode(enc.get(i), targets.get(i), tgts.get(i)));
        }
        return out;
    }

    /**
     * Captures only the layers {@code layers} of one block (a memory-bounded pass): only their Softmax outputs are
     * exposed and copied out of ONNX Runtime. The trace is of kind {@code kind}, its layer {@code i} is the block's
     * layer {@code layers[i]} (provenance {@code captured_layers}); for the decoder and cross blocks the encoder runs
     * without exposing any attention.
     *
     * @param layers ascending layer indices of the block's stack, at least one
     * @throws IllegalArgumentException for bad texts (as {@link #capture(String, String)}) or layers out of range
     */
    public AttentionTrace captureBlock(BlockKind kind, String source, String target, int[] layers) {
        checkOpen();
        Objects.requireNonNull(kind, "kind");
        Target tgt = target(target);
        int stack = kind == BlockKind.ENCODER ? encoderLayers() : decoderLayers();
        if (layers.length == 0) {
            throw new IllegalArgumentException("layers is empty; give at least one layer to capture");
        }
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] < 0 || layers[i] >= stack || (i > 0 && layers[i] <= layers[i - 1])) {
                throw new IllegalArgumentException("layers " + java.util.Arrays.toString(layers) + " must be ascending "
                        + kind.label() + " layers in [0, " + (stack - 1) + "]");
            }
        }
        if (kind == BlockKind.ENCODER) {
            return encoder.capture(source, layers).withBlock(BlockKind.ENCODER);
        }
        if (kind != BlockKind.DECODER && kind != BlockKind.CROSS) {
            throw new IllegalArgumentException("block = " + kind.label() + " is not part of an encoder–decoder");
        }
        List<Token> sourceTokens = encoder.tokenize(source);
        Map<String, NamedTensor> encOut = encoder.run(source);
        NamedTensor states = statesOf(encOut, encoder.modelPath());
        int s = sourceTokens.size();
        boolean self = kind == BlockKind.DECODER;
        Map<String, CrossDecoder.Tensor> out = decoder.run(tgt.ids(), s, states.data(), (int) states.dimension(2),
                self ? layers : new int[0], self ? new int[0] : layers, self);
        int t = tgt.ids().length;
        int cols = self ? t : s;
        int heads = heads(out.get(self ? decoder.selfOutput(layers[0]) : decoder.crossOutput(layers[0])), t, cols);
        float[] data = new float[layers.length * heads * t * cols];
        for (int i = 0; i < layers.length; i++) {
            copy(out.get(self ? decoder.selfOutput(layers[i]) : decoder.crossOutput(layers[i])), data, i, heads,
                    t * cols, self ? "self-attention" : "cross-attention", layers[i]);
        }
        Provenance p = provenance(target, encoderSha256, Sha256.ofText(source))
                .with("captured_layers", java.util.Arrays.toString(layers));
        return self ? AttentionTrace.fromArray(target, tgt.tokens(), layers.length, heads, data, null,
                        ordinary(out), p.with(AttentionTrace.CAUSAL, "true")).withBlock(BlockKind.DECODER)
                : AttentionTrace.cross(target, tgt.tokens(), sourceTokens, layers.length, heads, data, Map.of(), p);
    }

    /** The number of source tokens {@code source} has (what the encoder will read). */
    public int sourceTokenCount(String source) {
        checkOpen();
        return encoder.tokenize(source).size();
    }

    /** The number of target tokens {@code target} has with the decoder start token (what the decoder will read). */
    public int targetTokenCount(String target) {
        checkOpen();
        return tokenizer.encode(target).length() + 1;
    }

    /**
     * Heap bytes a capture of {@code layerCount} layers of block {@code kind} holds for {@code sourceTokens} source
     * and {@code targetTokens} target tokens: the kept planes (layers × heads × rows × columns floats) plus one
     * layer's tensor while it is copied out.
     */
    public long captureBytes(BlockKind kind, int sourceTokens, int targetTokens, int layerCount) {
        long rows = kind == BlockKind.ENCODER ? sourceTokens : targetTokens;
        long cols = kind == BlockKind.DECODER ? targetTokens : sourceTokens;
        return (layerCount + 1L) * heads() * rows * cols * Float.BYTES;
    }

    /**
     * The passes a memory-bounded capture of {@code layers} (ascending layers of block {@code kind}) makes:
     * consecutive groups, each as large as {@link CaptureOptions#effectiveMaxMemory()} allows by
     * {@link #captureBytes} (at least one layer per group). One group means one ordinary pass.
     */
    public List<int[]> layerPasses(BlockKind kind, int sourceTokens, int targetTokens, int[] layers) {
        long budget = options.effectiveMaxMemory();
        List<int[]> groups = new ArrayList<>();
        int start = 0;
        while (start < layers.length) {
            int end = start + 1;
            while (end < layers.length && captureBytes(kind, sourceTokens, targetTokens, end + 1 - start) <= budget) {
                end++;
            }
            groups.add(java.util.Arrays.copyOfRange(layers, start, end));
            start = end;
        }
        return groups;
    }

    /** The teacher-forced decoder input of one target: ids and tokens, the start token first. */
    private record Target(long[] ids, List<Token> tokens) {
    }

    private Target target(String target) {
        Objects.requireNonNull(target, "target");
        if (target.isBlank()) {
            throw new IllegalArgumentException("target is empty" + (target.isEmpty() ? "" : " (only whitespace)")
                    + "; give the target text the decoder is teacher-forced with");
        }
        HfTokenizer.Encoded e = tokenizer.encode(target);
        int t = e.length() + 1;
        int limit = maxTargetTokens();
        if (t > limit) {
            throw new IllegalArgumentException("target has " + t + " tokens with the decoder start token but at most "
                    + limit + " are allowed (" + targetLimit.reason(options) + "); shorten the target text");
        }
        long[] ids = new long[t];
        ids[0] = decoderStart;
        System.arraycopy(e.ids(), 0, ids, 1, e.length());
        List<Token> targetTokens = new ArrayList<>(t);
        Token start = tokenizer.tokensOf(new int[] {decoderStart}).get(0);
        targetTokens.add(new Token(start.text(), -1, -1, true, 0, start.piece(), decoderStart));
        for (Token k : e.tokens()) {
            targetTokens.add(new Token(k.text(), k.start(), k.end(), k.special(), k.wordIndex() + 1, k.piece(),
                    k.id()));
        }
        return new Target(ids, targetTokens);
    }

    /** The decoder's pass over the encoder's trace {@code enc}: all layers of both decoder blocks. */
    private EncoderDecoderTrace decode(AttentionTrace enc, String target, Target tgt) {
        NamedTensor states = states(enc, encoder.modelPath());
        int s = enc.tokenCount();
        int hidden = (int) states.dimension(2);
        long[] ids = tgt.ids();
        int t = ids.length;
        Map<String, CrossDecoder.Tensor> out = decoder.run(ids, s, states.data(), hidden);
        int layers = decoder.layers();
        int heads = heads(out.get(decoder.selfOutput(0)), t, t);
        float[] self = new float[layers * heads * t * t];
        float[] cross = new float[layers * heads * t * s];
        for (int l = 0; l < layers; l++) {
            copy(out.get(decoder.selfOutput(l)), self, l, heads, t * t, "self-attention", l);
            copy(out.get(decoder.crossOutput(l)), cross, l, heads, t * s, "cross-attention", l);
        }
        Provenance p = provenance(target, enc.provenance().modelSha256(), enc.provenance().inputSha256());
        AttentionTrace dec = AttentionTrace.fromArray(target, tgt.tokens(), layers, heads, self, null, ordinary(out),
                p.with(AttentionTrace.CAUSAL, "true")).withBlock(BlockKind.DECODER);
        AttentionTrace cr = AttentionTrace.cross(target, tgt.tokens(), enc.tokens(), layers, heads, cross, Map.of(),
                p);
        return new EncoderDecoderTrace(enc.withBlock(BlockKind.ENCODER), dec, cr);
    }

    private Map<String, NamedTensor> ordinary(Map<String, CrossDecoder.Tensor> out) {
        Map<String, NamedTensor> outputs = new LinkedHashMap<>();
        for (String name : decoder.ordinaryOutputs()) {
            CrossDecoder.Tensor x = out.get(name);
            if (x != null) {
                outputs.put(name, NamedTensor.of(name, x.shape(), x.data()));
            }
        }
        return outputs;
    }

    private Provenance provenance(String target, String encoderSha, String sourceSha) {
        return Provenance.of(decoder.path().getFileName().toString(), decoder.sha256(),
                        tokenizer.file().getFileName().toString(), Sha256.ofText(target))
                .with("encoder", encoder.modelPath().getFileName().toString())
                .with("encoder_sha256", encoderSha)
                .with("source_sha256", sourceSha)
                .with("decoder_start_token_id", Integer.toString(decoderStart))
                .with("decoder_start_source", startSource)
                .with("teacher_forcing", "decoder input = start token + target tokens");
    }

    private int heads(CrossDecoder.Tensor x, int rows, int cols) {
        if (x == null || x.data().length % (rows * cols) != 0) {
            throw new IllegalStateException("decoder attention output has " + (x == null ? 0 : x.data().length)
                    + " values, not a multiple of " + rows + " × " + cols);
        }
        return x.data().length / (rows * cols);
    }

    private static void copy(CrossDecoder.Tensor x, float[] into, int layer, int heads, int plane, String what,
                             int l) {
        if (x == null || x.data().length != heads * plane) {
            throw new IllegalStateException("decoder layer " + l + " " + what + " has " + (x == null ? 0
                    : x.data().length) + " values; expected " + heads + " heads × " + plane);
        }
        System.arraycopy(x.data(), 0, into, layer * heads * plane, heads * plane);
    }

    /** Encoder layers. */
    public int encoderLayers() {
        return encoder.layers();
    }

    /** Decoder layers (each has a self- and a cross-attention block). */
    public int decoderLayers() {
        return decoder.layers();
    }

    /** Heads per layer of the encoder. */
    public int heads() {
        return encoder.heads();
    }

    /** The decoder start token id, and where it came from. */
    public int decoderStartTokenId() {
        return decoderStart;
    }

    /** Where {@link #decoderStartTokenId()} came from (config.json or the tokenizer). */
    public String decoderStartSource() {
        return startSource;
    }

    /** Largest source length in tokens (the encoder's limit). */
    public int maxSourceTokens() {
        return encoder.maxTokens();
    }

    /** Largest target length in tokens, the start token included (the decoder's position table, else none). */
    public int maxTargetTokens() {
        return targetLimit.effective(options);
    }

    /** The encoder file. */
    public Path encoderPath() {
        return encoder.modelPath();
    }

    /** The decoder file. */
    public Path decoderPath() {
        return decoder.path();
    }

    /**
     * What was found in the pair (what {@code attnplanes inspect} prints): the encoder's description, the decoder
     * file and kind (plain or merged), how each decoder input is fed, the Softmax tensors of both decoder blocks,
     * the heads (one one-token probe of the decoder), the start token, the limits and what capture exposes.
     */
    public EncoderDecoderDescription describe() {
        checkOpen();
        AttentionTrace probe = encoder.capture(new int[] {decoderStart});
        NamedTensor states = states(probe, encoder.modelPath());
        Map<String, CrossDecoder.Tensor> out = decoder.run(new long[] {decoderStart}, 1, states.data(),
                (int) states.dimension(2));
        int decoderHeads = heads(out.get(decoder.selfOutput(0)), 1, 1);
        List<String> feeds = new ArrayList<>();
        List<TensorSpec> inputs = new ArrayList<>();
        for (org.attnplanes.model.internal.GraphAnalysis.Port p : decoder.analysis().inputs()) {
            inputs.add(new TensorSpec(p.name(), p.elementType(), p.dimNames()));
            String how = p.name().equals(decoder.idsInput())
                    ? "decoder start token " + decoderStart + " + the target's tokens [1, n_tgt] (teacher forcing)"
                    : p.name().equals("encoder_attention_mask") ? "ones [1, n_src]"
                    : p.name().equals(org.attnplanes.model.internal.CrossAttentionGraph.ENCODER_STATES)
                    ? "the encoder's last_hidden_state [1, n_src, " + states.dimension(2) + "]" : "not fed";
            feeds.add(p.name() + " ← " + how);
        }
        List<TensorSpec> outputs = new ArrayList<>();
        for (org.attnplanes.model.internal.GraphAnalysis.Port p : decoder.analysis().outputs()) {
            if (decoder.ordinaryOutputs().contains(p.name())) {
                outputs.add(new TensorSpec(p.name(), p.elementType(), p.dimNames()));
            }
        }
        return new EncoderDecoderDescription(encoder.describe(), decoder.path().getFileName().toString(),
                decoder.sha256(), decoder.merged() ? "merged (If on use_cache_branch; capture runs its no-cache "
                + "branch, lifted into the main graph)" : "plain (no key/value cache inputs)",
                decoder.analysis().rewrites(), inputs, feeds, outputs, tensors(decoder.selfSoftmaxes(), decoderHeads),
                tensors(decoder.crossSoftmaxes(), decoderHeads), encoder.heads(), decoderHeads, decoderStart,
                startSource, encoder.describe().positionLimit(), targetLimit.describe(options));
    }

    private static List<AttentionTensor> tensors(List<org.attnplanes.model.internal.GraphAnalysis.Softmax> softmaxes,
                                                 int heads) {
        List<AttentionTensor> out = new ArrayList<>();
        for (int l = 0; l < softmaxes.size(); l++) {
            var s = softmaxes.get(l);
            int rank = s.staticRank() == 3 || s.staticRank() == 4 ? s.staticRank() : 0;
            out.add(new AttentionTensor(l, s.nodeName(), s.probabilities(), rank, java.util.OptionalInt.of(heads)));
        }
        return out;
    }

    /** {@link #describe()}'s report. */
    public String report() {
        return describe().report();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the encoder–decoder model is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        decoder.close();
        encoder.close();
        tokenizer.close();
    }
}
