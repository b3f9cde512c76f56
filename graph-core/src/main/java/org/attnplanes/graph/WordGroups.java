package org.attnplanes.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Internal: consecutive runs of tokens sharing a {@link Token#wordIndex()}, and the merge of an attention
 * matrix over them (attention to a word = sum over its pieces, from a word = mean over its pieces), which
 * keeps row sums.
 */
final class WordGroups {

    private final int tokenCount;
    private final int[] start; // group g covers tokens start[g] .. start[g + 1] − 1
    private final List<Token> words;

    private WordGroups(int tokenCount, int[] start, List<Token> words) {
        this.tokenCount = tokenCount;
        this.start = start;
        this.words = words;
    }

    static WordGroups of(List<Token> tokens) {
        int n = tokens.size();
        int[] starts = new int[n + 1];
        int groups = 0;
        for (int t = 0; t < n; t++) {
            if (t > 0) {
                int prev = tokens.get(t - 1).wordIndex();
                int cur = tokens.get(t).wordIndex();
                if (cur < prev) {
                    throw new IllegalArgumentException("tokens[" + t + "].wordIndex = " + cur + " is less than tokens["
                            + (t - 1) + "].wordIndex = " + prev + "; word merging needs non-decreasing word indices");
                }
                if (cur == prev) {
                    continue;
                }
            }
            starts[groups++] = t;
        }
        starts[groups] = n;
        int[] start = java.util.Arrays.copyOf(starts, groups + 1);
        List<Token> words = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            words.add(mergeTokens(tokens.subList(start[g], start[g + 1]), g));
        }
        return new WordGroups(n, start, List.copyOf(words));
    }

    private static Token mergeTokens(List<Token> pieces, int word) {
        if (pieces.size() == 1) {
            Token t = pieces.get(0);
            return new Token(t.text(), t.start(), t.end(), t.special(), word);
        }
        StringBuilder text = new StringBuilder();
        int s = -1;
        int e = -1;
        boolean special = true;
        for (int k = 0; k < pieces.size(); k++) {
            Token t = pieces.get(k);
            String piece = t.text();
            if (k > 0 && piece.startsWith("##")) {
                piece = piece.substring(2);
            }
            text.append(piece);
            if (t.hasSpan()) {
                s = s < 0 ? t.start() : Math.min(s, t.start());
                e = Math.max(e, t.end());
            }
            special &= t.special();
        }
        return new Token(text.toString(), s, s < 0 ? -1 : e, special, word);
    }

    /** Number of words. */
    int size() {
        return start.length - 1;
    }

    /** The merged tokens. */
    List<Token> words() {
        return words;
    }

    /** Whether every word is a single token (merging changes nothing). */
    boolean trivial() {
        return size() == tokenCount;
    }

    /** Merges a row-major n × n matrix into a fresh m × m one. */
    float[] merge(float[] a) {
        int n = tokenCount;
        int m = size();
        double[] colSums = new double[n * m];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int g = 0; g < m; g++) {
                double s = 0;
                for (int j = start[g]; j < start[g + 1]; j++) {
                    s += a[row + j];
                }
                colSums[i * m + g] = s;
            }
        }
        float[] out = new float[m * m];
        for (int f = 0; f < m; f++) {
            int count = start[f + 1] - start[f];
            for (int g = 0; g < m; g++) {
                double s = 0;
                for (int i = start[f]; i < start[f + 1]; i++) {
                    s += colSums[i * m + g];
                }
                out[f * m + g] = (float) (s / count);
            }
        }
        return out;
    }
}
