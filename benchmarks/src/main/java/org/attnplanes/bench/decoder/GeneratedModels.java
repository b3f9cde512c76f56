package org.attnplanes.bench.decoder;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Writes generated models to a temporary folder, and runs an unmodified model directly in ONNX Runtime. */
final class GeneratedModels {

    private GeneratedModels() {
    }

    static Path write(Path dir, String name, ModelProto model) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, model.toByteArray());
        return p;
    }

    static int[] ids(int n, int vocab, long seed) {
        Random r = new Random(seed);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = r.nextInt(vocab);
        }
        return ids;
    }

    /**
     * The unmodified model in its own session, one thread, used as a bare-model user would: feed the token ids,
     * a mask of ones, positions 0 … n−1, empty past tensors (use_cache_branch false), and copy only the first
     * ordinary output ({@code logits} or {@code last_hidden_state}) out.
     */
    static final class Plain implements AutoCloseable {
        private final OrtEnvironment env = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final String output;

        Plain(Path model) throws OrtException {
            try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
                so.setIntraOpNumThreads(1);
                session = env.createSession(model.toString(), so);
            }
            output = session.getOutputNames().iterator().next();
        }

        float[] run(int[] ids) throws OrtException {
            int n = ids.length;
            long[] idl = new long[n];
            long[] ones = new long[n];
            long[] pos = new long[n];
            for (int i = 0; i < n; i++) {
                idl[i] = ids[i];
                ones[i] = 1;
                pos[i] = i;
            }
            Map<String, OnnxTensor> in = new HashMap<>();
            try {
                for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                    String name = e.getKey();
                    switch (name) {
                        case "input_ids" -> in.put(name, OnnxTensor.createTensor(env, LongBuffer.wrap(idl), new long[] {1, n}));
                        case "attention_mask" -> in.put(name, OnnxTensor.createTensor(env, LongBuffer.wrap(ones), new long[] {1, n}));
                        case "position_ids" -> in.put(name, OnnxTensor.createTensor(env, LongBuffer.wrap(pos), new long[] {1, n}));
                        case "use_cache_branch" -> in.put(name, OnnxTensor.createTensor(env, new boolean[] {false}));
                        default -> {
                            long[] shape = ((TensorInfo) e.getValue().getInfo()).getShape();
                            in.put(name, OnnxTensor.createTensor(env, FloatBuffer.allocate(0),
                                    new long[] {1, shape[1], 0, shape[3]}));
                        }
                    }
                }
                try (OrtSession.Result r = session.run(in, Set.of(output))) {
                    FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
                    float[] out = new float[fb.remaining()];
                    fb.get(out);
                    return out;
                }
            } finally {
                in.values().forEach(OnnxTensor::close);
            }
        }

        @Override
        public void close() throws OrtException {
            session.close();
        }
    }
}
