/**
 * AttentionPlanes topology: filtrations of attention planes, persistent homology of clique complexes,
 * clique counts and derived statistics. Never depends on ONNX Runtime or JavaFX.
 */
module org.attnplanes.topology {
    requires transitive org.attnplanes.graph;
    requires org.jgrapht.core;
    requires commons.math3;

    // exports org.attnplanes.topology;  (added when the package has its first public type)
    exports org.attnplanes.topology.clique;
    exports org.attnplanes.topology.features;
}
