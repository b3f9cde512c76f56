package org.attnplanes.model.internal;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Static analysis of an ONNX graph: which Softmax nodes compute attention probabilities (their output
 * feeds, directly or through Cast/Dropout/Identity, the MatMul with the value tensor), in topological
 * order; which fused attention ops hide them; the embedding tables (vocabulary and position table sizes);
 * the graph's real inputs and outputs.
 *
 * <p>Immutable once built; {@link #withAttentionOutputs(ModelProto, boolean)} returns a modified copy of
 * the model with the attention (and optionally value) tensors added as graph outputs.
 */
public final class GraphAnalysis {

    /** Ops that compute attention inside one kernel and never expose the probabilities. */
    static final Set<String> FUSED_ATTENTION_OPS = Set.of(
            "Attention", "MultiHeadAttention", "PackedAttention", "PackedMultiHeadAttention",
            "DecoderAttention", "DecoderMaskedMultiHeadAttention", "DecoderMaskedSelfAttention",
            "GroupQueryAttention", "QAttention", "QOrderedAttention", "QOrderedLongformerAttention",
            "LongformerAttention", "SparseAttention", "PagedAttention");

    /** Ops through which a probability tensor passes unchanged on its way to the value MatMul. */
    private static final Set<String> PASS_THROUGH = Set.of("Cast", "Dropout", "Identity");

    /** One attention Softmax found in the graph. */
    public record Softmax(int layer, String nodeName, String probabilities, String value, int staticRank,
                          int staticHeads) {
    }

    /** One graph input or output: name, element type name and dims (-1 where dynamic, with the symbol). */
    public record Port(String name, String elementType, List<Long> dims, List<String> dimNames) {
    }

    private final List<Softmax> softmaxes;
    private final List<String> fusedOps;
    private final List<Port> inputs;
    private final List<Port> outputs;
    private final long vocabularyRows;
    private final long positionRows;
    private final Map<String, Integer> opCounts;
    private final boolean externalData;
    private final long positionOffset;
    private final List<String> subgraphAttention;
    private final List<String> rewrites;

    private GraphAnalysis(List<Softmax> softmaxes, List<String> fusedOps, List<Port> inputs, List<Port> outputs,
                          long vocabularyRows, long positionRows, Map<String, Integer> opCounts,
                          boolean externalData, long positionOffset, List<String> subgraphAttention,
                          List<String> rewrites) {
        this.positionOffset = positionOffset;
        this.subgraphAttention = List.copyOf(subgraphAttention);
        this.rewrites = List.copyOf(rewrites);
        this.softmaxes = List.copyOf(softmaxes);
        this.fusedOps = List.copyOf(fusedOps);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.vocabularyRows = vocabularyRows;
        this.positionRows = positionRows;
        this.opCounts = opCounts;
        this.externalData = externalData;
    }

    /** Analyses the main graph of {@code model}. */
    public static GraphAnalysis of(ModelProto model) {
        GraphProto g = model.getGraph();
        Map<String, TensorProto> initializers = new HashMap<>();
        boolean external = false;
        for (TensorProto t : g.getInitializerList()) {
            initializers.put(t.getName(), t);
            if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                external = true;
            }
        }
        List<NodeProto> nodes = topologicalOrder(g, initializers.keySet());
        Map<String, List<NodeProto>> consumers = new HashMap<>();
        Map<String, NodeProto> producers = new HashMap<>();
        Map<String, Integer> opCounts = new TreeMap<>();
        List<String> fused = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto n = nodes.get(i);
            for (String in : n.getInputList()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
            for (String out : n.getOutputList()) {
                producers.put(out, n);
            }
            String domain = n.getDomain().isEmpty() ? "" : n.getDomain();
            String op = domain.isEmpty() || domain.equals("ai.onnx") ? n.getOpType() : domain + "." + n.getOpType();
            opCounts.merge(op, 1, Integer::sum);
            boolean standard = domain.isEmpty() || domain.equals("ai.onnx");
            if (FUSED_ATTENTION_OPS.contains(n.getOpType())
                    && (!standard || n.getOpType().equals("Attention")) && !exposesProbabilities(n)) {
                fused.add(op + " at node \"" + nodeName(n, i) + "\"");
            }
        }
        Map<String, ValueInfoProto> valueInfo = new HashMap<>();
        for (ValueInfoProto v : g.getValueInfoList()) {
            valueInfo.put(v.getName(), v);
        }
        List<Softmax> found = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto n = nodes.get(i);
            if (exposesProbabilities(n)) {
                // opset-23 Attention with qk_matmul_output_mode = 3: output 3 holds [batch, heads, query, key]
                found.add(new Softmax(found.size(), nodeName(n, i), FusedAttention.exposed(n.getOutput(3), consumers), "", 4, -1));
                continue;
            }
            if (!n.getOpType().equals("Softmax") || !(n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx"))) {
                continue;
            }
            String probs = n.getOutput(0);
            String value = valueOperand(probs, consumers);
            if (value != null) {
                int rank = staticRank(valueInfo.get(probs));
                int heads = staticHeads(valueInfo.get(probs));
                found.add(new Softmax(found.size(), nodeName(n, i), probs, value, rank, heads));
            }
        }
        Set<String> initNames = initializers.keySet();
        List<Port> inputs = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) {
            if (!initNames.contains(v.getName())) {
                inputs.add(port(v));
            }
        }
        List<Port> outputs = new ArrayList<>();
        for (ValueInfoProto v : g.getOutputList()) {
            outputs.add(port(v));
        }
        long vocab = -1;
        long positions = -1;
        long offset = 0;
        for (NodeProto n : nodes) {
            if (!n.getOpType().equals("Gather") || n.getInputCount() < 2) {
                continue;
            }
            TensorProto table = initializers.get(n.getInput(0));
            if (table == null || table.getDimsCount() != 2) {
                continue;
            }
            String indices = n.getInput(1);
            NodeProto idxProducer = producers.get(indices);
            if (idxProducer != null && idxProducer.getOpType().equals("Cast")) {
                indices = idxProducer.getInput(0);
                idxProducer = producers.get(indices);
            }
            long added = 0;
            if (idxProducer != null && idxProducer.getOpType().equals("Add") && idxProducer.getInputCount() == 2) {
                // BART-style learned positions: the table is indexed by position + offset (2)
                for (int side = 0; side < 2; side++) {
                    long c = intScalar(initializers.get(idxProducer.getInput(side)), producers.get(idxProducer.getInput(side)));
                    if (c > 0 && c < 16) {
                        added = c;
                        indices = idxProducer.getInput(1 - side);
                    }
                }
            }
            String table0 = table.getName().toLowerCase(Locale.ROOT);
            if (indices.equals("input_ids") && vocab < 0) {
                vocab = table.getDims(0);
            } else if ((indices.equals("position_ids") || table0.contains("position") || table0.contains("wpe"))
                    && positions < 0) {
                positions = table.getDims(0);
                offset = added;
            }
        }
        List<String> inSubgraphs = new ArrayList<>();
        if (found.isEmpty()) {
            for (int i = 0; i < nodes.size(); i++) {
                int c = subgraphSoftmaxes(nodes.get(i));
                if (c > 0) {
                    inSubgraphs.add(nodes.get(i).getOpType() + " node \"" + nodeName(nodes.get(i), i) + "\" (" + c
                            + " Softmax)");
                }
            }
        }
        return new GraphAnalysis(found, fused, inputs, outputs, vocab, positions,
                java.util.Collections.unmodifiableMap(opCounts), external, offset, inSubgraphs, List.of());
    }

    /** Softmax nodes anywhere inside the subgraphs (If branches, Loop/Scan bodies) of {@code n}. */
    private static int subgraphSoftmaxes(NodeProto n) {
        int c = 0;
        for (ai.onnx.proto.OnnxMl.AttributeProto a : n.getAttributeList()) {
            List<GraphProto> subs = new ArrayList<>(a.getGraphsList());
            if (a.hasG()) {
                subs.add(a.getG());
            }
            for (GraphProto sub : subs) {
                for (NodeProto inner : sub.getNodeList()) {
                    c += (inner.getOpType().equals("Softmax") ? 1 : 0) + subgraphSoftmaxes(inner);
                }
            }
        }
        return c;
    }

    /** The value of a scalar (or one-element) integer initializer or Constant node, else -1. */
    private static long intScalar(TensorProto t, NodeProto constant) {
        if (t == null && constant != null && constant.getOpType().equals("Constant")) {
            for (ai.onnx.proto.OnnxMl.AttributeProto a : constant.getAttributeList()) {
                if (a.getName().equals("value") && a.hasT()) {
                    t = a.getT();
                }
            }
        }
        if (t == null || t.getDimsList().stream().mapToLong(Long::longValue).reduce(1, (x, y) -> x * y) != 1) {
            return -1;
        }
        if (t.getDataType() == TensorProto.DataType.INT64_VALUE) {
            return t.getInt64DataCount() > 0 ? t.getInt64Data(0) : t.getRawData().size() == 8
                    ? java.nio.ByteBuffer.wrap(t.getRawData().toByteArray()).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .getLong() : -1;
        }
        if (t.getDataType() == TensorProto.DataType.INT32_VALUE) {
            return t.getInt32DataCount() > 0 ? t.getInt32Data(0) : t.getRawData().size() == 4
                    ? java.nio.ByteBuffer.wrap(t.getRawData().toByteArray()).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .getInt() : -1;
        }
        return -1;
    }

    /** A standard {@code Attention} node whose fourth output carries the post-softmax probabilities. */
    static boolean exposesProbabilities(NodeProto n) {
        if (!n.getOpType().equals("Attention") || !(n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx"))
                || n.getOutputCount() < 4 || n.getOutput(3).isEmpty()) {
            return false;
        }
        ai.onnx.proto.OnnxMl.AttributeProto mode = FusedAttention.attribute(n, "qk_matmul_output_mode");
        return mode != null && mode.getI() == 3;
    }

    /** The tensor multiplied by the probabilities, or null when {@code probs} does not feed a MatMul as its left operand. */
    private static String valueOperand(String probs, Map<String, List<NodeProto>> consumers) {
        ArrayDeque<String> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        queue.add(probs);
        while (!queue.isEmpty()) {
            String t = queue.poll();
            if (!seen.add(t)) {
                continue;
            }
            for (NodeProto c : consumers.getOrDefault(t, List.of())) {
                if (c.getOpType().equals("MatMul") && c.getInputCount() == 2 && c.getInput(0).equals(t)) {
                    return c.getInput(1);
                }
                if (PASS_THROUGH.contains(c.getOpType()) && c.getInput(0).equals(t) && c.getOutputCount() > 0) {
                    queue.add(c.getOutput(0));
                }
                if (isNanGuard(c, t, consumers)) {
                    queue.add(c.getOutput(0));
                }
            }
        }
        return null;
    }

    /**
     * {@code Where(IsNaN(t), 0, t)}: what torch.onnx writes after the Softmax of
     * {@code scaled_dot_product_attention} with a boolean mask (a fully masked row gives NaN; torch returns 0).
     */
    private static boolean isNanGuard(NodeProto c, String t, Map<String, List<NodeProto>> consumers) {
        if (!c.getOpType().equals("Where") || c.getInputCount() != 3 || !c.getInput(2).equals(t)
                || c.getOutputCount() == 0) {
            return false;
        }
        for (NodeProto n : consumers.getOrDefault(t, List.of())) {
            if (n.getOpType().equals("IsNaN") && n.getOutputCount() > 0 && n.getOutput(0).equals(c.getInput(0))) {
                return true;
            }
        }
        return false;
    }

    private static List<NodeProto> topologicalOrder(GraphProto g, Set<String> initializers) {
        List<NodeProto> nodes = g.getNodeList();
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String out : nodes.get(i).getOutputList()) {
                producer.put(out, i);
            }
        }
        int[] indegree = new int[nodes.size()];
        List<List<Integer>> next = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            next.add(new ArrayList<>());
        }
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).getInputList()) {
                Integer p = producer.get(in);
                if (p != null && p != i) {
                    indegree[i]++;
                    next.get(p).add(i);
                }
            }
        }
        // Kahn's algorithm, taking the lowest node index first so a sorted graph keeps its order
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (indegree[i] == 0) {
                ready.add(i);
            }
        }
        List<NodeProto> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(nodes.get(i));
            for (int j : next.get(i)) {
                if (--indegree[j] == 0) {
                    ready.add(j);
                }
            }
        }
        if (order.size() != nodes.size()) {
            throw new IllegalArgumentException("the graph has a cycle among " + (nodes.size() - order.size())
                    + " nodes; an ONNX graph must be acyclic");
        }
        return order;
    }

    private static String nodeName(NodeProto n, int index) {
        return n.getName().isEmpty() ? n.getOpType() + "#" + index : n.getName();
    }

    private static int staticRank(ValueInfoProto v) {
        if (v == null || !v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return -1;
        }
        return v.getType().getTensorType().getShape().getDimCount();
    }

    private static int staticHeads(ValueInfoProto v) {
        if (staticRank(v) != 4) {
            return -1;
        }
        TensorShapeProto.Dimension d = v.getType().getTensorType().getShape().getDim(1);
        return d.hasDimValue() ? (int) d.getDimValue() : -1;
    }

    private static Port port(ValueInfoProto v) {
        List<Long> dims = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String type = "?";
        if (v.getType().hasTensorType()) {
            var tt = v.getType().getTensorType();
            TensorProto.DataType dt = TensorProto.DataType.forNumber(tt.getElemType());
            type = dt == null ? "type" + tt.getElemType() : dt.name().toLowerCase(Locale.ROOT);
            if (tt.hasShape()) {
                for (TensorShapeProto.Dimension d : tt.getShape().getDimList()) {
                    dims.add(d.hasDimValue() ? d.getDimValue() : -1L);
                    names.add(d.hasDimParam() ? d.getDimParam() : d.hasDimValue() ? Long.toString(d.getDimValue()) : "?");
                }
            }
        }
        return new Port(v.getName(), type, dims, names);
    }

    /**
     * A copy of {@code model} whose graph additionally outputs every attention probability tensor and, when
     * {@code values}, the value operand of each attention MatMul. Existing outputs keep their place.
     */
    public ModelProto withAttentionOutputs(ModelProto model, boolean values) {
        GraphProto.Builder g = model.getGraph().toBuilder();
        Set<String> present = new HashSet<>();
        for (ValueInfoProto v : g.getOutputList()) {
            present.add(v.getName());
        }
        for (Softmax s : softmaxes) {
            if (present.add(s.probabilities())) {
                g.addOutput(ValueInfoProto.newBuilder().setName(s.probabilities()));
            }
            if (values && !s.value().isEmpty() && present.add(s.value())) {
                g.addOutput(ValueInfoProto.newBuilder().setName(s.value()));
            }
        }
        return model.toBuilder().setGraph(g).build();
    }

    /**
     * This analysis with {@link #externalData()} replaced: for a model whose weights were moved to external
     * data by {@link ModelCache}, so the analysis still describes the source file.
     */
    public GraphAnalysis withExternalData(boolean external) {
        return external == externalData ? this
                : new GraphAnalysis(softmaxes, fusedOps, inputs, outputs, vocabularyRows, positionRows, opCounts,
                        external, positionOffset, subgraphAttention, rewrites);
    }

    /**
     * This analysis of a rewritten model ({@link GraphRewrites}) with the rewrites' notes and the source model's
     * declared inputs and outputs (the rewritten graph may drop inputs it no longer reads).
     */
    public GraphAnalysis withRewrites(List<String> notes) {
        return new GraphAnalysis(softmaxes, fusedOps, inputs, outputs, vocabularyRows, positionRows, opCounts,
                externalData, positionOffset, subgraphAttention, notes);
    }

    /**
     * Writes this analysis in a compact binary form that {@link #readFrom} reads back equal (the
     * {@link ModelCache} keeps it next to the split model, so a cached open parses no protobuf).
     *
     * @throws IOException when writing fails or a name is longer than 65,535 UTF-8 bytes
     */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(softmaxes.size());
        for (Softmax s : softmaxes) {
            out.writeInt(s.layer());
            out.writeUTF(s.nodeName());
            out.writeUTF(s.probabilities());
            out.writeUTF(s.value());
            out.writeInt(s.staticRank());
            out.writeInt(s.staticHeads());
        }
        writeStrings(out, fusedOps);
        writePorts(out, inputs);
        writePorts(out, outputs);
        out.writeLong(vocabularyRows);
        out.writeLong(positionRows);
        out.writeInt(opCounts.size());
        for (Map.Entry<String, Integer> e : opCounts.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue());
        }
        out.writeBoolean(externalData);
        out.writeLong(positionOffset);
        writeStrings(out, subgraphAttention);
        writeStrings(out, rewrites);
    }

    /**
     * Reads an analysis written by {@link #writeTo}.
     *
     * @throws IOException when the data is truncated or malformed
     */
    public static GraphAnalysis readFrom(DataInput in) throws IOException {
        int n = count(in);
        List<Softmax> softmaxes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            softmaxes.add(new Softmax(in.readInt(), in.readUTF(), in.readUTF(), in.readUTF(), in.readInt(),
                    in.readInt()));
        }
        List<String> fused = readStrings(in);
        List<Port> inputs = readPorts(in);
        List<Port> outputs = readPorts(in);
        long vocab = in.readLong();
        long positions = in.readLong();
        int ops = count(in);
        Map<String, Integer> opCounts = new TreeMap<>();
        for (int i = 0; i < ops; i++) {
            opCounts.put(in.readUTF(), in.readInt());
        }
        boolean external = in.readBoolean();
        long offset = in.readLong();
        List<String> sub = readStrings(in);
        List<String> rewrites = readStrings(in);
        return new GraphAnalysis(softmaxes, fused, inputs, outputs, vocab, positions,
                java.util.Collections.unmodifiableMap(opCounts), external, offset, sub, rewrites);
    }

    private static int count(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 24) {
            throw new IOException("count " + n + " is outside [0, " + (1 << 24) + "]");
        }
        return n;
    }

    private static void writeStrings(DataOutput out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            out.writeUTF(s);
        }
    }

    private static List<String> readStrings(DataInput in) throws IOException {
        int n = count(in);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }

    private static void writePorts(DataOutput out, List<Port> ports) throws IOException {
        out.writeInt(ports.size());
        for (Port p : ports) {
            out.writeUTF(p.name());
            out.writeUTF(p.elementType());
            out.writeInt(p.dims().size());
            for (long d : p.dims()) {
                out.writeLong(d);
            }
            writeStrings(out, p.dimNames());
        }
    }

    private static List<Port> readPorts(DataInput in) throws IOException {
        int n = count(in);
        List<Port> ports = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            String type = in.readUTF();
            int rank = count(in);
            List<Long> dims = new ArrayList<>(rank);
            for (int d = 0; d < rank; d++) {
                dims.add(in.readLong());
            }
            ports.add(new Port(name, type, List.copyOf(dims), List.copyOf(readStrings(in))));
        }
        return ports;
    }

    /** Attention Softmax nodes in topological (layer) order. */
    public List<Softmax> softmaxes() {
        return softmaxes;
    }

    /** Fused attention ops found, as {@code "com.microsoft.Attention at node \"Attention_0\""}. */
    public List<String> fusedOps() {
        return fusedOps;
    }

    /** Graph inputs that are not initializers, in graph order. */
    public List<Port> inputs() {
        return inputs;
    }

    /** Graph outputs of the unmodified model, in graph order. */
    public List<Port> outputs() {
        return outputs;
    }

    /** Rows of the word-embedding table gathered by {@code input_ids}, or -1 when not found. */
    public long vocabularyRows() {
        return vocabularyRows;
    }

    /** Rows of the position-embedding table, or -1 when not found. */
    public long positionRows() {
        return positionRows;
    }

    /** Offset added to positions before the table lookup (2 for BART-style learned positions), else 0. */
    public long positionOffset() {
        return positionOffset;
    }

    /** Positions the model can take: table rows minus the offset, or -1 when there is no position table. */
    public long positionLimit() {
        return positionRows > 0 ? positionRows - positionOffset : -1;
    }

    /** Where Softmax nodes sit in subgraphs that cannot be exposed (only filled when none is top-level). */
    public List<String> subgraphAttention() {
        return subgraphAttention;
    }

    /** The rewrites applied before the analysis ({@link GraphRewrites}), one sentence each. */
    public List<String> rewrites() {
        return rewrites;
    }

    /** Count of every op ({@code domain.op} outside the default domain), sorted by name. */
    public Map<String, Integer> opCounts() {
        return opCounts;
    }

    /** Whether some initializer keeps its data in an external file. */
    public boolean externalData() {
        return externalData;
    }

    /** Short summary of op counts for error messages, e.g. {@code "Gemm×2, Relu×1"}. */
    public String opSummary() {
        Map<String, Integer> m = new LinkedHashMap<>(opCounts);
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('×').append(v));
        return sb.toString();
    }
}
