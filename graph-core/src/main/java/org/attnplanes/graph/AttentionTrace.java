package org.attnplanes.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one forward pass captured: the tokens, the attention probabilities of every layer and head
 * (row = query, column = key, each in [0, 1]), optionally the norms of the value vectors, the model's
 * ordinary outputs, and the {@link Provenance}.
 *
 * <p>Immutable and thread-safe. Attention is stored as one {@link AttentionMatrix} per (layer, head), so
 * {@link #attention(int, int)} costs nothing. Padding is never part of a trace: a batch capture yields one
 * trace per sample over that sample's own tokens.
 *
 * <pre>{@code
 * AttentionTrace t = model.capture("The cat sat.");
 * float w = t.weight(0, 3, 1, 2);          // layer 0, head 3, query 1 attends to key 2
 * AttentionMatrix m = t.attention(5, 0);    // the n × n plane of layer 5, head 0
 * }</pre>
 */
public final class AttentionTrace {

    /** Largest accepted attention value: probabilities may exceed 1 by float round-off only. */
    public static final float MAX_PROBABILITY = 1.0f + 1e-4f;

    /** Provenance setting recording whether the capture's attention is causal ({@code "true"}/{@code "false"}). */
    public static final String CAUSAL = "causal";

    /** Provenance setting naming the block kind of an encoder–decoder's trace ({@link BlockKind#label()}). */
    public static final String BLOCK = "block";

    private final String text;
    private final List<Token> tokens;
    private final int layers;
    private final int heads;
    private final List<AttentionMatrix> planes;
    private final ValueNorms valueNorms;
    private final Map<String, NamedTensor> outputs;
    private final Provenance provenance;
    private final BlockKind block;
    private final int targets;

    /**
     * Builds a trace from per-layer, per-head matrices.
     *
     * @param text       the input text ({@code ""} when token ids were given directly), not null
     * @param tokens     the n tokens, not null, at least one
     * @param attention  {@code attention.get(layer).get(head)} is that head's n × n matrix; every layer must
     *                   have the same number of heads; values finite and in [0, {@link #MAX_PROBABILITY}]
     * @param valueNorms norms of the value vectors, or null when not captured
     * @param outputs    the model's ordinary outputs by name (copied; insertion order kept), not null
     * @param provenance how the trace was made, not null
     * @throws IllegalArgumentException naming the offending layer/head/cell and value
     */
    public AttentionTrace(String text, List<Token> tokens, List<List<AttentionMatrix>> attention,
                          ValueNorms valueNorms, Map<String, NamedTensor> outputs, Provenance provenance) {
        this(text, tokens, attention, valueNorms, outputs, provenance, BlockKind.SELF, 0);
    }

    private AttentionTrace(String text, List<Token> tokens, List<List<AttentionMatrix>> attention,
                           ValueNorms valueNorms, Map<String, NamedTensor> outputs, Provenance provenance,
                           BlockKind block, int targets) {
        this.block = Objects.requireNonNull(block, "block");
        this.targets = targets;
        this.text = Objects.requireNonNull(text, "text");
        this.tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens"));
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(outputs, "outputs");
        int n = this.tokens.size();
        if (n == 0) {
            throw new IllegalArgumentException("tokens is empty; a trace needs at least one token");
        }
        if (attention.isEmpty()) {
            throw new IllegalArgumentException("attention has no layers; a trace needs at least one");
        }
        this.layers = attention.size();
        this.heads = attention.get(0).size();
        if (heads == 0) {
            throw new IllegalArgumentException("layer 0 has no heads; a trace needs at least one");
        }
        List<AttentionMatrix> flat = new ArrayList<>(layers * heads);
        for (int l = 0; l < layers; l++) {
            List<AttentionMatrix> layer = attention.get(l);
            if (layer.size() != heads) {
                throw new IllegalArgumentException("layer " + l + " has " + layer.size()
                        + " heads but layer 0 has " + heads);
            }
            for (int h = 0; h < heads; h++) {
                AttentionMatrix m = Objects.requireNonNull(layer.get(h), "attention matrix");
                checkPlane(l, h, m, n);
                if (block == BlockKind.CROSS) {
                    checkBipartite(l, h, m, n, targets);
                }
                flat.add(m);
            }
        }
        this.planes = Collections.unmodifiableList(flat);
        if (valueNorms != null && (valueNorms.layers() != layers || valueNorms.heads() != heads
                || valueNorms.tokens() != n)) {
            throw new IllegalArgumentException("valueNorms is " + valueNorms.layers() + " layers × "
                    + valueNorms.heads() + " heads × " + valueNorms.tokens() + " tokens but the attention is "
                    + layers + " × " + heads + " × " + n);
        }
        this.valueNorms = valueNorms;
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /**
     * Builds a trace from one row-major {@code float[L·H·n·n]} array (layout {@code [layer, head, query, key]}),
     * as read from a runtime tensor. The array is copied.
     */
    public static AttentionTrace fromArray(String text, List<Token> tokens, int layers, int heads, float[] data,
                                           ValueNorms valueNorms, Map<String, NamedTensor> outputs,
                                           Provenance provenance) {
        int n = tokens.size();
        long expected = (long) layers * heads * n * n;
        if (layers <= 0 || heads <= 0 || data.length != expected) {
            throw new IllegalArgumentException("data.length = " + data.length + " does not match layers = "
                    + layers + " × heads = " + heads + " × " + n + " × " + n + " tokens = " + expected);
        }
        List<List<AttentionMatrix>> attention = new ArrayList<>(layers);
        int nn = n * n;
        for (int l = 0; l < layers; l++) {
            List<AttentionMatrix> layer = new ArrayList<>(heads);
            for (int h = 0; h < heads; h++) {
                float[] plane = new float[nn];
                System.arraycopy(data, (l * heads + h) * nn, plane, 0, nn);
                layer.add(AttentionMatrix.wrap(n, plane));
            }
            attention.add(layer);
        }
        return new AttentionTrace(text, tokens, attention, valueNorms, outputs, provenance);
    }

    /**
     * Builds the trace of an encoder–decoder's cross-attention: {@code data} is row-major {@code float[L·H·t·s]}
     * (layout {@code [layer, head, target, source]}: each decoder (target) token's attention over the encoder's
     * (source) tokens). The trace is {@link BlockKind#CROSS} and <b>bipartite</b>: its tokens are the t target
     * tokens followed by the s source tokens, and {@link #attention(int, int)} is the (t + s) × (t + s) matrix whose
     * only non-zero block is rows 0..t−1 × columns t..t+s−1 (a target never attends to a target, a source attends to
     * nothing); {@link #crossWeight} reads the rectangular matrix directly.
     *
     * @throws IllegalArgumentException when the length does not match or a value is not a probability
     */
    public static AttentionTrace cross(String text, List<Token> targetTokens, List<Token> sourceTokens, int layers,
                                       int heads, float[] data, Map<String, NamedTensor> outputs,
                                       Provenance provenance) {
        int t = targetTokens.size();
        int s = sourceTokens.size();
        long expected = (long) layers * heads * t * s;
        if (layers <= 0 || heads <= 0 || t == 0 || s == 0 || data.length != expected) {
            throw new IllegalArgumentException("data.length = " + data.length + " does not match layers = " + layers
                    + " × heads = " + heads + " × " + t + " target × " + s + " source tokens = " + expected);
        }
        int n = t + s;
        List<Token> tokens = new ArrayList<>(n);
        tokens.addAll(targetTokens);
        tokens.addAll(sourceTokens);
        List<List<AttentionMatrix>> attention = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            List<AttentionMatrix> layer = new ArrayList<>(heads);
            for (int h = 0; h < heads; h++) {
                float[] plane = new float[n * n];
                int base = (l * heads + h) * t * s;
                for (int i = 0; i < t; i++) {
                    System.arraycopy(data, base + i * s, plane, i * n + t, s);
                }
                for (int i = 0; i < t; i++) {
                    for (int j = 0; j < s; j++) {
                        if (!Float.isFinite(plane[i * n + t + j])) {
                            throw new IllegalArgumentException("cross attention[layer " + l + "][head " + h + "]["
                                    + i + "][" + j + "] = " + plane[i * n + t + j] + " must be a probability in [0, 1]");
                        }
                    }
                }
                layer.add(AttentionMatrix.wrap(n, plane));
            }
            attention.add(layer);
        }
        return new AttentionTrace(text, tokens, attention, null, outputs,
                provenance.with(BLOCK, BlockKind.CROSS.label()), BlockKind.CROSS, t);
    }

    /**
     * This trace as the block {@code kind} of an encoder–decoder ({@link BlockKind#ENCODER} or
     * {@link BlockKind#DECODER}; {@link BlockKind#SELF} gives a single model's trace back); the provenance gains
     * {@value #BLOCK} = the kind's label (except for SELF).
     *
     * @throws IllegalArgumentException for {@link BlockKind#CROSS} (use {@link #cross}) or when this trace is one
     */
    public AttentionTrace withBlock(BlockKind kind) {
        Objects.requireNonNull(kind, "kind");
        if (kind == BlockKind.CROSS || block == BlockKind.CROSS) {
            throw new IllegalArgumentException("block = cross needs the rectangular matrices: build the trace with "
                    + "AttentionTrace.cross(...)");
        }
        Provenance p = kind == BlockKind.SELF ? provenance : provenance.with(BLOCK, kind.label());
        return new AttentionTrace(text, tokens, layerLists(), valueNorms, outputs, p, kind, 0);
    }

    private List<List<AttentionMatrix>> layerLists() {
        List<List<AttentionMatrix>> attention = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            attention.add(planes.subList(l * heads, (l + 1) * heads));
        }
        return attention;
    }

    private static void checkBipartite(int l, int h, AttentionMatrix m, int n, int t) {
        if (t <= 0 || t >= n) {
            throw new IllegalArgumentException("a cross trace needs target and source tokens, got " + t + " targets of "
                    + n + " tokens");
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if ((i >= t || j < t) && m.weight(i, j) != 0f) {
                    throw new IllegalArgumentException("cross attention[layer " + l + "][head " + h + "] has weight "
                            + m.weight(i, j) + " at [" + i + "][" + j + "], outside the target × source block");
                }
            }
        }
    }

    private static void checkPlane(int l, int h, AttentionMatrix m, int n) {
        if (m.size() != n) {
            throw new IllegalArgumentException("layer " + l + " head " + h + " is " + m.size() + " × " + m.size()
                    + " but there are " + n + " tokens");
        }
        if (m.checkedProbabilities()) {
            return;     // scanned once when it was made
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float w = m.weight(i, j);
                if (!(w >= 0f && w <= MAX_PROBABILITY)) {
                    throw new IllegalArgumentException("attention[layer " + l + "][head " + h + "][" + i + "]["
                            + j + "] = " + w + " must be a probability in [0, 1]");
                }
            }
        }
    }

    /** The input text, or {@code ""} when the trace was captured from token ids. */
    public String text() {
        return text;
    }

    /** The n tokens, unmodifiable. */
    public List<Token> tokens() {
        return tokens;
    }

    /** Number of tokens n. */
    public int tokenCount() {
        return tokens.size();
    }

    /** Number of layers L. */
    public int layers() {
        return layers;
    }

    /** Number of heads H per layer. */
    public int heads() {
        return heads;
    }

    /**
     * The attention matrix of one head.
     *
     * @throws IndexOutOfBoundsException naming the layer or head and the allowed range
     */
    public AttentionMatrix attention(int layer, int head) {
        checkLayer(layer);
        checkHead(head);
        return planes.get(layer * heads + head);
    }

    /** Every plane, layer-major (package-private: {@link PlanePool#release}). */
    List<AttentionMatrix> planeList() {
        return planes;
    }

    /** The weight with which {@code query} attends to {@code key} in the given layer and head. */
    public float weight(int layer, int head, int query, int key) {
        return attention(layer, head).weight(query, key);
    }

    /** The whole attention as a fresh row-major {@code float[L·H·n·n]} ({@code [layer, head, query, key]}). */
    public float[] toArray() {
        int nn = tokens.size() * tokens.size();
        float[] out = new float[layers * heads * nn];
        for (int p = 0; p < planes.size(); p++) {
            planes.get(p).copyInto(out, p * nn);
        }
        return out;
    }

    /** Which block this trace shows: {@link BlockKind#SELF} for a single model. */
    public BlockKind block() {
        return block;
    }

    /** Whether this is a bipartite (cross-attention) trace: target tokens first, then source tokens. */
    public boolean bipartite() {
        return block == BlockKind.CROSS;
    }

    /** Number of target (query) tokens: t for a cross trace, else {@link #tokenCount()}. */
    public int targetCount() {
        return block == BlockKind.CROSS ? targets : tokens.size();
    }

    /** Number of source (key) tokens: s for a cross trace, else {@link #tokenCount()}. */
    public int sourceCount() {
        return block == BlockKind.CROSS ? tokens.size() - targets : tokens.size();
    }

    /** The target (query) tokens: the first t tokens of a cross trace, else all tokens. */
    public List<Token> targetTokens() {
        return block == BlockKind.CROSS ? tokens.subList(0, targets) : tokens;
    }

    /** The source (key) tokens: the last s tokens of a cross trace, else all tokens. */
    public List<Token> sourceTokens() {
        return block == BlockKind.CROSS ? tokens.subList(targets, tokens.size()) : tokens;
    }

    /**
     * The attention of target token {@code target} to source token {@code source} (a cross trace's rectangular
     * matrix; for other traces the same as {@link #weight}).
     */
    public float crossWeight(int layer, int head, int target, int source) {
        if (target < 0 || target >= targetCount() || source < 0 || source >= sourceCount()) {
            throw new IndexOutOfBoundsException("target = " + target + ", source = " + source + " must lie in [0, "
                    + (targetCount() - 1) + "] × [0, " + (sourceCount() - 1) + "]");
        }
        return attention(layer, head).weight(target, block == BlockKind.CROSS ? targets + source : source);
    }

    /**
     * The attention as a fresh row-major array {@code [layer, head, target, source]}: for a cross trace the
     * rectangular {@code float[L·H·t·s]}, else the same as {@link #toArray()}.
     */
    public float[] toRectangularArray() {
        if (block != BlockKind.CROSS) {
            return toArray();
        }
        int t = targetCount();
        int s = sourceCount();
        int n = tokens.size();
        float[] out = new float[layers * heads * t * s];
        for (int p = 0; p < planes.size(); p++) {
            float[] a = planes.get(p).array();
            for (int i = 0; i < t; i++) {
                System.arraycopy(a, i * n + t, out, (p * t + i) * s, s);
            }
        }
        return out;
    }

    /** The value-vector norms, when they were captured. */
    public Optional<ValueNorms> valueNorms() {
        return Optional.ofNullable(valueNorms);
    }

    /** The model's ordinary outputs by name, unmodifiable, in the model's order. */
    public Map<String, NamedTensor> outputs() {
        return outputs;
    }

    /** How this trace was made. */
    public Provenance provenance() {
        return provenance;
    }

    /**
     * Whether the attention is causal (a decoder's: every plane lower-triangular, query i never attends to a key
     * after it), as recorded by the capture in the provenance setting {@value #CAUSAL}. A causal plane is not
     * symmetric: the default symmetrizations average or take the larger of w(i, j) = 0 and w(j, i) for i < j.
     */
    public boolean causal() {
        return Boolean.parseBoolean(provenance.settings().get(CAUSAL));
    }

    /** A copy of this trace with another provenance. */
    public AttentionTrace withProvenance(Provenance newProvenance) {
        return new AttentionTrace(text, tokens, layerLists(), valueNorms, outputs, newProvenance, block, targets);
    }

    /** Throws unless {@code 0 <= layer < layers()}. */
    public void checkLayer(int layer) {
        if (layer < 0 || layer >= layers) {
            throw new IndexOutOfBoundsException("layer = " + layer + " is outside [0, " + (layers - 1) + "]");
        }
    }

    /** Throws unless {@code 0 <= head < heads()}. */
    public void checkHead(int head) {
        if (head < 0 || head >= heads) {
            throw new IndexOutOfBoundsException("head = " + head + " is outside [0, " + (heads - 1) + "]");
        }
    }

    @Override
    public String toString() {
        String shape = block == BlockKind.CROSS ? targetCount() + " target × " + sourceCount() + " source tokens"
                : tokens.size() + " tokens";
        return "AttentionTrace[" + (block == BlockKind.SELF ? "" : block.label() + ", ") + layers + " layers × "
                + heads + " heads × " + shape + ", model " + provenance.modelFile() + "]";
    }
}
