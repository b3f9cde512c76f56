package org.attnplanes.app.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Token;
import org.attnplanes.graph.ValueNorms;
import org.attnplanes.model.AttentionModel;

/**
 * The attention of one text captured in passes over layer groups ({@code capture --max-memory}, issue 11) and read
 * plane by plane in layer order, as {@link TraceFiles} writes it: the group holding the plane asked for is captured
 * when the writer first reaches it and dropped when the writer moves on, so only one group is on the heap. The
 * planes, tokens, value norms and provenance are those one unconstrained pass gives (the provenance without the
 * {@code captured_layers} setting a group's trace carries).
 */
final class LayerGroupCapture implements TraceFiles.Planes {

    /** The provenance setting a layer-group trace adds (model-io's {@code Capturer.CAPTURED_LAYERS}). */
    static final String CAPTURED_LAYERS = "captured_layers";

    private final AttentionModel model;
    private final String text;
    private final List<int[]> passes;
    private final int layers;
    private final String capturedText;
    private final List<Token> tokens;
    private final int heads;
    private final Provenance provenance;
    private final float[] norms;
    private int current;
    private AttentionTrace group;
    private int groupStart;

    /**
     * Captures the first group.
     *
     * @param passes consecutive groups covering layers 0 … L−1 in order
     */
    LayerGroupCapture(AttentionModel model, String text, List<int[]> passes) {
        this.model = model;
        this.text = text;
        this.passes = List.copyOf(passes);
        int count = 0;
        for (int[] g : passes) {
            count += g.length;
        }
        this.layers = count;
        AttentionTrace first = capture(0);
        this.group = first;           // dropped when the writer moves past it: no other reference is kept
        this.current = 0;
        this.groupStart = 0;
        this.capturedText = first.text();
        this.tokens = first.tokens();
        this.heads = first.heads();
        Provenance p = first.provenance();
        Map<String, String> settings = new LinkedHashMap<>(p.settings());
        settings.remove(CAPTURED_LAYERS);
        this.provenance = new Provenance(p.modelFile(), p.modelSha256(), p.tokenizer(), p.inputSha256(),
                p.toolVersion(), settings);
        int n = tokens.size();
        this.norms = first.valueNorms().isPresent() ? new float[layers * heads * n] : null;
        copyNorms(first, 0);
    }

    private AttentionTrace capture(int index) {
        try {
            return model.capture(text, passes.get(index));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    private void copyNorms(AttentionTrace t, int start) {
        if (norms == null) {
            return;
        }
        ValueNorms v = t.valueNorms().orElseThrow();
        int n = t.tokenCount();
        for (int l = 0; l < t.layers(); l++) {
            for (int h = 0; h < t.heads(); h++) {
                for (int j = 0; j < n; j++) {
                    norms[((start + l) * t.heads() + h) * n + j] = v.norm(l, h, j);
                }
            }
        }
    }

    /** Moves to the group holding {@code layer} (groups are visited in order; each is captured once). */
    private void reach(int layer) {
        while (layer >= groupStart + group.layers()) {
            groupStart += group.layers();
            group = null;                               // the previous group is dropped before the next capture
            current++;
            group = capture(current);
            copyNorms(group, groupStart);
        }
        if (layer < groupStart) {
            throw new IllegalStateException("layer " + layer + " was read after layer " + groupStart
                    + "; planes of a layer-group capture are read once, in order");
        }
    }

    /** The number of capture passes. */
    int passCount() {
        return passes.size();
    }

    @Override
    public String text() {
        return capturedText;
    }

    @Override
    public List<Token> tokens() {
        return tokens;
    }

    @Override
    public int layers() {
        return layers;
    }

    @Override
    public int heads() {
        return heads;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    @Override
    public AttentionMatrix attention(int layer, int head) {
        reach(layer);
        return group.attention(layer - groupStart, head);
    }

    @Override
    public boolean hasValueNorms() {
        return norms != null;
    }

    /** Complete once every group was captured (the writers read the norms after the attention). */
    @Override
    public Optional<ValueNorms> valueNorms() {
        if (norms == null) {
            return Optional.empty();
        }
        reach(layers - 1);
        return Optional.of(ValueNorms.of(layers, heads, tokens.size(), norms));
    }
}
