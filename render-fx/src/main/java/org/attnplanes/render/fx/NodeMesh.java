package org.attnplanes.render.fx;

import java.util.List;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.TriangleMesh;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.Vec3;

/**
 * All node glyphs of a scene in one opaque {@link MeshView}: an icosahedron per node, coloured through a
 * {@link PaletteAtlas}. Face {@code f} belongs to node {@code f / 20}. Package-private.
 */
final class NodeMesh {

    static final int FACES_PER_NODE = 20;

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
    private float[] points;

    NodeMesh(List<NodeGlyph> nodes) {
        int n = nodes.size();
        PaletteAtlas atlas = new PaletteAtlas();
        argb = colours(nodes);
        int[] cell = new int[n];
        for (int k = 0; k < n; k++) {
            cell[k] = atlas.cell(argb[k]);
        }
        points = points(nodes);
        int[] faces = new int[n * FACES_PER_NODE * 6];
        for (int k = 0; k < n; k++) {
            for (int f = 0; f < FACES_PER_NODE; f++) {
                int o = (k * FACES_PER_NODE + f) * 6;
                for (int j = 0; j < 3; j++) {
                    faces[o + 2 * j] = k * 12 + ICO_FACES[3 * f + j];
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

    private static float[] points(List<NodeGlyph> nodes) {
        int n = nodes.size();
        float[] points = new float[n * 36];
        for (int k = 0; k < n; k++) {
            NodeGlyph g = nodes.get(k);
            Vec3 c = g.position();
            double r = g.radius();
            for (int i = 0; i < 12; i++) {
                points[k * 36 + 3 * i] = (float) (c.x() + r * ICO_POINTS[3 * i]);
                points[k * 36 + 3 * i + 1] = (float) (c.y() + r * ICO_POINTS[3 * i + 1]);
                points[k * 36 + 3 * i + 2] = (float) (c.z() + r * ICO_POINTS[3 * i + 2]);
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
        if (nodes.size() * 36 != points.length || !java.util.Arrays.equals(colours(nodes), argb)) {
            return false;
        }
        float[] moved = points(nodes);
        if (!java.util.Arrays.equals(moved, points)) {
            points = moved;
            mesh.getPoints().set(0, moved, 0, moved.length);
        }
        return true;
    }

    /** The glyph corners (12 per node), for tests. */
    float[] points() {
        return points.clone();
    }

    MeshView view() {
        return view;
    }

    /** The node index of a picked face, or −1. */
    static int nodeOfFace(int face) {
        return face < 0 ? -1 : face / FACES_PER_NODE;
    }
}
