package org.attnplanes.render.export;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.GlyphVector;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Rectangle2D;
import java.text.AttributedCharacterIterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A {@code Graphics2D} that draws through to another and records where every string it draws lands: the
 * string, its bounding box in the coordinates of the figure canvas (the target's user space when this was
 * made), and whether that box lies inside the canvas and inside the clip in force when it was drawn. Figure
 * writers paint through one to state in the file's metadata that no text is cut ({@link #clipped()}); tests read
 * it. Children made by {@link #create()} record into the same list.
 *
 * <pre>{@code
 * TextBoxes g = TextBoxes.wrap(svgGraphics, width, height);
 * chart.draw(g, area);
 * List<TextBoxes.Box> cut = g.clipped();
 * }</pre>
 */
public final class TextBoxes extends Graphics2D {

    /**
     * One drawn string.
     *
     * @param text   the string
     * @param bounds its box in canvas coordinates (ascent to descent, advance width)
     * @param inside whether the box lies within the canvas and the clip (half a pixel of tolerance)
     */
    public record Box(String text, Rectangle2D bounds, boolean inside) {
    }

    private static final double TOLERANCE = 0.5;

    private final Graphics2D d;
    private final AffineTransform toCanvas;
    private final Rectangle2D canvas;
    private final List<Box> boxes;

    private TextBoxes(Graphics2D d, AffineTransform toCanvas, Rectangle2D canvas, List<Box> boxes) {
        this.d = d;
        this.toCanvas = toCanvas;
        this.canvas = canvas;
        this.boxes = boxes;
    }

    /**
     * Wraps a target whose current user space is the canvas {@code [0, width] × [0, height]}.
     */
    public static TextBoxes wrap(Graphics2D target, double width, double height) {
        Objects.requireNonNull(target, "target");
        AffineTransform toCanvas;
        try {
            toCanvas = target.getTransform().createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new IllegalArgumentException("the target's transform is not invertible", e);
        }
        return new TextBoxes(target, toCanvas, new Rectangle2D.Double(0, 0, width, height),
                Collections.synchronizedList(new ArrayList<>()));
    }

    /** Every string drawn so far, in drawing order. */
    public List<Box> boxes() {
        synchronized (boxes) {
            return List.copyOf(boxes);
        }
    }

    /** The strings drawn (partly) outside the canvas or their clip. */
    public List<Box> clipped() {
        return boxes().stream().filter(b -> !b.inside()).toList();
    }

    /**
     * The metadata value stating whether any text is cut: {@code "none of N strings"}, or the cut strings with
     * their boxes.
     */
    public String describeClipped() {
        List<Box> cut = clipped();
        if (cut.isEmpty()) {
            return "none of " + boxes().size() + " strings";
        }
        StringBuilder b = new StringBuilder();
        for (Box x : cut) {
            Rectangle2D r = x.bounds();
            b.append(b.length() == 0 ? "" : " | ").append('"').append(x.text()).append('"').append(String.format(
                    java.util.Locale.ROOT, " at [%.1f, %.1f, %.1f × %.1f]", r.getX(), r.getY(), r.getWidth(),
                    r.getHeight()));
        }
        return b.toString();
    }

    /** The metadata key of {@link #describeClipped()}. */
    public static final String METADATA_KEY = "figure.text_cut";

    private void record(String text, Rectangle2D userBox) {
        if (text == null || text.isBlank()) {
            return;
        }
        AffineTransform t = new AffineTransform(toCanvas);
        t.concatenate(d.getTransform());
        Rectangle2D box = t.createTransformedShape(userBox).getBounds2D();
        boolean inside = contains(canvas, box);
        Shape clip = d.getClip();
        if (inside && clip != null) {
            Rectangle2D c = t.createTransformedShape(clip).getBounds2D();
            inside = contains(c, box);
        }
        boxes.add(new Box(text, box, inside));
    }

    private static boolean contains(Rectangle2D outer, Rectangle2D inner) {
        return inner.getMinX() >= outer.getMinX() - TOLERANCE && inner.getMinY() >= outer.getMinY() - TOLERANCE
                && inner.getMaxX() <= outer.getMaxX() + TOLERANCE && inner.getMaxY() <= outer.getMaxY() + TOLERANCE;
    }

    private Rectangle2D stringBox(String s, double x, double y) {
        FontMetrics fm = d.getFontMetrics();
        return new Rectangle2D.Double(x, y - fm.getAscent(), fm.getStringBounds(s, d).getWidth(),
                fm.getAscent() + fm.getDescent());
    }

    @Override
    public void drawString(String s, int x, int y) {
        record(s, stringBox(s, x, y));
        d.drawString(s, x, y);
    }

    @Override
    public void drawString(String s, float x, float y) {
        record(s, stringBox(s, x, y));
        d.drawString(s, x, y);
    }

    @Override
    public void drawString(AttributedCharacterIterator it, int x, int y) {
        drawString(it, (float) x, (float) y);
    }

    @Override
    public void drawString(AttributedCharacterIterator it, float x, float y) {
        StringBuilder text = new StringBuilder();
        for (char c = it.first(); c != AttributedCharacterIterator.DONE; c = it.next()) {
            text.append(c);
        }
        it.first();
        if (text.length() > 0) {
            TextLayout layout = new TextLayout(it, d.getFontRenderContext());
            Rectangle2D b = layout.getBounds();
            record(text.toString(), new Rectangle2D.Double(x + b.getX(), y + b.getY(), b.getWidth(), b.getHeight()));
            it.first();
        }
        d.drawString(it, x, y);
    }

    @Override
    public void drawGlyphVector(GlyphVector g, float x, float y) {
        Rectangle2D b = g.getVisualBounds();
        int n = g.getNumGlyphs();
        String text = "glyphs(" + n + ")";
        record(text, new Rectangle2D.Double(x + b.getX(), y + b.getY(), b.getWidth(), b.getHeight()));
        d.drawGlyphVector(g, x, y);
    }

    @Override
    public Graphics create() {
        return new TextBoxes((Graphics2D) d.create(), toCanvas, canvas, boxes);
    }

    @Override
    public void scale(double a0, double a1) {
        d.scale(a0, a1);
    }

    @Override
    public void fill(java.awt.Shape a0) {
        d.fill(a0);
    }

    @Override
    public void transform(java.awt.geom.AffineTransform a0) {
        d.transform(a0);
    }

    @Override
    public void rotate(double a0) {
        d.rotate(a0);
    }

    @Override
    public void rotate(double a0, double a1, double a2) {
        d.rotate(a0, a1, a2);
    }

    @Override
    public boolean hit(java.awt.Rectangle a0, java.awt.Shape a1, boolean a2) {
        return d.hit(a0, a1, a2);
    }

    @Override
    public void translate(double a0, double a1) {
        d.translate(a0, a1);
    }

    @Override
    public void translate(int a0, int a1) {
        d.translate(a0, a1);
    }

    @Override
    public java.awt.Paint getPaint() {
        return d.getPaint();
    }

    @Override
    public void setPaint(java.awt.Paint a0) {
        d.setPaint(a0);
    }

    @Override
    public void draw(java.awt.Shape a0) {
        d.draw(a0);
    }

    @Override
    public boolean drawImage(java.awt.Image a0, java.awt.geom.AffineTransform a1, java.awt.image.ImageObserver a2) {
        return d.drawImage(a0, a1, a2);
    }

    @Override
    public void drawImage(java.awt.image.BufferedImage a0, java.awt.image.BufferedImageOp a1, int a2, int a3) {
        d.drawImage(a0, a1, a2, a3);
    }

    @Override
    public void drawRenderedImage(java.awt.image.RenderedImage a0, java.awt.geom.AffineTransform a1) {
        d.drawRenderedImage(a0, a1);
    }

    @Override
    public void drawRenderableImage(java.awt.image.renderable.RenderableImage a0, java.awt.geom.AffineTransform a1) {
        d.drawRenderableImage(a0, a1);
    }

    @Override
    public java.awt.GraphicsConfiguration getDeviceConfiguration() {
        return d.getDeviceConfiguration();
    }

    @Override
    public void setComposite(java.awt.Composite a0) {
        d.setComposite(a0);
    }

    @Override
    public void setStroke(java.awt.Stroke a0) {
        d.setStroke(a0);
    }

    @Override
    public void setRenderingHint(java.awt.RenderingHints.Key a0, Object a1) {
        d.setRenderingHint(a0, a1);
    }

    @Override
    public Object getRenderingHint(java.awt.RenderingHints.Key a0) {
        return d.getRenderingHint(a0);
    }

    @Override
    public void setRenderingHints(java.util.Map a0) {
        d.setRenderingHints(a0);
    }

    @Override
    public void addRenderingHints(java.util.Map a0) {
        d.addRenderingHints(a0);
    }

    @Override
    public java.awt.RenderingHints getRenderingHints() {
        return d.getRenderingHints();
    }

    @Override
    public void shear(double a0, double a1) {
        d.shear(a0, a1);
    }

    @Override
    public void setTransform(java.awt.geom.AffineTransform a0) {
        d.setTransform(a0);
    }

    @Override
    public java.awt.geom.AffineTransform getTransform() {
        return d.getTransform();
    }

    @Override
    public java.awt.Composite getComposite() {
        return d.getComposite();
    }

    @Override
    public void setBackground(java.awt.Color a0) {
        d.setBackground(a0);
    }

    @Override
    public java.awt.Color getBackground() {
        return d.getBackground();
    }

    @Override
    public java.awt.Stroke getStroke() {
        return d.getStroke();
    }

    @Override
    public void clip(java.awt.Shape a0) {
        d.clip(a0);
    }

    @Override
    public java.awt.font.FontRenderContext getFontRenderContext() {
        return d.getFontRenderContext();
    }

    @Override
    public void setColor(java.awt.Color a0) {
        d.setColor(a0);
    }

    @Override
    public void dispose() {
        d.dispose();
    }

    @Override
    public java.awt.Color getColor() {
        return d.getColor();
    }

    @Override
    public void fillRect(int a0, int a1, int a2, int a3) {
        d.fillRect(a0, a1, a2, a3);
    }

    @Override
    public boolean drawImage(java.awt.Image a0, int a1, int a2, int a3, int a4, java.awt.Color a5, java.awt.image.ImageObserver a6) {
        return d.drawImage(a0, a1, a2, a3, a4, a5, a6);
    }

    @Override
    public boolean drawImage(java.awt.Image a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, java.awt.image.ImageObserver a9) {
        return d.drawImage(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9);
    }

    @Override
    public boolean drawImage(java.awt.Image a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, java.awt.Color a9, java.awt.image.ImageObserver a10) {
        return d.drawImage(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10);
    }

    @Override
    public boolean drawImage(java.awt.Image a0, int a1, int a2, java.awt.Color a3, java.awt.image.ImageObserver a4) {
        return d.drawImage(a0, a1, a2, a3, a4);
    }

    @Override
    public boolean drawImage(java.awt.Image a0, int a1, int a2, int a3, int a4, java.awt.image.ImageObserver a5) {
        return d.drawImage(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public boolean drawImage(java.awt.Image a0, int a1, int a2, java.awt.image.ImageObserver a3) {
        return d.drawImage(a0, a1, a2, a3);
    }

    @Override
    public void clipRect(int a0, int a1, int a2, int a3) {
        d.clipRect(a0, a1, a2, a3);
    }

    @Override
    public java.awt.Font getFont() {
        return d.getFont();
    }

    @Override
    public java.awt.FontMetrics getFontMetrics(java.awt.Font a0) {
        return d.getFontMetrics(a0);
    }

    @Override
    public void drawLine(int a0, int a1, int a2, int a3) {
        d.drawLine(a0, a1, a2, a3);
    }

    @Override
    public void drawPolygon(int[] a0, int[] a1, int a2) {
        d.drawPolygon(a0, a1, a2);
    }

    @Override
    public void fillPolygon(int[] a0, int[] a1, int a2) {
        d.fillPolygon(a0, a1, a2);
    }

    @Override
    public java.awt.Rectangle getClipBounds() {
        return d.getClipBounds();
    }

    @Override
    public void setPaintMode() {
        d.setPaintMode();
    }

    @Override
    public void setXORMode(java.awt.Color a0) {
        d.setXORMode(a0);
    }

    @Override
    public void setFont(java.awt.Font a0) {
        d.setFont(a0);
    }

    @Override
    public void setClip(java.awt.Shape a0) {
        d.setClip(a0);
    }

    @Override
    public void setClip(int a0, int a1, int a2, int a3) {
        d.setClip(a0, a1, a2, a3);
    }

    @Override
    public java.awt.Shape getClip() {
        return d.getClip();
    }

    @Override
    public void copyArea(int a0, int a1, int a2, int a3, int a4, int a5) {
        d.copyArea(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public void clearRect(int a0, int a1, int a2, int a3) {
        d.clearRect(a0, a1, a2, a3);
    }

    @Override
    public void drawRoundRect(int a0, int a1, int a2, int a3, int a4, int a5) {
        d.drawRoundRect(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public void fillRoundRect(int a0, int a1, int a2, int a3, int a4, int a5) {
        d.fillRoundRect(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public void drawOval(int a0, int a1, int a2, int a3) {
        d.drawOval(a0, a1, a2, a3);
    }

    @Override
    public void fillOval(int a0, int a1, int a2, int a3) {
        d.fillOval(a0, a1, a2, a3);
    }

    @Override
    public void drawArc(int a0, int a1, int a2, int a3, int a4, int a5) {
        d.drawArc(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public void fillArc(int a0, int a1, int a2, int a3, int a4, int a5) {
        d.fillArc(a0, a1, a2, a3, a4, a5);
    }

    @Override
    public void drawPolyline(int[] a0, int[] a1, int a2) {
        d.drawPolyline(a0, a1, a2);
    }
}
