package org.attnplanes.render.scene;

import java.util.List;
import java.util.Objects;
import org.attnplanes.graph.Provenance;

/**
 * Everything a renderer needs to draw one multi-planar attention graph, free of any toolkit type: node
 * glyphs, kept edges (with their encoded colour and width), inter-plane links, plane rectangles, a legend, a
 * camera and the provenance. Immutable; lists are unmodifiable copies.
 *
 * <p>Coordinates are world units of the graph layout; planes are stacked along z (z up). Edge and link widths
 * are in pixels at figure scale 1, so the 3D view and the 2D exports draw them alike.
 *
 * @param title      the figure title, never null (may be empty)
 * @param nodes      node glyphs, plane-major
 * @param edges      kept edges; their order is the graph's (plane-major, then the plane's edge order)
 * @param links      inter-plane links (may be empty)
 * @param planes     one rectangle per plane, in plane order
 * @param legend     the legend, never null
 * @param camera     the initial camera, never null
 * @param provenance how the scene was made (graph provenance plus encoding settings), never null
 * @param images     pictures lying in planes (a vision transformer's input image), drawn with their plane; may be
 *                   empty
 */
public record Scene(String title, List<NodeGlyph> nodes, List<EdgeSegment> edges, List<LinkSegment> links,
                    List<PlaneRect> planes, Legend legend, Camera camera, Provenance provenance,
                    List<SceneImage> images) {

    /** A scene without images. */
    public Scene(String title, List<NodeGlyph> nodes, List<EdgeSegment> edges, List<LinkSegment> links,
                 List<PlaneRect> planes, Legend legend, Camera camera, Provenance provenance) {
        this(title, nodes, edges, links, planes, legend, camera, provenance, List.of());
    }

    /** Validates and copies. */
    public Scene {
        images = List.copyOf(images);
        Objects.requireNonNull(title, "title");
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        links = List.copyOf(links);
        planes = List.copyOf(planes);
        Objects.requireNonNull(legend, "legend");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** The same scene seen through another camera. */
    public Scene withCamera(Camera newCamera) {
        return new Scene(title, nodes, edges, links, planes, legend, newCamera, provenance, images);
    }

    /** The same scene with another title. */
    public Scene withTitle(String newTitle) {
        return new Scene(newTitle, nodes, edges, links, planes, legend, camera, provenance, images);
    }

    /** The same scene with {@code more} images added, another legend and provenance. */
    public Scene withImages(List<SceneImage> more, Legend newLegend, Provenance newProvenance) {
        List<SceneImage> all = new java.util.ArrayList<>(images);
        all.addAll(more);
        return new Scene(title, nodes, edges, links, planes, newLegend, camera, newProvenance, all);
    }

    /** Smallest corner of the axis-aligned box holding every node and plane rectangle. */
    public Vec3 boundsMin() {
        return bounds(true);
    }

    /** Largest corner of the axis-aligned box holding every node and plane rectangle. */
    public Vec3 boundsMax() {
        return bounds(false);
    }

    private Vec3 bounds(boolean min) {
        double s = min ? 1 : -1;
        double bx = s * Double.MAX_VALUE, by = bx, bz = bx;
        boolean any = false;
        for (NodeGlyph n : nodes) {
            Vec3 p = n.position();
            bx = pick(min, bx, p.x());
            by = pick(min, by, p.y());
            bz = pick(min, bz, p.z());
            any = true;
        }
        for (PlaneRect r : planes) {
            bx = pick(min, bx, min ? r.minX() : r.maxX());
            by = pick(min, by, min ? r.minY() : r.maxY());
            bz = pick(min, bz, r.z());
            any = true;
        }
        return any ? new Vec3(bx, by, bz) : Vec3.ZERO;
    }

    private static double pick(boolean min, double a, double b) {
        return min ? Math.min(a, b) : Math.max(a, b);
    }
}
