package org.attnplanes.testmodels;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: builds one ONNX graph (main graph or an {@code If} branch) node by node with
 * {@code ai.onnx.proto.OnnxMl}. Every node gets a unique name and one output named after it (prefixed, so two
 * branches built with different prefixes never share a name). The one graph builder of the generators
 * ({@link TinyOnnx}, {@link DecoderOnnx}, the encoder–decoder and ViT generators build on it). model-io's
 * {@code FusedAttention} emits nodes with its own few lines instead: it is main code, and this module cannot be a
 * dependency of model-io's main code (test scope only) nor depend on model-io (whose tests depend on it: a reactor
 * cycle).
 */
public final class OnnxBuilder {

    public final List<NodeProto> nodes = new ArrayList<>();
    public final Map<String, TensorProto> initializers = new LinkedHashMap<>();
    public final List<ValueInfoProto> inputs = new ArrayList<>();
    public final List<ValueInfoProto> outputs = new ArrayList<>();
    private final String prefix;
    private int counter;

    public OnnxBuilder(String prefix) {
        this.prefix = prefix;
    }

    /** One node with one output; returns the output name. */
    public String node(String op, List<String> in, AttributeProto... attributes) {
        return nodeN(op, "", in, 1, attributes).get(0);
    }

    public String node(String op, String... in) {
        return node(op, List.of(in));
    }

    /** A node named {@code name} (prefixed) with one output. */
    public String named(String op, String name, List<String> in, AttributeProto... attributes) {
        String full = prefix + name;
        String out = full + "_output_" + (counter++);
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(full).addAllInput(in).addOutput(out);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        nodes.add(n.build());
        return out;
    }

    /** A node in {@code domain} with {@code count} outputs. */
    public List<String> nodeN(String op, String domain, List<String> in, int count, AttributeProto... attributes) {
        String name = prefix + op + "_" + (counter++);
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).setDomain(domain).addAllInput(in);
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            outs.add(name + "_output_" + i);
        }
        n.addAllOutput(outs);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        nodes.add(n.build());
        return outs;
    }

    /** Identity from {@code from} to the fixed name {@code to} (for graph outputs). */
    public void rename(String from, String to) {
        nodes.add(NodeProto.newBuilder().setOpType("Identity").setName(prefix + "out_" + to).addInput(from)
                .addOutput(to).build());
    }

    public static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }

    public static AttributeProto attrs(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    public static AttributeProto attr(String name, GraphProto g) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.GRAPH).setG(g).build();
    }

    public String floats(String name, float[] data, long... dims) {
        ByteBuffer bb = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            bb.putFloat(f);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bb.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        initializers.put(name, t.build());
        return name;
    }

    public String scalar(String name, float value) {
        return floats(prefix + name, new float[] {value});
    }

    /** A 1-D int64 constant (prefixed name). */
    public String longs(String name, long... data) {
        String full = prefix + name;
        TensorProto.Builder t = TensorProto.newBuilder().setName(full).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(data.length);
        for (long v : data) {
            t.addInt64Data(v);
        }
        initializers.put(full, t.build());
        return full;
    }

    /** An int64 scalar constant (prefixed name). */
    public String longScalar(String name, long value) {
        String full = prefix + name;
        initializers.put(full, TensorProto.newBuilder().setName(full).setDataType(TensorProto.DataType.INT64_VALUE)
                .addInt64Data(value).build());
        return full;
    }

    public void input(String name, TensorProto.DataType type, String... dims) {
        inputs.add(valueInfo(name, type, dims));
    }

    public void output(String name, TensorProto.DataType type, String... dims) {
        outputs.add(valueInfo(name, type, dims));
    }

    public static ValueInfoProto valueInfo(String name, TensorProto.DataType type, String... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (String d : dims) {
            if (d.chars().allMatch(Character::isDigit)) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(Long.parseLong(d)));
            } else {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(d));
            }
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    /** This builder's nodes, initializers, inputs and outputs as a graph. */
    public GraphProto graph(String name) {
        return GraphProto.newBuilder().setName(name).addAllNode(nodes).addAllInitializer(initializers.values())
                .addAllInput(inputs).addAllOutput(outputs).build();
    }

    /** A model around {@code graph} importing the default domain at {@code opset} (and com.microsoft if asked). */
    public static ModelProto model(GraphProto graph, int opset, boolean microsoft) {
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(opset >= 21 ? 10 : 8)
                .setProducerName("attnplanes-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
        if (microsoft) {
            m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.microsoft").setVersion(1));
        }
        return m.setGraph(graph).build();
    }
}
