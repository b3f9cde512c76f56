package org.attnplanes.graph.layout;

import org.attnplanes.graph.Plane;

/**
 * Where a graph build takes the 2D positions of each plane from: {@link #COMPUTE} runs the layout algorithm; an
 * application that builds many graphs of one input (the desktop app, on every view change) passes a cache that
 * returns positions computed before for the same plane and algorithm. Implementations must return exactly what
 * {@code algorithm.layout(plane)} would (a fresh array the caller may keep) and be safe to call from any thread.
 */
@FunctionalInterface
public interface PlanePositions {

    /** Positions x0, y0, x1, y1, … of {@code plane}'s nodes under {@code algorithm}. */
    double[] of(Plane plane, PlaneLayout algorithm);

    /** Runs the algorithm every time. */
    PlanePositions COMPUTE = (plane, algorithm) -> algorithm.layout(plane);
}
