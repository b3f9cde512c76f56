package org.attnplanes.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The token layout of a vision transformer's input: {@code prefix} leading tokens ({@code [CLS]}, DeiT's
 * {@code [DIST]}, register tokens) followed by {@code rows × cols} image patches in row-major order, each patch
 * {@code patchSize × patchSize} pixels. Patch k sits at row {@code k / cols}, column {@code k % cols} and is
 * labelled {@code r<row>c<col>} (0-based). Travels with a trace in its {@link Provenance} ({@link #provenance},
 * {@link #of(Provenance)}).
 *
 * @param prefix    labels of the leading tokens, e.g. {@code [CLS]}; may be empty
 * @param rows      patch rows, at least 1
 * @param cols      patch columns, at least 1
 * @param patchSize patch side in pixels, at least 1
 */
public record ImageGrid(List<String> prefix, int rows, int cols, int patchSize) {

    /** Provenance key: {@code rows x cols}, e.g. {@code 14x14}. */
    public static final String GRID = "image.grid";
    /** Provenance key: patch side in pixels. */
    public static final String PATCH = "image.patch";
    /** Provenance key: the leading tokens, comma-separated. */
    public static final String PREFIX = "image.prefix";

    /** Validates and copies. */
    public ImageGrid {
        prefix = List.copyOf(Objects.requireNonNull(prefix, "prefix"));
        if (rows < 1 || cols < 1 || patchSize < 1) {
            throw new IllegalArgumentException("image grid rows = " + rows + ", cols = " + cols + ", patchSize = "
                    + patchSize + " must all be >= 1");
        }
        for (String p : prefix) {
            if (p.isEmpty() || p.contains(",")) {
                throw new IllegalArgumentException("image grid prefix token \"" + p + "\" must be non-empty and "
                        + "contain no comma");
            }
        }
    }

    /** Number of tokens: prefix + rows · cols. */
    public int tokens() {
        return prefix.size() + rows * cols;
    }

    /** Index of the first patch token (= the number of prefix tokens). */
    public int firstPatch() {
        return prefix.size();
    }

    /** Image height in pixels the grid covers ({@code rows · patchSize}). */
    public int imageHeight() {
        return rows * patchSize;
    }

    /** Image width in pixels the grid covers ({@code cols · patchSize}). */
    public int imageWidth() {
        return cols * patchSize;
    }

    /** The label of patch {@code k} (0-based, row-major): {@code r<row>c<col>}. */
    public String patchLabel(int k) {
        return "r" + (k / cols) + "c" + (k % cols);
    }

    /** The tokens of a trace over this grid: the prefix as special tokens, then the patches. */
    public List<Token> tokenList() {
        List<Token> out = new ArrayList<>(tokens());
        for (int i = 0; i < prefix.size(); i++) {
            out.add(Token.special(prefix.get(i), i));
        }
        for (int k = 0; k < rows * cols; k++) {
            out.add(new Token(patchLabel(k), -1, -1, false, prefix.size() + k));
        }
        return out;
    }

    /** {@code base} with this grid's three settings added. */
    public Provenance provenance(Provenance base) {
        return base.with(GRID, rows + "x" + cols).with(PATCH, Integer.toString(patchSize))
                .with(PREFIX, String.join(",", prefix));
    }

    /**
     * Whether {@code tokens} are image tokens: at least one patch, and every non-special token is span-less and
     * labelled {@code r<row>c<col>} as {@link #tokenList()} makes them (tokenizer output always has spans).
     */
    public static boolean patchTokens(List<Token> tokens) {
        boolean any = false;
        for (Token t : tokens) {
            if (t.special()) {
                continue;
            }
            if (t.hasSpan() || !t.text().matches("r\\d+c\\d+")) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** The grid a provenance records, if any (and if well-formed). */
    public static Optional<ImageGrid> of(Provenance provenance) {
        String grid = provenance.settings().get(GRID);
        if (grid == null) {
            return Optional.empty();
        }
        try {
            int x = grid.indexOf('x');
            int rows = Integer.parseInt(grid.substring(0, x));
            int cols = Integer.parseInt(grid.substring(x + 1));
            int patch = Integer.parseInt(provenance.settings().getOrDefault(PATCH, "1"));
            String p = provenance.settings().getOrDefault(PREFIX, "");
            List<String> prefix = p.isEmpty() ? List.of() : List.of(p.split(","));
            return Optional.of(new ImageGrid(prefix, rows, cols, patch));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The grid of {@code trace}, if its provenance records one and it matches the trace's token count. */
    public static Optional<ImageGrid> of(AttentionTrace trace) {
        return of(trace.provenance()).filter(g -> g.tokens() == trace.tokens().size());
    }
}
