package org.attnplanes.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.attnplanes.graph.ImageGrid;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Provenance;
import org.attnplanes.render.encoding.ColourMap;
import org.attnplanes.render.scene.Legend;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.Rgba;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.scene.SceneImage;
import org.attnplanes.render.scene.Vec3;

/**
 * A vision transformer's input image drawn under the bottom plane of its scene, aligned with the patch grid (each
 * patch node sits on the centre of its patch), optionally as every plane's texture, and optionally with a heat map
 * over the patches (attention rollout from {@code [CLS]}, Abnar &amp; Zuidema 2020) blended into the picture.
 *
 * <pre>{@code
 * Scene s = SceneBuilder.build(graph, encoding);                     // graph built with LayoutKind.GRID
 * s = ImageUnderlay.add(s, graph, image.width(), image.height(), image.argb(), heat, "rollout …", false);
 * }</pre>
 */
public final class ImageUnderlay {

    /** Opacity of the heat map over the picture. */
    public static final double HEAT_ALPHA = 0.6;

    /** The colour map of the heat map. */
    public static final ColourMap HEAT_MAP = ColourMap.MAGMA;

    private ImageUnderlay() {
    }

    /**
     * The scene with the picture under plane 0 (and under every plane when {@code everyPlane}).
     *
     * @param width     picture width in pixels (the image as the model saw it, after resize and crop)
     * @param height    picture height in pixels
     * @param argb      {@code width · height} pixels, row-major
     * @param heat      one value ≥ 0 per patch (row-major, {@code rows · cols}) blended in with {@link #HEAT_MAP}
     *                  scaled to its maximum, or null for the bare picture
     * @param heatNote  the legend line describing the heat map (ignored without {@code heat})
     * @throws IllegalArgumentException when the graph has no image grid, or its plane-0 nodes are not on the
     *                                  grid (a layout other than GRID, or LENGTH moving the nodes)
     */
    public static Scene add(Scene scene, MultiPlanarGraph graph, int width, int height, int[] argb, double[] heat,
                            String heatNote, boolean everyPlane) {
        Objects.requireNonNull(scene, "scene");
        ImageGrid grid = ImageGrid.of(graph.provenance()).filter(gr -> gr.tokens() == graph.tokens().size())
                .orElseThrow(() -> new IllegalArgumentException("the graph of " + graph.provenance().modelFile()
                        + " has no image grid; an image can be drawn only under a vision transformer's planes"));
        if (heat != null && heat.length != grid.rows() * grid.cols()) {
            throw new IllegalArgumentException("heat has " + heat.length + " values but the grid has " + grid.rows()
                    + " × " + grid.cols() + " patches");
        }
        int[] pixels = heat == null ? argb.clone() : blend(argb, width, height, heat, grid);
        List<SceneImage> images = new ArrayList<>();
        for (int p = 0; p < scene.planes().size(); p++) {
            int plane = scene.planes().get(p).plane();
            if ((p > 0 && !everyPlane) || plane >= graph.planes().size()) {
                continue;   // only the bottom plane, or every layer plane (never the classifier plane)
            }
            images.add(placement(scene, plane, grid, width, height, pixels));
        }
        List<String> extra = new ArrayList<>(scene.legend().extra());
        extra.add("image: the model's input (" + width + " × " + height + " after preprocessing) under "
                + (everyPlane ? "every plane" : "the bottom plane") + ", " + grid.rows() + " × " + grid.cols()
                + " patches of " + grid.patchSize() + " px");
        Provenance prov = scene.provenance().with("render.image", width + "x" + height
                + (everyPlane ? ", every plane" : ", bottom plane"));
        if (heat != null) {
            extra.add(heatNote + String.format(Locale.ROOT, "; %s, %.0f%% opaque, 0 … %.4g", HEAT_MAP.name()
                    .toLowerCase(Locale.ROOT), HEAT_ALPHA * 100, max(heat)));
            prov = prov.with("render.overlay", heatNote);
        }
        Legend l = scene.legend();
        java.util.Optional<Legend.ColourBar> bar = l.colourBar();
        if (heat != null && bar.isEmpty()) {
            // the overlay's scale as a bar (the encoding's own colour bar, when it has one, keeps the place)
            List<org.attnplanes.render.scene.Rgba> samples = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                samples.add(HEAT_MAP.at(i / 63.0));
            }
            bar = java.util.Optional.of(new Legend.ColourBar(HEAT_MAP.displayName() + " (image overlay)", samples, "0", String.format(Locale.ROOT, "%.4g", max(heat))));
        }
        return scene.withImages(images, new Legend(l.encoding(), l.normalization(), l.scale(), extra, bar), prov);
    }

    /** Where the picture lies in {@code plane}: its patch cells centred on the patch nodes. */
    static SceneImage placement(Scene scene, int plane, ImageGrid grid, int width, int height, int[] pixels) {
        Vec3[] at = new Vec3[grid.rows() * grid.cols()];
        for (NodeGlyph n : scene.nodes()) {
            int k = n.node() - grid.firstPatch();
            if (n.plane() == plane && k >= 0 && k < at.length) {
                at[k] = n.position();
            }
        }
        for (int k = 0; k < at.length; k++) {
            if (at[k] == null) {
                throw new IllegalArgumentException("plane " + plane + " has no node for patch " + grid.patchLabel(k));
            }
        }
        Vec3 first = at[0];
        Vec3 last = at[at.length - 1];
        double sx = grid.cols() > 1 ? (last.x() - first.x()) / (grid.cols() - 1) : Double.NaN;
        double sy = grid.rows() > 1 ? (first.y() - last.y()) / (grid.rows() - 1) : Double.NaN;
        if (Double.isNaN(sx)) {
            sx = Double.isNaN(sy) ? 1 : sy;
        }
        if (Double.isNaN(sy)) {
            sy = sx;
        }
        double tolerance = 1e-6 * Math.max(Math.abs(sx), Math.abs(sy));
        for (int k = 0; k < at.length; k++) {
            double x = first.x() + sx * (k % grid.cols());
            double y = first.y() - sy * (k / grid.cols());
            if (!(sx > 0) || !(sy > 0) || Math.abs(at[k].x() - x) > tolerance || Math.abs(at[k].y() - y) > tolerance) {
                throw new IllegalArgumentException("the nodes of plane " + plane + " are not on the image grid (the "
                        + "layout is not GRID, or an encoding moved them); draw the image with the GRID layout");
            }
        }
        Vec3 origin = new Vec3(first.x() - sx / 2, first.y() + sy / 2, first.z());
        return new SceneImage(plane, width, height, pixels, origin, new Vec3(sx * grid.cols(), 0, 0),
                new Vec3(0, -sy * grid.rows(), 0));
    }

    /** The picture with the heat map blended in: each patch's value / max through {@link #HEAT_MAP}. */
    static int[] blend(int[] argb, int width, int height, double[] heat, ImageGrid grid) {
        double max = max(heat);
        int[] out = new int[argb.length];
        for (int y = 0; y < height; y++) {
            int r = Math.min(grid.rows() - 1, y * grid.rows() / height);
            for (int x = 0; x < width; x++) {
                int c = Math.min(grid.cols() - 1, x * grid.cols() / width);
                double t = max > 0 ? heat[r * grid.cols() + c] / max : 0;
                Rgba rgba = HEAT_MAP.at(t);
                int colour = (Math.round(rgba.r() * 255) << 16) | (Math.round(rgba.g() * 255) << 8)
                        | Math.round(rgba.b() * 255);
                int p = argb[y * width + x];
                out[y * width + x] = 0xFF000000 | mix(p >> 16, colour >> 16) << 16 | mix(p >> 8, colour >> 8) << 8
                        | mix(p, colour);
            }
        }
        return out;
    }

    private static int mix(int a, int b) {
        return (int) Math.round((a & 0xFF) * (1 - HEAT_ALPHA) + (b & 0xFF) * HEAT_ALPHA);
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
