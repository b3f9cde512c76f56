package org.attnplanes.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.NamedTensor;
import org.attnplanes.graph.Token;
import org.junit.jupiter.api.Test;

import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AttentionModel on the real all-MiniLM-L6-v2 from Maven Central. */
class AttentionModelMiniLmTest extends MiniLmTestBase {

    private static final String TEXT = "The quick brown fox jumps over the lazy dog, unbelievably.";

    @Test
    void capture_miniLm_has6LayersOf12HeadsOverAllTokens() {
        AttentionTrace t = model.capture(TEXT);
        assertEquals(6, t.layers());
        assertEquals(12, t.heads());
        assertEquals(model.tokenize(TEXT).size(), t.tokenCount());
        assertTrue(t.outputs().containsKey("last_hidden_state"), t.outputs().keySet().toString());
        assertArrayEquals(new long[] {1, t.tokenCount(), 384}, t.outputs().get("last_hidden_state").shape());
    }

    @Test
    void capture_miniLm_everyRowSumsToOne() {
        AttentionTrace t = model.capture(TEXT);
        for (int l = 0; l < t.layers(); l++) {
            for (int h = 0; h < t.heads(); h++) {
                for (int i = 0; i < t.tokenCount(); i++) {
                    double s = t.attention(l, h).rowSum(i);
                    assertEquals(1.0, s, 1e-4, "layer " + l + " head " + h + " row " + i);
                }
            }
        }
    }

