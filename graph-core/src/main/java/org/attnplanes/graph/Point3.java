package org.attnplanes.graph;

/**
 * A point in layout space (dimensionless layout units; planes are stacked along z).
 *
 * @param x horizontal coordinate within a plane
 * @param y vertical coordinate within a plane
 * @param z position of the plane along the stacking axis
 */
public record Point3(double x, double y, double z) {
}
