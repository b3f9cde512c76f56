package org.attnplanes.render.fx;

import java.util.Arrays;
import java.util.List;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.TriangleMesh;
import org.attnplanes.render.projection.Projection;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.LinkSegment;
import org.attnplanes.render.scene.Rgba;
import org.attnplanes.render.scene.Vec3;

/**
 * All edges (and inter-plane links) of a scene in one {@link MeshView}: each edge is a camera-facing ribbon quad (two triangles) of
 * constant on-screen width, coloured through a {@link PaletteAtlas}. {@link #update} recomputes the ribbons for
 * a camera, drops edges below the threshold, and writes the faces sorted back to front so that translucent
 * edges blend in the right order. Package-private; used by {@link AttentionView}.
 */
final class EdgeMesh {

    /** Colour of highlighted edges (hovered token): opaque vermilion. */
    static final Rgba HIGHLIGHT = Rgba.hex("e8590c");

    private final int edgeCount;
    private final int total;
    private final float[] ends;          // x0 y0 z0 x1 y1 z1 per ribbon
    private final float[] weights;       // |normalized weight|; +inf for links (never hidden)
    private final double[] widths;
    private final int[] sources;
    private final int[] targets;
    private final int[] normalCell;
    private final int highlightCell;
    private final TriangleMesh mesh = new TriangleMesh();
    private final MeshView view = new MeshView(mesh);
    private final float[] points;
    private int[] faces = new int[0];
    private int[] faceEdge = new int[0];
    private long[] keys = new long[0];
    private int visibleEdges;
    private final double[] tmp = new double[3];

    EdgeMesh(List<EdgeSegment> edges) {
        this(edges, List.of());
    }

    /** Ribbons for the edges (pickable, thresholded) followed by the inter-plane links (always shown). */
    EdgeMesh(List<EdgeSegment> edges, List<LinkSegment> links) {
        edgeCount = edges.size();
        total = edgeCount + links.size();
        int n = total;
        ends = new float[n * 6];
        weights = new float[n];
        widths = new double[n];
        sources = new int[n];
        targets = new int[n];
        normalCell = new int[n];
        PaletteAtlas atlas = new PaletteAtlas();
        for (int k = 0; k < edgeCount; k++) {
            EdgeSegment e = edges.get(k);
            put(ends, k * 6, e.from());
            put(ends, k * 6 + 3, e.to());
            weights[k] = Math.abs(e.weight());
            widths[k] = e.widthPx();
            sources[k] = e.source();
            targets[k] = e.target();
            normalCell[k] = atlas.cell(e.colour().toArgb());
        }
        for (int i = 0; i < links.size(); i++) {
            LinkSegment l = links.get(i);
            int k = edgeCount + i;
            put(ends, k * 6, l.from());
            put(ends, k * 6 + 3, l.to());
            weights[k] = Float.POSITIVE_INFINITY;
            widths[k] = l.widthPx();
            sources[k] = l.fromNode();
            targets[k] = l.toNode();
            normalCell[k] = atlas.cell(l.colour().toArgb());
        }
        highlightCell = atlas.cell(HIGHLIGHT.toArgb());
        points = new float[n * 12];
        mesh.getTexCoords().setAll(atlas.texCoords());
        mesh.getPoints().setAll(points);
        PhongMaterial m = new PhongMaterial(Color.WHITE);
        m.setDiffuseMap(atlas.image());
        m.setSpecularColor(Color.BLACK);
        view.setMaterial(m);
        view.setCullFace(CullFace.NONE);
    }

    private static void put(float[] a, int o, Vec3 p) {
        a[o] = (float) p.x();
        a[o + 1] = (float) p.y();
        a[o + 2] = (float) p.z();
    }

    MeshView view() {
        return view;
    }

    /** The edge index of a picked face, or −1 (also for a link's face). */
    int edgeOfFace(int face) {
        int k = face >= 0 && face < faceEdge.length ? faceEdge[face] : -1;
        return k < edgeCount ? k : -1;
    }

    /** The ribbon index (edges first, then links) of a face, or −1. */
    int ribbonOfFace(int face) {
        return face >= 0 && face < faceEdge.length ? faceEdge[face] : -1;
    }

