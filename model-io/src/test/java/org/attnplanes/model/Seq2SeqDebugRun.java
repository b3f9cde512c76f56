package org.attnplanes.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Test helper: runs an encoder–decoder test model (or a debug copy of it with extra outputs) directly in ONNX
 * Runtime, feeding inputs by name: ids, masks of ones, the encoder's hidden states, {@code use_cache_branch} and
 * past tensors when given (zeros [1, heads, 1, head_dim] otherwise, as optimum's first step feeds them).
 */
final class Seq2SeqDebugRun {

    private Seq2SeqDebugRun() {
    }

    static Map<String, float[]> run(ModelProto model, List<String> wanted, int[] ids, int sourceLength,
                                    float[] encoderStates, int hidden, boolean useCache, Map<String, float[]> past,
                                    int heads, int headDim) throws Exception {
        GraphProto.Builder g = model.getGraph().toBuilder();
        java.util.Set<String> declared = new java.util.HashSet<>();
        for (ValueInfoProto v : g.getOutputList()) {
            declared.add(v.getName());
        }
        for (String e : wanted) {
            if (!declared.contains(e)) {
                g.addOutput(ValueInfoProto.newBuilder().setName(e));
            }
        }
        byte[] bytes = model.toBuilder().setGraph(g).build().toByteArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int n = ids.length;
        long[] idl = new long[n];
        for (int i = 0; i < n; i++) {
            idl[i] = ids[i];
        }
        long[] ones = new long[sourceLength];
        java.util.Arrays.fill(ones, 1);
        Map<String, OnnxTensor> in = new HashMap<>();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(bytes, so)) {
                for (String name : s.getInputNames()) {
                    switch (name) {
                        case "input_ids" -> in.put(name, OnnxTensor.createTensor(env, LongBuffer.wrap(idl),
                                new long[] {1, n}));
                        case "attention_mask", "encoder_attention_mask" -> in.put(name, OnnxTensor.createTensor(env,
                                LongBuffer.wrap(ones), new long[] {1, sourceLength}));
                        case "encoder_hidden_states" -> in.put(name, OnnxTensor.createTensor(env,
                                FloatBuffer.wrap(encoderStates), new long[] {1, sourceLength, hidden}));
                        case "use_cache_branch" -> in.put(name, OnnxTensor.createTensor(env, new boolean[] {useCache}));
                        default -> {
                            float[] p = past == null ? null : past.get(name);
                            if (p == null) {
                                in.put(name, OnnxTensor.createTensor(env, FloatBuffer.allocate(heads * headDim),
                                        new long[] {1, heads, 1, headDim}));
                            } else {
                                in.put(name, OnnxTensor.createTensor(env, FloatBuffer.wrap(p),
                                        new long[] {1, heads, p.length / (heads * headDim), headDim}));
                            }
                        }
                    }
                }
                Map<String, float[]> out = new HashMap<>();
                try (OrtSession.Result r = s.run(in, new LinkedHashSet<>(wanted))) {
                    for (String w : wanted) {
                        FloatBuffer fb = ((OnnxTensor) r.get(w).orElseThrow()).getFloatBuffer();
                        float[] a = new float[fb.remaining()];
                        fb.get(a);
                        out.put(w, a);
                    }
                }
                return out;
            } finally {
                in.values().forEach(OnnxTensor::close);
            }
        }
    }

    /** Names: {@code first} followed by {@code rest}. */
    static List<String> names(String first, List<String> rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }
}
