package org.attnplanes.graph.layout;

import org.attnplanes.graph.Plane;

/**
 * Places the nodes of one plane in 2D. Implementations are stateless (configuration in the constructor),
 * deterministic for their configuration, and safe to share between threads.
 */
public interface PlaneLayout {

    /**
     * Positions of the plane's nodes.
     *
     * @return a fresh array x0, y0, x1, y1, … of length 2 · {@code plane.size()}, centred on the origin
     */
    double[] layout(Plane plane);
}
