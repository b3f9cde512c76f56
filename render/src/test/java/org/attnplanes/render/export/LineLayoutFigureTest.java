package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.testing.SyntheticGraphs;
import org.junit.jupiter.api.Test;

/**
 * The default line layout as a figure: edges are arcs in their plane (an edge along the token line would hide
 * behind the tokens between its ends), token labels are vertical, chosen most-attended first and never overlap,
 * and when some must be left out the legend says how many are shown.
 */
class LineLayoutFigureTest {

    private static final Pattern NOTE = Pattern.compile("token labels: (\\d+) of (\\d+) shown.*");

    private static TextBoxes paint(Scene s, FigureSpec spec) {
        BufferedImage img = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        TextBoxes t = TextBoxes.wrap(g, spec.width(), spec.height());
        ScenePainter.paint(s, spec, t, spec.width(), spec.height(), null);
        g.dispose();
        return t;
    }

    private static void assertNoOverlap(List<TextBoxes.Box> boxes) {
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                Rectangle2D x = boxes.get(i).bounds().createIntersection(boxes.get(j).bounds());
                assertFalse(x.getWidth() > 0.5 && x.getHeight() > 0.5,
                        "\"" + boxes.get(i).text() + "\" overlaps \"" + boxes.get(j).text() + "\"");
            }
        }
    }

    @Test
    void edgesAreArcs_inSvg_andShortInputsLabelEveryToken() {
        MultiPlanarGraph g = SyntheticGraphs.graph(2, 2, 10, 3, GraphSpec.builder().layout(LayoutKind.LINE).topK(2)
                .build());
        Scene s = SceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY));
        String svg = Figures.svg(s, FigureSpec.defaults());
        int edges = s.edges().size();
        // each edge is one element: a path of several segments (an arc), not a straight line
        Matcher m = Pattern.compile("id='e-[^']*'[^>]*>\\s*<path d='([^']*)'").matcher(svg);
        int arcs = 0;
        while (m.find()) {
            assertTrue(m.group(1).split("L").length > 4, "not an arc: " + m.group(1));
            arcs++;
        }
        assertEquals(edges, arcs, "edges drawn as arcs");
        TextBoxes t = paint(s, FigureSpec.defaults());
        assertEquals(List.of(), t.clipped());
        List<TextBoxes.Box> labels = t.boxes().stream().filter(b -> b.text().startsWith("tok")
                || b.text().startsWith("[")).toList();
        assertEquals(10, labels.size(), "all ten tokens labelled");
        labels.forEach(b -> assertTrue(b.bounds().getHeight() > b.bounds().getWidth(), "vertical: " + b));
        assertNoOverlap(labels);
        assertTrue(t.boxes().stream().noneMatch(b -> b.text().startsWith("token labels:")), "no note when all fit");
    }

    @Test
    void longInput_thinsLabels_mostAttendedFirst_andTheLegendSaysHowMany() {
        MultiPlanarGraph g = SyntheticGraphs.graph(3, 1, 300, 5, GraphSpec.builder().layout(LayoutKind.LINE).topK(3)
                .build());
        Scene s = SceneBuilder.build(g, EncodingSpec.of(Encoding.OPACITY));
        TextBoxes t = paint(s, FigureSpec.defaults());
        assertEquals(List.of(), t.clipped());
        List<TextBoxes.Box> labels = t.boxes().stream().filter(b -> b.text().matches("tok\\d+")).toList();
        assertNoOverlap(labels);
        String note = t.boxes().stream().map(TextBoxes.Box::text).filter(x -> x.startsWith("token labels:"))
                .findFirst().orElseThrow();
        Matcher m = NOTE.matcher(note);
        assertTrue(m.matches(), note);
        assertEquals(labels.size(), Integer.parseInt(m.group(1)), note);
        assertEquals(300, Integer.parseInt(m.group(2)));
        assertTrue(labels.size() >= 10 && labels.size() < 150, "thinned, not gone: " + labels.size());
        // the most attended token of plane 0 is among the labelled ones
        double[] attended = new double[300];
        s.edges().stream().filter(e -> e.plane() == 0).forEach(e -> {
            attended[e.source()] += Math.abs(e.weight());
            attended[e.target()] += Math.abs(e.weight());
        });
        int best = 1;
        for (int i = 1; i < 299; i++) {
            best = attended[i] > attended[best] ? i : best;
        }
        String bestLabel = s.nodes().stream().filter(n -> n.plane() == 0).toList().get(best).label();
        assertTrue(labels.stream().anyMatch(b -> b.text().equals(bestLabel)), bestLabel + " is not labelled");
    }
}
