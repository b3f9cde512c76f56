package org.attnplanes.app.gui;

import java.nio.file.Path;

import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application of {@code attnplanes gui}. Parameters: {@code --model=FILE} (default: the embedded
 * all-MiniLM-L6-v2) and {@code --text=TEXT} (pre-filled text).
 */
public final class AttnPlanesApp extends Application {

    private MainWindow window;

    @Override
    public void start(Stage stage) {
        String model = getParameters().getNamed().get("model");
        String text = getParameters().getNamed().getOrDefault("text", "The cat sat on the mat because it was warm.");
        window = new MainWindow(model == null ? null : Path.of(model), text);
        stage.setTitle("AttentionPlanes");
        stage.setScene(new javafx.scene.Scene(window.root(), 1400, 900));
        stage.show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
