package org.attnplanes.app.gui;

import java.util.function.IntConsumer;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.EdgeList;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;

/**
 * The per-head view of the desktop app: one small plane per layer × head, in a grid (rows: layers, columns:
 * heads) with row and column labels that never overlap the planes. Each cell draws the plane's tokens on a circle
 * (first token at the top, clockwise) and its kept edges, darker for stronger weights; edges below the display
 * threshold are left out. Clicking a cell selects that head in the side panel. Node id {@code #head-grid}; each
 * cell's canvas has the id {@code cell-L-H}.
 */
final class HeadGrid {

    /** Side of one cell in pixels. */
    static final double CELL = 120;

    private final GridPane grid = new GridPane();
    private final ScrollPane node = new ScrollPane(grid);
    private final IntConsumer onHead;
    private MultiPlanarGraph shown;

    /** @param onHead called with the head of a clicked cell */
    HeadGrid(IntConsumer onHead) {
        this.onHead = onHead;
        grid.setId("head-grid");
        grid.setHgap(6);
        grid.setVgap(6);
        grid.setPadding(new Insets(8));
        grid.add(new Label("Run a sentence to see every head of every layer."), 0, 0);
    }

    /** The grid's node. */
    Parent node() {
        return node;
    }

    /** The per-head graph shown, or null. */
    MultiPlanarGraph shown() {
        return shown;
    }

    /**
     * The per-head graph of {@code trace} under the side panel's spec (every head of the selected layers, no
     * links, circle layout); off the FX thread.
     */
    static MultiPlanarGraph build(AttentionTrace trace, GraphSpec spec) {
        return Workbench.build(trace, spec.toBuilder().headReduction(HeadReduction.PER_HEAD).links()
                .classifier(false).layout(LayoutKind.CIRCLE).build());
    }

    /** Draws the grid of {@code perHead}, hiding edges below {@code threshold} (FX thread). */
    void show(MultiPlanarGraph perHead, double threshold) {
        shown = perHead;
        grid.getChildren().clear();
        int heads = 0;
        java.util.List<Integer> layers = new java.util.ArrayList<>();
        for (Plane p : perHead.planes()) {
            heads = Math.max(heads, p.head().orElse(0) + 1);
            if (!layers.contains(p.layer())) {
                layers.add(p.layer());
            }
        }
        for (int h = 0; h < heads; h++) {
            Label l = new Label("head " + h);
            l.setMinWidth(CELL);
            l.setAlignment(Pos.CENTER);
            grid.add(l, h + 1, 0);
        }
        for (int r = 0; r < layers.size(); r++) {
            Label l = new Label("layer " + layers.get(r));
            l.setMinWidth(Label.USE_PREF_SIZE);
            grid.add(l, 0, r + 1);
        }
        for (Plane p : perHead.planes()) {
            int head = p.head().orElse(0);
            Canvas c = new Canvas(CELL, CELL);
            c.setId("cell-" + p.layer() + "-" + head);
            draw(c.getGraphicsContext2D(), p, threshold);
            Tooltip.install(c, new Tooltip("layer " + p.layer() + ", head " + head + ": " + p.edges().size()
                    + " edges; click to show this head"));
            c.setOnMouseClicked(e -> onHead.accept(head));
            grid.add(new VBox(c), head + 1, layers.indexOf(p.layer()) + 1);
        }
    }

    private static void draw(GraphicsContext g, Plane p, double threshold) {
        int n = p.size();
        double cx = CELL / 2;
        double cy = CELL / 2;
        double r = CELL / 2 - 6;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double a = -Math.PI / 2 + 2 * Math.PI * i / Math.max(1, n);
            x[i] = cx + r * Math.cos(a);
            y[i] = cy + r * Math.sin(a);
        }
        g.setFill(Color.gray(0.97));
        g.fillRect(0, 0, CELL, CELL);
        g.setStroke(Color.gray(0.8));
        g.strokeRect(0.5, 0.5, CELL - 1, CELL - 1);
        EdgeList e = p.edges();
        g.setLineWidth(1);
        for (int k = 0; k < e.size(); k++) {
            float w = Math.abs(e.weight(k));
            if (w < threshold) {
                continue;
            }
            g.setStroke(Color.color(0.1, 0.25, 0.6, Math.min(1, 0.08 + 0.92 * w)));
            g.strokeLine(x[e.source(k)], y[e.source(k)], x[e.target(k)], y[e.target(k)]);
        }
        g.setFill(Color.gray(0.25));
        double d = n > 128 ? 1.5 : 3;
        for (int i = 0; i < n; i++) {
            g.fillOval(x[i] - d / 2, y[i] - d / 2, d, d);
        }
    }
}
