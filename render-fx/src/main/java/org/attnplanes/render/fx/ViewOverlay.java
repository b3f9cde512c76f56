package org.attnplanes.render.fx;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import org.attnplanes.render.export.LabelMode;
import org.attnplanes.render.projection.Projection;
import org.attnplanes.render.scene.Legend;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.PlaneRect;
import org.attnplanes.render.scene.Rgba;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.scene.Vec3;

/**
 * The flat 2D layer drawn over {@link AttentionView}'s 3D subscene: token labels next to their nodes, plane
 * titles left of each plane, the scene title and the legend (lines and colour bar). Labels and titles follow
 * the camera ({@link #place}); title and legend are laid out against the view's size ({@link #layout}).
 * Mouse-transparent. FX thread only.
 */
final class ViewOverlay {

    private final Pane pane = new Pane();
    private final List<Text> labelTexts = new ArrayList<>();
    private final List<NodeGlyph> labelGlyphs = new ArrayList<>();
    private final List<Text> planeTitles = new ArrayList<>();
    private final List<PlaneRect> planeRects = new ArrayList<>();
    private Text titleText;
    private VBox legendBox;
    private double builtScale = Double.NaN;

    ViewOverlay() {
        pane.setMouseTransparent(true);
    }

    /** The pane holding every overlay node. */
    Pane pane() {
        return pane;
    }

    /**
     * Replaces the overlay with the labels, plane titles, title and legend of {@code s} (empty when null),
     * fonts scaled by {@code pixelScale}. With {@code reuse}, token labels and plane titles that read the same as
     * those shown (same texts, colours and font scale: a view change of the same tokens and planes) keep their
     * {@code Text} nodes and only follow the new glyphs and planes; title and legend are always new.
     */
    void rebuild(Scene s, LabelMode labelMode, double pixelScale, boolean reuse) {
        List<NodeGlyph> glyphs = new ArrayList<>();
        if (s != null) {
            for (NodeGlyph g : s.nodes()) {
                if (labelMode == LabelMode.ALL_PLANES || (labelMode == LabelMode.FIRST_PLANE && g.plane() == 0)) {
                    glyphs.add(g);
                }
            }
        }
        if (reuse && s != null && pixelScale == builtScale && sameLabels(glyphs) && sameTitles(s.planes())) {
            labelGlyphs.clear();
            labelGlyphs.addAll(glyphs);
            planeRects.clear();
            planeRects.addAll(s.planes());
            if (titleText != null) {
                pane.getChildren().remove(titleText);
            }
            if (legendBox != null) {
                pane.getChildren().remove(legendBox);
            }
            titleAndLegend(s, pixelScale);
            return;
        }
        pane.getChildren().clear();
        labelTexts.clear();
        labelGlyphs.clear();
        planeTitles.clear();
        planeRects.clear();
        titleText = null;
        legendBox = null;
        builtScale = pixelScale;
        if (s == null) {
            return;
        }
        double k = pixelScale;
        Font labelFont = Font.font("SansSerif", 10 * k);
        for (NodeGlyph g : glyphs) {
            Text t = new Text(g.label());
            t.setFont(labelFont);
            t.setFill(Color.gray(0.15));
            labelTexts.add(t);
            labelGlyphs.add(g);
        }
        Font planeFont = Font.font("SansSerif", FontWeight.BOLD, 12 * k);
        for (PlaneRect r : s.planes()) {
            Text t = new Text(r.title());
            t.setFont(planeFont);
            t.setFill(AttentionView.fx(r.border().withAlpha(1f)));
            planeTitles.add(t);
            planeRects.add(r);
        }
        pane.getChildren().addAll(planeTitles);
        pane.getChildren().addAll(labelTexts);
        titleAndLegend(s, k);
    }

    /** Whether the token labels shown read exactly {@code glyphs}' labels, in order. */
    private boolean sameLabels(List<NodeGlyph> glyphs) {
        if (glyphs.size() != labelTexts.size()) {
            return false;
        }
        for (int i = 0; i < glyphs.size(); i++) {
            if (!glyphs.get(i).label().equals(labelTexts.get(i).getText())) {
                return false;
            }
        }
        return true;
    }

