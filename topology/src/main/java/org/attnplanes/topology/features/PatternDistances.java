package org.attnplanes.topology.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.ImageGrid;
import org.attnplanes.graph.Token;
import org.attnplanes.topology.internal.Bits;

/**
 * Distances of an attention matrix to the attention patterns of Clark et al. 2019, as used by Kushnareva et
 * al. 2021 (§4.3): {@code dist(A, P) = ‖A − P‖_F / sqrt(‖A‖_F² + ‖P‖_F²)}, in [0, 1] for non-negative
 * matrices (0 = A equals the pattern; 1 = disjoint support). When both A and P are zero the distance is 0.
 *
 * <p>Patterns (row = query, column = key):
 * <ul>
 *   <li>{@link Pattern#SELF}: the identity;</li>
 *   <li>{@link Pattern#PREVIOUS}: 1 at (i, i−1), the sub-diagonal;</li>
 *   <li>{@link Pattern#NEXT}: 1 at (i, i+1), the super-diagonal;</li>
 *   <li>{@link Pattern#FIRST}: column 0 all ones (attention to {@code [CLS]} / the first token);</li>
 *   <li>{@link Pattern#SEPARATOR}, {@link Pattern#PUNCTUATION}, {@link Pattern#COMMA}, {@link Pattern#DOT}:
 *       the columns of the matching tokens set to 1, then every row divided by the number of such tokens (rows
 *       sum to 1, as in the reference, which divides by {@code count + 1e-7}); all zero when no token matches.
 *       Separator tokens are the special tokens the tokenizer put after the first position ({@code [SEP]},
 *       {@code </s>}, {@code <|endoftext|>}, {@code <|eot_id|>}, … — whatever its post-processor adds; a special
 *       token at position 0 is the [CLS]/BOS token, never a separator); when there is none, the last token. Punctuation tokens are non-special tokens
 *       whose text, after removing a sub-word marker ({@code ##}, {@code Ġ}, {@code ▁}), is non-empty and
 *       consists of Unicode punctuation only.</li>
 * </ul>
 * The reference identifies commas and dots by BERT token id (1010, 1012); here by their text. For a vision
 * transformer's image tokens ({@code [CLS]} + patches {@code r<row>c<col>}) the four text patterns
 * ({@link #TEXT_ONLY}) are NaN: an image has no separators or punctuation.
 */
public final class PatternDistances {

    /** An attention pattern; {@link #featureName()} is its column name ({@code dist_prev}, …). */
    public enum Pattern {
        /** Attention to the token itself. */
        SELF("dist_self"),
        /** Attention to the previous token. */
        PREVIOUS("dist_prev"),
        /** Attention to the next token. */
        NEXT("dist_next"),
        /** Attention to the first token ({@code [CLS]}). */
        FIRST("dist_cls"),
        /** Attention to the separator tokens ({@code [SEP]}, or the last token). */
        SEPARATOR("dist_sep"),
        /** Attention to punctuation tokens. */
        PUNCTUATION("dist_punct"),
        /** Attention to commas. */
        COMMA("dist_comma"),
        /** Attention to full stops. */
        DOT("dist_dot");

        private final String featureName;

        Pattern(String featureName) {
            this.featureName = featureName;
        }

        /** The feature (column) name. */
        public String featureName() {
            return featureName;
        }
    }


    private static final Pattern[] PATTERNS = Pattern.values();

    /**
     * The patterns that assume text: NaN for a vision transformer's image tokens ({@link ImageGrid#patchTokens}),
     * where there is no separator, punctuation, comma or full stop.
     */
    public static final List<Pattern> TEXT_ONLY = List.of(Pattern.SEPARATOR, Pattern.PUNCTUATION, Pattern.COMMA,
            Pattern.DOT);

    /** Provenance key of {@link #IMAGE_NOTE}. */
    public static final String IMAGE_NOTE_KEY = "topology.image_patterns";

    /** The provenance note of a result over image tokens: which columns are NaN and why. */
    public static final String IMAGE_NOTE = "dist_sep, dist_punct, dist_comma, dist_dot are NaN: text patterns "
            + "(separator, punctuation) do not exist among image patches";

