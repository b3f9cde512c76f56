package org.attnplanes.topology.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.Token;
import org.attnplanes.topology.features.PatternDistances.Pattern;
import org.junit.jupiter.api.Test;

class PatternDistancesTest {

    /** [CLS] the cat , sat . [SEP] */
    private static final List<Token> TOKENS = List.of(
            Token.special("[CLS]", 0),
            new Token("the", 0, 3, false, 1),
            new Token("cat", 4, 7, false, 2),
            new Token(",", 7, 8, false, 3),
            new Token("sat", 9, 12, false, 4),
            new Token(".", 12, 13, false, 5),
            Token.special("[SEP]", 6));

    private static AttentionMatrix matrixOf(float[] rowMajor, int n) {
        return AttentionMatrix.of(n, rowMajor);
    }

    @Test
    void distance_matrixEqualToEachPattern_isZero() {
        int n = TOKENS.size();
        for (Pattern p : Pattern.values()) {
            float[] pattern = PatternDistances.pattern(p, TOKENS, n);
            double d = PatternDistances.distance(matrixOf(pattern, n), TOKENS, p);
            assertEquals(0.0, d, 1e-12, p.name());
        }
    }

    @Test
    void distance_identityLikeMatrix_isZeroToSelfAndOneToPrevious() {
        int n = TOKENS.size();
        float[] eye = new float[n * n];
        for (int i = 0; i < n; i++) {
            eye[i * n + i] = 1f;
        }
        FeatureVector f = PatternDistances.compute(matrixOf(eye, n), TOKENS);
        assertEquals(0.0, f.get("dist_self"), 1e-12);
        assertEquals(1.0, f.get("dist_prev"), 1e-12, "disjoint support gives 1");
        assertEquals(1.0, f.get("dist_next"), 1e-12);
    }

