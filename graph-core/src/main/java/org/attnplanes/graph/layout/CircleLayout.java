package org.attnplanes.graph.layout;

import org.attnplanes.graph.Plane;

/** Nodes in index order on the unit circle, counter-clockwise starting at the top (0, 1). */
public final class CircleLayout implements PlaneLayout {

    @Override
    public double[] layout(Plane plane) {
        int n = plane.size();
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double angle = Math.PI / 2 + 2 * Math.PI * i / n;
            xy[2 * i] = n == 1 ? 0 : Math.cos(angle);
            xy[2 * i + 1] = n == 1 ? 0 : Math.sin(angle);
        }
        return xy;
    }
}
