package org.attnplanes.app.results;

import java.nio.file.Path;
import java.util.Locale;

import org.attnplanes.render.export.FigureSpec;
import org.attnplanes.render.export.Figures;
import org.attnplanes.render.scene.Scene;

/** Figure files whose format follows the file name. */
public final class FigureFiles {

    private FigureFiles() {
    }

    /** Writes a scene as SVG when the file name ends in {@code .svg} (any case), else as PNG. */
    public static void write(Scene scene, FigureSpec fs, Path file) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            Figures.writeSvg(scene, fs, file);
        } else {
            Figures.writePng(scene, fs, file);
        }
    }
}
