package org.attnplanes.app.workbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.BlockKind;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayerSelection;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.Normalization;
import org.attnplanes.graph.Plane;
import org.attnplanes.graph.layout.PlanePositions;

/**
 * The 2D positions of every plane of one trace, kept across graph rebuilds, so that switching back to a layout
 * (MDS, force-directed) the desktop app computed before is instant, and a view change that does not touch the
 * layout's inputs (top-k, links, encoding for MDS) reuses it.
 *
 * <p>Positions depend on the plane's weights and the layout algorithm. The key of a plane ({@link #key}) is the
 * graph spec with every option reset that no layout reads (links, classifier, plane spacing and alignment — the
 * alignment of consecutive planes is applied after, by the graph build — and the layer selection unless the
 * normalization scales by all planes together), plus, for every layout but {@link LayoutKind#FORCE} (which lays
 * out the kept edges), the pruning options; the plane's layer, head label and block; and the algorithm's class.
 * Options not known to be irrelevant stay in the key, so a new option can only cause a recomputation, never stale
 * positions. One trace at a time (compared by identity; another trace clears the cache), at most
 * {@value #MAX_ENTRIES} planes (least recently used first out). Thread-safe; layouts are computed outside the lock.
 */
public final class LayoutCache {

    /** Largest number of planes kept. */
    public static final int MAX_ENTRIES = 2048;

    /**
     * The identity of a plane's positions.
     *
     * @param spec      the graph spec with the options no layout reads reset
     * @param layers    the resolved layer selection when the normalization scales by all planes, else empty
     * @param layer     the plane's layer
     * @param head      the plane's head label
     * @param block     the plane's block
     * @param algorithm the layout algorithm's class name
     */
    public record Key(GraphSpec spec, List<Integer> layers, int layer, String head, BlockKind block,
                      String algorithm) {
    }

    private final Map<Key, double[]> positions = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, double[]> eldest) {
            return size() > MAX_ENTRIES;
        }
    };
    private final AtomicLong computed = new AtomicLong();
    private AttentionTrace trace;

    /** Where a graph of {@code trace} under {@code spec} takes its plane positions from: this cache. */
    public PlanePositions forGraph(AttentionTrace trace, GraphSpec spec) {
        synchronized (this) {
            if (this.trace != trace) {
                positions.clear();
                this.trace = trace;
            }
        }
        return (plane, algorithm) -> {
            Key k = key(trace, spec, plane, algorithm.getClass().getName());
            synchronized (this) {
                double[] p = this.trace == trace ? positions.get(k) : null;
                if (p != null) {
                    return p.clone();
                }
            }
            double[] p = algorithm.layout(plane);
            computed.incrementAndGet();
            synchronized (this) {
                if (this.trace == trace) {
                    positions.put(k, p.clone());
                }
            }
            return p;
        };
    }

    /** The key of {@code plane} of a graph of {@code trace} under {@code spec} laid out by {@code algorithm}. */
    public static Key key(AttentionTrace trace, GraphSpec spec, Plane plane, String algorithm) {
        Normalization n = spec.normalization();
        List<Integer> layers = new ArrayList<>();
        if (n == Normalization.GLOBAL_ABS_MINMAX || n == Normalization.LOG) {
            for (int l : spec.layers().resolve(trace.layers())) {
                layers.add(l);
            }
        }
        GraphSpec.Builder b = spec.toBuilder().layers(LayerSelection.all()).links().linkThreshold(0)
                .classifier(false).classLabels(Map.of()).planeSpacing(1).alignPlanes(true);
        if (spec.layout() != LayoutKind.FORCE) {
            b.threshold(0).noTopK().noCumulativeMass().keepSpecialTokens(true).seed(0);
        }
        return new Key(b.build(), List.copyOf(layers), plane.layer(), plane.headLabel(), plane.block(), algorithm);
    }

    /** Planes laid out (not found in the cache) so far. */
    public long computedPlanes() {
        return computed.get();
    }
}
