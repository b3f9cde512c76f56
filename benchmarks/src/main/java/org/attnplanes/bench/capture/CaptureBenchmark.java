package org.attnplanes.bench.capture;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
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

import java.util.List;
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
    private PlainModel plain;
    private List<String> texts;

    /** Opens both sessions and checks that the inputs have exactly {@code tokens} tokens. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        model = AttentionModel.openDefault(CaptureOptions.builder().threads(1).build());
        plain = new PlainModel(1);
        texts = BenchInputs.texts(tokens, batch, 42);
        for (String t : texts) {
            int n = plain.tokenCount(t);
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
    }

    /** The plain unmodified model: tokenize, run, copy last_hidden_state out. */
    @Benchmark
    public float[] plain() throws Exception {
        return plain.run(texts);
    }

    /** Attention capture: every layer and head, traces built. */
    @Benchmark
    public List<AttentionTrace> capture() {
        return model.capture(texts);
    }

}
