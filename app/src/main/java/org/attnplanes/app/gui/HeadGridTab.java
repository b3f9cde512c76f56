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
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.export.FigureSpec;
import org.attnplanes.render.export.HeadGrid;
import org.attnplanes.render.scene.Scene;

/**
 * The per-head tab of the desktop app: render's {@link HeadGrid} figure (one small plane per layer × head, rows =
 * layers, columns = heads, labels that never overlap, the legend below) of the trace on screen under the side
 * panel's options with every head kept apart, drawn off the FX thread and shown as an image. The same figure the
 * command line writes for {@code --heads per-head}. Node id {@code #head-grid} (the image view).
 */
final class HeadGridTab {

    /**
     * One drawn grid.
     *
     * @param graph the per-head graph
     * @param image the figure
     */
    record Drawn(MultiPlanarGraph graph, BufferedImage image) {
    }

    private final ImageView image = new ImageView();
    private final Label empty = new Label("Run a sentence to see every head of every layer side by side.");
    private final ScrollPane node;
    private volatile Drawn shown;

    HeadGridTab() {
        image.setId("head-grid");
        image.setPreserveRatio(true);
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
    static Drawn draw(AttentionTrace trace, GraphSpec spec, EncodingSpec encoding, double threshold) {
        MultiPlanarGraph g = Workbench.build(trace, spec.toBuilder().headReduction(HeadReduction.PER_HEAD).links()
                .classifier(false).build());
        Scene s = SceneBuilder.build(g, encoding, threshold);
        int[] size = HeadGrid.preferredSize(g);
        return new Drawn(g, HeadGrid.image(g, s, FigureSpec.builder().size(size[0], size[1]).build()));
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
