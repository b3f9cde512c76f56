package org.attnplanes.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.testmodels.DecoderOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 item 1, run for real: a GPT-2 decoder with past whose cache inputs carry each name variant exporters
 * write ({@code past_key_values.0.key}, {@code past_key_values.0.decoder.key}, {@code past.0.key}, {@code past_key.0}
 * / {@code past_value.0}) and whose positions come from {@code cache_position} instead of {@code position_ids} opens,
 * is fed (empty caches, positions 0 … n−1) and captures exactly the attention and logits of the model as generated.
 */
class CacheNameVariantsTest {

    @TempDir
    Path dir;

    @Test
    void cacheNameVariantsAndCachePosition_captureExactlyTheOriginal() throws Exception {
        ModelProto original = DecoderOnnx.decoder(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.PAST, 7).model();
        List<UnaryOperator<String>> variants = List.of(
                n -> n.replace(".key", ".decoder.key").replace(".value", ".decoder.value"),
                n -> n.replace("past_key_values.", "past."),
                n -> n.replaceAll("past_key_values\\.(\\d+)\\.(key|value)", "past_$2.$1"));
        int[] ids = {5, 17, 3, 99, 42, 7, 250, 1};
        AttentionTrace want = capture(original, "original.onnx", ids);
        for (int v = 0; v < variants.size(); v++) {
            UnaryOperator<String> rename = variants.get(v);
            ModelProto renamed = rename(original, name -> name.startsWith("past_key_values.") ? rename.apply(name)
                    : name.equals("position_ids") ? "cache_position" : name);
            List<String> inputs = renamed.getGraph().getInputList().stream().map(ValueInfoProto::getName).toList();
            assertTrue(inputs.contains("cache_position") && !inputs.contains("position_ids"), inputs.toString());
            assertTrue(inputs.stream().noneMatch(n -> n.startsWith("past_key_values.")) || v == 0, inputs.toString());
            AttentionTrace got = capture(renamed, "variant" + v + ".onnx", ids);
            assertEquals(want.layers(), got.layers());
            for (int l = 0; l < want.layers(); l++) {
                for (int h = 0; h < want.heads(); h++) {
                    assertArrayEquals(want.attention(l, h).toArray(), got.attention(l, h).toArray(),
                            inputs + " layer " + l + " head " + h);
                }
            }
            assertArrayEquals(want.outputs().get("logits").data(), got.outputs().get("logits").data(), inputs.toString());
        }
    }

    private AttentionTrace capture(ModelProto model, String name, int[] ids) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, model.toByteArray());
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).build())) {
            return m.capture(ids);
        }
    }

    /** Renames graph inputs and every node input that reads them; cache_position is declared 1-D [sequence]. */
    private static ModelProto rename(ModelProto model, UnaryOperator<String> rename) {
        GraphProto.Builder g = model.getGraph().toBuilder();
        for (int i = 0; i < g.getInputCount(); i++) {
            ValueInfoProto in = g.getInput(i);
            String to = rename.apply(in.getName());
            ValueInfoProto.Builder b = in.toBuilder().setName(to);
            if (to.equals("cache_position")) {
                b.getTypeBuilder().getTensorTypeBuilder().setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("sequence_length")));
            }
            g.setInput(i, b);
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto.Builder n = g.getNode(i).toBuilder();
            for (int k = 0; k < n.getInputCount(); k++) {
                n.setInput(k, rename.apply(n.getInput(k)));
            }
            g.setNode(i, n);
        }
        return model.toBuilder().setGraph(g).build();
    }
}
