package org.attnplanes.bench.decoder;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.attnplanes.testmodels.OrtDebugRun;

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
        private final OrtDebugRun session;
        private final String output;

        Plain(Path model) throws OrtException {
            session = OrtDebugRun.open(model);
            output = session.firstOutput();
        }

        float[] run(int[] ids) throws OrtException {
            return session.output(output, OrtDebugRun.firstStep(ids));
        }

        @Override
        public void close() throws OrtException {
            session.close();
        }
    }
}
