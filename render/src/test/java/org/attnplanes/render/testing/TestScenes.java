package org.attnplanes.render.testing;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.attnplanes.graph.Provenance;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.projection.Projection;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.Legend;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.Rgba;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.scene.Vec3;

/** Hand-made scenes for pixel tests. */
public final class TestScenes {

    private TestScenes() {
    }

    /** Two horizontal edges far apart in one plane; the heavier one must be darker at its midpoint. */
    public static Scene twoEdges(EncodingSpec enc) {
        var e = enc.edgeEncoding(false);
        var base = enc.baseStyle();
        Vec3 a0 = new Vec3(-1, -0.5, 0), a1 = new Vec3(1, -0.5, 0);
        Vec3 b0 = new Vec3(-1, 0.5, 0), b1 = new Vec3(1, 0.5, 0);
        var heavy = e.apply(base, 0.9f, -1);
        var light = e.apply(base, 0.2f, -1);
        List<EdgeSegment> edges = List.of(
                new EdgeSegment(0, 0, "mean", -1, 0, 1, a0, a1, 0.9f, 0.9f, heavy.colour(), Math.max(6, heavy.widthPx()), false),
                new EdgeSegment(0, 0, "mean", -1, 2, 3, b0, b1, 0.2f, 0.2f, light.colour(), Math.max(6, light.widthPx()), false));
        NodeGlyph.NodeStats none = NodeGlyph.NodeStats.NONE;
        List<NodeGlyph> nodes = List.of(
                new NodeGlyph(0, 0, 0, "a", a0, 0.02, Rgba.BLACK, none), new NodeGlyph(0, 0, 1, "b", a1, 0.02, Rgba.BLACK, none),
                new NodeGlyph(0, 0, 2, "c", b0, 0.02, Rgba.BLACK, none), new NodeGlyph(0, 0, 3, "d", b1, 0.02, Rgba.BLACK, none));
        Legend legend = new Legend(enc.describe(false), "none", "w in [0, 1]", List.of(), Optional.empty());
        return new Scene("", nodes, edges, List.of(), List.of(), legend, Camera.of(-90, 60, 5, Vec3.ZERO),
                Provenance.synthetic("two edges"));
    }

    /**
     * A node "a" (radius 0.1, about 12 px across) at the origin and, halfway between it and the camera, an
     * opaque 6 px edge c–d that passes over the middle of a on screen; "b" lies apart. The node stays visible on
     * both sides of the edge.
     */
    public static Scene edgeOverNode() {
        Camera cam = Camera.of(-90, 60, 5, Vec3.ZERO);
        Vec3 a = Vec3.ZERO;
        Vec3 mid = a.plus(cam.eye().minus(a).times(0.5));
        Vec3 c = mid.minus(cam.right().times(0.6));
        Vec3 d = mid.plus(cam.right().times(0.6));
        NodeGlyph.NodeStats none = NodeGlyph.NodeStats.NONE;
        Rgba grey = Rgba.hex("1c7ed6");
        List<NodeGlyph> nodes = List.of(
                new NodeGlyph(0, 0, 0, "a", a, 0.1, grey, none),
                new NodeGlyph(0, 0, 1, "b", new Vec3(1, 1, 0), 0.1, grey, none),
                new NodeGlyph(0, 0, 2, "c", c, 0.02, Rgba.BLACK, none),
                new NodeGlyph(0, 0, 3, "d", d, 0.02, Rgba.BLACK, none));
        List<EdgeSegment> edges = List.of(
                new EdgeSegment(0, 0, "mean", -1, 2, 3, c, d, 0.8f, 0.8f, Rgba.BLACK, 6, false));
        Legend legend = new Legend("opacity", "none", "w in [0, 1]", List.of(), Optional.empty());
        return new Scene("", nodes, edges, List.of(), List.of(), legend, cam, Provenance.synthetic("edge over node"));
    }

    public static int darknessAt(BufferedImage img, Scene s, EdgeSegment e, double scale) {
        Projection p = new Projection(s.camera(), img.getWidth() / scale, img.getHeight() / scale);
        double[] xy = p.project(e.midpoint());
        int rgb = img.getRGB((int) Math.round(xy[0] * scale), (int) Math.round(xy[1] * scale));
        return 255 - ((rgb >> 16) & 0xFF);
    }

}
