package org.attnplanes.render.fx;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.attnplanes.render.export.FigureMetadata;
import org.attnplanes.render.export.FigureSpec;
import org.attnplanes.render.export.Figures;
import org.attnplanes.render.scene.Scene;

/**
 * PNG export through a JavaFX snapshot of an {@link AttentionView}: the same picture as the interactive view
 * (3D meshes, lighting), with the same camera, size and provenance options as the headless
 * {@link Figures#writePng Java2D export}. Needs a display (X or Xvfb) and SCENE3D support; callable from any
 * thread (work is done on the FX thread).
 *
 * <pre>{@code
 * FxFigures.writePng(scene, FigureSpec.builder().size(1600, 1000).build(), Path.of("out/stack-3d.png"));
 * }</pre>
 */
public final class FxFigures {

    private FxFigures() {
    }

    /** Starts the JavaFX toolkit when needed and checks that 3D rendering is supported. */
    public static void ensureToolkit() {
        try {
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            started.get(30, TimeUnit.SECONDS);
        } catch (IllegalStateException alreadyRunning) {
            // toolkit already started: fine
        } catch (UnsupportedOperationException noDisplay) {
            throw new IllegalStateException("JavaFX cannot open a display (" + noDisplay.getMessage() + "): run under X"
                    + " or xvfb-run, or use the display-free Figures.writePng / Figures.writeSvg", noDisplay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting JavaFX", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("JavaFX did not start: " + e.getMessage(), e);
        }
        if (!Platform.isSupported(ConditionalFeature.SCENE3D)) {
            throw new IllegalStateException("JavaFX 3D (ConditionalFeature.SCENE3D) is not available: run under X"
                    + " or xvfb-run with -Dprism.forceGPU=true (Mesa llvmpipe fails the GPU check otherwise), or use"
                    + " the display-free Figures.writePng");
        }
    }

    /** Renders the scene as the 3D view would show it, at {@code scale·width × scale·height} pixels. */
    public static BufferedImage image(Scene scene, FigureSpec spec) {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(spec, "spec");
        ensureToolkit();
        return onFx(() -> {
            AttentionView view = new AttentionView();
            int w = (int) Math.round(spec.width() * spec.scale());
            int h = (int) Math.round(spec.height() * spec.scale());
            Scene shown = scene.withTitle(spec.title().orElse(scene.title()));
            view.setPixelScale(spec.scale());
            view.setLabelMode(spec.labels());
            view.setScene3D(shown);
            spec.camera().ifPresent(view::setCamera);
            view.subScene().setFill(AttentionView.fx(spec.background()));
            if (!spec.legend()) {
                view.hideLegend();
            }
            javafx.scene.Scene holder = new javafx.scene.Scene(view, w, h);
            holder.setFill(AttentionView.fx(spec.background()));
            view.resize(w, h);
            view.applyCss();
            view.layout();
            SnapshotParameters p = new SnapshotParameters();
            p.setFill(spec.background().a() > 0 ? AttentionView.fx(spec.background()) : Color.TRANSPARENT);
            WritableImage img = view.snapshot(p, null);
            return toBufferedImage(img);
        });
    }

    /** Writes a PNG snapshot with provenance text chunks, atomically. */
    public static void writePng(Scene scene, FigureSpec spec, Path target) {
        BufferedImage img = image(scene, spec);
        Map<String, String> meta = Figures.metadata(scene, spec);
        meta.put("figure.renderer", "JavaFX 3D snapshot");
        FigureMetadata.writePng(img, meta, target);
    }

    /** Copies a JavaFX image into a non-premultiplied ARGB {@code BufferedImage}. */
    public static BufferedImage toBufferedImage(javafx.scene.image.Image img) {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] buf = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), buf, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, buf, 0, w);
        return out;
    }

    /** Runs a task on the FX thread and waits for its result (directly when already on it). */
    public static <T> T onFx(Supplier<T> task) {
        if (Platform.isFxApplicationThread()) {
            return task.get();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(task.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the FX thread", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c.getMessage(), c);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the FX thread did not finish within 120 s", e);
        }
    }
}