    private static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (Pattern p : PATTERNS) {
            names.add(p.featureName());
        }
        NAMES = List.copyOf(names);
        FeatureVector.checkUnique(NAMES);
    }

    private PatternDistances() {
    }

    /** The names of {@link #compute}, in {@link Pattern} order (unmodifiable). */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * The distance to every {@link Pattern}, in declaration order.
     *
     * @param attention the n × n matrix, row = query
     * @param tokens    the n tokens (used by the token-dependent patterns), not null
     * @throws IllegalArgumentException if the number of tokens is not n
     */
    public static FeatureVector compute(AttentionMatrix attention, List<Token> tokens) {
        Objects.requireNonNull(attention, "attention");
        return compute(attention.size(), attention.toArray(), tokens);
    }

    /**
     * As {@link #compute(AttentionMatrix, List)} for the row-major {@code n × n} matrix {@code rowMajor}, which is
     * only read (no copy).
     */
    public static FeatureVector compute(int n, float[] rowMajor, List<Token> tokens) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        Objects.requireNonNull(tokens, "tokens");
        if (rowMajor.length != (long) n * n) {
            throw new IllegalArgumentException("rowMajor.length = " + rowMajor.length + " must be n² for n = " + n);
        }
        checkTokens(tokens, n);
        // the four column patterns: value 1/count at the matching columns, 0 elsewhere (all 0 when none match);
        // the same for every plane of a sentence, so kept for the last few token lists
        ColumnPatterns patterns = ColumnPatterns.of(tokens, n);
        // every pattern keeps its own sum in the same (i, j) order as distance(A, P), so the values are identical
        // to the pattern-by-pattern computation; all nine sums in one pass: each is a chain of dependent additions,
        // and nine independent chains overlap where one chain per pass waits on every addition. A column pattern
        // that matches nothing has p = 0 everywhere and (a - 0)² is a² bit for bit: its sum is the sum of A alone.
        double[] d = n <= 64 ? sumsSegmented(n, rowMajor, patterns) : sumsWide(n, rowMajor, patterns);
        double a2 = d[0];
        double dSelf = d[1];
        double dPrev = d[2];
        double dNext = d[3];
        double dFirst = d[4];
        double dSep = d[5];
        double dPunct = d[6];
        double dComma = d[7];
        double dDot = d[8];
        double pSep = patterns.p2[0];
        double pPunct = patterns.p2[1];
        double pComma = patterns.p2[2];
        double pDot = patterns.p2[3];
        double[] values = new double[PATTERNS.length];
        values[Pattern.SELF.ordinal()] = ratio(dSelf, a2, n);
        values[Pattern.PREVIOUS.ordinal()] = ratio(dPrev, a2, Math.max(0, n - 1));
        values[Pattern.NEXT.ordinal()] = ratio(dNext, a2, Math.max(0, n - 1));
        values[Pattern.FIRST.ordinal()] = ratio(dFirst, a2, n);
        values[Pattern.SEPARATOR.ordinal()] = ratio(dSep, a2, pSep);
        values[Pattern.PUNCTUATION.ordinal()] = ratio(dPunct, a2, pPunct);
        values[Pattern.COMMA.ordinal()] = ratio(dComma, a2, pComma);
        values[Pattern.DOT.ordinal()] = ratio(dDot, a2, pDot);
        if (patterns.image) {
            // image patches have no separators or punctuation: these patterns do not apply
            for (Pattern p : TEXT_ONLY) {
                values[p.ordinal()] = Double.NaN;
            }
        }
        return FeatureVector.ofUnique(NAMES, values);
    }

    /**
     * The nine sums (A alone, then the distances to SELF, PREVIOUS, NEXT, FIRST and the four column patterns), each
     * entry in (i, j) order, for n > 64: as {@link #sumsSegmented}, with the columns that column 0 or a column pattern
     * takes as a bitset of {@code ceil(n / 64)} words ({@link ColumnPatterns#specialWords}); the runs of other
     * columns outside {@code i - 1 .. i + 1} add a² to all nine sums without comparisons or pattern values.
     */
    private static double[] sumsWide(int n, float[] rowMajor, ColumnPatterns patterns) {
        double[] columns = patterns.interleaved;
        long[] matched = patterns.specialWords;
        int words = matched.length;
        double a2 = 0;
        double dSelf = 0;
        double dPrev = 0;
        double dNext = 0;
        double dFirst = 0;
        double dSep = 0;
        double dPunct = 0;
        double dComma = 0;
        double dDot = 0;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            int j = 0;
            while (j < n) {
                // the next special column at or after j: a matched one, or i - 1 .. i + 1
                int x = j >>> 6;
                long w = matched[x] & (-1L << j);
                while (w == 0L && ++x < words) {
                    w = matched[x];
                }
                int stop = w == 0L ? n : (x << 6) + Bits.lowest(w);
                int near = j <= i - 1 ? i - 1 : j <= i + 1 ? j : n;
                if (near < stop) {
                    stop = near;
                }
                for (; j < stop; j++) {
                    double a = rowMajor[row + j];
                    double aa = a * a;
                    a2 += aa;
                    dSelf += aa;
                    dPrev += aa;
                    dNext += aa;
                    dFirst += aa;
                    dSep += aa;
                    dPunct += aa;
                    dComma += aa;
                    dDot += aa;
                }
                if (j < n) {
                    double a = rowMajor[row + j];
                    double aa = a * a;
                    a2 += aa;
                    dSelf += j == i ? (a - 1.0) * (a - 1.0) : aa;
                    dPrev += j == i - 1 ? (a - 1.0) * (a - 1.0) : aa;
                    dNext += j == i + 1 ? (a - 1.0) * (a - 1.0) : aa;
                    dFirst += j == 0 ? (a - 1.0) * (a - 1.0) : aa;
                    int q = 4 * j;
                    double sep = a - columns[q];
                    double punct = a - columns[q + 1];
                    double comma = a - columns[q + 2];
                    double dot = a - columns[q + 3];
                    dSep += sep * sep;
                    dPunct += punct * punct;
                    dComma += comma * comma;
                    dDot += dot * dot;
                    j++;
                }
            }
        }
        return new double[] {a2, dSelf, dPrev, dNext, dFirst, dSep, dPunct, dComma, dDot};
    }

    /**
     * The nine sums for n <= 64 (as {@link #sumsWide}), the same additions in the same order: in row i, every column outside
     * {@code i - 1 .. i + 1}, column 0 and the columns a column pattern matches adds a² to all nine sums (its
     * pattern values are all 0), so those runs of columns skip the comparisons and the pattern values.
     */
    private static double[] sumsSegmented(int n, float[] rowMajor, ColumnPatterns patterns) {
        double[] columns = patterns.interleaved;
        long matched = patterns.special;
        double a2 = 0;
        double dSelf = 0;
        double dPrev = 0;
        double dNext = 0;
        double dFirst = 0;
        double dSep = 0;
        double dPunct = 0;
        double dComma = 0;
        double dDot = 0;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            long special = matched | (i > 0 ? 7L << (i - 1) : 3L);
            int j = 0;
            while (j < n) {
                long rest = special >>> j;
                int stop = rest == 0L ? n : Math.min(n, j + Bits.lowest(rest));
                // two entries per turn (C1 does not unroll), each sum still adding a0² before a1²: 0.9x the time
                // of one entry per turn on the 200-sentence corpus
                for (; j + 1 < stop; j += 2) {
                    double a0 = rowMajor[row + j];
                    double a1 = rowMajor[row + j + 1];
                    double aa0 = a0 * a0;
                    double aa1 = a1 * a1;
                    a2 += aa0;
                    a2 += aa1;
                    dSelf += aa0;
                    dSelf += aa1;
                    dPrev += aa0;
                    dPrev += aa1;
                    dNext += aa0;
                    dNext += aa1;
                    dFirst += aa0;
                    dFirst += aa1;
                    dSep += aa0;
                    dSep += aa1;
                    dPunct += aa0;
                    dPunct += aa1;
                    dComma += aa0;
                    dComma += aa1;
                    dDot += aa0;
                    dDot += aa1;
                }
                for (; j < stop; j++) {
                    double a = rowMajor[row + j];
                    double aa = a * a;
                    a2 += aa;
                    dSelf += aa;
                    dPrev += aa;
                    dNext += aa;
                    dFirst += aa;
                    dSep += aa;
                    dPunct += aa;
                    dComma += aa;
                    dDot += aa;
                }
                if (j < n) {
                    double a = rowMajor[row + j];
                    double aa = a * a;
                    a2 += aa;
                    dSelf += j == i ? (a - 1.0) * (a - 1.0) : aa;
                    dPrev += j == i - 1 ? (a - 1.0) * (a - 1.0) : aa;
                    dNext += j == i + 1 ? (a - 1.0) * (a - 1.0) : aa;
                    dFirst += j == 0 ? (a - 1.0) * (a - 1.0) : aa;
                    int q = 4 * j;
                    double sep = a - columns[q];
                    double punct = a - columns[q + 1];
                    double comma = a - columns[q + 2];
                    double dot = a - columns[q + 3];
                    dSep += sep * sep;
                    dPunct += punct * punct;
                    dComma += comma * comma;
                    dDot += dot * dot;
                    j++;
                }
            }
        }
        return new double[] {a2, dSelf, dPrev, dNext, dFirst, dSep, dPunct, dComma, dDot};
    }

    /** {@code sqrt(diff) / sqrt(a2 + p2)}, 0 when the denominator is 0 (as {@link #distance(AttentionMatrix, float[])}). */
    private static double ratio(double diff, double a2, double p2) {
        double denominator = Math.sqrt(a2 + p2);
        return denominator == 0 ? 0.0 : Math.sqrt(diff) / denominator;
    }

    /**
     * The four column patterns (separator, punctuation, comma, dot) of one token list and their sums of squares
     * over the n × n matrix in (i, j) order; the last {@value #KEPT} are kept (the planes of one sentence share
     * them), found by the token list's identity or equal content.
     */
    private static final class ColumnPatterns {
        private static final int KEPT = 4;
        private static volatile ColumnPatterns[] kept = new ColumnPatterns[0];

        private final List<Token> tokens;
        private final int n;
        private final double[] p2 = new double[4];
        /** Column j's four values (separator, punctuation, comma, dot) at {@code 4j .. 4j + 3}, as doubles. */
        private final double[] interleaved;
        /** Bit j (j < 64): column 0 or a column that some column pattern matches. */
        private final long special;
        /** {@link #special} for every column, {@code ceil(n / 64)} words (at least one). */
        private final long[] specialWords;
        /** Whether the tokens are a vision transformer's image tokens ({@link ImageGrid#patchTokens}). */
        private final boolean image;

        private ColumnPatterns(List<Token> tokens, int n) {
            this.tokens = tokens;
            this.n = n;
            float[][] columns = new float[4][];
            for (int c = 0; c < 4; c++) {
                float[] column = columnValues(PATTERNS[Pattern.SEPARATOR.ordinal() + c], tokens, n);
                columns[c] = column;
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double p = column[j];
                        sum += p * p;
                    }
                }
                p2[c] = sum;
            }
            interleaved = new double[4 * n];
            specialWords = new long[Math.max(1, (n + 63) >>> 6)];
            specialWords[0] = 1L;
            for (int j = 0; j < n; j++) {
                for (int c = 0; c < 4; c++) {
                    interleaved[4 * j + c] = columns[c][j];
                    if (columns[c][j] != 0f) {
                        specialWords[j >>> 6] |= 1L << j;
                    }
                }
            }
            special = specialWords[0];
            image = ImageGrid.patchTokens(tokens);
        }

        static ColumnPatterns of(List<Token> tokens, int n) {
            ColumnPatterns[] cache = kept;
            for (ColumnPatterns c : cache) {
                if (c.n == n && (c.tokens == tokens || c.tokens.equals(tokens))) {
                    return c;
                }
            }
            // an immutable list is kept as it is; a mutable one as a copy, so that a later change is not missed
            ColumnPatterns made = new ColumnPatterns(List.copyOf(tokens), n);
            ColumnPatterns[] next = new ColumnPatterns[Math.min(KEPT, cache.length + 1)];
            next[0] = made;
            System.arraycopy(cache, 0, next, 1, next.length - 1);
            kept = next;
            return made;
        }
    }

    /** The per-column value of a column pattern (every row is the same), length n. */
    private static float[] columnValues(Pattern pattern, List<Token> tokens, int n) {
        List<Integer> matching = matchingTokens(pattern, tokens);
        float[] v = new float[n];
        if (!matching.isEmpty()) {
            float value = 1f / matching.size();
            for (int c : matching) {
                v[c] = value;
            }
        }
        return v;
    }

    private static void checkTokens(List<Token> tokens, int n) {
        if (tokens.size() != n) {
            throw new IllegalArgumentException("tokens.size() = " + tokens.size() + " must equal the matrix size n = "
                    + n);
        }
    }

    /** The distance to one pattern. */
    public static double distance(AttentionMatrix attention, List<Token> tokens, Pattern pattern) {
        return distance(attention, pattern(pattern, tokens, attention.size()));
    }

    /**
     * {@code ‖A − P‖_F / sqrt(‖A‖_F² + ‖P‖_F²)} for a row-major pattern {@code P} of the same size (0 if both are
     * zero).
     */
    public static double distance(AttentionMatrix attention, float[] pattern) {
        int n = attention.size();
        if (pattern.length != n * n) {
            throw new IllegalArgumentException("pattern.length = " + pattern.length + " must be n² = " + (n * n));
        }
        double diff = 0;
        double a2 = 0;
        double p2 = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double a = attention.weight(i, j);
                double p = pattern[i * n + j];
                diff += (a - p) * (a - p);
                a2 += a * a;
                p2 += p * p;
            }
        }
        double denominator = Math.sqrt(a2 + p2);
        return denominator == 0 ? 0.0 : Math.sqrt(diff) / denominator;
    }

    /**
     * The pattern matrix, row-major n × n.
     *
     * @throws IllegalArgumentException if {@code tokens.size() != n}
     */
    public static float[] pattern(Pattern pattern, List<Token> tokens, int n) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.size() != n) {
            throw new IllegalArgumentException("tokens.size() = " + tokens.size() + " must equal the matrix size n = "
                    + n);
        }
        float[] p = new float[n * n];
        switch (pattern) {
            case SELF -> {
                for (int i = 0; i < n; i++) {
                    p[i * n + i] = 1f;
                }
            }
            case PREVIOUS -> {
                for (int i = 1; i < n; i++) {
                    p[i * n + i - 1] = 1f;
                }
            }
            case NEXT -> {
                for (int i = 0; i + 1 < n; i++) {
                    p[i * n + i + 1] = 1f;
                }
            }
            case FIRST -> {
                for (int i = 0; i < n; i++) {
                    p[i * n] = 1f;
                }
            }
            default -> fillColumns(p, n, matchingTokens(pattern, tokens));
        }
        return p;
    }

    private static void fillColumns(float[] p, int n, List<Integer> columns) {
        if (columns.isEmpty()) {
            return;
        }
        float value = 1f / columns.size();
        for (int i = 0; i < n; i++) {
            for (int c : columns) {
                p[i * n + c] = value;
            }
        }
    }

    /** Indices of the tokens a column pattern attends to. */
    static List<Integer> matchingTokens(Pattern pattern, List<Token> tokens) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean match = switch (pattern) {
                case SEPARATOR -> t.special() && i > 0;
                case PUNCTUATION -> !t.special() && isPunctuation(stripMarker(t.text()));
                case COMMA -> !t.special() && stripMarker(t.text()).equals(",");
                case DOT -> !t.special() && stripMarker(t.text()).equals(".");
                default -> throw new IllegalArgumentException("pattern " + pattern + " is not a token-column pattern");
            };
            if (match) {
                out.add(i);
            }
        }
        if (pattern == Pattern.SEPARATOR && out.isEmpty() && !tokens.isEmpty()) {
            out.add(tokens.size() - 1);
        }
        return out;
    }

    private static String stripMarker(String text) {
        if (text.startsWith("##")) {
            return text.substring(2);
        }
        if (text.startsWith("Ġ") || text.startsWith("▁")) {
            return text.substring(1);
        }
        return text;
    }

    private static boolean isPunctuation(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            boolean punct = type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                    || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                    || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                    || type == Character.OTHER_PUNCTUATION;
            if (!punct) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
