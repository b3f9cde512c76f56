/**
 * AttentionPlanes render: the renderer-neutral scene, edge-weight encodings, the projection and headless
 * PNG/SVG export. Never depends on ONNX Runtime or JavaFX (the JavaFX 3D view is the render-fx module).
 */
module org.attnplanes.render {
    requires transitive org.attnplanes.graph;
    requires java.desktop;
    requires org.jfree.svg;

    exports org.attnplanes.render;
    exports org.attnplanes.render.scene;
    exports org.attnplanes.render.encoding;
    exports org.attnplanes.render.projection;
    exports org.attnplanes.render.export;
}
