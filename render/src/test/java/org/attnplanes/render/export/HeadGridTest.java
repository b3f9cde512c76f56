package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.LayerSelection;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadGridTest {

    @TempDir
    Path dir;

    private static MultiPlanarGraph perHead(int layers, int heads, int n, LayoutKind layout, int topK) {
        return SyntheticGraphs.graph(layers, heads, n, 7, GraphSpec.builder().headReduction(HeadReduction.PER_HEAD)
                .links().layout(layout).topK(topK).build());
    }

    /** Paints the grid into an image through a recorder and returns both. */
    private static TextBoxes paint(MultiPlanarGraph g, FigureSpec spec, BufferedImage[] out) {
        Scene s = SceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY));
        BufferedImage img = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g2 = img.createGraphics();
        TextBoxes t = TextBoxes.wrap(g2, spec.width(), spec.height());
        HeadGrid.paint(g, s, spec, t, false);
        g2.dispose();
        if (out != null) {
            out[0] = img;
        }
        return t;
    }

    private static void assertNoOverlapAndNothingCut(TextBoxes t) {
        assertEquals(List.of(), t.clipped(), "text outside the canvas");
        List<TextBoxes.Box> boxes = t.boxes();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                Rectangle2D a = boxes.get(i).bounds();
                Rectangle2D b = boxes.get(j).bounds();
                Rectangle2D inter = a.createIntersection(b);
                assertFalse(inter.getWidth() > 0.5 && inter.getHeight() > 0.5,
                        "labels overlap: \"" + boxes.get(i).text() + "\" " + a + " and \"" + boxes.get(j).text() + "\" " + b);
            }
        }
    }

    @Test
    void planeAt_theCellUnderEveryRowAndColumnLabelIsThatLayersHead() {
        for (LayoutKind layout : List.of(LayoutKind.LINE, LayoutKind.CIRCLE)) {
            MultiPlanarGraph g = perHead(3, 4, 10, layout, 3);
            int[] size = HeadGrid.preferredSize(g);
            FigureSpec spec = FigureSpec.builder().size(size[0], size[1]).build();
            Scene s = SceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY));
            TextBoxes t = paint(g, spec, null);
            int checked = 0;
            for (TextBoxes.Box column : t.boxes()) {
                if (!column.text().startsWith("head ")) {
                    continue;
                }
                int head = Integer.parseInt(column.text().substring(5));
                for (TextBoxes.Box row : t.boxes()) {
                    if (!row.text().startsWith("layer ")) {
                        continue;
                    }
                    int layer = Integer.parseInt(row.text().substring(6));
                    int p = HeadGrid.planeAt(g, s, spec, column.bounds().getCenterX(), row.bounds().getCenterY());
                    assertTrue(p >= 0, layout + ": no cell under head " + head + ", layer " + layer);
                    assertEquals(layer, g.planes().get(p).layer(), layout + " head " + head + " layer " + layer);
                    assertEquals(head, g.planes().get(p).head().getAsInt(), layout + " head " + head + " layer "
                            + layer);
                    checked++;
                }
            }
            assertEquals(12, checked, layout + ": every cell checked");
            assertEquals(-1, HeadGrid.planeAt(g, s, spec, 1, 1), "the top-left corner is no cell");
            assertEquals(-1, HeadGrid.planeAt(g, s, spec, size[0] / 2.0, size[1] - 2), "the legend is no cell");
        }
    }

    @Test
    void threeLayersFourHeads_everyCellLabelledOnce_noLabelOverlapsOrIsCut() {
        MultiPlanarGraph g = perHead(3, 4, 10, LayoutKind.LINE, 3);
        int[] size = HeadGrid.preferredSize(g);
        TextBoxes t = paint(g, FigureSpec.builder().size(size[0], size[1]).build(), null);
        List<String> texts = t.boxes().stream().map(TextBoxes.Box::text).toList();
        for (int h = 0; h < 4; h++) {
            assertEquals(1, texts.stream().filter(("head " + h)::equals).count(), texts.toString());
        }
        for (int l = 0; l < 3; l++) {
            assertEquals(1, texts.stream().filter(("layer " + l)::equals).count(), texts.toString());
        }
        assertNoOverlapAndNothingCut(t);
    }

    @Test
    void everyCellDrawsItsEdges_asOneSvgGroupPerLayerAndHead() {
        MultiPlanarGraph g = perHead(2, 3, 8, LayoutKind.CIRCLE, 2);
        Scene s = SceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY));
        String svg = HeadGrid.svg(g, s, FigureSpec.builder().size(900, 600).build());
        for (int l = 0; l < 2; l++) {
            for (int h = 0; h < 3; h++) {
                String open = "id='cell-" + l + "-" + h + "'";
                int at = svg.indexOf(open);
                assertTrue(at > 0, "missing group " + open);
                int next = svg.indexOf("id='cell-", at + open.length());
                int end = next < 0 ? svg.length() : next;
                assertTrue(svg.substring(at, end).split("<line", -1).length - 1 >= 2,
                        "cell " + l + "-" + h + " draws no edges");
            }
        }
        Map<String, String> meta = FigureMetadata.readSvg(write(svg));
        assertEquals("2 layers (rows) × 3 heads (columns)", meta.get("figure.grid"));
        assertTrue(meta.get(TextBoxes.METADATA_KEY).startsWith("none of "), meta.get(TextBoxes.METADATA_KEY));
    }

    private Path write(String svg) {
        Path f = dir.resolve("grid.svg");
        org.attnplanes.graph.io.AtomicFiles.writeString(f, svg);
        return f;
    }

    @Test
    void twelveByTwelveHeads_ofLongInput_inASmallFigure_thinLabelsWithoutOverlap() {
        MultiPlanarGraph g = perHead(12, 12, 120, LayoutKind.LINE, 2);
        BufferedImage[] img = new BufferedImage[1];
        TextBoxes t = paint(g, FigureSpec.builder().size(900, 700).build(), img);
        assertNoOverlapAndNothingCut(t);
        long tokens = t.boxes().stream().filter(b -> b.text().startsWith("tok") || b.text().startsWith("[")).count();
        assertTrue(tokens > 3 && tokens < 120, "token labels thinned, not all or none: " + tokens);
        // not blank: the grid area holds many non-background pixels
        int inked = 0;
        for (int y = 60; y < 500; y += 3) {
            for (int x = 80; x < 880; x += 3) {
                if ((img[0].getRGB(x, y) >>> 24) != 0 && (img[0].getRGB(x, y) & 0xffffff) != 0xffffff) {
                    inked++;
                }
            }
        }
        assertTrue(inked > 2000, "inked pixels " + inked);
    }

    @Test
    void oneLayer_isOneRowOfHeadsSideBySide() {
        MultiPlanarGraph g = SyntheticGraphs.graph(4, 6, 9, 3, GraphSpec.builder().headReduction(HeadReduction.PER_HEAD)
                .layers(LayerSelection.of(2)).links().build());
        HeadGrid.Cells c = HeadGrid.cells(g);
        assertEquals(List.of(2), c.layers());
        assertEquals(6, c.heads().size());
        TextBoxes t = paint(g, FigureSpec.builder().size(1200, 420).build(), null);
        assertNoOverlapAndNothingCut(t);
        List<String> rows = new ArrayList<>();
        t.boxes().forEach(b -> {
            if (b.text().startsWith("layer ")) {
                rows.add(b.text());
            }
        });
        assertEquals(List.of("layer 2"), rows);
    }
}
