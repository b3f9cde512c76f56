package org.attnplanes.graph;

/**
 * 3D positions of every node of a {@link MultiPlanarGraph}: plane p's nodes lie in the plane
 * z = {@link #planeZ(int)}; planes of consecutive selected layers are {@link GraphSpec#planeSpacing()} apart,
 * the heads of one layer (PER_HEAD) sit side by side along x at the same z, and the classifier plane (index
 * {@code planes().size()}) follows the last layer. Coordinates are dimensionless layout units. Immutable.
 */
public final class Layout {

    private final LayoutKind kind;
    private final double[][] xy;
    private final double[] xOffset;
    private final double[] z;

    /** Takes ownership of the arrays: {@code xy[p]} holds x0, y0, x1, y1, … of plane p. */
    Layout(LayoutKind kind, double[][] xy, double[] xOffset, double[] z) {
        this.kind = kind;
        this.xy = xy;
        this.xOffset = xOffset;
        this.z = z;
    }

    /** The in-plane layout algorithm. */
    public LayoutKind kind() {
        return kind;
    }

    /** Number of laid-out planes (layer planes, plus 1 when there is a classifier plane). */
    public int planeCount() {
        return xy.length;
    }

    /** Number of nodes of plane {@code plane}. */
    public int nodeCount(int plane) {
        checkPlane(plane);
        return xy[plane].length / 2;
    }

    /** The z coordinate of plane {@code plane}. */
    public double planeZ(int plane) {
        checkPlane(plane);
        return z[plane];
    }

    /**
     * Position of node {@code node} of plane {@code plane}.
     *
     * @throws IndexOutOfBoundsException naming the plane or node and the allowed range
     */
    public Point3 position(int plane, int node) {
        checkPlane(plane);
        int n = xy[plane].length / 2;
        if (node < 0 || node >= n) {
            throw new IndexOutOfBoundsException("node = " + node + " is outside [0, " + (n - 1) + "] of plane "
                    + plane);
        }
        return new Point3(xy[plane][2 * node] + xOffset[plane], xy[plane][2 * node + 1], z[plane]);
    }

    private void checkPlane(int plane) {
        if (plane < 0 || plane >= xy.length) {
            throw new IndexOutOfBoundsException("plane = " + plane + " is outside [0, " + (xy.length - 1) + "]");
        }
    }

    @Override
    public String toString() {
        return "Layout[" + kind + ", " + xy.length + " planes]";
    }
}
