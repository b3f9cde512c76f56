/**
 * AttentionPlanes topology: filtrations of attention planes, persistent homology of clique complexes,
 * clique counts and derived statistics. Never depends on ONNX Runtime or JavaFX.
 */
module org.attnplanes.topology {
    requires transitive org.attnplanes.graph;

    exports org.attnplanes.topology;
    exports org.attnplanes.topology.filtration;
    exports org.attnplanes.topology.persistence;
    exports org.attnplanes.topology.io;
    exports org.attnplanes.topology.stats;
    exports org.attnplanes.topology.clique;
    exports org.attnplanes.topology.features;
    exports org.attnplanes.topology.divergence;
    exports org.attnplanes.topology.directed;
}
