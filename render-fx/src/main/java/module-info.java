/**
 * AttentionPlanes render-fx: the interactive JavaFX 3D view of a render {@code Scene} and its snapshot PNG
 * export. The only library module that depends on JavaFX; never on ONNX Runtime.
 */
module org.attnplanes.render.fx {
    requires transitive org.attnplanes.render;
    requires transitive javafx.graphics;
    requires java.desktop;

    exports org.attnplanes.render.fx;
}
