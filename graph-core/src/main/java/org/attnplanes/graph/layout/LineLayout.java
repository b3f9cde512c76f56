package org.attnplanes.graph.layout;

import org.attnplanes.graph.Plane;

/** Nodes in index (reading) order on the x axis, evenly from −1 to 1 (a single node sits at the origin). */
public final class LineLayout implements PlaneLayout {

    @Override
    public double[] layout(Plane plane) {
        return line(plane.size());
    }

    /** {@code n} points evenly spaced on [−1, 1] × {0}. */
    public static double[] line(int n) {
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            xy[2 * i] = n == 1 ? 0 : -1 + 2.0 * i / (n - 1);
        }
        return xy;
    }
}
