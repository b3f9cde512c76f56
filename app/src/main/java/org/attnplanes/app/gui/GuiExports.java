package org.attnplanes.app.gui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.attnplanes.app.export.JsonExport;
import org.attnplanes.app.export.OutputSet;
import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.export.TidyTableWriter;
import org.attnplanes.app.workbench.Analysis;
import org.attnplanes.app.workbench.ClassColumns;
import org.attnplanes.app.workbench.TopologySettings;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.export.FigureSpec;
import org.attnplanes.render.export.Figures;
import org.attnplanes.render.export.HtmlExporter;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.Scene;

/**
 * The desktop app's exports, written through the app's safe output path ({@link OutputSet}): staged, then
 * published as a unit; an existing file is replaced only when the user agreed ({@code overwrite}), otherwise the
 * export stops with a one-sentence error naming the button and the file. No JavaFX here, so the exports are tested
 * without dialogs.
 */
final class GuiExports {

    /** The files an export of statistics writes into its folder. */
    static final List<String> STATISTICS_FILES = List.of("planes.csv", "barcodes.json", "provenance.json");

    private GuiExports() {
    }

    /** Whether writing {@code target} would replace a file (ask first). */
    static boolean exists(Path target) {
        return Files.exists(target);
    }

    /** Whether exporting statistics into {@code folder} would replace a file (ask first). */
    static boolean statisticsExist(Path folder) {
        for (String name : STATISTICS_FILES) {
            if (Files.exists(folder.resolve(name))) {
                return true;
            }
        }
        return Files.exists(folder.resolve(OutputSet.MANIFEST));
    }

    /**
     * Writes the interactive HTML page of the view's graph (render's {@link HtmlExporter}: one self-contained
     * file, offline, with rotate, zoom, threshold, encoding and layer controls) to {@code target}, opening where the
     * user looks in the 3D view.
     *
     * @param camera the 3D view's camera (the page opens there), or null for the scene's default
     * @throws org.attnplanes.app.common.UserInputException naming "Export HTML" and the file when it cannot be
     *                                                       written or exists and {@code overwrite} is false
     */
    static void html(GuiView view, EncodingSpec encoding, Camera camera, Path target, boolean overwrite) {
        try (OutputSet outs = OutputSet.files(mode(overwrite), List.of())) {
            Path staged = outs.file("Export HTML", target);
            HtmlExporter.write(view.graph(), encoding, HtmlExporter.LengthLayout.AUTO, new HtmlExporter.Page(
                    s -> camera == null ? s : s.withCamera(camera), true), staged);
            outs.publish();
        }
    }

    /** Writes the scene as SVG or PNG (by the file's extension) under {@code spec}. */
    static void figure(Scene scene, FigureSpec spec, Path target, boolean overwrite) {
        try (OutputSet outs = OutputSet.files(mode(overwrite), List.of())) {
            Path staged = outs.file("Export figure", target);
            if (target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                Figures.writePng(scene, spec, staged);
            } else {
                Figures.writeSvg(scene, spec, staged);
            }
            outs.publish();
        }
    }

    /** Writes planes.csv, barcodes.json and provenance.json of the analysis into {@code folder}. */
    static void statistics(GuiAnalysis a, TopologySettings settings, Path folder, boolean overwrite) {
        Map<String, String> prov = new LinkedHashMap<>(a.graph().provenance().toMap());
        prov.putAll(settings.statistics(1).settings());
        // a classifier's prediction first in every row, as in analyze's planes.csv
        List<PlaneRecord> rows = ClassColumns.prepend(a.rows(), a.graph().classifier()
                .orElseGet(() -> Analysis.classifier(a.trace(), a.graph().spec())));
        String classColumns = ClassColumns.describe(TidyTableWriter.columns(rows));
        if (classColumns != null) {
            prov.put("class_columns", classColumns);
        }
        try (OutputSet outs = OutputSet.directory("Export statistics", folder, mode(overwrite), List.of(),
                STATISTICS_FILES)) {
            TidyTableWriter.write(outs.inDirectory("planes.csv"), prov, rows);
            JsonExport.writeBarcodes(outs.inDirectory("barcodes.json"), prov, rows);
            JsonExport.writeProvenance(outs.inDirectory("provenance.json"), prov,
                    Map.of("source", "attnplanes gui", "text", a.trace().text()));
            outs.publish();
        }
    }

    private static OutputSet.Existing mode(boolean overwrite) {
        return overwrite ? OutputSet.Existing.OVERWRITE : OutputSet.Existing.REFUSE;
    }
}
