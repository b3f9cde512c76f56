/**
 * AttentionPlanes graph-core: the trace type and the multi-planar attention graph.
 * Depends on JGraphT and Commons Math (4, legacy linear algebra) only; never on ONNX Runtime or JavaFX.
 */
module org.attnplanes.graph {
    requires transitive org.jgrapht.core;
    requires org.apache.commons.math4.legacy;

    exports org.attnplanes.graph;
    exports org.attnplanes.graph.generate;
    exports org.attnplanes.graph.io;
    exports org.attnplanes.graph.layout;
}
