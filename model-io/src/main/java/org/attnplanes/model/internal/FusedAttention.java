package org.attnplanes.model.internal;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the probabilities of fused attention ops visible, leaving the model's outputs as they were:
 * <ul>
 *   <li>{@code com.microsoft.Attention} (packed QKV weights, optional bias, raw 2-D/3-D {@code mask_index},
 *       {@code past}/{@code present}, {@code attention_bias}, {@code unidirectional}, {@code scale},
 *       {@code mask_filter_value}) and {@code com.microsoft.MultiHeadAttention} (separate 3-D query/key/value,
 *       optional bias, 2-D {@code key_padding_mask}, {@code attention_bias}, {@code past_key}/{@code past_value},
 *       {@code unidirectional}) become MatMul/Add/Reshape/Transpose/Mul/Softmax/MatMul as the contrib-op schema
 *       says; the caller checks on a probe input that the outputs did not change;</li>
 *   <li>the standard {@code Attention} (opset 23+) gets {@code qk_matmul_output_mode = 3} and its fourth output,
 *       the post-softmax probabilities, is exposed.</li>
 * </ul>
 * Layouts the rewrite cannot reproduce (rotary inside the op, shared past/present buffers, packed QKV inputs,
 * length-style masks, cache indirection, the {@code qk} output) are left fused; {@link GraphAnalysis} then reports
 * them and capture refuses with the node's name.
 */
final class FusedAttention {

    /** Start of the note a rewrite leaves. */
    static final String NOTE = "fused attention made visible: ";

    /** Name prefix of every node and tensor the rewrite adds. */
    static final String PREFIX = "attnplanes/fused/";

    private final GraphProto graph;
    private final int opset;
    private final Map<String, TensorProto> initializers = new HashMap<>();
    private final Map<String, Integer> ranks = new HashMap<>();
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final List<NodeProto> out = new ArrayList<>();
    private final List<TensorProto> constants = new ArrayList<>();
    /** Additive padding masks already built, by mask input, rank and filter value. */
    private final Map<String, String> sharedMasks = new HashMap<>();
    private final Set<String> graphInputs = new HashSet<>();
    /** Constant initializers already added, by value (a nameless tensor). */
    private final Map<TensorProto, String> constantNames = new HashMap<>();
    private int counter;
    private String prefix;

