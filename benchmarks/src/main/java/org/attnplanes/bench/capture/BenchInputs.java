package org.attnplanes.bench.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded texts whose all-MiniLM-L6-v2 tokenization has exactly the requested length. */
final class BenchInputs {

    /** Common English words that the BERT WordPiece vocabulary holds as single tokens. */
    private static final String[] WORDS = {"the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "to",
            "house", "big", "small", "red", "blue", "tree", "water", "city", "river", "old", "new", "day",
            "night", "light", "dark", "green", "man", "woman", "child", "book", "read", "write"};

    private BenchInputs() {
    }

    /** {@code batch} texts of {@code tokens - 2} words each ([CLS] and [SEP] make {@code tokens}). */
    static List<String> texts(int tokens, int batch, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < tokens - 2; i++) {
                sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
            }
            out.add(sb.toString());
        }
        return out;
    }
}
