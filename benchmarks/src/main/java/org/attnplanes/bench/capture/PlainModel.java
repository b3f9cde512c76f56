package org.attnplanes.bench.capture;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.attnplanes.model.DefaultModel;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;

/**
 * The baseline: the unmodified all-MiniLM-L6-v2 file in its own ONNX Runtime session (default
 * optimizations), used as a user of the bare model would — tokenize, build the three input tensors, run,
 * copy {@code last_hidden_state} out.
 */
public final class PlainModel implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;

    /** A session with {@code threads} intra-op threads. */
    public PlainModel(int threads) throws OrtException, IOException {
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        session = env.createSession(DefaultModel.model().toString(), options);
        tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(DefaultModel.tokenizer())
                .optTruncation(false).optPadding(false).build();
    }

    /** Number of tokens of {@code text} (special tokens included). */
    public int tokenCount(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    /** One batch (all texts of equal token count) through the plain model. */
    public float[] run(List<String> texts) throws OrtException {
        Encoding[] enc = tokenizer.batchEncode(texts);
        int batch = enc.length;
        int n = enc[0].getIds().length;
        long[] ids = new long[batch * n];
        long[] mask = new long[batch * n];
        long[] types = new long[batch * n];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(enc[b].getIds(), 0, ids, b * n, n);
            System.arraycopy(enc[b].getAttentionMask(), 0, mask, b * n, n);
            System.arraycopy(enc[b].getTypeIds(), 0, types, b * n, n);
        }
        long[] shape = {batch, n};
        try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
             OrtSession.Result r = session.run(Map.of("input_ids", a, "attention_mask", m, "token_type_ids", t))) {
            FloatBuffer fb = ((OnnxTensor) r.get("last_hidden_state").orElseThrow()).getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
        options.close();
        tokenizer.close();
    }
}
