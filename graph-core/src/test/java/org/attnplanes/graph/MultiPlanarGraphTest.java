package org.attnplanes.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MultiPlanarGraphTest {

    @Test
    void build_defaults_oneMeanPlanePerLayerWithResidualLinks() {
        long seed = 11;
        AttentionTrace trace = SyntheticTraces.trace(seed, 3, 4, 7);
        MultiPlanarGraph g = MultiPlanarGraph.build(trace, GraphSpec.defaults());
        assertEquals(3, g.planes().size(), "seed " + seed);
        assertEquals(7 * 6 / 2, g.planes().get(0).edges().size(), "seed " + seed);
        assertEquals(2 * 7, g.links().size(), "seed " + seed);
        assertEquals("mean", g.planes().get(1).headLabel());
        assertTrue(g.planes().get(1).head().isEmpty());
        assertEquals(2.0, g.layout().planeZ(2), 0, "seed " + seed);
        assertEquals(7, g.planes().get(2).asGraph().vertexSet().size());
    }
}
