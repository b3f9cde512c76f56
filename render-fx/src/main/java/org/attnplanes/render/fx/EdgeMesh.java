package org.attnplanes.render.fx;

import java.util.Arrays;
import java.util.List;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.TriangleMesh;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.projection.Projection;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.LinkSegment;
import org.attnplanes.render.scene.Rgba;
import org.attnplanes.render.scene.Vec3;

/**
 * All edges (and inter-plane links) of a scene in one {@link MeshView}: each edge is a camera-facing ribbon of
 * constant on-screen width, coloured through a {@link PaletteAtlas}: a quad (two triangles) for a straight edge;
 * in a plane whose tokens lie on a line (the line layout) a strip along the quadratic arc the figures draw (an arc
 * diagram: {@link SceneBuilder#ARC_DEPTH} × the span high, in the plane, toward +y), {@link #arcSteps} segments
 * long. {@link #update} recomputes the ribbons for a camera, drops edges below the threshold, and writes the faces
 * sorted back to front (by each ribbon's midpoint) so that translucent edges blend in the right order.
 * Package-private; used by {@link AttentionView}.
 */
final class EdgeMesh {

    /** Colour of highlighted edges (hovered token): opaque vermilion. */
    static final Rgba HIGHLIGHT = Rgba.hex("e8590c");

    private final int edgeCount;
    private final int total;
    private final float[] ends;          // x0 y0 z0 x1 y1 z1 per ribbon
    private final float[] arc;           // arc height per unit of span (0: straight) per ribbon
    private final int[] steps;           // segments per ribbon (1: straight)
    private final int[] firstPoint;      // index of the ribbon's first point
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

    /** Straight ribbons for the edges (pickable, thresholded) followed by the inter-plane links (always shown). */
    EdgeMesh(List<EdgeSegment> edges, List<LinkSegment> links) {
        this(edges, links, new double[0]);
    }

    /**
     * Ribbons for the edges (pickable, thresholded) followed by the inter-plane links (always shown, straight);
     * {@code arcByPlane[p] > 0} draws plane p's edges as arcs that high per unit of span ({@link #arcPlanes}).
     */
    EdgeMesh(List<EdgeSegment> edges, List<LinkSegment> links, double[] arcByPlane) {
        edgeCount = edges.size();
        total = edgeCount + links.size();
        int n = total;
        ends = new float[n * 6];
        arc = new float[n];
        steps = new int[n];
        firstPoint = new int[n + 1];
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
            arc[k] = e.plane() < arcByPlane.length ? (float) arcByPlane[e.plane()] : 0f;
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
        for (int k = 0; k < n; k++) {
            steps[k] = arc[k] > 0 ? arcSteps(Math.abs(ends[k * 6 + 3] - ends[k * 6])) : 1;
            firstPoint[k + 1] = firstPoint[k] + 2 * (steps[k] + 1);
        }
        points = new float[firstPoint[n] * 3];
        mesh.getTexCoords().setAll(atlas.texCoords());
        mesh.getPoints().setAll(points);
        PhongMaterial m = new PhongMaterial(Color.WHITE);
        m.setDiffuseMap(atlas.image());
        m.setSpecularColor(Color.BLACK);
        view.setMaterial(m);
        view.setCullFace(CullFace.NONE);
    }

    /**
     * Segments of the arc of an edge spanning {@code span} world units along its line: 2 for neighbours, up to 9
     * for an edge across the whole line ({@link SceneBuilder#PLANE_WIDTH} × {@link SceneBuilder#LINE_STRETCH}
     * units), two per unit between (every extra segment is two more faces to upload on a view change).
     */
    static int arcSteps(double span) {
        return Math.max(2, Math.min(9, (int) Math.ceil(span * 2)));
    }

    /**
     * Per plane of {@code s}: the arc height per unit of span of its edges — {@link SceneBuilder#ARC_DEPTH} when
     * its nodes (at least 3) lie on one line of constant y, as the figures decide it — else 0.
     */
    static double[] arcPlanes(org.attnplanes.render.scene.Scene s) {
        int count = 0;
        for (org.attnplanes.render.scene.NodeGlyph g : s.nodes()) {
            count = Math.max(count, g.plane() + 1);
        }
        double[] lo = new double[count];
        double[] hi = new double[count];
        int[] nodes = new int[count];
        Arrays.fill(lo, Double.MAX_VALUE);
        Arrays.fill(hi, -Double.MAX_VALUE);
        for (org.attnplanes.render.scene.NodeGlyph g : s.nodes()) {
            int p = g.plane();
            lo[p] = Math.min(lo[p], g.position().y());
            hi[p] = Math.max(hi[p], g.position().y());
            nodes[p]++;
        }
        double[] k = new double[count];
        for (int p = 0; p < count; p++) {
            k[p] = nodes[p] >= 3 && hi[p] - lo[p] < 1e-9 ? SceneBuilder.ARC_DEPTH : 0;
        }
        return k;
    }

