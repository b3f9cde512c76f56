package org.attnplanes.render.scene;

import java.util.Objects;

/**
 * The rectangle drawn under one plane's nodes, parallel to the xy plane at height {@code z}.
 *
 * @param plane  plane index (0-based)
 * @param layer  transformer layer
 * @param title  the title drawn at the rectangle's corner ({@code "layer 3 · head mean"}), never null
 * @param minX   left edge (world units)
 * @param minY   front edge
 * @param maxX   right edge, &gt; minX
 * @param maxY   back edge, &gt; minY
 * @param z      height of the plane
 * @param fill   translucent fill colour, never null
 * @param border border colour, never null
 */
public record PlaneRect(int plane, int layer, String title, double minX, double minY, double maxX, double maxY,
                        double z, Rgba fill, Rgba border) {

    /** Validates the fields. */
    public PlaneRect {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(fill, "fill");
        Objects.requireNonNull(border, "border");
        if (!(maxX > minX) || !(maxY > minY) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("plane " + plane + " rectangle [" + minX + ", " + maxX + "] × ["
                    + minY + ", " + maxY + "] at z = " + z + " must be non-empty and finite");
        }
    }

    /** The four corners, counter-clockwise seen from above: (minX,minY), (maxX,minY), (maxX,maxY), (minX,maxY). */
    public Vec3[] corners() {
        return new Vec3[] {new Vec3(minX, minY, z), new Vec3(maxX, minY, z), new Vec3(maxX, maxY, z),
                new Vec3(minX, maxY, z)};
    }

    /** The rectangle's centre. */
    public Vec3 centre() {
        return new Vec3((minX + maxX) / 2, (minY + maxY) / 2, z);
    }
}