    /** Whether the plane titles shown read exactly those of {@code rects}, in the same colours. */
    private boolean sameTitles(List<PlaneRect> rects) {
        if (rects.size() != planeRects.size()) {
            return false;
        }
        for (int i = 0; i < rects.size(); i++) {
            PlaneRect a = rects.get(i);
            PlaneRect b = planeRects.get(i);
            if (!a.title().equals(b.title()) || !a.border().equals(b.border())) {
                return false;
            }
        }
        return true;
    }

    private void titleAndLegend(Scene s, double k) {
        titleText = null;
        if (!s.title().isEmpty()) {
            titleText = new Text(s.title());
            titleText.setFont(Font.font("SansSerif", FontWeight.BOLD, 16 * k));
            titleText.setTextOrigin(VPos.TOP);
            pane.getChildren().add(titleText);
        }
        legendBox = legend(s.legend(), k);
        pane.getChildren().add(legendBox);
    }

    /** The token labels shown, in glyph order (for tests). */
    List<Text> labels() {
        return List.copyOf(labelTexts);
    }

    /** Removes the legend (until the next {@link #rebuild}). */
    void hideLegend() {
        if (legendBox != null) {
            pane.getChildren().remove(legendBox);
            legendBox = null;
        }
    }

    /** Sizes the pane to the view and places the title (top centre) and the legend (bottom left). */
    void layout(double w, double h, boolean resized) {
        if (resized) {
            pane.resize(w, h);
        }
        if (titleText != null) {
            titleText.relocate(Math.max(4, (w - titleText.getLayoutBounds().getWidth()) / 2), 6);
        }
        if (legendBox != null) {
            legendBox.autosize();
            legendBox.relocate(6, h - legendBox.getHeight() - 6);
        }
    }

    /** Moves token labels and plane titles to where the camera shows their node or plane. */
    void place(Projection proj) {
        double[] xy = new double[3];
        for (int i = 0; i < labelTexts.size(); i++) {
            NodeGlyph g = labelGlyphs.get(i);
            Vec3 p = g.position();
            proj.project(p.x(), p.y(), p.z(), xy, 0);
            Text t = labelTexts.get(i);
            t.setVisible(xy[2] > Projection.NEAR);
            double rpx = g.radius() * proj.focalPx() / Math.max(xy[2], 1e-9);
            t.relocate(xy[0] + rpx + 2, xy[1] + rpx);
        }
        for (int i = 0; i < planeTitles.size(); i++) {
            // title left of the plane's leftmost corner (inside the plane when that would leave the view)
            double lx = Double.MAX_VALUE;
            double ly = 0;
            boolean visible = true;
            for (Vec3 p : planeRects.get(i).corners()) {
                proj.project(p.x(), p.y(), p.z(), xy, 0);
                visible &= xy[2] > Projection.NEAR;
                if (xy[0] < lx) {
                    lx = xy[0];
                    ly = xy[1];
                }
            }
            Text t = planeTitles.get(i);
            t.setVisible(visible);
            double tw = t.getLayoutBounds().getWidth();
            double th = t.getLayoutBounds().getHeight();
            t.relocate(lx - tw - 6 >= 2 ? lx - tw - 6 : lx + 4, ly - th / 2);
        }
    }

    private static VBox legend(Legend legend, double k) {
        VBox box = new VBox(2 * k);
        box.setStyle("-fx-background-color: rgba(255,255,255,0.8); -fx-padding: " + (4 * k) + ";");
        Font f = Font.font("SansSerif", 11 * k);
        for (String line : legend.lines()) {
            Text t = new Text(line);
            t.setFont(f);
            box.getChildren().add(t);
        }
        legend.colourBar().ifPresent(bar -> {
            HBox row = new HBox(4 * k);
            Text lo = new Text(bar.low());
            lo.setFont(f);
            HBox ramp = new HBox(0);
            double w = 160 * k / bar.samples().size();
            for (Rgba c : bar.samples()) {
                ramp.getChildren().add(new Rectangle(w, 10 * k, AttentionView.fx(c.withAlpha(1f))));
            }
            Text hi = new Text(bar.high() + "  " + bar.name());
            hi.setFont(f);
            row.getChildren().addAll(lo, ramp, hi);
            box.getChildren().add(row);
        });
        return box;
    }
}
