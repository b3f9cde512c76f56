package org.attnplanes.app.gui;

import java.awt.image.BufferedImage;

import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import org.attnplanes.app.workbench.LayoutCache;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.export.FigureSpec;
import org.attnplanes.render.export.HeadGrid;
import org.attnplanes.render.scene.Scene;

/**
 * The per-head tab of the desktop app: render's {@link HeadGrid} figure (one small plane per layer × head, rows =
 * layers, columns = heads, labels that never overlap, the legend below) of the trace on screen under the side
 * panel's options with every head kept apart, drawn off the FX thread and shown as an image. The same figure the
 * command line writes for {@code --heads per-head}. Clicking a cell asks the window to show that head and select
 * that layer's plane. Node id {@code #head-grid} (the image view).
 */
final class HeadGridTab {

    /**
     * One drawn grid.
     *
     * @param graph the per-head graph
     * @param scene its scene
     * @param spec  the figure settings it was drawn with
     * @param image the figure
     */
    record Drawn(MultiPlanarGraph graph, Scene scene, FigureSpec spec, BufferedImage image) {

        /** The plane whose cell holds the image pixel (x, y), or −1. */
        int planeAtPixel(double x, double y) {
            return HeadGrid.planeAt(graph, scene, spec, x / spec.scale(), y / spec.scale());
        }
    }

    /** What a click on a cell asks for: show that layer's plane of that head. */
    @FunctionalInterface
    interface CellPicked {
        void picked(int layer, int head);
    }

    private final ImageView image = new ImageView();
    private final Label empty = new Label("Run a sentence to see every head of every layer side by side.");
    private final ScrollPane node;
    private volatile Drawn shown;

    HeadGridTab(CellPicked onPick) {
        image.setId("head-grid");
        image.setPreserveRatio(true);
        image.setOnMouseClicked(e -> {
            Drawn d = shown;
            if (d == null || !e.isStillSincePress() || image.getImage() == null) {
                return;
            }
            // the image is shown at its own size unless a fit size is set: map view coordinates to image pixels
            double sx = image.getImage().getWidth() / Math.max(1e-9, image.getBoundsInLocal().getWidth());
            double sy = image.getImage().getHeight() / Math.max(1e-9, image.getBoundsInLocal().getHeight());
            int p = d.planeAtPixel(e.getX() * sx, e.getY() * sy);
            if (p >= 0) {
                Plane plane = d.graph().planes().get(p);
                onPick.picked(plane.layer(), plane.head().orElse(-1));
            }
        });
        StackPane box = new StackPane(empty, image);
        box.setPadding(new Insets(6));
        node = new ScrollPane(box);
    }

    /** The tab's content. */
    Parent node() {
        return node;
    }

    /** What is shown, or null. */
    Drawn shown() {
        return shown;
    }

    /**
     * Draws the grid of {@code trace} under {@code spec} with every head of the selected layers (no links: the
     * grid has none), hiding edges below {@code threshold}; off the FX thread.
     */
    static Drawn draw(AttentionTrace trace, GraphSpec spec, EncodingSpec encoding, double threshold,
                      LayoutCache layouts) {
        GraphSpec perHead = spec.toBuilder().headReduction(HeadReduction.PER_HEAD).links().classifier(false).build();
        MultiPlanarGraph g = Workbench.build(trace, perHead, layouts.forGraph(trace, perHead));
        Scene s = SceneBuilder.build(g, encoding, threshold);
        int[] size = HeadGrid.preferredSize(g);
        FigureSpec figure = FigureSpec.builder().size(size[0], size[1]).build();
        return new Drawn(g, s, figure, HeadGrid.image(g, s, figure));
    }

    /** Shows a drawn grid (FX thread). */
    void show(Drawn d) {
        BufferedImage b = d.image();
        int w = b.getWidth();
        int h = b.getHeight();
        int[] argb = b.getRGB(0, 0, w, h, null, 0, w);
        WritableImage fx = new WritableImage(w, h);
        fx.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        image.setImage(fx);
        empty.setVisible(false);
        shown = d;
    }
}
