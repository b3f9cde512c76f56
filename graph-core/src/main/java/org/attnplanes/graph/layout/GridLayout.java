package org.attnplanes.graph.layout;

import java.util.Objects;

import org.attnplanes.graph.ImageGrid;
import org.attnplanes.graph.Plane;

/**
 * A vision transformer's tokens on their image grid: the cells have side {@code s = 2 / cols}, the grid spans
 * x ∈ [−1, 1] and y ∈ [−rows·s/2, rows·s/2]; patch (r, c) sits at the centre of its cell, row 0 at the top (largest
 * y), so the plane reads like the picture. The leading tokens ({@code [CLS]}, {@code [DIST]}, registers) sit in a
 * row {@code 0.75 s} above the grid, centred, {@code s} apart.
 */
public final class GridLayout implements PlaneLayout {

    private final ImageGrid grid;

    /** A layout for traces over {@code grid}. */
    public GridLayout(ImageGrid grid) {
        this.grid = Objects.requireNonNull(grid, "grid");
    }

    /** The side of one cell in layout units ({@code 2 / cols}). */
    public static double cell(ImageGrid grid) {
        return 2.0 / grid.cols();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the plane's size is not the grid's token count
     */
    @Override
    public double[] layout(Plane plane) {
        if (plane.size() != grid.tokens()) {
            throw new IllegalArgumentException("plane " + plane.index() + " has " + plane.size() + " nodes but the "
                    + "image grid has " + grid.tokens() + " tokens (" + grid.prefix().size() + " + " + grid.rows()
                    + " × " + grid.cols() + ")");
        }
        return positions(grid);
    }

    /** The positions of every token of {@code grid}: x0, y0, x1, y1, …. */
    public static double[] positions(ImageGrid grid) {
        double s = cell(grid);
        double top = grid.rows() * s / 2;
        int k = grid.prefix().size();
        double[] xy = new double[2 * grid.tokens()];
        for (int i = 0; i < k; i++) {
            xy[2 * i] = (i - (k - 1) / 2.0) * s;
            xy[2 * i + 1] = top + 0.75 * s;
        }
        for (int p = 0; p < grid.rows() * grid.cols(); p++) {
            int r = p / grid.cols();
            int c = p % grid.cols();
            xy[2 * (k + p)] = -1 + s * (c + 0.5);
            xy[2 * (k + p) + 1] = top - s * (r + 0.5);
        }
        return xy;
    }
}
