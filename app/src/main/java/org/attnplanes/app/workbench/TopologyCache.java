package org.attnplanes.app.workbench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.attnplanes.app.export.PlaneRecord;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayerSelection;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Normalization;
import org.attnplanes.graph.Plane;
import org.attnplanes.model.Cancellation;
import org.attnplanes.topology.persistence.Barcodes;

/**
 * Per-plane topology results of one trace, kept across graph rebuilds, so that a change of a view option (top-k,
 * threshold, mass, special tokens, links, layout, encoding) never recomputes topology and a change of a topology
 * input recomputes only the planes it changed.
 *
 * <p>A plane's topology depends only on its normalized weights ({@code Filtration.fromPlane} reads every weight;
 * pruning is ignored) and the {@link TopologySettings}. The key of a plane ({@link #key}) is therefore the
 * graph spec with every view-only option reset, the plane's layer and head label, the settings, and — only for
 * the normalizations that scale by all planes together ({@link Normalization#GLOBAL_ABS_MINMAX},
 * {@link Normalization#LOG}) — the resolved layer selection. Options not known to be view-only stay in the key,
 * so a new graph option can only cause a recomputation, never a stale result. The cache holds the planes of one
 * trace (compared by identity); another trace clears it. At most {@value #MAX_ENTRIES} planes are kept (least
 * recently used first out).
 *
 * <p>Thread-safe; computations run outside the lock, in batches of {@code threads} planes with a cancellation
 * check between batches (finished batches stay cached).
 */
public final class TopologyCache {

    /** Largest number of planes kept (rows and representative barcodes each). */
    public static final int MAX_ENTRIES = 4096;

    /**
     * What computes the statistics rows of planes the cache lacks: the real one is {@link #computer(int)}
     * ({@link PlaneStatistics#analyze(int, MultiPlanarGraph, List)}); tests wrap it to count invocations.
     */
    @FunctionalInterface
    public interface Computer {
        /** The rows of {@code planes} (all of {@code graph}), in that order. */
        List<PlaneRecord> compute(TopologySettings settings, MultiPlanarGraph graph, List<Plane> planes);
    }

    /**
     * The identity of a plane's topology.
     *
     * @param weights  the graph spec with every view-only option reset (and the layers reset unless they matter)
     * @param layers   the resolved layer selection when the normalization scales by all planes, else empty
     * @param layer    the plane's layer
     * @param head     the plane's head label
     * @param settings the topology settings
     */
    public record PlaneKey(GraphSpec weights, List<Integer> layers, int layer, String head,
                           TopologySettings settings) {
    }

    private final Computer computer;
    private final int batch;
    private final Map<PlaneKey, PlaneRecord> rows = lru();
    private final Map<PlaneKey, Barcodes> representatives = lru();
    private final Map<TopologySettings, PlaneStatistics> statistics = new HashMap<>();
    private final AtomicLong computedPlanes = new AtomicLong();
    private AttentionTrace trace;

    /** A cache computing missing planes with {@link PlaneStatistics} on {@code threads} workers. */
    public TopologyCache(int threads) {
        this(computer(threads), threads);
    }

    /**
     * A cache computing missing planes with {@code computer}, {@code batch} planes per call.
     *
     * @param batch planes per computation call (cancellation is checked between calls), ≥ 1
     */
    public TopologyCache(Computer computer, int batch) {
        this.computer = Objects.requireNonNull(computer, "computer");
        this.batch = Math.max(1, batch);
    }

    /** The real computer: {@link TopologySettings#statistics(int)} of the settings, on {@code threads} workers. */
    public static Computer computer(int threads) {
        Map<TopologySettings, PlaneStatistics> made = new HashMap<>();
        return (settings, graph, planes) -> {
            PlaneStatistics s;
            synchronized (made) {
                s = made.computeIfAbsent(settings, k -> k.statistics(threads));
            }
            return s.analyze(1, graph, planes);
        };
    }

