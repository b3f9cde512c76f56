package org.attnplanes.app.cli;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import org.attnplanes.app.testutil.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code attnplanes inspect} in-process. */
class InspectCommandTest {

    @TempDir
    Path dir;

    @Test
    void inspect_defaultModel_lists6Rank4AttentionTensors() {
        Cli.Result r = Cli.inProcess("inspect", "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("model: all-minilm-l6-v2.onnx"), r.out());
        assertTrue(r.out().contains("attention tensors: 6"), r.out());
        assertTrue(r.out().contains("  layer 5: node \"/encoder/layer.5/attention/self/Softmax\""), r.out());
        assertTrue(r.out().contains("layout [batch, heads, query, key], 12 heads"), r.out());
        assertTrue(r.out().contains("fused attention ops: none"), r.out());
        assertTrue(r.out().contains("capturable: yes (6 layers × 12 heads, at most 512 tokens)"), r.out());
    }

    @Test
    void inspect_groupQueryAttentionModel_describesItAndSaysWhyItCannotBeCaptured() throws Exception {
        Path p = dir.resolve("fused.onnx");
        Files.write(p, fusedModel("GroupQueryAttention").toByteArray());
        Cli.Result r = Cli.inProcess("inspect", "--model", p.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("model: fused.onnx"), r.out());
        assertTrue(r.out().contains("  input_ids int64[batch, sequence]"), r.out());
        assertTrue(r.out().contains("attention tensors: 0"), r.out());
        assertTrue(r.out().contains("fused attention ops: com.microsoft.GroupQueryAttention at node \"Attention_0\""),
                r.out());
        assertTrue(r.out().contains("capturable: no — no attention Softmax found in fused.onnx; found fused op "
                + "com.microsoft.GroupQueryAttention at node \"Attention_0\", which cannot be rewritten"), r.out());
    }

    @Test
    void inspect_contribAttentionModel_isRewrittenAndCapturable() throws Exception {
        Path p = dir.resolve("fused.onnx");
        Files.write(p, fusedModel("Attention").toByteArray());
        Cli.Result r = Cli.inProcess("inspect", "--model", p.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("family: encoder (bidirectional attention); fused attention rewritten into "
                + "primitive ops"), r.out());
        assertTrue(r.out().contains("rewrite: fused attention made visible: com.microsoft.Attention at node "
                + "\"Attention_0\""), r.out());
        assertTrue(r.out().contains("  input_ids ← the token ids"), r.out());
        assertTrue(r.out().contains("position limit: no limit (none known"), r.out());
        assertTrue(r.out().contains("capturable: yes (1 layers × 2 heads, no token limit known)"), r.out());
    }

    @Test
    void inspect_tokenizerWithoutModel_exits2() {
        Cli.Result r = Cli.inProcess("inspect", "--tokenizer", "t.json");
        assertEquals(2, r.exitCode());
        assertEquals("attnplanes inspect: --tokenizer t.json needs --model; the embedded model brings its own "
                + "tokenizer.", r.err().strip());
    }

    /** A graph whose only attention is one fused com.microsoft node of type {@code op}. */
    private static ModelProto fusedModel(String op) {
        TensorProto weight = TensorProto.newBuilder().setName("qkv").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(4).addDims(12).addAllFloatData(java.util.Collections.nCopies(48, 0.1f)).build();
        TensorProto emb = TensorProto.newBuilder().setName("emb").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(10).addDims(4).addAllFloatData(java.util.Collections.nCopies(40, 0.2f)).build();
        TensorProto bias = TensorProto.newBuilder().setName("qkv_bias").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(12).addAllFloatData(java.util.Collections.nCopies(12, 0.05f)).build();
        GraphProto g = GraphProto.newBuilder().setName("fused")
                .addInitializer(weight).addInitializer(emb).addInitializer(bias)
                .addInput(tensor("input_ids", TensorProto.DataType.INT64, "batch", "sequence"))
                .addNode(NodeProto.newBuilder().setOpType("Gather").setName("embed").addInput("emb")
                        .addInput("input_ids").addOutput("x"))
                .addNode(NodeProto.newBuilder().setOpType(op).setDomain("com.microsoft")
                        .setName("Attention_0").addInput("x").addInput("qkv").addInput("qkv_bias").addOutput("y")
                        .addAttribute(AttributeProto.newBuilder().setName("num_heads").setI(2)
                                .setType(AttributeProto.AttributeType.INT)))
                .addOutput(tensor("y", TensorProto.DataType.FLOAT, "batch", "sequence", "4"))
                .build();
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.microsoft").setVersion(1))
                .setGraph(g).build();
    }

    private static ValueInfoProto tensor(String name, TensorProto.DataType type, String... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (String d : dims) {
            shape.addDim(d.chars().allMatch(Character::isDigit)
                    ? TensorShapeProto.Dimension.newBuilder().setDimValue(Long.parseLong(d))
                    : TensorShapeProto.Dimension.newBuilder().setDimParam(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    @Test
    void inspect_notOnnx_exits2WithOneSentence() throws Exception {
        Path p = Files.writeString(dir.resolve("notes.onnx"), "just some text, not a model");
        Cli.Result r = Cli.inProcess("inspect", "--model", p.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("attnplanes inspect: model file " + p + " is not a valid ONNX model"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
