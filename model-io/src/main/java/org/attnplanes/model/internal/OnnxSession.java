package org.attnplanes.model.internal;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One ONNX Runtime session over a (possibly modified) model, fed by name-matched inputs as
 * {@link InputFeeds} classifies them (token ids, mask, token types, positions, {@code cache_position}, empty
 * key/value caches). Tensor data is
 * copied out before the native results are closed. Thread-safe for {@link #run} (ORT sessions are);
 * {@link #close()} is idempotent.
 */
public final class OnnxSession implements AutoCloseable {

    /**
     * A tensor out of the runtime: row-major float data and its shape. An output bound to a pre-allocated
     * buffer ({@code pinned} in {@link #run(long[][], long[][], int[], List, Map, BiConsumer, StopHook)}) has
     * {@code data} null and {@code pinned} a read-only view of the buffer ONNX Runtime wrote into, valid only
     * inside the sink call (the buffer is reused by the next run on the same thread).
     */
    public record Tensor(long[] shape, float[] data, FloatBuffer pinned) {

        /** A tensor copied to the heap. */
        public Tensor(long[] shape, float[] data) {
            this(shape, data, null);
        }
    }

    /** Per thread: direct output buffers by output name, reused across runs (grown when too small). */
    private final ThreadLocal<Map<String, ByteBuffer>> pinnedBuffers = ThreadLocal.withInitial(HashMap::new);

    private final OrtEnvironment env;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final Map<String, OnnxJavaType> inputTypes = new LinkedHashMap<>();
    private final Map<String, InputFeeds.Feed> feeds = new LinkedHashMap<>();
    private boolean closed;

    /**
     * Opens a session on serialized model bytes.
     *
     * @param modelBytes  the serialized ONNX model
     * @param externalDir directory against which external-data locations are resolved, or null
     * @param threads     intra-op threads, 0 for ONNX Runtime's default
     * @throws OrtException when ONNX Runtime rejects the model
     */
    public OnnxSession(byte[] modelBytes, Path externalDir, int threads) throws OrtException {
        this(modelBytes, externalDir, threads, true);
    }

    /**
     * As {@link #OnnxSession(byte[], Path, int)}; {@code optimize = false} skips ONNX Runtime's graph optimizations
     * (same results, faster to create: for a session run once, such as the reference of a rewrite check).
     */
    public OnnxSession(byte[] modelBytes, Path externalDir, int threads, boolean optimize) throws OrtException {
        env = OrtEnvironment.getEnvironment();
        options = new OrtSession.SessionOptions();
        OrtSession s = null;
        try {
            if (!optimize) {
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            }
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            options.setInterOpNumThreads(1);
            if (externalDir != null) {
                options.addConfigEntry("session.model_external_initializers_file_folder_path",
                        externalDir.toAbsolutePath().toString());
            }
            s = env.createSession(modelBytes, options);
            for (Map.Entry<String, NodeInfo> e : s.getInputInfo().entrySet()) {
                OnnxJavaType t = e.getValue().getInfo() instanceof TensorInfo ti ? ti.type : OnnxJavaType.UNKNOWN;
                inputTypes.put(e.getKey(), t);
                List<Long> dims = new ArrayList<>();
                if (e.getValue().getInfo() instanceof TensorInfo ti) {
                    for (long d : ti.getShape()) {
                        dims.add(d);
                    }
                }
                InputFeeds.Feed f = InputFeeds.classify(e.getKey(), dims);
                if (f != null) {
                    feeds.put(e.getKey(), f);
                }
            }
        } catch (OrtException | RuntimeException e) {
            if (s != null) {
                s.close();
            }
            options.close();
            throw e;
        }
        session = s;
    }

    /** Input names of the model, in the model's order. */
    public List<String> inputNames() {
        return List.copyOf(inputTypes.keySet());
    }

    /** Inputs this session cannot fill (see {@link InputFeeds#classify}). */
    public List<String> unknownInputs() {
        List<String> out = new ArrayList<>();
        for (String name : inputTypes.keySet()) {
            if (!feeds.containsKey(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** How every input is fed, in the model's order (inputs that cannot be fed are left out). */
    public List<InputFeeds.Feed> feeds() {
        return List.copyOf(feeds.values());
    }

    /** Whether an input of this kind is fed. */
    public boolean feeds(InputFeeds.Kind kind) {
        return feeds.values().stream().anyMatch(f -> f.kind() == kind);
    }

    /** Whether the model takes an input of this name. */
    public boolean hasInput(String name) {
        return inputTypes.containsKey(name);
    }

    /** Output names of the session (the modified model's), in graph order. */
    public List<String> outputNames() {
        return List.copyOf(session.getOutputNames());
    }

    /**
     * Runs a right-padded batch.
     *
     * @param ids       {@code ids[b]} the token ids of sample b, padded to one common length
     * @param typeIds   token-type ids, same shape as {@code ids}
     * @param lengths   the real (unpadded) length of each sample
     * @param requested names of the outputs to compute and copy out
     * @return the requested outputs by name, in the order requested
     */
    public Map<String, Tensor> run(long[][] ids, long[][] typeIds, int[] lengths, List<String> requested)
            throws OrtException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        run(ids, typeIds, lengths, requested, out::put);
        return out;
    }

    /**
     * Runs a right-padded batch and hands each requested output to {@code sink}, in the order requested, one
     * at a time (so a caller that keeps only what it needs holds one output's copy on the heap at once).
     */
    public void run(long[][] ids, long[][] typeIds, int[] lengths, List<String> requested,
                    BiConsumer<String, Tensor> sink) throws OrtException {
        run(ids, typeIds, lengths, requested, Map.of(), sink, (OrtSession.RunOptions) null);
    }

    /**
     * A way to stop a run from another thread. {@link #arm} is called once before the native run starts with an
     * action that sets the run's terminate flag; the hook calls that action when the caller cancels (at once if
     * it already has). The returned action disarms the hook and is called after the run, before the run's
     * native options are closed; after it returns the hook must never call the stop action again.
     */
    @FunctionalInterface
    public interface StopHook {

        /** Arms {@code stop} for one run; returns the action that disarms it. */
        Runnable arm(Runnable stop);
    }

    /**
     * As {@link #run(long[][], long[][], int[], List, BiConsumer)}, stoppable through {@code hook}: a stopped
     * run throws ONNX Runtime's {@link OrtException} ("Exiting due to terminate flag being set to true") at
     * its next operator boundary, after which every native tensor of the run has been released and the session
     * can run again.
     */
    public void run(long[][] ids, long[][] typeIds, int[] lengths, List<String> requested,
                    BiConsumer<String, Tensor> sink, StopHook hook) throws OrtException {
        run(ids, typeIds, lengths, requested, Map.of(), sink, hook);
    }

    /**
     * As {@link #run(long[][], long[][], int[], List, BiConsumer, StopHook)} ({@code hook} may be null), with the
     * float32 outputs named in {@code pinned} bound to pre-allocated direct buffers of the given shapes, so ONNX
     * Runtime writes them once into memory that is reused across runs and the caller copies out only what it
     * keeps (no heap copy of the whole tensor). Their {@link Tensor}s carry {@link Tensor#pinned()}.
     */
    public void run(long[][] ids, long[][] typeIds, int[] lengths, List<String> requested,
                    Map<String, long[]> pinned, BiConsumer<String, Tensor> sink, StopHook hook) throws OrtException {
        if (hook == null) {
            run(ids, typeIds, lengths, requested, pinned, sink, (OrtSession.RunOptions) null);
            return;
        }
        try (OrtSession.RunOptions runOptions = new OrtSession.RunOptions()) {
            Runnable disarm = hook.arm(() -> {
                try {
                    runOptions.setTerminate(true);
                } catch (OrtException e) {
                    // the flag could not be set: the run completes and the caller's own check stops it after
                }
            });
            try {
                run(ids, typeIds, lengths, requested, pinned, sink, runOptions);
            } finally {
                disarm.run();
            }
        }
    }

    private void run(long[][] ids, long[][] typeIds, int[] lengths, List<String> requested,
                     Map<String, long[]> pinned, BiConsumer<String, Tensor> sink, OrtSession.RunOptions runOptions)
            throws OrtException {
        int batch = ids.length;
        int n = ids[0].length;
        long[] shape = {batch, n};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        Map<String, OnnxTensor> pinnedTensors = new HashMap<>();
        try {
            for (InputFeeds.Feed f : feeds.values()) {
                OnnxJavaType type = inputTypes.get(f.name());
                if (f.kind() == InputFeeds.Kind.EMPTY_CACHE) {
                    inputs.put(f.name(), emptyTensor(f, batch, type));
                    continue;
                }
                if (f.kind() == InputFeeds.Kind.CACHE_POSITION) {
                    long[] pos = new long[n];
                    for (int i = 0; i < n; i++) {
                        pos[i] = i;
                    }
                    inputs.put(f.name(), tensor(pos, new long[] {n}, f.name(), type));
                    continue;
                }
                long[] flat = new long[batch * n];
                for (int b = 0; b < batch; b++) {
                    for (int i = 0; i < n; i++) {
                        flat[b * n + i] = switch (f.kind()) {
                            case TOKEN_IDS -> ids[b][i];
                            case ATTENTION_MASK -> i < lengths[b] ? 1 : 0;
                            case TOKEN_TYPE_IDS -> typeIds[b][i];
                            case POSITION_IDS -> i;
                            default -> throw new IllegalStateException("unexpected feed " + f);
                        };
                    }
                }
                inputs.put(f.name(), tensor(flat, shape, f.name(), type));
            }
            Set<String> outputs = new LinkedHashSet<>(requested);
            Map<String, FloatBuffer> views = new HashMap<>();
            for (Map.Entry<String, long[]> p : pinned.entrySet()) {
                if (!outputs.remove(p.getKey())) {
                    continue;
                }
                long count = 1;
                for (long d : p.getValue()) {
                    count *= d;
                }
                FloatBuffer fb = pinnedBuffer(p.getKey(), Math.toIntExact(count));
                pinnedTensors.put(p.getKey(), OnnxTensor.createTensor(env, fb, p.getValue()));
                views.put(p.getKey(), fb.asReadOnlyBuffer());
            }
            try (OrtSession.Result result = runOptions == null ? session.run(inputs, outputs, pinnedTensors)
                    : session.run(inputs, outputs, pinnedTensors, runOptions)) {
                for (String name : requested) {
                    FloatBuffer view = views.get(name);
                    if (view != null) {
                        sink.accept(name, new Tensor(pinned.get(name).clone(), null, view));
                        continue;
                    }
                    OnnxValue v = result.get(name).orElseThrow(
                            () -> new IllegalStateException("ONNX Runtime returned no output \"" + name + "\""));
                    sink.accept(name, copy(name, v));
                }
            }
        } finally {
            for (OnnxTensor t : inputs.values()) {
                t.close();
            }
            for (OnnxTensor t : pinnedTensors.values()) {
                t.close();
            }
        }
    }

    /** This thread's direct buffer for output {@code name}, holding at least {@code floats} floats. */
    private FloatBuffer pinnedBuffer(String name, int floats) {
        Map<String, ByteBuffer> mine = pinnedBuffers.get();
        ByteBuffer b = mine.get(name);
        if (b == null || b.capacity() < floats * 4L) {
            // 64-byte aligned like ONNX Runtime's own buffers (allocateDirect gives 16): the vector stores of the
            // Softmax writing the planes and the loads of the MatMul reading them never straddle two cache lines
            // (128 spare bytes: aligning moves the start up and the end down by less than 64 each)
            b = ByteBuffer.allocateDirect(Math.addExact(Math.multiplyExact(floats, 4), 128)).alignedSlice(64)
                    .order(ByteOrder.nativeOrder());
            mine.put(name, b);
        }
        ByteBuffer slice = b.duplicate().order(ByteOrder.nativeOrder());
        slice.clear().limit(floats * 4);
        return slice.slice().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * Runs one image batch: {@code pixels} (row-major, {@code shape} = [batch, channels, height, width]) is fed as
     * the {@link InputFeeds.Kind#PIXEL_VALUES} input, the only input such a model may have; each requested output
     * goes to {@code sink} in the order requested. {@code hook} may be null.
     */
    public void runPixels(float[] pixels, long[] shape, List<String> requested, BiConsumer<String, Tensor> sink,
                          StopHook hook) throws OrtException {
        try (OrtSession.RunOptions runOptions = new OrtSession.RunOptions()) {
            Runnable disarm = hook == null ? () -> { } : hook.arm(() -> {
                try {
                    runOptions.setTerminate(true);
                } catch (OrtException e) {
                    // the flag could not be set: the run completes and the caller's own check stops it after
                }
            });
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try {
                for (InputFeeds.Feed f : feeds.values()) {
                    if (f.kind() != InputFeeds.Kind.PIXEL_VALUES) {
                        throw new IllegalStateException("input \"" + f.name() + "\" cannot be fed with an image");
                    }
                    inputs.put(f.name(), OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), shape));
                }
                try (OrtSession.Result result = session.run(inputs, new LinkedHashSet<>(requested), runOptions)) {
                    for (String name : requested) {
                        OnnxValue v = result.get(name).orElseThrow(
                                () -> new IllegalStateException("ONNX Runtime returned no output \"" + name + "\""));
                        sink.accept(name, copy(name, v));
                    }
                }
            } finally {
                for (OnnxTensor t : inputs.values()) {
                    t.close();
                }
                disarm.run();
            }
        }
    }

    /** A key/value cache tensor with past length 0: no data, so nothing is allocated or copied. */
    private OnnxTensor emptyTensor(InputFeeds.Feed f, int batch, OnnxJavaType type) throws OrtException {
        long[] shape = f.emptyShape(batch);
        if (type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException("cache input \"" + f.name() + "\" has element type " + type
                    + "; model-io feeds float32 caches only (export with float_dtype=fp32)");
        }
        return OnnxTensor.createTensor(env, FloatBuffer.allocate(0), shape);
    }

    private OnnxTensor tensor(long[] flat, long[] shape, String name, OnnxJavaType type) throws OrtException {
        switch (type) {
            case INT64:
                return OnnxTensor.createTensor(env, LongBuffer.wrap(flat), shape);
            case INT32: {
                int[] ints = new int[flat.length];
                for (int i = 0; i < flat.length; i++) {
                    ints[i] = Math.toIntExact(flat[i]);
                }
                return OnnxTensor.createTensor(env, IntBuffer.wrap(ints), shape);
            }
            case FLOAT: {
                float[] floats = new float[flat.length];
                for (int i = 0; i < flat.length; i++) {
                    floats[i] = flat[i];
                }
                return OnnxTensor.createTensor(env, FloatBuffer.wrap(floats), shape);
            }
            default:
                throw new IllegalArgumentException("input \"" + name + "\" has element type " + type
                        + "; model-io can feed int64, int32 or float token inputs");
        }
    }

    private static Tensor copy(String name, OnnxValue v) throws OrtException {
        if (!(v instanceof OnnxTensor t)) {
            throw new IllegalArgumentException("output \"" + name + "\" is a " + v.getType()
                    + ", not a tensor; model-io reads tensor outputs only");
        }
        long[] shape = t.getInfo().getShape();
        OnnxJavaType type = t.getInfo().type;
        float[] data;
        switch (type) {
            case FLOAT, FLOAT16, BFLOAT16 -> {
                FloatBuffer fb = t.getFloatBuffer();     // already a heap copy: use its array without a second one
                if (fb.hasArray() && fb.arrayOffset() == 0 && fb.position() == 0
                        && fb.array().length == fb.remaining()) {
                    data = fb.array();
                } else {
                    data = new float[fb.remaining()];
                    fb.get(data);
                }
            }
            case DOUBLE -> {
                var db = t.getDoubleBuffer();
                data = new float[db.remaining()];
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) db.get(i);
                }
            }
            case INT64 -> {
                LongBuffer lb = t.getLongBuffer();
                data = new float[lb.remaining()];
                for (int i = 0; i < data.length; i++) {
                    data[i] = lb.get(i);
                }
            }
            case INT32 -> {
                IntBuffer ib = t.getIntBuffer();
                data = new float[ib.remaining()];
                for (int i = 0; i < data.length; i++) {
                    data[i] = ib.get(i);
                }
            }
            default -> throw new IllegalArgumentException("output \"" + name + "\" has element type " + type
                    + "; model-io reads float, double and integer outputs");
        }
        return new Tensor(shape, data);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close();
        } catch (OrtException e) {
            // nothing useful to do: the handle is gone either way
        } finally {
            options.close();
        }
    }

    @Override
    public String toString() {
        return "OnnxSession" + Arrays.toString(inputTypes.keySet().toArray());
    }
}
