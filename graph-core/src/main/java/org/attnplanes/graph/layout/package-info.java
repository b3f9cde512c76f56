/**
 * In-plane layouts of a {@link org.attnplanes.graph.Plane} ({@link org.attnplanes.graph.layout.LineLayout},
 * {@link org.attnplanes.graph.layout.CircleLayout}, {@link org.attnplanes.graph.layout.ClassicalMdsLayout},
 * {@link org.attnplanes.graph.layout.ForceLayout}) and the orthogonal Procrustes alignment that keeps a token
 * from jumping between consecutive planes. Positions are interleaved {@code double[]} arrays
 * x0, y0, x1, y1, … in dimensionless layout units, centred on the origin.
 */
package org.attnplanes.graph.layout;
