package org.attnplanes.app.gui;

import java.io.File;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.attnplanes.app.common.Problems;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.export.FigureSpec;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.Scene;

/**
 * The export buttons of the {@link MainWindow}: a file or folder chooser, a question before replacing an existing
 * file, then {@link GuiExports} (the safe output path) and "Wrote …" or the one-sentence error in the status line.
 * FX thread only.
 */
final class ExportActions {

    private final MainWindow w;

    ExportActions(MainWindow window) {
        this.w = window;
    }

    /** Asks before replacing {@code what}; true when it does not exist or the user agreed. */
    private boolean mayReplace(boolean exists, String what) {
        if (!exists) {
            return true;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, what + " already exists. Replace it?", ButtonType.YES,
                ButtonType.NO);
        ask.initOwner(w.window());
        return ask.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
    }

    /** Runs an export, reporting "Wrote …" or the one-sentence error. */
    private void export(Runnable write, String wrote) {
        try {
            write.run();
            w.status("Wrote " + wrote);
        } catch (RuntimeException e) {
            w.error(Problems.message(e));
        }
    }

    private File saveFile(String title, String initial, FileChooser.ExtensionFilter... filters) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(filters);
        fc.setInitialFileName(initial);
        return fc.showSaveDialog(w.window());
    }

    void figure() {
        GuiView v = w.currentView();
        if (v == null) {
            w.error("Nothing to export yet; run a sentence first.");
            return;
        }
        File f = saveFile("Export figure", "attention.svg", new FileChooser.ExtensionFilter("SVG", "*.svg"),
                new FileChooser.ExtensionFilter("PNG", "*.png"));
        if (f == null || !mayReplace(GuiExports.exists(f.toPath()), f.getName())) {
            return;
        }
        Scene s = w.view().getScene3D() == null ? v.scene() : w.view().getScene3D();
        FigureSpec spec = FigureSpec.builder().camera(w.view().getCamera()).encoding(w.encodingSpec()).build();
        export(() -> GuiExports.figure(s, spec, f.toPath(), true), f.toString());
    }

    void html() {
        GuiView v = w.currentView();
        if (v == null) {
            w.error("Nothing to export yet; run a sentence first.");
            return;
        }
        File f = saveFile("Export HTML", "attention.html", new FileChooser.ExtensionFilter("HTML", "*.html"));
        if (f == null || !mayReplace(GuiExports.exists(f.toPath()), f.getName())) {
            return;
        }
        EncodingSpec enc = w.encodingSpec();
        Camera camera = w.view().getCamera();            // the page opens where the user looks
        export(() -> GuiExports.html(v, enc, camera, f.toPath(), true), f.toString());
    }

    void statistics() {
        GuiAnalysis a = w.analysisProperty().get();
        if (a == null || w.currentView() == null || a.graph() != w.currentView().graph()) {
            w.error("Nothing to export yet; wait until the topology of the view is computed.");
            return;
        }
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Export statistics into a folder");
        File d = dc.showDialog(w.window());
        if (d == null || !mayReplace(GuiExports.statisticsExist(d.toPath()), "planes.csv in " + d.getName())) {
            return;
        }
        export(() -> GuiExports.statistics(a, MainWindow.TOPOLOGY, d.toPath(), true),
                "planes.csv, barcodes.json, provenance.json into " + d);
    }
}