    /**
     * The point at parameter t ∈ [0, 1] of ribbon k's centre line into {@code out}: the straight segment, or the
     * quadratic Bézier from its source to its target with its control point 2·arc·span above their midpoint (so
     * that the arc peaks at arc·span), as the figures draw it.
     */
    void centre(int k, double t, double[] out) {
        int o = k * 6;
        double x0 = ends[o], y0 = ends[o + 1], z0 = ends[o + 2];
        double x1 = ends[o + 3], y1 = ends[o + 4], z1 = ends[o + 5];
        if (arc[k] == 0) {
            out[0] = x0 + t * (x1 - x0);
            out[1] = y0 + t * (y1 - y0);
            out[2] = z0 + t * (z1 - z0);
            return;
        }
        double cx = (x0 + x1) / 2;
        double cy = y0 + 2 * arc[k] * Math.abs(x1 - x0);
        double u = 1 - t;
        out[0] = u * u * x0 + 2 * u * t * cx + t * t * x1;
        out[1] = u * u * y0 + 2 * u * t * cy + t * t * y1;
        out[2] = u * u * z0 + 2 * u * t * z0 + t * t * z1;
    }

    /** Segments of ribbon k (1 for a straight one). */
    int steps(int k) {
        return steps[k];
    }

    /** The points written by the last update (for tests). */
    float[] points() {
        return points.clone();
    }

    /** Index of ribbon k's first point (its points are 2 per centre-line point: left, right). */
    int firstPoint(int k) {
        return firstPoint[k];
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
        int visibleFaces = 0;
        if (keys.length != n) {
            keys = new long[n];
        }
        double[] c = tmp;
        double[] next = new double[3];
        for (int k = 0; k < n; k++) {
            if (weights[k] < threshold) {
                continue;
            }
            if (k < edgeCount) {
                shownEdges++;
            }
            int segs = steps[k];
            double half0 = widths[k] * pixelScale * 0.5 * invFocal;
            int p = firstPoint[k] * 3;
            centre(k, 0, c);
            for (int i = 0; i <= segs; i++) {
                // the tangent at this centre-line point: towards the next point (from the previous at the end)
                double px = c[0], py = c[1], pz = c[2];
                double dx, dy, dz;
                if (i < segs) {
                    centre(k, (double) (i + 1) / segs, next);
                    dx = next[0] - px;
                    dy = next[1] - py;
                    dz = next[2] - pz;
                } else {
                    centre(k, (double) (i - 1) / segs, next);
                    dx = px - next[0];
                    dy = py - next[1];
                    dz = pz - next[2];
                }
                // side = tangent × (point − eye), scaled to half the width at this point's depth
                double vx = px - ex, vy = py - ey, vz = pz - ez;
                double sx = dy * vz - dz * vy, sy = dz * vx - dx * vz, sz = dx * vy - dy * vx;
                double len = Math.sqrt(sx * sx + sy * sy + sz * sz);
                double half = half0 * Math.max(proj.depth(px, py, pz), 1e-9);
                double f = len == 0 ? 0 : half / len;
                sx *= f;
                sy *= f;
                sz *= f;
                points[p] = (float) (px - sx);
                points[p + 1] = (float) (py - sy);
                points[p + 2] = (float) (pz - sz);
                points[p + 3] = (float) (px + sx);
                points[p + 4] = (float) (py + sy);
                points[p + 5] = (float) (pz + sz);
                p += 6;
                if (i < segs) {
                    c[0] = next[0];
                    c[1] = next[1];
                    c[2] = next[2];
                }
            }
            centre(k, 0.5, next);
            double depth = proj.depth(next[0], next[1], next[2]);
            // far first: sort ascending by negated depth; depth bits of a non-negative float order like ints
            int bits = Float.floatToIntBits((float) Math.max(0, depth));
            keys[visible++] = ((long) (Integer.MAX_VALUE - bits) << 32) | k;
            visibleFaces += 2 * segs;
        }
        if (sort) {
            Arrays.sort(keys, 0, visible);
        }
        if (faces.length != visibleFaces * 6) {
            faces = new int[visibleFaces * 6];
            faceEdge = new int[visibleFaces];
        }
        int f = 0;
        for (int i = 0; i < visible; i++) {
            int k = (int) keys[i];
            int t = highlight >= 0 && (sources[k] == highlight || targets[k] == highlight) ? highlightCell : normalCell[k];
            int base = firstPoint[k];
            for (int j = 0; j < steps[k]; j++) {
                // centre-line points j and j + 1: left a, right b; left d, right c
                int a = base + 2 * j;
                int b = a + 1;
                int cc = a + 3;
                int d = a + 2;
                int o = f * 6;
                faces[o] = a;
                faces[o + 1] = t;
                faces[o + 2] = b;
                faces[o + 3] = t;
                faces[o + 4] = cc;
                faces[o + 5] = t;
                faces[o + 6] = a;
                faces[o + 7] = t;
                faces[o + 8] = cc;
                faces[o + 9] = t;
                faces[o + 10] = d;
                faces[o + 11] = t;
                faceEdge[f] = k;
                faceEdge[f + 1] = k;
                f += 2;
            }
        }
        visibleEdges = shownEdges;
        mesh.getPoints().setAll(points);
        mesh.getFaces().setAll(faces);
    }
}
