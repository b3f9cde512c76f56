package org.attnplanes.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.attnplanes.model.internal.CrossAttentionGraph;
import org.attnplanes.model.internal.ExternalDataCheck;
import org.attnplanes.model.internal.GraphAnalysis;
import org.attnplanes.model.internal.GraphRewrites;
import org.attnplanes.model.internal.Sha256;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decoder of an encoder–decoder opened for capture: its graph (a merged decoder's no-cache branch lifted) gets
 * every attention Softmax as an extra output, and each Softmax is told self- or cross-attention by
 * {@link CrossAttentionGraph}; one ONNX Runtime session runs it fed {@code input_ids} (the teacher-forced target),
 * {@code encoder_attention_mask} (ones) and {@code encoder_hidden_states} (the encoder's output).
 */
final class CrossDecoder implements AutoCloseable {

    /** Decoder inputs model-io feeds. */
    static final Set<String> FED = Set.of("input_ids", "decoder_input_ids", "encoder_attention_mask",
            CrossAttentionGraph.ENCODER_STATES);

    /** A float tensor copied out of the runtime. */
    record Tensor(long[] shape, float[] data) {
    }

    private final Path path;
    private final String sha256;
    private final GraphAnalysis analysis;
    private final List<GraphAnalysis.Softmax> self;
    private final List<GraphAnalysis.Softmax> cross;
    private final List<String> ordinaryOutputs;
    private final OrtSession.SessionOptions sessionOptions;
    private final OrtSession session;
    private final String idsInput;
    private final boolean maskInput;

    private CrossDecoder(Path path, String sha256, GraphAnalysis analysis, List<GraphAnalysis.Softmax> self,
                         List<GraphAnalysis.Softmax> cross, OrtSession.SessionOptions options, OrtSession session) {
        this.path = path;
        this.sha256 = sha256;
        this.analysis = analysis;
        this.self = List.copyOf(self);
        this.cross = List.copyOf(cross);
        this.sessionOptions = options;
        this.session = session;
        List<String> ordinary = new ArrayList<>();
        for (GraphAnalysis.Port p : analysis.outputs()) {
            if (!p.name().toLowerCase(java.util.Locale.ROOT).startsWith("present")) {
                ordinary.add(p.name());
            }
        }
        this.ordinaryOutputs = List.copyOf(ordinary);
        this.idsInput = session.getInputNames().contains("decoder_input_ids") ? "decoder_input_ids" : "input_ids";
        this.maskInput = session.getInputNames().contains("encoder_attention_mask");
    }

    /**
     * Opens {@code decoder}.
     *
     * @throws ModelException naming the file and the problem: not ONNX, no attention, no cross-attention (not the
     *                        decoder of an encoder–decoder), inputs model-io cannot feed
     */
    static CrossDecoder open(Path decoder, CaptureOptions options) {
        byte[] bytes = ModelLoader.readModel(decoder);
        String sha = Sha256.of(bytes);
        ModelProto proto = ModelLoader.parse(decoder, bytes);
        ExternalDataCheck.check(proto, decoder);
        GraphRewrites.Result rewritten = GraphRewrites.apply(proto);
        GraphAnalysis analysis = ModelLoader.analyse(decoder, rewritten.model()).withRewrites(rewritten.notes());
        ModelLoader.checkCapturable(decoder, analysis);
        List<String> inputs = new ArrayList<>();
        List<String> unfed = new ArrayList<>();
        for (GraphAnalysis.Port p : analysis.inputs()) {
            inputs.add(p.name());
            if (!FED.contains(p.name())) {
                unfed.add(p.name());
            }
        }
        if (!inputs.contains(CrossAttentionGraph.ENCODER_STATES)) {
            throw new ModelException(decoder.getFileName() + " has no input " + CrossAttentionGraph.ENCODER_STATES
                    + " (its inputs are " + inputs + "), so it is not the decoder of an encoder–decoder; give the "
                    + "decoder_model.onnx (or decoder_model_merged.onnx) that belongs to the encoder");
        }
        if (!unfed.isEmpty()) {
            throw new ModelException(decoder.getFileName() + " has inputs " + inputs + " but model-io feeds a decoder "
                    + "only input_ids, encoder_attention_mask and encoder_hidden_states; cannot feed " + unfed);
        }
        boolean[] flags = CrossAttentionGraph.crossFlags(rewritten.model(), analysis.softmaxes());
        List<GraphAnalysis.Softmax> self = new ArrayList<>();
        List<GraphAnalysis.Softmax> cross = new ArrayList<>();
        for (int i = 0; i < flags.length; i++) {
            (flags[i] ? cross : self).add(analysis.softmaxes().get(i));
        }
        if (cross.isEmpty() || self.size() != cross.size()) {
            throw new ModelException(decoder.getFileName() + " has " + self.size() + " self-attention and "
                    + cross.size() + " cross-attention Softmax nodes (those reading encoder_hidden_states); "
                    + "an encoder–decoder's decoder has one of each per layer");
        }
        byte[] modified = analysis.withAttentionOutputs(rewritten.model(), false).toByteArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        try {
            if (options.threads() > 0) {
                so.setIntraOpNumThreads(options.threads());
            }
            so.setInterOpNumThreads(1);
            Path dir = decoder.toAbsolutePath().getParent();
            if (dir != null) {
                so.addConfigEntry("session.model_external_initializers_file_folder_path", dir.toString());
            }
            OrtSession s = env.createSession(modified, so);
            return new CrossDecoder(decoder, sha, analysis, self, cross, so, s);
        } catch (OrtException e) {
            so.close();
            throw new ModelException("ONNX Runtime cannot load " + decoder.getFileName() + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    String sha256() {
        return sha256;
    }

    GraphAnalysis analysis() {
        return analysis;
    }

    int layers() {
        return self.size();
    }

    /** Whether the file was an optimum merged decoder (its no-cache branch lifted). */
    boolean merged() {
        return analysis.rewrites().stream().anyMatch(r -> r.startsWith("merged decoder"));
    }

    /** The name the teacher-forced ids are fed under ({@code input_ids} or {@code decoder_input_ids}). */
    String idsInput() {
        return idsInput;
    }

    /** Whether the decoder takes {@code encoder_attention_mask}. */
    boolean takesEncoderMask() {
        return maskInput;
    }

    /** The self- and cross-attention Softmax nodes, one per layer. */
    List<GraphAnalysis.Softmax> selfSoftmaxes() {
        return self;
    }

    List<GraphAnalysis.Softmax> crossSoftmaxes() {
        return cross;
    }

    /** Names of the ordinary (non-cache) outputs. */
    List<String> ordinaryOutputs() {
        return ordinaryOutputs;
    }

    /** Self- and cross-attention probability tensors of layer {@code l}. */
    String selfOutput(int l) {
        return self.get(l).probabilities();
    }

    String crossOutput(int l) {
        return cross.get(l).probabilities();
    }

    /**
     * One teacher-forced pass over {@code ids} (batch 1) given the encoder's {@code states} [1, sourceLength,
     * hidden]; returns the ordinary outputs and both Softmax tensors of every layer, copied out.
     */
    Map<String, Tensor> run(long[] ids, int sourceLength, float[] states, int hidden) {
        return run(ids, sourceLength, states, hidden, all(), all(), true);
    }

    private int[] all() {
        int[] a = new int[layers()];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        return a;
    }

    /**
     * As {@link #run(long[], int, float[], int)}, exposing only the self-attention Softmax outputs of
     * {@code selfLayers} and the cross-attention ones of {@code crossLayers} (ONNX Runtime keeps no other attention
     * tensor), and the ordinary outputs only when {@code ordinary}.
     */
    Map<String, Tensor> run(long[] ids, int sourceLength, float[] states, int hidden, int[] selfLayers,
                            int[] crossLayers, boolean ordinary) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put(idsInput, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, ids.length}));
            if (maskInput) {
                long[] ones = new long[sourceLength];
                java.util.Arrays.fill(ones, 1L);
                in.put("encoder_attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(ones),
                        new long[] {1, sourceLength}));
            }
            in.put(CrossAttentionGraph.ENCODER_STATES, OnnxTensor.createTensor(env, FloatBuffer.wrap(states),
                    new long[] {1, sourceLength, hidden}));
            Set<String> wanted = new LinkedHashSet<>(ordinary ? ordinaryOutputs : List.of());
            for (int l : selfLayers) {
                wanted.add(selfOutput(l));
            }
            for (int l : crossLayers) {
                wanted.add(crossOutput(l));
            }
            Map<String, Tensor> out = new LinkedHashMap<>();
            try (OrtSession.Result r = session.run(in, wanted)) {
                for (String w : wanted) {
                    OnnxValue v = r.get(w).orElseThrow();
                    if (!(v instanceof OnnxTensor t) || t.getInfo().type != ai.onnxruntime.OnnxJavaType.FLOAT) {
                        continue;       // a non-float ordinary output is not copied
                    }
                    TensorInfo info = t.getInfo();
                    FloatBuffer fb = t.getFloatBuffer();
                    float[] a = new float[fb.remaining()];
                    fb.get(a);
                    out.put(w, new Tensor(info.getShape(), a));
                }
            }
            return out;
        } catch (OrtException e) {
            throw new ModelException("ONNX Runtime failed to run " + path.getFileName() + ": " + e.getMessage(), e);
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public synchronized void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing twice or after a failure: nothing left to release
        }
        sessionOptions.close();
    }
}
