package org.attnplanes.testmodels;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

/**
 * Runs a generated model (or a debug copy of it with intermediate tensors exposed as extra graph outputs) directly
 * in ONNX Runtime, one intra-op thread, feeding each declared input through a {@link Feed}. This is the reference
 * every capture test compares against and the bare-model baseline of the capture benchmarks: the one place that
 * builds a debug copy, feeds it and copies float outputs out.
 */
public final class OrtDebugRun implements AutoCloseable {

    /** Makes the tensor for one declared input, given its name and declared type. */
    @FunctionalInterface
    public interface Feed {
        OnnxTensor tensor(OrtEnvironment env, String name, TensorInfo declared) throws OrtException;
    }

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    private OrtDebugRun(OrtSession session) {
        this.session = session;
    }

    /** A session on the model file as written, one intra-op thread. */
    public static OrtDebugRun open(Path model) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(1);
            return new OrtDebugRun(env.createSession(model.toString(), so));
        }
    }

    /** A session on a copy of {@code model} that also outputs {@code exposed} (see {@link #exposing}). */
    public static OrtDebugRun open(ModelProto model, Collection<String> exposed) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(1);
            return new OrtDebugRun(env.createSession(exposing(model, exposed).toByteArray(), so));
        }
    }

    /**
     * Opens a debug copy of {@code model} exposing {@code wanted}, runs it once and returns each wanted tensor as a
     * flat float array (row-major), keyed by name in the order asked.
     */
    public static Map<String, float[]> run(ModelProto model, List<String> wanted, Feed feed) throws OrtException {
        try (OrtDebugRun r = open(model, wanted)) {
            return r.outputs(wanted, feed);
        }
    }

    /** {@code model} with {@code names} added as graph outputs where they are not declared outputs already. */
    public static ModelProto exposing(ModelProto model, Collection<String> names) {
        GraphProto.Builder g = model.getGraph().toBuilder();
        Set<String> declared = new HashSet<>();
        for (ValueInfoProto v : g.getOutputList()) {
            declared.add(v.getName());
        }
        for (String name : new LinkedHashSet<>(names)) {
            if (declared.add(name)) {
                g.addOutput(ValueInfoProto.newBuilder().setName(name));
            }
        }
        return model.toBuilder().setGraph(g).build();
    }

    /** The first declared output's name ({@code logits} or {@code last_hidden_state} in the generators). */
    public String firstOutput() throws OrtException {
        return session.getOutputNames().iterator().next();
    }

    /** One run: every declared input fed by {@code feed}, the {@code wanted} outputs copied out. */
    public Map<String, float[]> outputs(List<String> wanted, Feed feed) throws OrtException {
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                in.put(e.getKey(), feed.tensor(env, e.getKey(), (TensorInfo) e.getValue().getInfo()));
            }
            Map<String, float[]> out = new LinkedHashMap<>();
            try (OrtSession.Result r = session.run(in, new LinkedHashSet<>(wanted))) {
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

    /** One run copying only {@code output} out. */
    public float[] output(String output, Feed feed) throws OrtException {
        return outputs(List.of(output), feed).get(output);
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    /**
     * A text model's first generation step: {@code input_ids} = ids, {@code attention_mask} of ones,
     * {@code position_ids} 0 … n−1, {@code use_cache_branch} false, and every other input (the past key/value
     * tensors) empty: [1, declared kv heads, 0, declared head dim].
     */
    public static Feed firstStep(int[] ids) {
        int n = ids.length;
        long[] idl = new long[n];
        long[] ones = new long[n];
        long[] pos = new long[n];
        for (int i = 0; i < n; i++) {
            idl[i] = ids[i];
            ones[i] = 1;
            pos[i] = i;
        }
        return (env, name, declared) -> switch (name) {
            case "input_ids" -> OnnxTensor.createTensor(env, LongBuffer.wrap(idl), new long[] {1, n});
            case "attention_mask" -> OnnxTensor.createTensor(env, LongBuffer.wrap(ones), new long[] {1, n});
            case "position_ids" -> OnnxTensor.createTensor(env, LongBuffer.wrap(pos), new long[] {1, n});
            case "use_cache_branch" -> OnnxTensor.createTensor(env, new boolean[] {false});
            default -> {
                long[] shape = declared.getShape();
                yield OnnxTensor.createTensor(env, FloatBuffer.allocate(0), new long[] {1, shape[1], 0, shape[3]});
            }
        };
    }

    /** A vision model's one input: {@code pixel_values} of the given shape. */
    public static Feed pixels(float[] pixels, long[] shape) {
        return (env, name, declared) -> {
            if (!name.equals("pixel_values")) {
                throw new IllegalArgumentException("a vision model with an input other than pixel_values: " + name);
            }
            return OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), shape);
        };
    }
}
