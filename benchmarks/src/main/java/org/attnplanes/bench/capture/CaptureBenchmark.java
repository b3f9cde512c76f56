package org.attnplanes.bench.capture;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.model.DefaultModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Attention capture vs the plain model, on all-MiniLM-L6-v2 and the same seeded inputs.
 *
 * <ul>
 *   <li>{@code plain}: the unmodified model file in its own ONNX Runtime session; tokenize (DJL), build the
 *       three input tensors, run, copy {@code last_hidden_state} out — what a user of the bare model does.</li>
 *   <li>{@code capture}: {@link AttentionModel#capture(List)} on the surgically modified model: tokenize,
 *       run, copy out 6 layers × 12 heads of attention, cut padding, build the traces.</li>
 * </ul>
 * Both use one intra-op thread (the machine is shared). Ratio = capture / plain per (tokens, batch).
 *
 * <pre>{@code scripts/bench CaptureBenchmark -f 1 -wi 2 -i 3}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class CaptureBenchmark {

    /** Tokens per input, special tokens included. */
    @Param({"16", "128", "512"})
    public int tokens;

    /** Inputs per run. */
    @Param({"1", "8"})
    public int batch;

    private AttentionModel model;
    private OrtEnvironment env;
    private OrtSession.SessionOptions plainOptions;
    private OrtSession plain;
    private HuggingFaceTokenizer tokenizer;
    private List<String> texts;

    /** Opens both sessions and checks that the inputs have exactly {@code tokens} tokens. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        model = AttentionModel.openDefault(CaptureOptions.builder().threads(1).build());
        env = OrtEnvironment.getEnvironment();
        plainOptions = new OrtSession.SessionOptions();
        plainOptions.setIntraOpNumThreads(1);
        plainOptions.setInterOpNumThreads(1);
        plain = env.createSession(DefaultModel.model().toString(), plainOptions);
        tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(DefaultModel.tokenizer())
                .optTruncation(false).optPadding(false).build();
        texts = BenchInputs.texts(tokens, batch, 42);
        for (String t : texts) {
            int n = tokenizer.encode(t).getIds().length;
            if (n != tokens) {
                throw new IllegalStateException("benchmark text has " + n + " tokens, not " + tokens);
            }
        }
    }

    /** Closes everything. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        model.close();
        plain.close();
        plainOptions.close();
        tokenizer.close();
    }

    /** The plain unmodified model: tokenize, run, copy last_hidden_state out. */
    @Benchmark
    public float[] plain() throws Exception {
        Encoding[] enc = tokenizer.batchEncode(texts);
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
             OrtSession.Result r = plain.run(Map.of("input_ids", a, "attention_mask", m, "token_type_ids", t))) {
            FloatBuffer fb = ((OnnxTensor) r.get("last_hidden_state").orElseThrow()).getFloatBuffer();
            float[] out = new float[fb.remaining()];
            fb.get(out);
            return out;
        }
    }

    /** Attention capture: every layer and head, traces built. */
    @Benchmark
    public List<AttentionTrace> capture() {
        return model.capture(texts);
    }

}