    /** The key of {@code plane} of {@code graph} (built from {@code trace}) under {@code settings}. */
    public static PlaneKey key(AttentionTrace trace, MultiPlanarGraph graph, Plane plane, TopologySettings settings) {
        GraphSpec spec = graph.spec();
        Normalization n = spec.normalization();
        List<Integer> layers = new ArrayList<>();
        if (n == Normalization.GLOBAL_ABS_MINMAX || n == Normalization.LOG) {
            for (int l : spec.layers().resolve(trace.layers())) {
                layers.add(l);
            }
        }
        GraphSpec weights = spec.toBuilder().layers(LayerSelection.all()).threshold(0).noTopK().noCumulativeMass()
                .keepSpecialTokens(true).links().linkThreshold(0).classifier(false).classLabels(Map.of())
                .layout(LayoutKind.LINE).planeSpacing(1).seed(0).alignPlanes(true).build();
        return new PlaneKey(weights, List.copyOf(layers), plane.layer(), plane.headLabel(), settings);
    }

    /**
     * The statistics rows of every plane of {@code graph} (built from {@code trace}), in plane order; planes not
     * cached are computed and cached.
     *
     * @throws java.util.concurrent.CancellationException once {@code cancellation} is cancelled (checked between
     *                                                    batches)
     */
    public List<PlaneRecord> rows(AttentionTrace trace, MultiPlanarGraph graph, TopologySettings settings,
                                  Cancellation cancellation) {
        List<PlaneKey> keys = keys(trace, graph, settings);
        PlaneRecord[] out = new PlaneRecord[keys.size()];
        List<Plane> missing = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < keys.size(); i++) {
                out[i] = rows.get(keys.get(i));
                if (out[i] == null) {
                    missing.add(graph.planes().get(i));
                }
            }
        }
        for (int from = 0; from < missing.size(); from += batch) {
            cancellation.throwIfCancelled("topology");
            List<Plane> part = missing.subList(from, Math.min(missing.size(), from + batch));
            List<PlaneRecord> computed = computer.compute(settings, graph, part);
            computedPlanes.addAndGet(part.size());
            synchronized (this) {
                for (int k = 0; k < part.size(); k++) {
                    int i = part.get(k).index();
                    out[i] = computed.get(k);
                    if (this.trace == trace) {
                        rows.put(keys.get(i), out[i]);
                    }
                }
            }
        }
        return List.of(out);
    }

    /** The rows of every plane of {@code graph} when all are cached, without computing anything. */
    public Optional<List<PlaneRecord>> cachedRows(AttentionTrace trace, MultiPlanarGraph graph,
                                                            TopologySettings settings) {
        return cachedRows(keys(trace, graph, settings));
    }

    private synchronized Optional<List<PlaneRecord>> cachedRows(List<PlaneKey> keys) {
        List<PlaneRecord> out = new ArrayList<>(keys.size());
        for (PlaneKey k : keys) {
            PlaneRecord r = rows.get(k);
            if (r == null) {
                return Optional.empty();
            }
            out.add(r);
        }
        return Optional.of(out);
    }

    /**
     * The barcodes of one plane with representative (co)cycles (what the desktop app highlights), cached like the
     * rows.
     */
    public Barcodes representatives(AttentionTrace trace, MultiPlanarGraph graph, Plane plane,
                                    TopologySettings settings) {
        PlaneKey key = key(trace, graph, plane, settings);
        PlaneStatistics s;
        synchronized (this) {
            use(trace);
            Barcodes b = representatives.get(key);
            if (b != null) {
                return b;
            }
            s = statistics.computeIfAbsent(settings, k -> k.statistics(1));
        }
        Barcodes b = s.barcodes(plane, true);
        synchronized (this) {
            if (this.trace == trace) {
                representatives.put(key, b);
            }
        }
        return b;
    }

    /** How many planes were computed so far (rows; not representatives). */
    public long computedPlanes() {
        return computedPlanes.get();
    }

    /** Drops everything. */
    public synchronized void clear() {
        rows.clear();
        representatives.clear();
        trace = null;
    }

    /** The keys of every plane of {@code graph} (built from {@code trace}), in plane order. */
    public List<PlaneKey> keys(AttentionTrace trace, MultiPlanarGraph graph, TopologySettings settings) {
        List<PlaneKey> keys = new ArrayList<>(graph.planes().size());
        for (Plane p : graph.planes()) {
            keys.add(key(trace, graph, p, settings));
        }
        synchronized (this) {
            use(trace);
        }
        return keys;
    }

    /** Makes {@code t} the cached trace, dropping another trace's planes. */
    private void use(AttentionTrace t) {
        if (trace != t) {
            rows.clear();
            representatives.clear();
            trace = t;
        }
    }

    private static <V> Map<PlaneKey, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PlaneKey, V> eldest) {
                return size() > MAX_ENTRIES;
            }
        };
    }
}
