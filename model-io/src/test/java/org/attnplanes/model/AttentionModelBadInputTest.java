package org.attnplanes.model;

import org.attnplanes.testmodels.TinyOnnx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad models, bad tokenizers and bad inputs fail with messages that name the problem. */
class AttentionModelBadInputTest {

    @TempDir
    Path dir;

    private ModelException openFails(Path p) {
        return assertThrows(ModelException.class, () -> AttentionModel.open(p).close());
    }

    @Test
    void open_missingFile_namesThePath() {
        Path p = dir.resolve("nope.onnx");
        assertEquals("model file " + p + " does not exist", openFails(p).getMessage());
    }

    @Test
    void open_directory_saysItIsADirectory() {
        assertEquals("model path " + dir + " is a directory; expected an .onnx file", openFails(dir).getMessage());
    }

    @Test
    void open_emptyFile_saysItIsEmpty() throws Exception {
        Path p = Files.createFile(dir.resolve("empty.onnx"));
        assertEquals("model file " + p + " is empty (0 bytes); expected an ONNX model", openFails(p).getMessage());
    }

    @Test
    void open_randomBytes_saysNotAnOnnxModel() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            byte[] junk = new byte[1000];
            new Random(seed).nextBytes(junk);
            Path p = Files.write(dir.resolve("junk" + seed + ".onnx"), junk);
            String m = openFails(p).getMessage();
            assertTrue(m.startsWith("model file " + p + " is not a valid ONNX model ("), "seed " + seed + ": " + m);
        }
    }

    @Test
    void open_truncatedModel_saysDamagedOrTruncated() throws Exception {
        byte[] full = TinyOnnx.encoder(new TinyOnnx.Weights(1), TinyOnnx.Layout.RANK4, false).toByteArray();
        Path p = Files.write(dir.resolve("cut.onnx"), Arrays.copyOf(full, full.length / 2));
        String m = openFails(p).getMessage();
        assertEquals("model file " + p + " is not a valid ONNX model (damaged or truncated protobuf)", m);
    }

    @Test
    void open_mlpWithoutAttention_saysNoAttentionSoftmaxAndListsOps() throws Exception {
        Path p = Files.write(dir.resolve("mlp.onnx"), TinyOnnx.mlp(5).toByteArray());
        assertEquals("no attention Softmax found in mlp.onnx: no Softmax feeds a MatMul with a value tensor "
                + "(ops: Gemm×2, Identity×1, Relu×1, Softmax×1); capture needs a transformer that computes "
                + "attention explicitly", openFails(p).getMessage());
    }

    @Test
    void open_fusedAttention_namesOpNodeAndFix() throws Exception {
        // a GroupQueryAttention node (rotary and KV-head mapping inside the kernel) cannot be rewritten
        ai.onnx.proto.OnnxMl.ModelProto m = TinyOnnx.fusedAttention();
        ai.onnx.proto.OnnxMl.GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOpType().equals("Attention")) {
                g.setNode(i, g.getNode(i).toBuilder().setOpType("GroupQueryAttention"));
            }
        }
        Path p = Files.write(dir.resolve("fused.onnx"), m.toBuilder().setGraph(g).build().toByteArray());
        assertEquals("no attention Softmax found in fused.onnx; found fused op com.microsoft.GroupQueryAttention at "
                + "node \"Attention_0\", which cannot be rewritten (rotary embedding and the KV-head mapping run inside"
                + " the kernel, e.g. from convert_to_onnx --use_gqa or onnxruntime-genai): export the model without "
                + "fused attention (eager/unfused attention, e.g. "
                + "attn_implementation=\"eager\") and without ONNX Runtime transformer optimizations",
                openFails(p).getMessage());
        ModelDescription d = AttentionModel.inspect(p, null);
        assertEquals(1, d.fusedOps().size());
        assertTrue(d.attention().isEmpty());
        assertTrue(!d.capturable());
    }

    @Test
    void open_tokenizerLargerThanEmbeddingTable_failsAtOpen() throws Exception {
        Path p = Files.write(dir.resolve("tiny.onnx"),
                TinyOnnx.encoder(new TinyOnnx.Weights(1), TinyOnnx.Layout.RANK4, false).toByteArray());
        Files.copy(DefaultModel.tokenizer(), dir.resolve("tiny-tokenizer.json"));
        assertEquals("tokenizer tiny-tokenizer.json has 30522 token ids but the embedding table of tiny.onnx has "
                + "only 16 rows; use the tokenizer.json that belongs to this model", openFails(p).getMessage());
    }

    @Test
    void open_plainTokenizerJsonNextToModel_isFoundAndChecked() throws Exception {
        Path p = Files.write(dir.resolve("other.onnx"),
                TinyOnnx.encoder(new TinyOnnx.Weights(2), TinyOnnx.Layout.RANK3, false).toByteArray());
        Files.copy(DefaultModel.tokenizer(), dir.resolve("tokenizer.json"));
        assertEquals("tokenizer tokenizer.json has 30522 token ids but the embedding table of other.onnx has "
                + "only 16 rows; use the tokenizer.json that belongs to this model", openFails(p).getMessage());
    }

    @Test
    void open_unknownRequiredInput_listsTheModelsInputs() throws Exception {
        Path p = Files.write(dir.resolve("extra.onnx"),
                TinyOnnx.encoder(new TinyOnnx.Weights(1), TinyOnnx.Layout.RANK4, true).toByteArray());
        String m = openFails(p).getMessage();
        assertTrue(m.startsWith("extra.onnx has inputs [input_ids, attention_mask, position_ids, pixel_values] but "
                + "model-io can feed only input_ids, attention_mask, token_type_ids, position_ids, cache_position, empty "
                + "key/value caches"), m);
        assertTrue(m.endsWith("cannot feed [pixel_values]"), m);
    }

    @Test
    void capture_tokenIdsOutOfRangeOrTooMany_failNamingTheValue() throws Exception {
        Path p = Files.write(dir.resolve("tiny.onnx"),
                TinyOnnx.encoder(new TinyOnnx.Weights(1), TinyOnnx.Layout.RANK4, false).toByteArray());
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.capture(new int[] {1, 2, 16}));
            assertEquals("tokenIds[2] = 16 is outside [0, 15]", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> m.capture(new int[13]));
            assertEquals("tokenIds has 13 ids but at most 12 are allowed (position table of tiny.onnx)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> m.capture(new int[0]));
            assertEquals("tokenIds is empty; give at least one token id", e.getMessage());
            IllegalStateException s = assertThrows(IllegalStateException.class, () -> m.capture("hello"));
            assertEquals("no tokenizer for tiny.onnx: put tokenizer.json next to the model or give one "
                    + "(--tokenizer), or capture token ids", s.getMessage());
        }
    }

    @Test
    void options_badValues_failNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CaptureOptions.builder().threads(-1));
        assertEquals("threads = -1 must be in [0, 1024] (0 = ONNX Runtime's default)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CaptureOptions.builder().maxTokens(1));
        assertEquals("maxTokens = 1 must be 0 (the model's limit) or >= 2", e.getMessage());
    }
}
