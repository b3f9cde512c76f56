package org.attnplanes.app.gui;

import java.util.Arrays;
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
import org.attnplanes.topology.persistence.CochainEdge;
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
    private final RepresentativeFinder finder;
    private GuiAnalysis shown;
    private ValueMarker bettiMarker;
    private int barcodePlane = -1;
    private boolean highlighted;

    /** Finds the barcodes with representative (co)cycles of one plane of an analysis, off the FX thread. */
    @FunctionalInterface
    interface RepresentativeFinder {
        /** Calls {@code onFound} on the FX thread once found (never, when the analysis is no longer shown). */
        void find(GuiAnalysis a, int plane, Consumer<Barcodes> onFound);
    }

    /** The panel, highlighting cycles in {@code view} and reporting in the {@code status} line. */
    TopologyPanel(AttentionView view, Consumer<String> status, RepresentativeFinder finder) {
        this.view = view;
        this.status = status;
        this.finder = finder;
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

    /**
     * A view whose topology is not known yet is on screen: unless the shown rows are of its very planes, the
     * table is emptied and says that the topology is being computed.
     */
    void showing(GuiView v) {
        GuiAnalysis a = shown;
        if (a != null && a.graph() == v.graph()) {
            return;
        }
        highlighted = false;
        planes.setPlaceholder(new Label("Computing the topology of " + v.graph().planes().size() + " planes…"));
    }

    /** Shows the statistics of {@code a}, the display threshold marked at {@code threshold}; selects plane 0. */
    void show(GuiAnalysis a, double threshold) {
        shown = a;
        highlighted = false;
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

    /** Selects (and scrolls to) the first row of {@code layer}, showing its barcode; nothing when none is shown. */
    void selectLayer(int layer) {
        List<PlaneRecord> rows = planes.getItems();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).layer() == layer) {
                planes.getSelectionModel().select(i);
                planes.scrollTo(i);
                return;
            }
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
        c.setId(name);
        Label header = new Label(name);
        if (!name.equals("layer") && !name.equals("head")) { // a statistic: its human name, meaning and unit
            header.setText(Statistic.label(name));
            header.setTooltip(new Tooltip(name + ": " + Statistic.ofColumn(name).describe()));
        }
        header.setWrapText(true);
        c.setGraphic(header);
        c.setCellValueFactory(cd -> new SimpleStringProperty(f.apply(cd.getValue())));
        return c;
    }

    private void showBarcode(int planeIndex) {
        GuiAnalysis a = shown;
        if (a == null || planeIndex < 0 || planeIndex >= a.rows().size()) {
            return;
        }
        barcodePlane = planeIndex;
        PlaneRecord r = a.rows().get(planeIndex);
        barcode.setChart(Charts.barcode("Barcode: layer " + r.layer() + ", head " + r.head()
                + " (click an H1 bar)", r.barcodes(), false));
        clearHighlight();
    }

    /** Shows the scene without a highlighted cycle again (keeping the camera). */
    private void clearHighlight() {
        if (highlighted && shown != null) {
            highlighted = false;
            view.replaceScene3D(shown.scene());
        }
    }

    private void barClicked(ChartEntity entity) {
        GuiAnalysis a = shown;
        int plane = barcodePlane;
        if (!(entity instanceof XYItemEntity item) || a == null || plane < 0) {
            return;
        }
        int dim = item.getSeriesIndex();
        List<List<double[]>> bars = a.rows().get(plane).barcodes();
        if (dim >= bars.size() || item.getItem() >= bars.get(dim).size()) {
            return;
        }
        double[] bar = bars.get(dim).get(item.getItem());
        int same = 0;                        // equal bars before this one: the same rank among equal bars below
        for (int k = 0; k < item.getItem(); k++) {
            if (Arrays.equals(bars.get(dim).get(k), bar)) {
                same++;
            }
        }
        int rank = same;
        finder.find(a, plane, found -> highlight(a, plane, dim, bar, rank, found));
    }

    private void highlight(GuiAnalysis a, int plane, int dim, double[] bar, int rank, Barcodes found) {
        if (shown != a || barcodePlane != plane) {
            return;
        }
        String name = "H" + dim + " bar [" + ThresholdNames.format(bar[0]) + ", "
                + (Double.isInfinite(bar[1]) ? "∞" : ThresholdNames.format(bar[1])) + ")";
        Barcode bc = found.dimension(dim);
        int k = -1;
        int seen = 0;
        for (int i = 0; i < bc.intervals().size() && k < 0; i++) {
            PersistenceInterval iv = bc.intervals().get(i);
            double death = iv.isEssential() ? Double.POSITIVE_INFINITY : iv.death();
            if (iv.birth() == bar[0] && death == bar[1] && seen++ == rank) {
                k = i;
            }
        }
        var rep = k < 0 ? java.util.Optional.<List<CochainEdge>>empty() : bc.representative(k);
        if (rep.isEmpty() || rep.get().isEmpty()) {
            clearHighlight();
            status.accept(name + ": no representative available for this bar.");
            return;
        }
        Scene s = CycleHighlight.withEdges(a.scene(), plane, rep.get());
        highlighted = true;
        view.replaceScene3D(s);
        status.accept(name + ": representative (co)cycle of " + rep.get().size() + " edges highlighted.");
    }
}
