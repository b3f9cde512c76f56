/**
 * AttentionPlanes graph-core: the trace type and the multi-planar attention graph.
 * Depends on JGraphT and Commons Math only; never on ONNX Runtime or JavaFX.
 */
module org.attnplanes.graph {
    requires transitive org.jgrapht.core;
    requires commons.math3;

    exports org.attnplanes.graph;
    exports org.attnplanes.graph.generate;
    exports org.attnplanes.graph.io;
    exports org.attnplanes.graph.layout;
}
