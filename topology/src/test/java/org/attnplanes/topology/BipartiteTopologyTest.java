package org.attnplanes.topology;

import org.attnplanes.graph.EncoderDecoderTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Normalization;
import org.attnplanes.graph.Plane;
import org.attnplanes.graph.generate.EncoderDecoderTraceGenerator;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Topology of cross-attention (bipartite) planes: the threshold graphs have no triangles, so the clique complex is
 * the graph itself; β0 equals a union–find count of components and β1 = E − V + β0 at every threshold (checked by
 * brute force on seeded synthetic traces); every H1 bar is essential (no 2-simplex can kill a cycle); the
 * Kushnareva et al. features are computed on it.
 */
class BipartiteTopologyTest {

    @Test
    void crossPlanes_noTriangles_bettiFromTheGraphIdentity() {
        for (long seed = 1; seed <= 4; seed++) {
            EncoderDecoderTrace t = new EncoderDecoderTraceGenerator(1, 2, 2, 6 + (int) seed, 4, 2.0).generate(seed);
            MultiPlanarGraph g = MultiPlanarGraph.build(t.cross(), GraphSpec.builder()
                    .normalization(Normalization.PER_LAYER).build());
            TopologyAnalyzer analyzer = new TopologyAnalyzer(TopologyAnalyzer.Config.defaults().withThreads(1));
            List<PlaneTopology> result = analyzer.analyze(g);
            assertEquals(g.planes().size(), result.size());
            for (int p = 0; p < result.size(); p++) {
                Plane plane = g.planes().get(p);
                PlaneTopology top = result.get(p);
                int n = plane.size();
                for (PlaneTopology.AtThreshold at : top.thresholds()) {
                    int[] parent = new int[n];
                    for (int i = 0; i < n; i++) {
                        parent[i] = i;
                    }
                    int edges = 0;
                    int components = n;
                    for (int i = 0; i < n; i++) {
                        for (int j = i + 1; j < n; j++) {
                            if (plane.pairAllowed(i, j) && 1f - plane.weight(i, j) <= at.filtrationValue()) {
                                edges++;
                                int a = find(parent, i);
                                int b = find(parent, j);
                                if (a != b) {
                                    parent[a] = b;
                                    components--;
                                }
                            }
                        }
                    }
                    String ctx = "seed " + seed + " plane " + p + " t = " + at.threshold();
                    assertEquals(edges, at.edges(), ctx + " edges");
                    assertEquals(components, at.betti(0), ctx + " β0");
                    assertEquals(edges - n + components, at.betti(1), ctx + " β1 = E − V + β0");
                    assertTrue(at.cliques().isPresent(), ctx);
                    assertEquals(0, at.cliques().get().count(3), ctx + ": a bipartite graph has no triangles");
                }
                for (PersistenceInterval bar : top.barcodes().intervals(1)) {
                    assertTrue(bar.isEssential(), "seed " + seed + " plane " + p + ": H1 bar " + bar + " dies");
                }
                assertFalse(top.features().names().isEmpty(), "Kushnareva features computed");
                for (double v : top.features().toArray()) {
                    assertFalse(Double.isInfinite(v), "feature value " + v);
                }
            }
            // the per-head analysis of the trace itself is bipartite as well
            for (PlaneTopology top : new TopologyAnalyzer(TopologyAnalyzer.Config.defaults().withThreads(1)
                    .withFeatures(false)).analyze(t.cross())) {
                for (PlaneTopology.AtThreshold at : top.thresholds()) {
                    assertEquals(0, at.cliques().get().count(3), "trace analysis: no triangles");
                }
            }
        }
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
}
