package org.attnplanes.model;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Shared set-up of the tests that run the real all-MiniLM-L6-v2 (from Maven Central): one model per test class,
 * one ONNX Runtime thread, closed after the class; and seeded texts from a small vocabulary.
 */
abstract class MiniLmTestBase {

    private static final String[] WORDS = {"the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "to", "river",
            "unbelievably", "house", "quickly", "light"};

    /** The model of the running test class. */
    static AttentionModel model;

    @BeforeAll
    static void openMiniLm() {
        model = AttentionModel.openDefault(CaptureOptions.builder().threads(1).build());
    }

    @AfterAll
    static void closeMiniLm() {
        model.close();
        model = null;
    }

    /** A sentence of {@code words} words drawn by {@code r}, ending with a full stop. */
    static String text(Random r, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            b.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        }
        return b.append('.').toString();
    }
}
