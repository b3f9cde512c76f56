package org.attnplanes.app.export;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.attnplanes.graph.BlockKind;

/**
 * The statistics of one plane of one input: one row of {@code planes.csv} and one entry of
 * {@code barcodes.json}.
 *
 * @param input    1-based number of the input in the corpus
 * @param layer    0-based layer index
 * @param head     head index ({@code "3"}) or reduction name ({@code "mean"}, {@code "max"})
 * @param tokens   number of nodes of the plane
 * @param stats    statistic name → value, in column order (copied into an immutable {@link StatsMap} unless it
 *                 is one; NaN allowed for "not computed"; no null values)
 * @param barcodes {@code barcodes.get(k)} holds the intervals of dimension k as {@code {birth, death}} in
 *                 filtration units (an edge of weight w enters at 1 − w); death is
 *                 {@link Double#POSITIVE_INFINITY} for an essential class. Copied into a compact immutable form
 *                 (one array per dimension); reading a bar gives a new {@code {birth, death}} array each time.
 * @param block    the attention block ({@link org.attnplanes.graph.BlockKind#label()}): {@code self} for a single
 *                 model, {@code encoder}, {@code decoder} or {@code cross} for an encoder–decoder, whose layers
 *                 count within each block
 */
public record PlaneRecord(int input, int layer, String head, int tokens, Map<String, Double> stats,
                          List<List<double[]>> barcodes, String block) {

    /** A single model's record (block {@code self}). */
    public PlaneRecord(int input, int layer, String head, int tokens, Map<String, Double> stats,
                       List<List<double[]>> barcodes) {
        this(input, layer, head, tokens, stats, barcodes, BlockKind.SELF.label());
    }

    /** Validates and copies. */
    public PlaneRecord {
        Objects.requireNonNull(head, "head");
        BlockKind.ofLabel(Objects.requireNonNull(block, "block"));
        stats = StatsMap.copyOf(Objects.requireNonNull(stats, "stats"));
        barcodes = Bars.copyOf(Objects.requireNonNull(barcodes, "barcodes"));
    }

    /**
     * Barcodes given as one array per dimension, {@code birth0, death0, birth1, death1, ...} (copied), in the
     * compact form every record keeps ({@code new PlaneRecord(..., PlaneRecord.barsOfEnds(ends), ...)} then copies
     * nothing more): for writers that have the bars as numbers, not as two-element arrays.
     *
     * @throws IllegalArgumentException when an array has an odd length
     */
    public static List<List<double[]>> barsOfEnds(List<double[]> endsPerDimension) {
        return Bars.ofEnds(endsPerDimension);
    }

    /**
     * {@link #barsOfEnds(List)} over the arrays themselves, not copies, for bars read into fresh arrays that nothing
     * else holds (analyze's rows): the caller must never change them afterwards.
     *
     * @throws IllegalArgumentException when an array has an odd length
     */
    public static List<List<double[]>> barsOfOwnedEnds(double[][] endsPerDimension) {
        return Bars.owning(endsPerDimension);
    }

    /** This record with another block label. */
    public PlaneRecord withBlock(String newBlock) {
        return new PlaneRecord(input, layer, head, tokens, stats, barcodes, newBlock);
    }
}
