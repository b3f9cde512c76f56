package org.attnplanes.render.fx;

import java.util.List;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.TriangleMesh;
import org.attnplanes.render.projection.Projection;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.Vec3;

/**
 * All node glyphs of a scene in one opaque {@link MeshView}: an icosahedron per node — an octahedron when the scene
 * has more than {@value #OCTAHEDRA_ABOVE} nodes (they are then a few pixels across, and uploading the mesh is what
 * a view change waits for) — coloured through a {@link PaletteAtlas}. Face {@code f} belongs to node
 * {@code f / facesPerNode()}. Package-private.
 */
final class NodeMesh {

    /** Extra pixels around a node's drawn radius that still pick the node. */
    static final double NODE_PICK_SLACK_PX = 2;
    /** Faces of an icosahedron glyph. */
    static final int FACES_PER_NODE = 20;
    /** Above this many nodes every glyph is an octahedron. */
    static final int OCTAHEDRA_ABOVE = 1024;

    private static final float[] OCTA_POINTS = {1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1};
    private static final int[] OCTA_FACES = {
        0, 2, 4, 2, 1, 4, 1, 3, 4, 3, 0, 4, 2, 0, 5, 1, 2, 5, 3, 1, 5, 0, 3, 5};

    private static final float[] ICO_POINTS;
    private static final int[] ICO_FACES = {
        0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11,
        1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
        3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9,
        4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1};

    static {
        double t = (1 + Math.sqrt(5)) / 2;
        double[][] v = {{-1, t, 0}, {1, t, 0}, {-1, -t, 0}, {1, -t, 0}, {0, -1, t}, {0, 1, t}, {0, -1, -t},
                {0, 1, -t}, {t, 0, -1}, {t, 0, 1}, {-t, 0, -1}, {-t, 0, 1}};
        ICO_POINTS = new float[36];
        double norm = Math.sqrt(1 + t * t);
        for (int i = 0; i < 12; i++) {
            for (int c = 0; c < 3; c++) {
                ICO_POINTS[3 * i + c] = (float) (v[i][c] / norm);
            }
        }
    }

    private final MeshView view;
    private final TriangleMesh mesh = new TriangleMesh();
    private final int[] argb;
    private final float[] glyphPoints;
    private final int[] glyphFaces;
    private final int verts;
    private final int facesPerNode;
    private float[] points;

    NodeMesh(List<NodeGlyph> nodes) {
        int n = nodes.size();
        boolean octa = n > OCTAHEDRA_ABOVE;
        glyphPoints = octa ? OCTA_POINTS : ICO_POINTS;
        glyphFaces = octa ? OCTA_FACES : ICO_FACES;
        verts = glyphPoints.length / 3;
        facesPerNode = glyphFaces.length / 3;
        PaletteAtlas atlas = new PaletteAtlas();
        argb = colours(nodes);
        int[] cell = new int[n];
        for (int k = 0; k < n; k++) {
            cell[k] = atlas.cell(argb[k]);
        }
        points = points(nodes);
        int[] faces = new int[n * facesPerNode * 6];
        for (int k = 0; k < n; k++) {
            for (int f = 0; f < facesPerNode; f++) {
                int o = (k * facesPerNode + f) * 6;
                for (int j = 0; j < 3; j++) {
                    faces[o + 2 * j] = k * verts + glyphFaces[3 * f + j];
                    faces[o + 2 * j + 1] = cell[k];
                }
            }
        }
        mesh.getPoints().setAll(points);
        mesh.getTexCoords().setAll(atlas.texCoords());
        mesh.getFaces().setAll(faces);
        view = new MeshView(mesh);
        PhongMaterial m = new PhongMaterial(Color.WHITE);
        m.setDiffuseMap(atlas.image());
        m.setSpecularColor(Color.gray(0.25));
        view.setMaterial(m);
        view.setCullFace(CullFace.NONE);
    }

    private static int[] colours(List<NodeGlyph> nodes) {
        int[] c = new int[nodes.size()];
        for (int k = 0; k < c.length; k++) {
            c[k] = nodes.get(k).colour().withAlpha(1f).toArgb();
        }
        return c;
    }

    private float[] points(List<NodeGlyph> nodes) {
        int n = nodes.size();
        int stride = 3 * verts;
        float[] points = new float[n * stride];
        for (int k = 0; k < n; k++) {
            NodeGlyph g = nodes.get(k);
            Vec3 c = g.position();
            double r = g.radius();
            for (int i = 0; i < verts; i++) {
                points[k * stride + 3 * i] = (float) (c.x() + r * glyphPoints[3 * i]);
                points[k * stride + 3 * i + 1] = (float) (c.y() + r * glyphPoints[3 * i + 1]);
                points[k * stride + 3 * i + 2] = (float) (c.z() + r * glyphPoints[3 * i + 2]);
            }
        }
        return points;
    }

    /**
     * Shows {@code nodes} with this mesh when they have the same number of glyphs and the same colours (a view
     * change that keeps the tokens: top-k, links, encoding, layout): the faces and the texture stay, only moved
     * points are written (none when no glyph moved, so JavaFX uploads nothing). False (nothing changed) when
     * the glyphs differ in number or colour; then a new mesh is needed.
     */
    boolean reuseFor(List<NodeGlyph> nodes) {
        if (nodes.size() * 3 * verts != points.length || !java.util.Arrays.equals(colours(nodes), argb)) {
            return false;
        }
        float[] moved = points(nodes);
        if (!java.util.Arrays.equals(moved, points)) {
            points = moved;
            mesh.getPoints().set(0, moved, 0, moved.length);
        }
        return true;
    }

    /** Faces per glyph (20 for an icosahedron, 8 for an octahedron). */
    int facesPerNode() {
        return facesPerNode;
    }

    /** The glyph corners (12 or 6 per node), for tests. */
    float[] points() {
        return points.clone();
    }

    MeshView view() {
        return view;
    }

    /** The node index of a picked face, or −1. */
    int nodeOfFace(int face) {
        return face < 0 ? -1 : face / facesPerNode;
    }

    /**
     * The node glyph (index into the scene's nodes) whose pick radius — its drawn radius on screen plus
     * {@value #NODE_PICK_SLACK_PX} px — contains the view point {@code (x, y)} under {@code proj}, the one nearest
     * the camera when several do; −1 when none does. Edges are not considered: a node wins over any edge drawn over
     * it.
     */
    static int nodeAt(List<NodeGlyph> nodes, Projection proj, double x, double y) {
        double[] xy = new double[3];
        int best = -1;
        double bestDepth = Double.POSITIVE_INFINITY;
        for (int k = 0; k < nodes.size(); k++) {
            NodeGlyph g = nodes.get(k);
            Vec3 p = g.position();
            proj.project(p.x(), p.y(), p.z(), xy, 0);
            if (xy[2] <= Projection.NEAR || xy[2] >= bestDepth) {
                continue;
            }
            double r = g.radius() * proj.focalPx() / xy[2] + NODE_PICK_SLACK_PX;
            double dx = xy[0] - x;
            double dy = xy[1] - y;
            if (dx * dx + dy * dy <= r * r) {
                best = k;
                bestDepth = xy[2];
            }
        }
        return best;
    }
}
