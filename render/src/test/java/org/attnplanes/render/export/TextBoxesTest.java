package org.attnplanes.render.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.svg.SVGGraphics2D;
import org.junit.jupiter.api.Test;

class TextBoxesTest {

    private static TextBoxes onImage(int w, int h, double scale) {
        BufferedImage img = new BufferedImage((int) (w * scale), (int) (h * scale), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.scale(scale, scale);
        TextBoxes t = TextBoxes.wrap(g, w, h);
        t.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return t;
    }

    @Test
    void stringInside_isInside_andItsBoxMatchesTheFontMetrics() {
        TextBoxes t = onImage(200, 100, 2);
        t.drawString("hello", 10f, 50f);
        TextBoxes.Box b = t.boxes().get(0);
        assertTrue(b.inside());
        double width = t.getFontMetrics().stringWidth("hello");
        assertEquals(10, b.bounds().getX(), 1e-6);
        assertEquals(width, b.bounds().getWidth(), 1.0);
        assertEquals(50 - t.getFontMetrics().getAscent(), b.bounds().getY(), 1e-6);
        assertEquals("none of 1 strings", t.describeClipped());
    }

    @Test
    void stringPastTheRightEdge_isReportedWithItsText() {
        TextBoxes t = onImage(100, 100, 1);
        float x = 100 - t.getFontMetrics().stringWidth("cut off") / 2f;
        t.drawString("cut off", x, 50f);
        t.drawString("fine", 5, 50);
        List<TextBoxes.Box> cut = t.clipped();
        assertEquals(1, cut.size());
        assertEquals("cut off", cut.get(0).text());
        assertTrue(t.describeClipped().startsWith("\"cut off\" at ["), t.describeClipped());
    }

    @Test
    void rotatedString_inChildGraphics_isMeasuredInCanvasCoordinates() {
        TextBoxes t = onImage(100, 300, 1);
        Graphics2D child = (Graphics2D) t.create();
        child.translate(50, 10);
        child.rotate(Math.PI / 2);                       // text runs downwards from (50, 10)
        String s = "a rather long vertical label";
        child.drawString(s, 0f, 0f);
        child.dispose();
        TextBoxes.Box b = t.boxes().get(0);
        Rectangle2D r = b.bounds();
        assertTrue(r.getHeight() > r.getWidth() * 5, r.toString());
        assertEquals(10, r.getMinY(), 1e-6);
        assertTrue(b.inside());
        Graphics2D again = (Graphics2D) t.create();
        again.translate(50, 200);
        again.rotate(Math.PI / 2);
        again.drawString(s, 0f, 0f);                     // runs past the bottom edge at 300
        assertFalse(t.boxes().get(1).inside());
    }

    @Test
    void textOutsideTheClip_counts_asCut_evenInsideTheCanvas() {
        SVGGraphics2D svg = new SVGGraphics2D(200, 200);
        TextBoxes t = TextBoxes.wrap(svg, 200, 200);
        t.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        t.clip(new Rectangle2D.Double(0, 0, 100, 100));
        t.drawString("inside the clip", 2f, 50f);
        t.drawString("below the clip", 2f, 150f);
        assertEquals(List.of("below the clip"), t.clipped().stream().map(TextBoxes.Box::text).toList());
        assertTrue(svg.getSVGElement().contains("below the clip"), "drawing goes through to the target");
    }
}
