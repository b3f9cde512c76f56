package org.attnplanes.app.workbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.attnplanes.app.common.UserInputException;
import org.attnplanes.graph.AttentionRollout;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.ImageGrid;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.RgbImage;
import org.attnplanes.render.ImageUnderlay;
import org.attnplanes.render.scene.Legend;
import org.attnplanes.render.scene.Scene;

/**
 * Figures of a vision transformer: the picture the model saw (after resize and crop) drawn under the patch grid of
 * a scene, optionally with the attention rollout from {@code [CLS]} blended in as a heat map.
 */
public final class ImageFigures {

    /** The one overlay there is: attention rollout (Abnar &amp; Zuidema 2020). */
    public static final String ROLLOUT = "rollout";

    private ImageFigures() {
    }

    /**
     * {@code scene} with {@code image} under its bottom plane (every plane when {@code everyPlane}) and, when
     * {@code overlay} is {@link #ROLLOUT}, the rollout heat map through the trace's last layer.
     *
     * @throws UserInputException when the image cannot be read or the scene's nodes are not on the grid
     */
    public static Scene underlay(Scene scene, MultiPlanarGraph graph, AttentionTrace trace, AttentionModel model,
                                 Path image, String overlay, boolean everyPlane) {
        Objects.requireNonNull(image, "image");
        return underlay(scene, graph, trace, seen(model, image), overlay, everyPlane);
    }

    /**
     * The image as {@code model} sees it (read, converted, resized and cropped by its preprocessing).
     *
     * @throws UserInputException when the image cannot be read
     */
    public static RgbImage seen(AttentionModel model, Path image) {
        try {
            return model.imagePreprocessor().orElseThrow(() -> new IllegalArgumentException(model.modelPath()
                    .getFileName() + " takes text, not images")).resizedAndCropped(RgbImage.read(image, "--image"));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /**
     * {@code scene} with {@code seen} (the image after preprocessing) under its bottom plane, as
     * {@link #underlay(Scene, MultiPlanarGraph, AttentionTrace, AttentionModel, Path, String, boolean)}; when the
     * graph's layout does not put the patches on their grid, the scene with a legend line saying the image was not
     * drawn.
     *
     * @throws UserInputException when the scene's nodes are not on the grid of a GRID layout
     */
    public static Scene underlay(Scene scene, MultiPlanarGraph graph, AttentionTrace trace, RgbImage seen,
                                 String overlay, boolean everyPlane) {
        Objects.requireNonNull(seen, "seen");
        ImageGrid grid = ImageGrid.of(trace).orElseThrow(() -> new IllegalArgumentException("trace has no image grid"));
        if (graph.layout().kind() != LayoutKind.GRID) {
            return withNote(scene, "image not drawn: the " + graph.layout().kind().name().toLowerCase(Locale.ROOT)
                    + " layout does not place patches on their grid (choose the grid layout)");
        }
        double[] heat = null;
        String note = "";
        if (ROLLOUT.equals(overlay)) {
            int last = trace.layers() - 1;
            heat = AttentionRollout.toPatches(trace, grid, last, 0);
            note = "overlay: attention rollout from " + trace.tokens().get(0).text() + " to the patches through layer "
                    + last + " (Abnar & Zuidema 2020: head mean + I, rows renormalised, product over layers 0–"
                    + last + ")";
        }
        try {
            return ImageUnderlay.add(scene, graph, seen.width(), seen.height(), seen.argb(), heat, note, everyPlane);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /** The scene with one more legend line (and the note in its provenance). */
    static Scene withNote(Scene s, String note) {
        Legend l = s.legend();
        List<String> extra = new ArrayList<>(l.extra());
        extra.add(note);
        return new Scene(s.title(), s.nodes(), s.edges(), s.links(), s.planes(),
                new Legend(l.encoding(), l.normalization(), l.scale(), extra, l.colourBar()),
                s.camera(), s.provenance().with("render.note", note));
    }
}
