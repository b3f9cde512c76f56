package org.attnplanes.model;

import org.attnplanes.testmodels.TinyOnnx;
import org.attnplanes.testmodels.DecoderOnnx;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What inspect reports for each family, and the true position limit (offset tables, rotary + tokenizer config). */
class DecoderDescriptionTest {

    @TempDir
    Path dir;

    private Path write(DecoderOnnx.Family f, DecoderOnnx.Cache c, DecoderOnnx.Attn a, String name) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, DecoderOnnx.decoder(f, c, a, 5).model().toByteArray());
        return p;
    }

    @Test
    void optStylePositions_limitIsTableRowsLessOffset_andReported() throws Exception {
        Path p = write(DecoderOnnx.Family.OPT, DecoderOnnx.Cache.PAST, DecoderOnnx.Attn.PRIMITIVE, "opt.onnx");
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).build())) {
            assertEquals(DecoderOnnx.GPT2_POSITIONS, m.maxTokens());
            assertEquals(DecoderOnnx.GPT2_POSITIONS, m.capture(new int[DecoderOnnx.GPT2_POSITIONS]).tokenCount());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.capture(new int[DecoderOnnx.GPT2_POSITIONS + 1]));
            assertEquals("tokenIds has 65 ids but at most 64 are allowed (position table of opt.onnx, offset 2)",
                    e.getMessage());
            ModelDescription d = m.describe();
            assertEquals("causal decoder", d.family());
            assertEquals(OptionalInt.of(DecoderOnnx.HEADS), d.kvHeads());
            assertEquals("64 tokens (learned position table of 66 rows, offset 2)", d.positionLimit());
            assertTrue(d.feeds().contains("past_key_values.1.value ← empty (past length 0) [batch, 4, 0, 8]"),
                    d.feeds().toString());
            assertTrue(d.feeds().contains("attention_mask ← 1 for every token, 0 for padding (past length 0)"));
            String report = d.report();
            assertTrue(report.contains("capture exposes: 2 attention tensors and the outputs [logits]; key/value "
                    + "cache outputs (4) are never copied out"), report);
            assertTrue(report.contains("key/value heads: 4\n"), report);
        }
    }

    @Test
    void rotaryDecoder_limitFromTokenizerConfig_orMaxTokens_orNone() throws Exception {
        Path p = write(DecoderOnnx.Family.LLAMA, DecoderOnnx.Cache.PAST, DecoderOnnx.Attn.PRIMITIVE, "llama.onnx");
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).build())) {
            assertEquals(Integer.MAX_VALUE, m.maxTokens());
            assertTrue(m.describe().positionLimit().startsWith("no limit (none known"), m.describe().positionLimit());
            assertEquals(OptionalInt.of(DecoderOnnx.LLAMA_KV_HEADS), m.describe().kvHeads());
        }
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).maxTokens(16).build())) {
            assertEquals(16, m.maxTokens());
            assertEquals("16 tokens (--max-tokens)", m.describe().positionLimit());
        }
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 32, \"bos_token\": \"<s>\"}");
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).build())) {
            assertEquals(32, m.maxTokens());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.capture(new int[33]));
            assertTrue(e.getMessage().endsWith("(model_max_length 32 of " + dir.getFileName()
                    + "/tokenizer_config.json)"), e.getMessage());
        }
        // transformers' "no limit" sentinel int(1e30) is no limit
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 1000000000000000019884624838656}");
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).build())) {
            assertEquals(Integer.MAX_VALUE, m.maxTokens());
        }
    }

    @Test
    void mergedAndFusedDecoders_familyNamesTheRewrite_staticInspectToo() throws Exception {
        Path merged = write(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.MERGED, DecoderOnnx.Attn.PRIMITIVE, "merged.onnx");
        try (AttentionModel m = AttentionModel.open(merged, CaptureOptions.builder().threads(1).build())) {
            ModelDescription d = m.describe();
            assertEquals("causal decoder; merged decoder, no-cache branch lifted", d.family());
            assertTrue(d.rewrites().get(0).startsWith("merged decoder: the no-cache branch (else_branch of If "
                    + "\"optimum::if\", use_cache_branch = false) was lifted"), d.rewrites().toString());
            assertEquals(OptionalInt.of(DecoderOnnx.HEADS), d.kvHeads());
        }
        ModelDescription s = AttentionModel.inspect(merged, null);
        assertEquals("causal decoder (key/value cache); merged decoder, no-cache branch lifted", s.family());
        assertEquals(DecoderOnnx.LAYERS, s.attention().size());
        Path fused = write(DecoderOnnx.Family.GPT2, DecoderOnnx.Cache.NONE, DecoderOnnx.Attn.MS_ATTENTION, "fused.onnx");
        try (AttentionModel m = AttentionModel.open(fused, CaptureOptions.builder().threads(1).build())) {
            assertEquals("causal decoder; fused attention rewritten into primitive ops", m.describe().family());
            assertTrue(m.describe().report().contains("key/value heads: none declared (no key/value cache inputs; "
                    + "capture sees the query heads)\n"), m.describe().report());
        }
    }

    @Test
    void encoder_isBidirectional_andTracesSayNotCausal() throws Exception {
        Path p = dir.resolve("encoder.onnx");
        Files.write(p, TinyOnnx.encoder(new TinyOnnx.Weights(2), TinyOnnx.Layout.RANK4, false).toByteArray());
        try (AttentionModel m = AttentionModel.open(p, CaptureOptions.builder().threads(1).build())) {
            assertEquals("encoder (bidirectional attention)", m.describe().family());
            assertFalse(m.capture(new int[] {1, 2, 3}).causal());
            assertEquals("false", m.capture(new int[] {1, 2, 3}).provenance().settings().get("causal"));
        }
    }
}