    @Test
    void distance_handComputedCase_matchesFormula() {
        // A attends half to itself, half to the previous token (row 0 fully to itself)
        int n = 4;
        float[] a = new float[n * n];
        a[0] = 1f;
        for (int i = 1; i < n; i++) {
            a[i * n + i] = 0.5f;
            a[i * n + i - 1] = 0.5f;
        }
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tokens.add(new Token("w" + i, i, i + 1, false, i));
        }
        // vs identity: diff² = 3·(0.25 + 0.25) = 1.5; ‖A‖² = 1 + 3·0.5 = 2.5; ‖P‖² = 4
        double expected = Math.sqrt(1.5) / Math.sqrt(2.5 + 4);
        assertEquals(expected, PatternDistances.distance(matrixOf(a, n), tokens, Pattern.SELF), 1e-12);
    }

    @Test
    void pattern_tokenColumns_matchSeparatorPunctuationCommaDot() {
        assertEquals(List.of(6), PatternDistances.matchingTokens(Pattern.SEPARATOR, TOKENS));
        assertEquals(List.of(3, 5), PatternDistances.matchingTokens(Pattern.PUNCTUATION, TOKENS));
        assertEquals(List.of(3), PatternDistances.matchingTokens(Pattern.COMMA, TOKENS));
        assertEquals(List.of(5), PatternDistances.matchingTokens(Pattern.DOT, TOKENS));
        float[] punct = PatternDistances.pattern(Pattern.PUNCTUATION, TOKENS, TOKENS.size());
        assertEquals(0.5f, punct[2 * 7 + 3]);
        assertEquals(0.5f, punct[2 * 7 + 5]);
    }

    @Test
    void pattern_noSeparatorToken_usesLastToken() {
        List<Token> plain = List.of(new Token("a", 0, 1, false, 0), new Token("b", 2, 3, false, 1));
        assertEquals(List.of(1), PatternDistances.matchingTokens(Pattern.SEPARATOR, plain));
    }

    @Test
    void pattern_decoderSpecialTokens_bosIsNeverASeparator() {
        // a Llama-3 style input: BOS first, the tokenizer's own end-of-turn token last, whatever their spelling
        List<Token> llama = List.of(Token.special("<|begin_of_text|>", 0), new Token("a", 0, 1, false, 1),
                new Token("b", 2, 3, false, 2), Token.special("<|eot_id|>", 3));
        assertEquals(List.of(3), PatternDistances.matchingTokens(Pattern.SEPARATOR, llama));
        // GPT-2 with <|endoftext|> as BOS only: no separator, so the last token
        List<Token> gpt2 = List.of(Token.special("<|endoftext|>", 0), new Token("a", 0, 1, false, 1),
                new Token("b", 2, 3, false, 2));
        assertEquals(List.of(2), PatternDistances.matchingTokens(Pattern.SEPARATOR, gpt2));
    }

    @Test
    void distance_randomSoftmaxRows_isWithinUnitInterval() {
        SplittableRandom rnd = new SplittableRandom(42);
        int n = TOKENS.size();
        float[] a = new float[n * n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                a[i * n + j] = (float) rnd.nextDouble();
                sum += a[i * n + j];
            }
            for (int j = 0; j < n; j++) {
                a[i * n + j] /= (float) sum;
            }
        }
        FeatureVector f = PatternDistances.compute(matrixOf(a, n), TOKENS);
        for (int i = 0; i < f.size(); i++) {
            assertTrue(f.value(i) > 0 && f.value(i) < 1, "seed 42: " + f.names().get(i) + " = " + f.value(i));
        }
    }

    @Test
    void compute_wrongTokenCount_failsNamingSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PatternDistances.compute(AttentionMatrix.of(new float[][] {{1f}}), TOKENS));
        assertEquals("tokens.size() = 7 must equal the matrix size n = 1", e.getMessage());
    }

    @Test
    void compute_seededMatricesAndTokens_equalsDistanceToEachPatternExactly() {
        String[] texts = {"[CLS]", "the", ",", "cat", ".", "##s", "!", "[SEP]", "Ġ,", "▁."};
        // runs of columns no pattern touches: one word of column bits up to n = 64, more words above; the tokens of
        // the odd seeds are mostly words (long runs), of the even ones mostly punctuation (short runs)
        int[] large = {63, 64, 65, 90, 127, 128, 129, 130, 191, 192, 193, 250};
        for (long seed = 1; seed <= 30 + large.length; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            int n = seed <= 30 ? (int) (seed % 13) : large[(int) seed - 31];
            List<Token> tokens = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String t = seed % 2 == 1 && rnd.nextInt(8) != 0 ? "the" : texts[rnd.nextInt(texts.length)];
                tokens.add(new Token(t, i, i + 1, t.startsWith("["), i));
            }
            float[] a = new float[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextInt(4) == 0 ? 0f : (float) rnd.nextDouble();
            }
            AttentionMatrix m = matrixOf(a, n);
            FeatureVector f = PatternDistances.compute(m, tokens);
            assertEquals(PatternDistances.names(), f.names());
            for (Pattern p : Pattern.values()) {
                assertEquals(PatternDistances.distance(m, tokens, p), f.get(p.featureName()),
                        "seed " + seed + ", n = " + n + ", " + p + ": bit-identical to the per-pattern sum");
            }
        }
    }

    @Test
    void compute_imagePatchTokens_textPatternsAreNaNOthersAsForText() {
        List<Token> image = new org.attnplanes.graph.ImageGrid(List.of("[CLS]"), 2, 3, 8).tokenList();
        int n = image.size();
        SplittableRandom r = new SplittableRandom(5);
        float[] a = new float[n * n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                a[i * n + j] = (float) r.nextDouble();
                sum += a[i * n + j];
            }
            for (int j = 0; j < n; j++) {
                a[i * n + j] /= (float) sum;
            }
        }
        FeatureVector v = PatternDistances.compute(matrixOf(a, n), image);
        for (Pattern p : Pattern.values()) {
            double got = v.get(p.featureName());
            if (PatternDistances.TEXT_ONLY.contains(p)) {
                assertTrue(Double.isNaN(got), p.name() + " = " + got);
            } else {
                assertEquals(PatternDistances.distance(matrixOf(a, n), image, p), got, 1e-12, p.name());
            }
        }
        // a text that happens to spell "r0c0" has spans: its patterns stay defined
        List<Token> text = List.of(Token.special("[CLS]", 0), new Token("r0c0", 0, 4, false, 1));
        assertTrue(Double.isFinite(PatternDistances.compute(matrixOf(new float[] {1, 0, 0, 1}, 2), text)
                .get("dist_comma")));
    }
}
