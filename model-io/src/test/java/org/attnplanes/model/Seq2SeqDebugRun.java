package org.attnplanes.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.attnplanes.testmodels.OrtDebugRun;

/**
 * Test helper: runs an encoder–decoder test model (or a debug copy of it with extra outputs) directly in ONNX
 * Runtime through {@link OrtDebugRun}, feeding inputs by name: ids, masks of ones, the encoder's hidden states,
 * {@code use_cache_branch} and past tensors when given (zeros [1, heads, 1, head_dim] otherwise, as optimum's
 * first step feeds them).
 */
final class Seq2SeqDebugRun {

    private Seq2SeqDebugRun() {
    }

    static Map<String, float[]> run(ModelProto model, List<String> wanted, int[] ids, int sourceLength,
                                    float[] encoderStates, int hidden, boolean useCache, Map<String, float[]> past,
                                    int heads, int headDim) throws Exception {
        int n = ids.length;
        long[] idl = Arrays.stream(ids).asLongStream().toArray();
        long[] ones = new long[sourceLength];
        Arrays.fill(ones, 1);
        return OrtDebugRun.run(model, wanted, (env, name, declared) -> switch (name) {
            case "input_ids" -> OnnxTensor.createTensor(env, LongBuffer.wrap(idl), new long[] {1, n});
            case "attention_mask", "encoder_attention_mask" -> OnnxTensor.createTensor(env, LongBuffer.wrap(ones),
                    new long[] {1, sourceLength});
            case "encoder_hidden_states" -> OnnxTensor.createTensor(env, FloatBuffer.wrap(encoderStates),
                    new long[] {1, sourceLength, hidden});
            case "use_cache_branch" -> OnnxTensor.createTensor(env, new boolean[] {useCache});
            default -> {
                float[] p = past == null ? null : past.get(name);
                yield p == null
                        ? OnnxTensor.createTensor(env, FloatBuffer.allocate(heads * headDim),
                                new long[] {1, heads, 1, headDim})
                        : OnnxTensor.createTensor(env, FloatBuffer.wrap(p),
                                new long[] {1, heads, p.length / (heads * headDim), headDim});
            }
        });
    }

    /** Names: {@code first} followed by {@code rest}. */
    static List<String> names(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }
}