    private FusedAttention(GraphProto graph, int opset) {
        this.graph = graph;
        this.opset = opset;
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
            ranks.put(t.getName(), t.getDimsCount());
        }
        for (ValueInfoProto v : graph.getInputList()) {
            declared(v);
            graphInputs.add(v.getName());
        }
        for (ValueInfoProto v : graph.getValueInfoList()) {
            declared(v);
        }
        for (NodeProto n : graph.getNodeList()) {
            for (String o : n.getOutputList()) {
                producers.put(o, n);
            }
        }
    }

    private void declared(ValueInfoProto v) {
        if (v.getType().hasTensorType() && v.getType().getTensorType().hasShape()) {
            ranks.put(v.getName(), v.getType().getTensorType().getShape().getDimCount());
        }
    }

    /** The rewritten model, with one note per rewritten node added to {@code notes}; unchanged when none fits. */
    static ModelProto rewrite(ModelProto model, List<String> notes) {
        int opset = 0;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = (int) o.getVersion();
            }
        }
        FusedAttention f = new FusedAttention(model.getGraph(), opset);
        List<String> done = new ArrayList<>();
        GraphProto.Builder g = model.getGraph().toBuilder().clearNode();
        for (NodeProto n : model.getGraph().getNodeList()) {
            String kind = n.getDomain().equals("com.microsoft") ? n.getOpType() : "";
            boolean standard = (n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx"))
                    && n.getOpType().equals("Attention");
            f.out.clear();
            boolean rewritten = switch (kind) {
                case "Attention" -> f.contribAttention(n);
                case "MultiHeadAttention" -> f.multiHeadAttention(n);
                default -> false;
            };
            if (rewritten) {
                g.addAllNode(f.out);
                done.add("com.microsoft." + kind + " at node \"" + n.getName() + "\"");
            } else if (standard && opset >= 23 && attribute(n, "softcap") == null && !qkOutputInUse(n)) {
                NodeProto.Builder b = n.toBuilder().clearAttribute();
                for (AttributeProto a : n.getAttributeList()) {
                    if (!a.getName().equals("qk_matmul_output_mode")) {
                        b.addAttribute(a);
                    }
                }
                b.addAttribute(AttributeProto.newBuilder().setName("qk_matmul_output_mode")
                        .setType(AttributeProto.AttributeType.INT).setI(3));
                while (b.getOutputCount() < 4) {
                    b.addOutput("");
                }
                if (b.getOutput(3).isEmpty()) {
                    b.setOutput(3, PREFIX + n.getName() + "/qk");
                }
                g.addNode(b);
                // ONNX's shape inference of Attention-23 declares output 3's last dimension as 0 when the key length
                // is dynamic, so ONNX Runtime warns (VerifyOutputSizes) on every run that returns it as a graph
                // output; exposed through a Reshape whose inferred last dimension is unknown, it is declared right
                f.prefix = PREFIX + n.getName() + "/";
                f.out.clear();
                f.emit("Reshape", List.of(b.getOutput(3), f.node("Shape", b.getOutput(3))),
                        List.of(PREFIX + n.getName() + "/probabilities"));
                g.addAllNode(f.out);
                done.add("Attention at node \"" + n.getName() + "\" (qk_matmul_output_mode = 3)");
            } else {
                g.addNode(n);
            }
        }
        if (done.isEmpty()) {
            return model;
        }
        g.addAllInitializer(f.constants);
        notes.add(NOTE + String.join(", ", done));
        return model.toBuilder().setGraph(g).build();
    }

    /**
     * The tensor through which the probabilities {@code qk} of a standard Attention node are exposed: the
     * rewrite's Reshape of it (declared with the right shape), else {@code qk} itself.
     */
    static String exposed(String qk, Map<String, List<NodeProto>> consumers) {
        for (NodeProto c : consumers.getOrDefault(qk, List.of())) {
            if (c.getOpType().equals("Reshape") && c.getOutputCount() == 1
                    && c.getOutput(0).startsWith(FusedAttention.PREFIX)) {
                return c.getOutput(0);
            }
        }
        return qk;
    }

    /**
     * Whether a standard Attention node already writes its fourth output in another mode than the probabilities:
     * switching the mode would change that output, so such a node is left as it is (and refused as fused).
     */
    private static boolean qkOutputInUse(NodeProto n) {
        return !output(n, 3).isEmpty() && intAttr(n, "qk_matmul_output_mode", 0) != 3;
    }

    static AttributeProto attribute(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    private static long intAttr(NodeProto n, String name, long dflt) {
        AttributeProto a = attribute(n, name);
        return a == null ? dflt : a.getI();
    }

    private static String input(NodeProto n, int i) {
        return i < n.getInputCount() ? n.getInput(i) : "";
    }

    private static String output(NodeProto n, int i) {
        return i < n.getOutputCount() ? n.getOutput(i) : "";
    }

    /** Rank of a tensor: declared, an initializer's, or carried through Cast/Identity; -1 when unknown. */
    private int rank(String name) {
        Integer r = ranks.get(name);
        if (r != null) {
            return r;
        }
        NodeProto p = producers.get(name);
        if (p != null && (p.getOpType().equals("Cast") || p.getOpType().equals("Identity")
                || p.getOpType().equals("Add") || p.getOpType().equals("MatMul"))) {
            int best = -1;
            for (String in : p.getInputList()) {
                best = Math.max(best, rank(in));
            }
            return best;
        }
        return -1;
    }

    // ------------------------------------------------------------------ com.microsoft.Attention

    private boolean contribAttention(NodeProto n) {
        long heads = intAttr(n, "num_heads", 0);
        if (heads <= 0 || intAttr(n, "do_rotary", 0) != 0 || intAttr(n, "past_present_share_buffer", 0) != 0
                || !input(n, 6).isEmpty() || attribute(n, "qkv_hidden_sizes") != null
                // ONNX Runtime 1.23.2's CPU kernel crashes the process on a node without bias (observed), and the
                // open-time check has to run the node as written: such a node is left fused and refused
                || input(n, 2).isEmpty()) {
            return false;
        }
        String mask = input(n, 3);
        int maskRank = mask.isEmpty() ? 0 : rank(mask);
        if (!mask.isEmpty() && maskRank != 2 && maskRank != 3) {
            return false;
        }
        prefix = PREFIX + n.getName() + "/";
        String qkv = node("MatMul", n.getInput(0), n.getInput(1));
        if (!input(n, 2).isEmpty()) {
            qkv = node("Add", qkv, n.getInput(2));
        }
        String qkv5 = node("Reshape", qkv, longs(0, 0, 3, heads, -1));                 // [B, S, 3, N, H]
        String qkvFirst = node("Transpose", List.of(qkv5), ints("perm", 2, 0, 3, 1, 4));  // [3, B, N, S, H]
        String q = gather(qkvFirst, 0, 0);
        String k = gather(qkvFirst, 1, 0);
        String v = gather(qkvFirst, 2, 0);
        String past = input(n, 4);
        if (!past.isEmpty()) {
            k = concat(2, gather(past, 0, 0), k);
            v = concat(2, gather(past, 1, 0), v);
        }
        if (!output(n, 1).isEmpty()) {
            emit("Concat", List.of(unsqueeze(k, 0), unsqueeze(v, 0)), List.of(output(n, 1)), intAttribute("axis", 0));
        }
        String scores = scores(n, q, k, mask, maskRank, input(n, 5), !past.isEmpty(),
                headSize(n.getInput(1), 1, 3 * heads), true);
        context(scores, v, output(n, 0));
        return true;
    }

    // ------------------------------------------------------------------ com.microsoft.MultiHeadAttention

    private boolean multiHeadAttention(NodeProto n) {
        long heads = intAttr(n, "num_heads", 0);
        String key = input(n, 1);
        String value = input(n, 2);
        if (heads <= 0 || key.isEmpty() || value.isEmpty() || rank(n.getInput(0)) == 5 || rank(key) == 4
                || rank(key) == 5 || !input(n, 8).isEmpty() || !input(n, 9).isEmpty() || !output(n, 3).isEmpty()) {
            return false;
        }
        String mask = input(n, 4);
        int maskRank = mask.isEmpty() ? 0 : rank(mask);
        if (!mask.isEmpty() && maskRank != 2 && maskRank != 3) {
            return false;
        }
        prefix = PREFIX + n.getName() + "/";
        String q = n.getInput(0);
        String k = key;
        String v = value;
        String bias = input(n, 3);
        if (!bias.isEmpty()) {
            String b3 = node("Reshape", bias, longs(3, -1));                          // [3, D]
            q = node("Add", q, gather(b3, 0, 0));
            k = node("Add", k, gather(b3, 1, 0));
            v = node("Add", v, gather(b3, 2, 0));
        }
        q = headsFirst(node("Reshape", q, longs(0, 0, heads, -1)));
        k = headsFirst(node("Reshape", k, longs(0, 0, heads, -1)));
        v = headsFirst(node("Reshape", v, longs(0, 0, heads, -1)));
        boolean past = !input(n, 6).isEmpty() && !input(n, 7).isEmpty();
        if (past) {
            k = concat(2, input(n, 6), k);
            v = concat(2, input(n, 7), v);
        }
        if (!output(n, 1).isEmpty()) {
            emit("Identity", List.of(k), List.of(output(n, 1)));
        }
        if (!output(n, 2).isEmpty()) {
            emit("Identity", List.of(v), List.of(output(n, 2)));
        }
        String scores = scores(n, q, k, mask, maskRank, input(n, 5), past,
                bias.isEmpty() ? -1 : headSize(bias, 0, 3 * heads), false);
        context(scores, v, output(n, 0));
        return true;
    }

    // ------------------------------------------------------------------ shared decomposition

    /**
     * The head size when it is fixed by an initializer: dimension {@code axis} of {@code initializer} divided by
     * {@code parts}; -1 when not an initializer or not divisible.
     */
    private long headSize(String initializer, int axis, long parts) {
        TensorProto t = initializers.get(initializer);
        if (t == null || t.getDimsCount() <= axis || t.getDims(axis) <= 0 || t.getDims(axis) % parts != 0) {
            return -1;
        }
        return t.getDims(axis) / parts;
    }

    /**
     * scale·QKᵀ + padding mask (+ attention_bias), causal positions replaced by the lowest float. {@code headSize}
     * is the head size when known from the weights (the scale is then a constant), else -1. The additive padding
     * mask depends only on the mask input (through any Casts) and the filter value, so nodes that share a mask
     * share it; for a causal self-attention node without past ({@code selfAttention}: the keys are the queries,
     * S = T) the causal part is folded into that shared mask as the kernel does (lowest float where the key comes
     * after the query), so each such node adds one Add.
     */
    private String scores(NodeProto n, String q, String k, String mask, int maskRank, String attentionBias,
                          boolean past, long headSize, boolean selfAttention) {
        String scale;
        AttributeProto s = attribute(n, "scale");
        if (s != null && s.getF() != 0f) {
            scale = floats(s.getF());
        } else if (headSize > 0) {
            scale = floats((float) (1 / Math.sqrt(headSize)));
        } else {                                                                      // 1 / √head_size
            String h = node("Cast", List.of(gather(node("Shape", q), 3, 0)), intAttribute("to", TensorProto.DataType.FLOAT_VALUE));
            scale = node("Reciprocal", node("Sqrt", h));
        }
        String scores = node("Mul", node("MatMul", q, node("Transpose", List.of(k), ints("perm", 0, 1, 3, 2))), scale);
        boolean causal = intAttr(n, "unidirectional", 0) != 0;
        boolean causalInMask = causal && selfAttention && !past && maskRank == 2 && fedMask(mask);
        if (!mask.isEmpty()) {
            AttributeProto f = attribute(n, "mask_filter_value");
            float filter = f == null ? -10000f : f.getF();
            String key = canonical(mask) + "\u0000" + maskRank + "\u0000" + Float.floatToIntBits(filter)
                    + (causalInMask ? "\u0000causal" : "");
            String add = sharedMasks.get(key);
            if (add == null) {
                String keep = node("Cast", List.of(mask), intAttribute("to", TensorProto.DataType.FLOAT_VALUE));
                add = node("Mul", node("Sub", floats(1f), keep), floats(filter));
                add = maskRank == 2 ? unsqueeze(add, 1, 2) : unsqueeze(add, 1);           // [B, 1, 1|S, T]
                if (causalInMask) {                                                       // [B, 1, T, T]
                    add = node("Where", laterFromMask(mask, maskRank), floats(-Float.MAX_VALUE), add);
                }
                sharedMasks.put(key, add);
            }
            scores = node("Add", scores, add);
        }
        if (!attentionBias.isEmpty()) {
            scores = node("Add", scores, attentionBias);
        }
        if (causal && !causalInMask) {
            scores = node("Where", later(scores, past), floats(-Float.MAX_VALUE), scores);
        }
        return scores;
    }

    /** A name that is the same for tensors computed alike: a Cast's output is named by its attributes and input. */
    private String canonical(String name) {
        NodeProto p = producers.get(name);
        if (p != null && p.getOpType().equals("Cast") && p.getInputCount() == 1
                && (p.getDomain().isEmpty() || p.getDomain().equals("ai.onnx"))) {
            return "Cast" + p.getAttributeList() + "(" + canonical(p.getInput(0)) + ")";
        }
        return name;
    }

    /**
     * Whether {@code mask} is, through Casts, the graph input capture feeds as the attention mask ([batch, n]
     * ones and zeros; past length 0): its key axis is then the query length, never a [batch, 1] dummy mask.
     */
    private boolean fedMask(String mask) {
        String root = mask;
        for (NodeProto p = producers.get(root); p != null && p.getOpType().equals("Cast") && p.getInputCount() == 1;
             p = producers.get(root)) {
            root = p.getInput(0);
        }
        InputFeeds.Feed feed = graphInputs.contains(root) ? InputFeeds.classify(root, List.of()) : null;
        return feed != null && feed.kind() == InputFeeds.Kind.ATTENTION_MASK;
    }

    /** [T, T] true where the key comes after the query, T the key axis of a mask of self-attention without past. */
    private String laterFromMask(String mask, int maskRank) {
        String t = gather(node("Shape", mask), maskRank - 1, 0);
        String r = node("Range", longScalar(0), t, longScalar(1));
        return node("Greater", unsqueeze(r, 0), unsqueeze(r, 1));
    }

    /** [S, T] true where the key comes after the query (the query rows are the last S of the T positions). */
    private String later(String scores, boolean past) {
        if (opset >= 14) {
            String st = opset >= 15 ? node("Shape", List.of(scores), intAttribute("start", 2))
                    : node("Slice", node("Shape", scores), longs(2), longs(4));          // [S, T]
            String diagonal = past
                    ? node("Add", node("Sub", gather(st, 1, 0), gather(st, 0, 0)), longScalar(1))
                    : longScalar(1);                                                      // T − S + 1
            String all = node("ConstantOfShape", List.of(st), trueTensor("value"));
            return node("Trilu", List.of(all, diagonal), intAttribute("upper", 1));
        }
        String s0 = gather(node("Shape", scores), 2, 0);
        String t0 = gather(node("Shape", scores), 3, 0);
        String rows = node("Range", node("Sub", t0, s0), t0, longScalar(1));        // past … T−1
        String cols = node("Range", longScalar(0), t0, longScalar(1));
        return node("Greater", unsqueeze(cols, 0), unsqueeze(rows, 1));              // [S, T]: key after query
    }

    /** Softmax, ·V, heads back into the hidden axis, written to {@code output}. */
    private void context(String scores, String v, String output) {
        String probs = emit("Softmax", List.of(scores), List.of(prefix + "Softmax_probabilities"),
                intAttribute("axis", -1)).get(0);
        String ctx = node("Transpose", List.of(node("MatMul", probs, v)), ints("perm", 0, 2, 1, 3));
        emit("Reshape", List.of(ctx, longs(0, 0, -1)), List.of(output));
    }

    private String headsFirst(String t) {
        return node("Transpose", List.of(t), ints("perm", 0, 2, 1, 3));
    }

    private String gather(String t, long index, long axis) {
        return node("Gather", List.of(t, longScalar(index)), intAttribute("axis", axis));
    }

    private String concat(long axis, String a, String b) {
        return node("Concat", List.of(a, b), intAttribute("axis", axis));
    }

    private String unsqueeze(String t, long... axes) {
        return opset >= 13 ? node("Unsqueeze", t, longs(axes))
                : node("Unsqueeze", List.of(t), ints("axes", axes));
    }

    // ------------------------------------------------------------------ emitting

    private String node(String op, String... in) {
        return node(op, List.of(in));
    }

    private String node(String op, List<String> in, AttributeProto... attributes) {
        return emit(op, in, List.of(prefix + op + "_" + (counter++)), attributes).get(0);
    }

    private List<String> emit(String op, List<String> in, List<String> outs, AttributeProto... attributes) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setName(prefix + op + "#" + (counter++))
                .addAllInput(in).addAllOutput(outs);
        for (AttributeProto a : attributes) {
            b.addAttribute(a);
        }
        out.add(b.build());
        return outs;
    }

    private static AttributeProto intAttribute(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    private static AttributeProto trueTensor(String name) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR)
                .setT(TensorProto.newBuilder().setDataType(TensorProto.DataType.BOOL_VALUE).addDims(1).addInt32Data(1))
                .build();
    }

    private static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    private String longs(long... v) {
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(v.length);
        for (long x : v) {
            t.addInt64Data(x);
        }
        return constant(t);
    }

    private String longScalar(long v) {
        return constant(TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE).addInt64Data(v));
    }

    private String floats(float v) {
        return constant(TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE).addFloatData(v));
    }

    /** One initializer per distinct constant, shared by every rewritten node that needs it. */
    private String constant(TensorProto.Builder t) {
        return constantNames.computeIfAbsent(t.build(), k -> {
            String name = PREFIX + "const_" + (counter++);
            constants.add(k.toBuilder().setName(name).build());
            return name;
        });
    }
}