    @Test
    void capture_batchWithPadding_paddingKeysGetNoMassAndEqualsSingleCaptures() {
        List<String> texts = List.of("Short one.", TEXT, "A middle sized sentence here.");
        List<AttentionTrace> batch = model.capture(texts);
        assertEquals(3, batch.size());
        for (int s = 0; s < texts.size(); s++) {
            AttentionTrace single = model.capture(texts.get(s));
            AttentionTrace b = batch.get(s);
            assertEquals(single.tokens(), b.tokens());
            assertEquals(texts.get(s), b.text());
            float[] x = single.toArray();
            float[] y = b.toArray();
            assertEquals(x.length, y.length);
            double maxDiff = 0;
            for (int i = 0; i < x.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(x[i] - y[i]));
            }
            assertTrue(maxDiff <= 1e-5, "sample " + s + ": max |batch - single| = " + maxDiff);
            // rows over the sample's own keys still sum to 1: the padding keys got (almost) nothing
            for (int l = 0; l < b.layers(); l++) {
                for (int h = 0; h < b.heads(); h++) {
                    for (int i = 0; i < b.tokenCount(); i++) {
                        assertEquals(1.0, b.attention(l, h).rowSum(i), 1e-4,
                                "sample " + s + " layer " + l + " head " + h + " row " + i);
                    }
                }
            }
            float[] hx = single.outputs().get("last_hidden_state").data();
            float[] hy = b.outputs().get("last_hidden_state").data();
            assertEquals(hx.length, hy.length, "sample " + s);
            for (int i = 0; i < hx.length; i++) {
                assertEquals(hx[i], hy[i], 1e-4, "sample " + s + " hidden " + i);
            }
        }
    }

    @Test
    void run_modifiedModel_equalsUnmodifiedModelOnSameInput() throws Exception {
        Map<String, NamedTensor> outputs = model.run(TEXT);
        assertEquals(List.of("last_hidden_state"), List.copyOf(outputs.keySet()));
        AttentionTrace trace = model.capture(TEXT);
        float[] captured = trace.outputs().get("last_hidden_state").data();
        float[] ran = outputs.get("last_hidden_state").data();
        float[] plain;
        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.builder().optTokenizerPath(DefaultModel.tokenizer())
                .optTruncation(false).optPadding(false).build()) {
            Encoding e = tok.encode(TEXT);
            plain = runUnmodified(e.getIds());
            List<String> expectedTokens = Arrays.asList(e.getTokens());
            List<String> got = new ArrayList<>();
            for (Token t : trace.tokens()) {
                got.add(t.text());
            }
            assertEquals(expectedTokens, got);
        }
        assertEquals(plain.length, captured.length);
        double maxCapture = 0;
        double maxRun = 0;
        for (int i = 0; i < plain.length; i++) {
            maxCapture = Math.max(maxCapture, Math.abs(plain[i] - captured[i]));
            maxRun = Math.max(maxRun, Math.abs(plain[i] - ran[i]));
        }
        assertTrue(maxCapture <= 1e-6, "capture: max |Δ last_hidden_state| = " + maxCapture);
        assertTrue(maxRun <= 1e-6, "run: max |Δ last_hidden_state| = " + maxRun);
    }

    static float[] runUnmodified(long[] ids) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(DefaultModel.model().toString(), o)) {
                long[] shape = {1, ids.length};
                long[] mask = new long[ids.length];
                Arrays.fill(mask, 1);
                try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                     OnnxTensor b = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
                     OnnxTensor c = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape);
                     OrtSession.Result r = s.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
                    var fb = ((OnnxTensor) r.get("last_hidden_state").orElseThrow()).getFloatBuffer();
                    float[] out = new float[fb.remaining()];
                    fb.get(out);
                    return out;
                }
            }
        }
    }

    @Test
    void capture_tokens_haveSpansSpecialFlagsAndWordIndices() {
        String text = "Héllo unbelievably wörld";
        List<Token> tokens = model.capture(text).tokens();
        assertEquals("[CLS]", tokens.get(0).text());
        assertTrue(tokens.get(0).special());
        assertTrue(tokens.get(tokens.size() - 1).special());
        int previous = -1;
        for (Token t : tokens) {
            assertTrue(t.wordIndex() >= previous, tokens.toString());
            previous = t.wordIndex();
            if (!t.special()) {
                String piece = text.substring(t.start(), t.end()).toLowerCase();
                String expected = t.text().startsWith("##") ? t.text().substring(2) : t.text();
                // the BERT normalizer strips accents: compare without them
                String plainPiece = java.text.Normalizer.normalize(piece, java.text.Normalizer.Form.NFD)
                        .replaceAll("\\p{M}", "");
                assertEquals(expected, plainPiece, "token " + t);
            }
        }
        // "unbelievably" is several word pieces sharing one word index
        long pieces = tokens.stream().filter(t -> t.start() >= 6 && t.end() <= 18).count();
        assertTrue(pieces >= 2, tokens.toString());
        assertEquals(1, tokens.stream().filter(t -> t.start() >= 6 && t.end() <= 18)
                .mapToInt(Token::wordIndex).distinct().count(), tokens.toString());
    }

    @Test
    void tokenize_textOutsideTheBasicPlane_offsetsIndexTheJavaString() {
        String text = "I \uD83D\uDE00 love \uD835\uDCB3 cats";   // an emoji and a math letter: two UTF-16 units each
        List<Token> tokens = model.tokenize(text);
        List<String> pieces = new ArrayList<>();
        for (Token t : tokens) {
            pieces.add(t.hasSpan() ? text.substring(t.start(), t.end()) : t.text());
        }
        assertEquals(List.of("[CLS]", "I", "\uD83D\uDE00", "love", "\uD835\uDCB3", "cats", "[SEP]"), pieces);
    }

    @Test
    void capture_tokenIds_equalsTextCapture() {
        AttentionTrace fromText = model.capture(TEXT);
        long[] ids;
        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.builder().optTokenizerPath(DefaultModel.tokenizer())
                .build()) {
            ids = tok.encode(TEXT).getIds();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        int[] ints = Arrays.stream(ids).mapToInt(Math::toIntExact).toArray();
        AttentionTrace fromIds = model.capture(ints);
        assertArrayEquals(fromText.toArray(), fromIds.toArray(), 1e-6f);
        assertEquals("", fromIds.text());
        assertEquals("[CLS]", fromIds.tokens().get(0).text());
        assertTrue(fromIds.tokens().get(0).special());
    }

    @Test
    void capture_provenance_namesModelTokenizerAndInputHash() throws Exception {
        AttentionTrace t = model.capture(TEXT);
        assertEquals(DefaultModel.MODEL_FILE, t.provenance().modelFile());
        assertEquals(DefaultModel.MODEL_SHA256, t.provenance().modelSha256());
        assertEquals(DefaultModel.TOKENIZER_FILE, t.provenance().tokenizer());
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(java.util.HexFormat.of().formatHex(digest), t.provenance().inputSha256());
        assertFalse(t.provenance().toolVersion().isEmpty());
    }

    @Test
    void describe_miniLm_lists6Rank4AttentionTensorsWith12Heads() {
        ModelDescription d = model.describe();
        assertEquals(6, d.attention().size());
        for (AttentionTensor a : d.attention()) {
            assertEquals(4, a.rank(), a.toString());
            assertEquals(12, a.heads().orElseThrow(), a.toString());
        }
        assertTrue(d.attention().get(0).node().contains("layer.0"), d.attention().get(0).node());
        assertTrue(d.attention().get(5).node().contains("layer.5"), d.attention().get(5).node());
        assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"),
                d.inputs().stream().map(TensorSpec::name).toList());
        assertEquals(30522, d.vocabularySize().orElseThrow());
        assertEquals(512, d.maxPositions().orElseThrow());
        assertTrue(d.fusedOps().isEmpty());
        assertTrue(d.report().contains("layer 5"), d.report());
    }

    @Test
    void capture_overLongText_failsNamingTheLimit() {
        String text = "word ".repeat(600);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.capture(text));
        assertEquals("text has 602 tokens but at most 512 are allowed (position table of all-minilm-l6-v2.onnx); "
                + "shorten the text or enable truncation (--truncate)", e.getMessage());
    }

    @Test
    void capture_emptyText_failsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.capture(""));
        assertEquals("text is empty; give at least one word to capture", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.capture("  \n"));
        assertEquals("text is empty (only whitespace); give at least one word to capture", e.getMessage());
    }

    @Test
    void capture_truncationRequested_keepsMaxTokensWithSpecialTokensAtBothEnds() {
        try (AttentionModel m = AttentionModel.openDefault(CaptureOptions.builder().maxTokens(16).truncate(true)
                .threads(1).build())) {
            AttentionTrace t = m.capture("word ".repeat(40));
            assertEquals(16, t.tokenCount());
            assertEquals("[CLS]", t.tokens().get(0).text());
            assertEquals("[SEP]", t.tokens().get(15).text());
            assertEquals("true", t.provenance().settings().get("truncate"));
        }
    }

    @Test
    void capture_maxTokensWithoutTruncation_failsNamingTheOption() {
        try (AttentionModel m = AttentionModel.openDefault(CaptureOptions.builder().maxTokens(8).threads(1).build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.capture("one two three four five six seven eight"));
            assertEquals("text has 10 tokens but at most 8 are allowed (--max-tokens); shorten the text or "
                    + "enable truncation (--truncate)", e.getMessage());
        }
    }

    @Test
    void capture_valueNorms_areCapturedPerLayerHeadAndToken() {
        try (AttentionModel m = AttentionModel.openDefault(CaptureOptions.builder().valueNorms(true).threads(1)
                .build())) {
            AttentionTrace t = m.capture(TEXT);
            var norms = t.valueNorms().orElseThrow();
            assertEquals(6, norms.layers());
            assertEquals(12, norms.heads());
            assertEquals(t.tokenCount(), norms.tokens());
            assertTrue(norms.norm(0, 0, 1) > 0f);
            // the attention itself does not change when value norms are requested too
            assertArrayEquals(model.capture(TEXT).toArray(), t.toArray(), 1e-6f);
        }
    }

    @Test
    void close_calledTwice_isIdempotentAndLaterCallsFail() {
        AttentionModel m = AttentionModel.openDefault(CaptureOptions.builder().threads(1).build());
        m.close();
        m.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.capture("x"));
        assertEquals("model all-minilm-l6-v2.onnx is closed", e.getMessage());
    }
}