    /** Number of edges (not links) currently drawn. */
    int visibleCount() {
        return visibleEdges;
    }

    /**
     * Rebuilds points and faces.
     *
     * @param proj       the current projection (camera + viewport)
     * @param pixelScale multiplies every edge width
     * @param threshold  edges with |normalized weight| below it are hidden
     * @param highlight  token whose edges are highlighted, or −1
     * @param sort       whether to sort faces back to front
     */
    void update(Projection proj, double pixelScale, double threshold, int highlight, boolean sort) {
        int n = total;
        Vec3 eye = proj.camera().eye();
        double ex = eye.x(), ey = eye.y(), ez = eye.z();
        double invFocal = 1 / proj.focalPx();
        int visible = 0;
        int shownEdges = 0;
        if (keys.length != n) {
            keys = new long[n];
        }
        for (int k = 0; k < n; k++) {
            if (weights[k] < threshold) {
                continue;
            }
            if (k < edgeCount) {
                shownEdges++;
            }
            int o = k * 6;
            double x0 = ends[o], y0 = ends[o + 1], z0 = ends[o + 2];
            double x1 = ends[o + 3], y1 = ends[o + 4], z1 = ends[o + 5];
            double mx = (x0 + x1) / 2, my = (y0 + y1) / 2, mz = (z0 + z1) / 2;
            double depth = proj.depth(mx, my, mz);
            // side = dir × (mid − eye), scaled to half the width at this depth
            double dx = x1 - x0, dy = y1 - y0, dz = z1 - z0;
            double vx = mx - ex, vy = my - ey, vz = mz - ez;
            double sx = dy * vz - dz * vy, sy = dz * vx - dx * vz, sz = dx * vy - dy * vx;
            double len = Math.sqrt(sx * sx + sy * sy + sz * sz);
            double half = widths[k] * pixelScale * 0.5 * Math.max(depth, 1e-9) * invFocal;
            double f = len == 0 ? 0 : half / len;
            sx *= f;
            sy *= f;
            sz *= f;
            int p = k * 12;
            points[p] = (float) (x0 - sx);
            points[p + 1] = (float) (y0 - sy);
            points[p + 2] = (float) (z0 - sz);
            points[p + 3] = (float) (x0 + sx);
            points[p + 4] = (float) (y0 + sy);
            points[p + 5] = (float) (z0 + sz);
            points[p + 6] = (float) (x1 + sx);
            points[p + 7] = (float) (y1 + sy);
            points[p + 8] = (float) (z1 + sz);
            points[p + 9] = (float) (x1 - sx);
            points[p + 10] = (float) (y1 - sy);
            points[p + 11] = (float) (z1 - sz);
            // far first: sort ascending by negated depth; depth bits of a non-negative float order like ints
            int bits = Float.floatToIntBits((float) Math.max(0, depth));
            keys[visible++] = ((long) (Integer.MAX_VALUE - bits) << 32) | k;
        }
        if (sort) {
            Arrays.sort(keys, 0, visible);
        }
        if (faces.length != visible * 12) {
            faces = new int[visible * 12];
            faceEdge = new int[visible * 2];
        }
        for (int i = 0; i < visible; i++) {
            int k = (int) keys[i];
            int t = highlight >= 0 && (sources[k] == highlight || targets[k] == highlight) ? highlightCell : normalCell[k];
            int p = k * 4;
            int o = i * 12;
            faces[o] = p;
            faces[o + 1] = t;
            faces[o + 2] = p + 1;
            faces[o + 3] = t;
            faces[o + 4] = p + 2;
            faces[o + 5] = t;
            faces[o + 6] = p;
            faces[o + 7] = t;
            faces[o + 8] = p + 2;
            faces[o + 9] = t;
            faces[o + 10] = p + 3;
            faces[o + 11] = t;
            faceEdge[2 * i] = k;
            faceEdge[2 * i + 1] = k;
        }
        visibleEdges = shownEdges;
        mesh.getPoints().setAll(points);
        mesh.getFaces().setAll(faces);
    }
}
