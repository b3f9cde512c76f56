package org.attnplanes.app.gui;

import java.nio.file.Path;

import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application of {@code attnplanes gui}. Parameters: {@code --model=FILE|DIR} (default: the embedded
 * all-MiniLM-L6-v2; a folder: an encoder–decoder in optimum's layout), {@code --decoder=FILE} (the decoder of an
 * encoder–decoder whose encoder is {@code --model}), {@code --text=TEXT} (pre-filled text), {@code --target=TEXT}
 * (pre-filled target text of an encoder–decoder), {@code --image=FILE} (a vision transformer's image) and
 * {@code --max-memory=SIZE} (the "Max memory" field's first value).
 */
public final class AttnPlanesApp extends Application {

    /**
     * With {@code -Dattnplanes.gui.exitAfterFirstFrame=true} (start-up benchmark and launcher test, BENCHMARKS.md):
     * once the first frame of the shown window has been rendered (the pulse after it has begun), prints the time
     * since the JVM's process start (10 ms steps) on stderr and closes the app as the window's close button would
     * (exit status 0).
     */
    public static final String FIRST_FRAME_EXIT = "attnplanes.gui.exitAfterFirstFrame";

    private MainWindow window;

    @Override
    public void start(Stage stage) {
        String model = getParameters().getNamed().get("model");
        String text = getParameters().getNamed().getOrDefault("text", "The cat sat on the mat because it was warm.");
        window = new MainWindow(model == null ? null : Path.of(model), text);
        String decoder = getParameters().getNamed().get("decoder");
        if (decoder != null) {
            window.models().setDecoder(Path.of(decoder));
        }
        String target = getParameters().getNamed().get("target");
        if (target != null) {
            window.inputs().setTarget(target);
        }
        String maxMemory = getParameters().getNamed().get("max-memory");
        if (maxMemory != null) {
            window.models().setMaxMemory(maxMemory);
        }
        String image = getParameters().getNamed().get("image");
        if (image != null) {
            window.inputs().setImage(Path.of(image));
        }
        stage.setTitle("AttentionPlanes");
        stage.setScene(new javafx.scene.Scene(window.root(), 1400, 900));
        stage.show();
        if (Boolean.getBoolean(FIRST_FRAME_EXIT)) {
            exitAfterFirstFrame();
        }
    }

    private static void exitAfterFirstFrame() {
        new javafx.animation.AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 2) {
                    stop();
                    long ms = ProcessHandle.current().info().startInstant()
                            .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis()).orElse(-1L);
                    System.err.printf(java.util.Locale.ROOT, "attnplanes gui: first frame %d ms after the JVM's "
                            + "process start%n", ms);
                    javafx.application.Platform.exit();
                }
            }
        }.start();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
