package org.attnplanes.model;

import org.attnplanes.model.internal.GraphAnalysis;
import org.attnplanes.model.internal.InputFeeds;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Builds the {@link ModelDescription} of an analysed (and possibly opened) model. */
final class Descriptions {

    private Descriptions() {
    }

    /**
     * @param causal whether the probe found causal attention, or null when the model was not opened
     */
    static ModelDescription describe(Path model, String sha, Path tokenizer, GraphAnalysis analysis,
                                     List<AttentionTensor> attention, Boolean causal, PositionLimit limit,
                                     CaptureOptions options) {
        List<String> feeds = new ArrayList<>();
        OptionalInt kv = OptionalInt.empty();
        boolean cacheInputs = false;
        for (GraphAnalysis.Port p : analysis.inputs()) {
            InputFeeds.Feed f = InputFeeds.classify(p.name(), p.dims());
            feeds.add(f == null ? p.name() + " ← cannot be fed" : f.describe());
            if (f != null && f.kind() == InputFeeds.Kind.EMPTY_CACHE) {
                cacheInputs = true;
                kv = kv.isPresent() ? kv : kvHeads(p.dims());
            }
        }
        for (GraphAnalysis.Port p : analysis.outputs()) {
            if (kv.isEmpty() && InputFeeds.isCacheOutput(p.name())) {
                kv = kvHeads(p.dims());
            }
        }
        boolean merged = analysis.rewrites().stream().anyMatch(r -> r.startsWith("merged decoder"));
        String family = causal == null
                ? (cacheInputs || merged ? "causal decoder (key/value cache)" : "not known until opened (inspect "
                + "opens capturable models)")
                : causal ? "causal decoder" : "encoder (bidirectional attention)";
        if (merged) {
            family += "; merged decoder, no-cache branch lifted";
        }
        if (analysis.rewrites().stream().anyMatch(r -> r.contains("com.microsoft."))) {
            family += "; fused attention rewritten into primitive ops";
        } else if (analysis.rewrites().stream().anyMatch(r -> r.contains("qk_matmul_output_mode"))) {
            family += "; fused opset-23 Attention exposing its probabilities";
        }
        return new ModelDescription(model.getFileName().toString(), sha,
                tokenizer == null ? "" : tokenizer.getFileName().toString(),
                specs(analysis.inputs()), specs(analysis.outputs()), attention, analysis.fusedOps(),
                analysis.vocabularyRows() > 0 ? OptionalLong.of(analysis.vocabularyRows()) : OptionalLong.empty(),
                analysis.positionRows() > 0 ? OptionalLong.of(analysis.positionRows()) : OptionalLong.empty(),
                analysis.externalData(), family, feeds, kv, limit.describe(options), analysis.rewrites());
    }

    /** Key/value heads of a cache tensor: axis 1 of [batch, kv_heads, past, head_dim], axis 2 of ORT's stacked layout. */
    private static OptionalInt kvHeads(List<Long> dims) {
        int axis = dims.size() == 4 ? 1 : dims.size() == 5 ? 2 : -1;
        return axis >= 0 && dims.get(axis) > 0 ? OptionalInt.of((int) (long) dims.get(axis)) : OptionalInt.empty();
    }

    private static List<TensorSpec> specs(List<GraphAnalysis.Port> ports) {
        List<TensorSpec> out = new ArrayList<>();
        for (GraphAnalysis.Port p : ports) {
            out.add(new TensorSpec(p.name(), p.elementType(), p.dimNames()));
        }
        return out;
    }
}
