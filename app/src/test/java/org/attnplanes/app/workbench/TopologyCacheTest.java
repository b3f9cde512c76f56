package org.attnplanes.app.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.app.testutil.RandomSpecs;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayerSelection;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Normalization;
import org.attnplanes.graph.Symmetrization;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.attnplanes.model.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * The topology cache against a fresh computation of every plane: whatever sequence of option changes, the cached
 * rows equal a full recomputation (no stale result), a change of view options only (top-k, threshold, links,
 * layout, special tokens) computes nothing, and a change of a topology input computes exactly the planes whose
 * weights changed. Invocations are counted by wrapping the real computer, which still does the work.
 */
class TopologyCacheTest {

    private static final TopologySettings SETTINGS = new TopologySettings(List.of(0.5, 0.25, 0.1), 1, 3, false,
            false);

    private final AtomicInteger computed = new AtomicInteger();
    private final TopologyCache.Computer real = TopologyCache.computer(1);
    private final TopologyCache cache = new TopologyCache((s, g, planes) -> {
        computed.addAndGet(planes.size());
        return real.compute(s, g, planes);
    }, 2);

    @Test
    void randomOptionSequences_cachedRowsEqualAFullRecomputation_viewChangesComputeNothing() {
        AttentionTrace trace = new SoftmaxTraceGenerator(4, 3, 12, 2.0).generate(7);
        Random rnd = new Random(42);
        int viewChanges = 0;
        for (int step = 0; step < 30; step++) {
            GraphSpec spec = randomSpec(rnd, trace);
            check(trace, spec);
            // the same topology inputs under other view options: nothing is computed
            GraphSpec view = randomView(rnd, spec.toBuilder()).build();
            int before = computed.get();
            check(trace, view);
            assertEquals(before, computed.get(), "a view change computed topology: " + spec + " -> " + view);
            viewChanges++;
        }
        assertEquals(30, viewChanges);
        assertEquals(computed.get(), cache.computedPlanes());
    }

    @Test
    void topologyInputChange_computesOnlyThePlanesWhoseWeightsChanged() {
        AttentionTrace trace = new SoftmaxTraceGenerator(4, 3, 10, 2.0).generate(3);
        GraphSpec perLayer = GraphSpec.builder().classifier(false).normalization(Normalization.PER_LAYER)
                .layers(LayerSelection.of(0, 1)).build();
        check(trace, perLayer);
        assertEquals(2, computed.get());
        // per-layer scaling: layers 0 and 1 keep their weights when layer 2 joins
        check(trace, perLayer.toBuilder().layers(LayerSelection.of(0, 1, 2)).build());
        assertEquals(3, computed.get());
        // global scaling depends on every selected layer: all three are new
        GraphSpec global = perLayer.toBuilder().normalization(Normalization.GLOBAL_ABS_MINMAX)
                .layers(LayerSelection.of(0, 1, 2)).build();
        check(trace, global);
        assertEquals(6, computed.get());
        check(trace, global.toBuilder().symmetrization(Symmetrization.MAX).build());
        assertEquals(9, computed.get());
        check(trace, global.toBuilder().topK(2).links(LinkKind.ATTENTION).layout(LayoutKind.CIRCLE).build());
        assertEquals(9, computed.get(), "view options only");
        // another trace: nothing of the first one is reused
        AttentionTrace other = new SoftmaxTraceGenerator(4, 3, 10, 2.0).generate(4);
        check(other, global);
        assertEquals(12, computed.get());
    }

    @Test
    void cancelled_stopsBetweenBatches_finishedBatchesStayCached() {
        AttentionTrace trace = new SoftmaxTraceGenerator(4, 3, 10, 2.0).generate(5);
        MultiPlanarGraph g = Workbench.build(trace, GraphSpec.builder().classifier(false).build());
        Cancellation c = new Cancellation();
        TopologyCache cancelling = new TopologyCache((s, graph, planes) -> {
            computed.addAndGet(planes.size());
            c.cancel();                      // cancelled while the first batch runs
            return real.compute(s, graph, planes);
        }, 2);
        assertThrows(CancellationException.class, () -> cancelling.rows(trace, g, SETTINGS, c));
        assertEquals(2, computed.get(), "one batch of 2 planes, then stopped");
        assertTrue(cancelling.cachedRows(trace, g, SETTINGS).isEmpty());
        cancelling.rows(trace, g, SETTINGS, new Cancellation());
        assertEquals(4, computed.get(), "only the 2 planes the cancelled run did not finish");
    }

    private void check(AttentionTrace trace, GraphSpec spec) {
        MultiPlanarGraph g = Workbench.build(trace, spec);
        List<PlaneRecord> cached = cache.rows(trace, g, SETTINGS, new Cancellation());
        List<PlaneRecord> fresh = SETTINGS.statistics(1).analyze(1, g);
        assertEquals(fresh.size(), cached.size());
        for (int i = 0; i < fresh.size(); i++) {
            PlaneRecord a = fresh.get(i);
            PlaneRecord b = cached.get(i);
            String where = spec + ", plane " + i;
            assertEquals(a.layer(), b.layer(), where);
            assertEquals(a.head(), b.head(), where);
            assertEquals(a.stats(), b.stats(), where);
            assertEquals(a.barcodes().size(), b.barcodes().size(), where);
            for (int k = 0; k < a.barcodes().size(); k++) {
                assertEquals(a.barcodes().get(k).size(), b.barcodes().get(k).size(), where);
                for (int j = 0; j < a.barcodes().get(k).size(); j++) {
                    assertArrayEquals(a.barcodes().get(k).get(j), b.barcodes().get(k).get(j), where);
                }
            }
        }
        assertEquals(cached, cache.cachedRows(trace, g, SETTINGS).orElseThrow());
    }

    private static GraphSpec randomSpec(Random rnd, AttentionTrace trace) {
        GraphSpec.Builder b = RandomSpecs.weights(rnd, trace);
        return randomView(rnd, b).build();
    }

    private static GraphSpec.Builder randomView(Random rnd, GraphSpec.Builder b) {
        if (rnd.nextBoolean()) {
            b.topK(1 + rnd.nextInt(5));
        } else {
            b.noTopK();
        }
        b.threshold(rnd.nextInt(3) * 0.1);
        b.keepSpecialTokens(rnd.nextBoolean());
        List<LinkKind> links = new ArrayList<>();
        for (LinkKind k : List.of(LinkKind.RESIDUAL, LinkKind.ATTENTION, LinkKind.ROLLOUT)) {
            if (rnd.nextBoolean()) {
                links.add(k);
            }
        }
        b.links(links.toArray(new LinkKind[0]));
        b.layout(List.of(LayoutKind.LINE, LayoutKind.CIRCLE, LayoutKind.MDS).get(rnd.nextInt(3)));
        return b;
    }
}
