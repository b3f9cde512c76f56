package org.attnplanes.app.gui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.export.TidyTableWriter;
import org.attnplanes.app.plot.Charts;
import org.attnplanes.app.plot.Curve;
import org.attnplanes.app.plot.StatisticsFigures;
import org.attnplanes.render.fx.AttentionView;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.topology.Statistic;
import org.attnplanes.topology.features.ThresholdNames;
import org.attnplanes.topology.persistence.Barcode;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.ValueMarker;

/**
 * The bottom panel of the {@link MainWindow}: the per-plane statistics table ({@code #planes}), the β₁ curves
 * with the display threshold marked ({@code #betti}) and the barcode of the selected plane ({@code #barcode}).
 * Clicking a bar shows its representative (co)cycle highlighted in the {@link AttentionView}. FX thread only.
 */
final class TopologyPanel {

    private final TableView<PlaneRecord> planes = new TableView<>();
    private final ChartViewer betti = new ChartViewer();
    private final ChartViewer barcode = new ChartViewer();
    private final AttentionView view;
    private final Consumer<String> status;
    private final Parent node;
    private GuiAnalysis shown;
    private ValueMarker bettiMarker;
    private int barcodePlane = -1;

    /** The panel, highlighting cycles in {@code view} and reporting in the {@code status} line. */
    TopologyPanel(AttentionView view, Consumer<String> status) {
        this.view = view;
        this.status = status;
        planes.setId("planes");
        planes.getColumns().add(column("layer", r -> Integer.toString(r.layer())));
        planes.getColumns().add(column("head", PlaneRecord::head));
        for (String s : List.of("betti0_t0.10", "betti1_t0.10", "betti1_t0.05", "h1_bars", "h1_total",
                "cliques3_t0.10")) {
            planes.getColumns().add(column(s, r -> {
                Double v = r.stats().get(s);
                return v == null ? "" : TidyTableWriter.format(v);
            }));
        }
        planes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        planes.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> showBarcode(i.intValue()));
        betti.setId("betti");
        barcode.setId("barcode");
        barcode.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
                barClicked(event.getEntity());
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
                // nothing on hover
            }
        });
        SplitPane sp = new SplitPane(planes, betti, barcode);
        sp.setDividerPositions(0.36, 0.68);
        node = sp;
    }

    /** The panel's node. */
    Parent node() {
        return node;
    }

    /** Shows the statistics of {@code a}, the display threshold marked at {@code threshold}; selects plane 0. */
    void show(GuiAnalysis a, double threshold) {
        shown = a;
        planes.getItems().setAll(a.rows());
        List<Curve> curves = StatisticsFigures.bettiCurves(a.rows(), 1);
        JFreeChart chart = Charts.bettiCurves("β₁ per plane's layer", 1, curves);
        bettiMarker = new ValueMarker(threshold);
        bettiMarker.setPaint(java.awt.Color.RED);
        chart.getXYPlot().addDomainMarker(bettiMarker);
        betti.setChart(chart);
        if (!a.rows().isEmpty()) {
            planes.getSelectionModel().select(0);
            showBarcode(0);
        }
    }

    /** Moves the threshold marker of the β₁ chart. */
    void moveThresholdMarker(double t) {
        if (bettiMarker != null) {
            bettiMarker.setValue(t);
        }
    }

    private static TableColumn<PlaneRecord, String> column(String name, Function<PlaneRecord, String> f) {
        TableColumn<PlaneRecord, String> c = new TableColumn<>();
        Label header = new Label(name);
        if (!name.equals("layer") && !name.equals("head")) { // a statistic: its meaning and unit from the schema
            header.setTooltip(new Tooltip(Statistic.ofColumn(name).describe()));
        }
        c.setGraphic(header);
        c.setCellValueFactory(cd -> new SimpleStringProperty(f.apply(cd.getValue())));
        return c;
    }

    private void showBarcode(int planeIndex) {
        GuiAnalysis a = shown;
        if (a == null || planeIndex < 0 || planeIndex >= a.barcodes().size()) {
            return;
        }
        barcodePlane = planeIndex;
        Barcodes b = a.barcodes().get(planeIndex);
        List<List<double[]>> dims = new ArrayList<>();
        for (Barcode bc : b.byDimension()) {
            List<double[]> bars = new ArrayList<>();
            for (PersistenceInterval iv : bc.intervals()) {
                bars.add(new double[] {iv.birth(), iv.isEssential() ? Double.POSITIVE_INFINITY : iv.death()});
            }
            dims.add(bars);
        }
        PlaneRecord r = a.rows().get(planeIndex);
        barcode.setChart(Charts.barcode("Barcode: layer " + r.layer() + ", head " + r.head()
                + " (click an H1 bar)", dims, false));
        view.setScene3D(a.scene());
    }

    private void barClicked(ChartEntity entity) {
        GuiAnalysis a = shown;
        if (!(entity instanceof XYItemEntity item) || a == null || barcodePlane < 0) {
            return;
        }
        Barcode bc = a.barcodes().get(barcodePlane).dimension(item.getSeriesIndex());
        int k = item.getItem();
        PersistenceInterval iv = bc.intervals().get(k);
        var rep = bc.representative(k);
        String bar = "H" + bc.dimension() + " bar [" + ThresholdNames.format(iv.birth()) + ", "
                + (iv.isEssential() ? "∞" : ThresholdNames.format(iv.death())) + ")";
        if (rep.isEmpty() || rep.get().isEmpty()) {
            view.setScene3D(a.scene());
            status.accept(bar + ": no representative available for this bar.");
            return;
        }
        Scene highlighted = CycleHighlight.withEdges(a.scene(), barcodePlane, rep.get());
        view.setScene3D(highlighted);
        status.accept(bar + ": representative (co)cycle of " + rep.get().size() + " edges highlighted.");
    }
}
