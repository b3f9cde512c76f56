package org.attnplanes.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.attnplanes.app.testutil.RandomSpecs;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.Layout;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Normalization;
import org.attnplanes.graph.Point3;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.junit.jupiter.api.Test;

/**
 * The layout cache against a fresh build: whatever sequence of option changes, a graph built through the cache has
 * exactly the positions of one built without it (no stale layout), a repeat of a layout computes nothing, and a
 * change of options no layout reads (top-k, threshold, links for MDS) computes nothing.
 */
class LayoutCacheTest {

    private final LayoutCache cache = new LayoutCache();

    @Test
    void randomOptionSequences_cachedPositionsEqualAFreshBuild() {
        AttentionTrace trace = new SoftmaxTraceGenerator(4, 3, 80, 3.0).generate(9);
        Random rnd = new Random(77);
        int reused = 0;
        for (int step = 0; step < 40; step++) {
            GraphSpec spec = randomSpec(rnd, trace);
            check(trace, spec);
            long before = cache.computedPlanes();
            check(trace, spec);
            assertEquals(before, cache.computedPlanes(), "a repeat of " + spec + " computed a layout");
            GraphSpec view = spec.toBuilder().topK(1 + rnd.nextInt(4)).threshold(rnd.nextInt(3) * 0.1)
                    .links(rnd.nextBoolean() ? new LinkKind[0] : new LinkKind[] {LinkKind.RESIDUAL})
                    .planeSpacing(0.5 + rnd.nextInt(3)).build();
            before = cache.computedPlanes();
            check(trace, view);
            if (spec.layout() != LayoutKind.FORCE) {
                assertEquals(before, cache.computedPlanes(), "pruning and links changed the layout of " + spec);
                reused++;
            }
        }
        assertTrue(reused >= 20, "only " + reused + " view changes were checked for reuse");
    }

    @Test
    void mdsRepeat_isServedFromTheCache_andAnotherTraceClearsIt() {
        AttentionTrace trace = new SoftmaxTraceGenerator(3, 2, 100, 5.0).generate(1);
        GraphSpec mds = GraphSpec.builder().layout(LayoutKind.MDS).classifier(false).build();
        check(trace, mds);
        assertEquals(3, cache.computedPlanes());
        check(trace, mds.toBuilder().layout(LayoutKind.CIRCLE).build());
        assertEquals(6, cache.computedPlanes());
        check(trace, mds.toBuilder().topK(2).build());
        assertEquals(6, cache.computedPlanes(), "back to MDS: from the cache");
        check(trace, mds.toBuilder().normalization(Normalization.PER_LAYER).build());
        assertEquals(9, cache.computedPlanes(), "other weights: laid out again");
        AttentionTrace other = new SoftmaxTraceGenerator(3, 2, 100, 5.0).generate(2);
        check(other, mds);
        assertEquals(12, cache.computedPlanes(), "another trace reuses nothing");
    }

    private void check(AttentionTrace trace, GraphSpec spec) {
        MultiPlanarGraph cached = MultiPlanarGraph.build(trace, spec, cache.forGraph(trace, spec));
        MultiPlanarGraph fresh = MultiPlanarGraph.build(trace, spec);
        Layout a = fresh.layout();
        Layout b = cached.layout();
        assertEquals(a.planeCount(), b.planeCount());
        for (int p = 0; p < a.planeCount(); p++) {
            assertEquals(a.nodeCount(p), b.nodeCount(p));
            for (int i = 0; i < a.nodeCount(p); i++) {
                Point3 x = a.position(p, i);
                Point3 y = b.position(p, i);
                String where = spec + ", plane " + p + ", node " + i;
                assertEquals(x.x(), y.x(), 0, where);
                assertEquals(x.y(), y.y(), 0, where);
                assertEquals(x.z(), y.z(), 0, where);
            }
        }
    }

    private static GraphSpec randomSpec(Random rnd, AttentionTrace trace) {
        GraphSpec.Builder b = RandomSpecs.weights(rnd, trace);
        b.layout(List.of(LayoutKind.LINE, LayoutKind.CIRCLE, LayoutKind.MDS, LayoutKind.MDS, LayoutKind.FORCE)
                .get(rnd.nextInt(5)));
        b.alignPlanes(rnd.nextBoolean());
        if (rnd.nextBoolean()) {
            b.topK(1 + rnd.nextInt(5));
        }
        b.seed(rnd.nextInt(3));
        return b.build();
    }
}
