package org.attnplanes.graph.layout;

import org.attnplanes.graph.Plane;

/**
 * The layout of a bipartite (cross-attention) plane: the target (decoder) tokens in reading order on the line
 * y = +0.5, the source (encoder) tokens on the line y = −0.5, each side evenly spaced on x ∈ [−1, 1] (a side with
 * one token sits at x = 0). A plane that is not bipartite is laid out on one line, as {@link LineLayout}.
 */
public final class BipartiteLayout implements PlaneLayout {

    /** y of the target side; the source side sits at −{@value}. */
    public static final double SIDE_OFFSET = 0.5;

    @Override
    public double[] layout(Plane plane) {
        if (!plane.bipartite()) {
            return LineLayout.line(plane.size());
        }
        int t = plane.targetCount();
        int s = plane.size() - t;
        double[] xy = new double[2 * plane.size()];
        double[] top = LineLayout.line(t);
        double[] bottom = LineLayout.line(s);
        for (int i = 0; i < t; i++) {
            xy[2 * i] = top[2 * i];
            xy[2 * i + 1] = SIDE_OFFSET;
        }
        for (int j = 0; j < s; j++) {
            xy[2 * (t + j)] = bottom[2 * j];
            xy[2 * (t + j) + 1] = -SIDE_OFFSET;
        }
        return xy;
    }
}
