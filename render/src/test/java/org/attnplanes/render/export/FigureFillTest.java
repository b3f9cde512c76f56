package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attnplanes.graph.EncoderDecoderGraph;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.generate.EncoderDecoderTraceGenerator;
import org.attnplanes.render.PairSceneBuilder;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.projection.Projection;
import org.attnplanes.render.scene.PlaneRect;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.scene.Vec3;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single-scene figures fill their canvas (issue 15: the default stack filled about a third of its width): with
 * {@link FigureSpec#fit()} the canvas is cut to the scene, and with any size the scene's camera is re-framed for the
 * area left by title, legend and labels. Checked on what is drawn: every non-background pixel lies in the scene's
 * reported box or in a measured text box (so the box is honest), all text is inside the canvas, the scene and its
 * plane titles span most of the canvas width and the scene most of the view height; and in the encoder–decoder
 * figure no two labels overlap and no plane title lies on another plane.
 */
class FigureFillTest {

    @TempDir
    Path dir;

    private record Drawn(BufferedImage image, TextBoxes text, Framing.Painted painted, FigureSpec spec) {
    }

    private static Drawn draw(Scene s, FigureSpec given) {
        FigureSpec spec = Figures.fitted(s, given);
        TextBoxes[] text = new TextBoxes[1];
        Framing.Painted[] painted = new Framing.Painted[1];
        BufferedImage img = Figures.image(s, spec, text, painted);
        return new Drawn(img, text[0], painted[0], spec);
    }

    /** Every pixel that is not the white background lies in the scene box or a text box (each grown by 3 px). */
    private static void assertInkInsideBoxes(Drawn d) {
        List<Rectangle2D> allowed = new ArrayList<>();
        double[] b = d.painted().box();
        allowed.add(new Rectangle2D.Double(b[0] - 3, b[1] - 3, b[2] - b[0] + 6, b[3] - b[1] + 6));
        for (TextBoxes.Box t : d.text().boxes()) {
            Rectangle2D r = t.bounds();
            allowed.add(new Rectangle2D.Double(r.getX() - 3, r.getY() - 3, r.getWidth() + 6, r.getHeight() + 6));
        }
        BufferedImage img = d.image();
        int stray = 0;
        String first = null;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    boolean in = false;
                    for (Rectangle2D r : allowed) {
                        if (r.contains(x + 0.5, y + 0.5)) {
                            in = true;
                            break;
                        }
                    }
                    if (!in) {
                        stray++;
                        first = first == null ? "(" + x + ", " + y + ")" : first;
                    }
                }
            }
        }
        assertEquals(0, stray, "pixels drawn outside the scene box and the text boxes, first at " + first);
    }

    /** Left and right of the scene box together with the plane titles, over the canvas width. */
    private static double widthFill(Drawn d, Scene s) {
        double lo = d.painted().box()[0];
        double hi = d.painted().box()[2];
        for (TextBoxes.Box t : d.text().boxes()) {
            if (s.planes().stream().anyMatch(r -> r.title().equals(t.text()))) {
                lo = Math.min(lo, t.bounds().getMinX());
                hi = Math.max(hi, t.bounds().getMaxX());
            }
        }
        return (hi - lo) / d.spec().width();
    }

    private static double heightFill(Drawn d) {
        double[] b = d.painted().box();
        return (b[3] - b[1]) / d.painted().height();
    }

    private static Scene stack(LayoutKind layout) {
        MultiPlanarGraph g = SyntheticGraphs.graph(6, 2, 18, 3, GraphSpec.builder().layout(layout).topK(3).build());
        return SceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY));
    }

    @Test
    void fittedStacks_fillTheirCanvas_andKeepEverythingInside() {
        for (LayoutKind layout : new LayoutKind[] {LayoutKind.LINE, LayoutKind.CIRCLE, LayoutKind.STRESS}) {
            Scene s = stack(layout);
            Drawn d = draw(s, FigureSpec.builder().fit(true).build());
            assertTrue(d.spec().width() <= 1200 && d.spec().width() >= FigureSpec.MIN_FITTED_WIDTH, layout + ": "
                    + d.spec().width());
            assertEquals(800, d.spec().height(), layout + ": a stack keeps the height");
            assertEquals(List.of(), d.text().clipped(), layout + ": text cut");
            assertInkInsideBoxes(d);
            assertTrue(widthFill(d, s) >= 0.65, layout + ": scene and titles span " + widthFill(d, s)
                    + " of the " + d.spec().width() + " px canvas");
            assertTrue(heightFill(d) >= 0.88, layout + ": scene spans " + heightFill(d) + " of the view height");
            // the unfitted 1200 × 800 canvas still frames the scene to its view's limiting dimension
            Drawn wide = draw(s, FigureSpec.builder().frame(true).build());
            assertEquals(1200, wide.spec().width());
            assertTrue(heightFill(wide) >= 0.88, layout + ": unfitted, " + heightFill(wide));
            assertInkInsideBoxes(wide);
            // without frame(), the scene's own camera as it is (the 3:2 box the scene builder framed)
            Drawn own = draw(s, FigureSpec.defaults());
            assertEquals(s.camera(), own.painted().camera());
            assertTrue(heightFill(own) < heightFill(wide), layout + ": framing should fill more");
        }
    }

    @Test
    void fittedFiguresOnFile_carryTheirSizeAndSceneBox_pngAndSvgAlike() throws Exception {
        Scene s = stack(LayoutKind.CIRCLE);
        FigureSpec spec = FigureSpec.builder().fit(true).build();
        Path png = dir.resolve("s.png");
        Path svg = dir.resolve("s.svg");
        Figures.writePng(s, spec, png);
        Figures.writeSvg(s, spec, svg);
        Map<String, String> a = FigureMetadata.readPng(png);
        Map<String, String> b = FigureMetadata.readSvg(svg);
        FigureSpec fitted = Figures.fitted(s, spec);
        assertEquals(fitted.width() + "x" + fitted.height() + " px, scale 1.0", a.get("figure.size"));
        assertEquals(a.get("figure.size"), b.get("figure.size"));
        String[] pa = a.get(Figures.SCENE_BOX_KEY).split(" ");
        String[] pb = b.get(Figures.SCENE_BOX_KEY).split(" ");
        for (int k = 0; k < 4; k++) {
            // the SVG measures the plane titles with its own font metrics: a pixel or two of title room
            assertEquals(Double.parseDouble(pa[k]), Double.parseDouble(pb[k]), 3, a + " vs " + b);
        }
        assertFalse(a.get("figure.camera").equals(s.camera().describe()), "the camera was framed for the canvas");
        String[] box = a.get(Figures.SCENE_BOX_KEY).split(" ");
        assertTrue(Double.parseDouble(box[0]) >= 0 && Double.parseDouble(box[2]) <= fitted.width(), a.toString());
        BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(fitted.width(), img.getWidth());
    }

    @Test
    void pairFigure_compact_noLabelOverlaps_noTitleOnAnotherPlane() {
        for (long seed = 1; seed <= 3; seed++) {
            var trace = new EncoderDecoderTraceGenerator(2 + (int) seed % 2, 3, 2, 6 + (int) seed, 4 + (int) seed,
                    2.0).generate(seed);
            GraphSpec spec = GraphSpec.builder().headReduction(seed == 3 ? HeadReduction.PER_HEAD : HeadReduction.MEAN)
                    .build();
            Scene s = PairSceneBuilder.build(EncoderDecoderGraph.build(trace, spec), EncodingSpec.of(Encoding.OPACITY));
            Drawn d = draw(s, FigureSpec.builder().fit(true).build());
            assertEquals(List.of(), d.text().clipped(), "seed " + seed + ": text cut");
            assertInkInsideBoxes(d);
            assertTrue(widthFill(d, s) >= 0.8, "seed " + seed + ": " + widthFill(d, s));
            assertTrue(d.spec().height() < 800, "seed " + seed + ": a flat figure is cut to its height, "
                    + d.spec().height());
            java.util.Set<String> names = new java.util.HashSet<>();
            s.planes().forEach(r -> names.add(r.title()));
            s.nodes().forEach(n -> names.add(n.label()));
            List<TextBoxes.Box> labels = d.text().boxes().stream().filter(t -> names.contains(t.text())).toList();
            assertTrue(labels.size() > s.planes().size(), "seed " + seed + ": titles and token labels drawn");
            for (int i = 0; i < labels.size(); i++) {
                for (int j = i + 1; j < labels.size(); j++) {
                    Rectangle2D x = labels.get(i).bounds().createIntersection(labels.get(j).bounds());
                    assertFalse(x.getWidth() > 0.5 && x.getHeight() > 0.5, "seed " + seed + ": \""
                            + labels.get(i).text() + "\" overlaps \"" + labels.get(j).text() + "\"");
                }
            }
            Projection proj = d.painted().projection();
            for (PlaneRect title : s.planes()) {
                TextBoxes.Box t = d.text().boxes().stream().filter(x -> x.text().equals(title.title())).findFirst()
                        .orElse(null);
                if (t == null) {
                    assertTrue(d.text().boxes().stream().anyMatch(x -> x.text().startsWith("plane titles: ")),
                            "seed " + seed + ": \"" + title.title() + "\" left out without a legend note");
                    continue;
                }
                for (PlaneRect other : s.planes()) {
                    if (other.plane() == title.plane() || seed == 3) {
                        // one plane per head: two columns of titles per block; only titles and labels stay apart
                        continue;
                    }
                    Path2D.Double quad = new Path2D.Double();
                    Vec3[] c = other.corners();
                    for (int k = 0; k < 4; k++) {
                        double[] q = proj.project(c[k]);
                        double x = q[0] + d.painted().left();
                        double y = q[1] + d.painted().top();
                        if (k == 0) {
                            quad.moveTo(x, y);
                        } else {
                            quad.lineTo(x, y);
                        }
                    }
                    quad.closePath();
                    assertFalse(quad.intersects(t.bounds()), "seed " + seed + ": \"" + title.title()
                            + "\" lies on plane \"" + other.title() + "\"");
                }
            }
        }
    }

    @Test
    void smallMultiples_fitCutsThePanelsToTheStack_andKeepsTheTextInside() throws Exception {
        MultiPlanarGraph g = SyntheticGraphs.graph(6, 2, 18, 3, GraphSpec.builder().layout(LayoutKind.CIRCLE).topK(3)
                .build());
        List<Scene> panels = SmallMultiples.ofEncodings(g, List.of(EncodingSpec.of(Encoding.OPACITY),
                EncodingSpec.of(Encoding.COLOUR), EncodingSpec.of(Encoding.LENGTH)), 0);
        FigureSpec given = FigureSpec.builder().size(480, 600).columns(3).title("encodings").fit(true).build();
        FigureSpec fitted = SmallMultiples.fitted(panels, given);
        assertTrue(fitted.width() < 480 && fitted.width() >= 400, "panel width " + fitted.width());
        assertEquals(600, fitted.height());
        assertEquals(given.toBuilder().fit(false).build().width(), SmallMultiples.fitted(panels,
                given.toBuilder().fit(false).build()).width(), "without fit() the panels keep their size");
        Path png = dir.resolve("sm.png");
        SmallMultiples.writePng(panels, given, png);
        BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(3 * fitted.width(), img.getWidth());
        String cut = FigureMetadata.readPng(png).get(TextBoxes.METADATA_KEY);
        assertTrue(cut.startsWith("none of "), cut);
        assertEquals(fitted.width() + "x600 px per panel, scale 1.0", FigureMetadata.readPng(png).get("figure.size"));
    }
}
