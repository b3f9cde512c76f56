package org.attnplanes.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.graph.ImageGrid;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Token;
import org.attnplanes.topology.clique.BitsetCliqueCounter;
import org.attnplanes.topology.clique.CliqueCounts;
import org.attnplanes.topology.clique.CliqueLimitExceededException;
import org.attnplanes.topology.clique.CliqueLimits;
import org.attnplanes.topology.clique.MaximalCliqueStats;
import org.attnplanes.topology.clique.NestedCliqueCounts;
import org.attnplanes.topology.clique.ThresholdGraph;
import org.attnplanes.topology.features.BarcodeFeatures;
import org.attnplanes.topology.features.FeatureReference;
import org.attnplanes.topology.features.FeatureVector;
import org.attnplanes.topology.features.PatternDistances;
import org.attnplanes.topology.features.ThresholdGraphFeatures;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.RipsPersistence;
import org.attnplanes.topology.stats.BarcodeStatistics;

/**
 * Computes a {@link PlaneTopology} for every plane of a {@link MultiPlanarGraph} (or every layer × head, and
 * the head mean, of an {@link AttentionTrace}), planes in parallel on a bounded pool, results in plane order.
 *
 * <p>Per plane: the flag filtration {@code 1 − w} of the plane's normalized weights
 * ({@link Filtration#fromPlane(Plane)}; for a trace, {@code 1 − max(A, Aᵀ)} of the raw attention); its barcodes
 * ({@link RipsPersistence}, dimensions {@code 0..maxDimension}); at every threshold t the complex of the edges
 * entering at or before {@code 1 − t} (float32, i.e. {@code w >= t} up to round-off at exact ties): Betti
 * numbers from the barcodes, k-clique counts and maximal cliques ({@link BitsetCliqueCounter}) of the same
 * complex; and optionally the Kushnareva et al. 2021 per-head features computed on the plane's head-reduced
 * <em>directed</em> attention ({@link Plane#attention(int, int)}): threshold-graph features, barcode
 * features and pattern distances.
 *
 * <pre>{@code
 * TopologyAnalyzer analyzer = new TopologyAnalyzer(TopologyAnalyzer.Config.defaults());
 * TopologyTable table = analyzer.table(MultiPlanarGraph.build(trace, spec));
 * }</pre>
 *
 * <p>Stateless once configured and safe to share; every call makes its own pool and shuts it down.
 */
public final class TopologyAnalyzer {

    /** What to do when a plane's cliques exceed the {@link CliqueLimits}. */
    public enum OnCliqueLimit {
        /** Throw the {@link CliqueLimitExceededException} (naming plane size, threshold and limit). */
        FAIL,
        /** Leave the clique statistics of that plane and threshold empty ({@code null} in the table). */
        SKIP
    }

    /**
     * Analyzer configuration.
     *
     * @param maxDimension   highest homology dimension, in {@code [0, 3]} (default 1)
     * @param thresholds     weight thresholds t for Betti numbers and cliques, each in {@code [0, 1]}
     *                       (default Kushnareva's 0.025, 0.05, 0.1, 0.25, 0.5, 0.75)
     * @param maxCliqueSize  largest clique size counted, {@code >= 1} (default {@code Integer.MAX_VALUE}: all)
     * @param cliqueLimits   budget per threshold graph (default {@link CliqueLimits#DEFAULT})
     * @param onCliqueLimit  fail or skip when the budget is exceeded (default FAIL)
     * @param maximalCliques whether to enumerate maximal cliques (default true)
     * @param features       whether to compute the Kushnareva et al. features (default true)
     * @param threads        worker threads, {@code >= 1} (default: available processors)
     * @param reference      which published pipeline the features follow (default {@link FeatureReference#ATTNPLANES})
     */
    public record Config(int maxDimension, List<Double> thresholds, int maxCliqueSize, CliqueLimits cliqueLimits,
                         OnCliqueLimit onCliqueLimit, boolean maximalCliques, boolean features, int threads,
                         FeatureReference reference) {

        /** A configuration with the features computed the attnplanes way ({@link FeatureReference#ATTNPLANES}). */
        public Config(int maxDimension, List<Double> thresholds, int maxCliqueSize, CliqueLimits cliqueLimits,
                      OnCliqueLimit onCliqueLimit, boolean maximalCliques, boolean features, int threads) {
            this(maxDimension, thresholds, maxCliqueSize, cliqueLimits, onCliqueLimit, maximalCliques, features,
                    threads, FeatureReference.ATTNPLANES);
        }

        /** Validates and copies. */
        public Config {
            if (maxDimension < 0 || maxDimension > RipsPersistence.MAX_DIMENSION) {
                throw new IllegalArgumentException("maxDimension = " + maxDimension + " is outside [0, "
                        + RipsPersistence.MAX_DIMENSION + "]");
            }
            Objects.requireNonNull(thresholds, "thresholds");
            for (Double t : thresholds) {
                if (t == null || !(t >= 0.0 && t <= 1.0)) {
                    throw new IllegalArgumentException("threshold = " + t + " must be in [0, 1]; thresholds = "
                            + thresholds);
                }
            }
            thresholds = List.copyOf(thresholds);
            if (maxCliqueSize < 1) {
                throw new IllegalArgumentException("maxCliqueSize = " + maxCliqueSize + " must be >= 1");
            }
            Objects.requireNonNull(cliqueLimits, "cliqueLimits");
            Objects.requireNonNull(onCliqueLimit, "onCliqueLimit");
            if (threads < 1) {
                throw new IllegalArgumentException("threads = " + threads + " must be >= 1");
            }
            Objects.requireNonNull(reference, "reference");
        }

        /** The defaults listed on the record. */
        public static Config defaults() {
            return new Config(1, ThresholdGraphFeatures.KUSHNAREVA_THRESHOLDS, Integer.MAX_VALUE, CliqueLimits.DEFAULT,
                    OnCliqueLimit.FAIL, true, true, Runtime.getRuntime().availableProcessors());
        }

        /** A copy with other thresholds. */
        public Config withThresholds(List<Double> newThresholds) {
            return new Config(maxDimension, newThresholds, maxCliqueSize, cliqueLimits, onCliqueLimit, maximalCliques,
                    features, threads, reference);
        }

        /** A copy with another maximal dimension. */
        public Config withMaxDimension(int newMaxDimension) {
            return new Config(newMaxDimension, thresholds, maxCliqueSize, cliqueLimits, onCliqueLimit, maximalCliques,
                    features, threads, reference);
        }

        /** A copy with other clique limits and policy. */
        public Config withCliqueLimits(CliqueLimits limits, OnCliqueLimit policy) {
            return new Config(maxDimension, thresholds, maxCliqueSize, limits, policy, maximalCliques, features,
                    threads, reference);
        }

        /** A copy with the features switched on or off. */
        public Config withFeatures(boolean on) {
            return new Config(maxDimension, thresholds, maxCliqueSize, cliqueLimits, onCliqueLimit, maximalCliques, on,
                    threads, reference);
        }

        /** A copy with another number of threads. */
        public Config withThreads(int n) {
            return new Config(maxDimension, thresholds, maxCliqueSize, cliqueLimits, onCliqueLimit, maximalCliques,
                    features, n, reference);
        }

        /** A copy whose features follow another published pipeline. */
        public Config withReference(FeatureReference r) {
            return new Config(maxDimension, thresholds, maxCliqueSize, cliqueLimits, onCliqueLimit, maximalCliques,
                    features, threads, r);
        }
    }

    /**
     * One plane to analyze, whatever it came from: a trace's ({@code filtration} and, with the features, its
     * directed {@code attention}) or a graph plane ({@code plane}; the filtration and the directed attention are made
     * when the plane is analysed, so that a graph's planes do not all hold theirs at once and the directed attention
     * of a recycled trace plane goes through one buffer per thread instead of a copy per plane).
     */
    private record Input(int index, int layer, String headLabel, Filtration filtration, AttentionMatrix attention,
                         Plane plane, List<Token> tokens) {
    }

    /** Per thread: the row-major n × n buffer that a graph plane's directed attention is copied into (n² long). */
    private final ThreadLocal<float[]> directedBuffer = new ThreadLocal<>();

    private final Config config;
    private final RipsPersistence persistence;
    private final BitsetCliqueCounter counter;
    /** The counts of the small planes' threshold graphs, or null when they must come from the graphs themselves. */
    private final NestedCliqueCounts nested;
    private final ThresholdGraphFeatures graphFeatures;
    private final RipsPersistence persistenceDim1;
    private final float minWeight;
    /** The configured thresholds t and the filtration values {@code 1 − t} (float32) of their graphs. */
    private final double[] thresholds;
    private final float[] thresholdValues;

    /** An analyzer with the given configuration. */
    public TopologyAnalyzer(Config config) {
        this(config, 0f);
    }

    /**
     * An analyzer whose filtrations leave out every edge of weight {@code < minWeight} (a weight floor: the
     * barcodes are those of the truncated filtration, bars alive at the floor are essential; 0 keeps every edge).
     *
     * @throws IllegalArgumentException if {@code minWeight} is outside [0, 1]
     */
    public TopologyAnalyzer(Config config, float minWeight) {
        if (!(minWeight >= 0f && minWeight <= 1f)) {
            throw new IllegalArgumentException("minWeight = " + minWeight + " is outside [0, 1]");
        }
        this.minWeight = minWeight;
        this.config = Objects.requireNonNull(config, "config");
        this.persistence = new RipsPersistence(config.maxDimension());
        this.counter = new BitsetCliqueCounter(config.maxCliqueSize(), config.cliqueLimits());
        this.graphFeatures = new ThresholdGraphFeatures();
        this.persistenceDim1 = new RipsPersistence(1);
        this.thresholds = new double[config.thresholds().size()];
        this.thresholdValues = new float[thresholds.length];
        for (int k = 0; k < thresholds.length; k++) {
            thresholds[k] = config.thresholds().get(k);
            thresholdValues[k] = 1f - (float) thresholds[k];
        }
        this.nested = !config.maximalCliques() && NestedCliqueCounts.supports(NestedCliqueCounts.MAX_VERTICES, config.maxCliqueSize(),
                config.cliqueLimits()) ? new NestedCliqueCounts(thresholdValues, config.maxCliqueSize()) : null;
    }

    /** The configuration. */
    public Config config() {
        return config;
    }

    /** The weight floor of the filtrations (0: none). */
    public float minWeight() {
        return minWeight;
    }

    /**
     * The topology of every plane of {@code graph}, in plane order.
     *
     * @throws IllegalArgumentException if a plane has weights outside [0, 1] (a signed difference graph)
     * @throws CliqueLimitExceededException if a plane's cliques exceed the limits and the policy is FAIL
     */
    public List<PlaneTopology> analyze(MultiPlanarGraph graph) {
        Objects.requireNonNull(graph, "graph");
        return analyze(graph, graph.planes());
    }

    /**
     * The topology of some planes of {@code graph}, in the order given (e.g. only the planes a cache lacks). A
     * plane's result depends on that plane alone, so it equals its row of {@link #analyze(MultiPlanarGraph)}.
     *
     * @throws IllegalArgumentException if a plane is not one of {@code graph}'s or {@code graph} is a difference
     *                                  graph
     */
    public List<PlaneTopology> analyze(MultiPlanarGraph graph, List<Plane> planes) {
        Objects.requireNonNull(graph, "graph");
        for (Plane p : planes) {
            if (p.index() >= graph.planes().size() || graph.planes().get(p.index()) != p) {
                throw new IllegalArgumentException(p + " is not a plane of this graph");
            }
        }
        if (graph.isDifference()) {
            throw new IllegalArgumentException("graph is a difference graph with signed weights in [-1, 1]; "
                    + "topology needs weights in [0, 1]: analyze each of the two graphs instead");
        }
        List<Input> inputs = new ArrayList<>();
        for (Plane p : planes) {
            inputs.add(new Input(p.index(), p.layer(), p.headLabel(), null, null, p, graph.tokens()));
        }
        return run(inputs);
    }

    /**
     * The topology of every head of every layer of {@code trace}, followed per layer by the head mean
     * (label {@code "mean"}); rows layer-major: layer 0 heads 0..H−1, layer 0 mean, layer 1 heads, …. Weights
     * are the raw attention probabilities; the filtration is {@code 1 − max(A, Aᵀ)}.
     */
    public List<PlaneTopology> analyze(AttentionTrace trace) {
        Objects.requireNonNull(trace, "trace");
        List<Input> inputs = new ArrayList<>();
        int n = trace.tokenCount();
        int index = 0;
        for (int l = 0; l < trace.layers(); l++) {
            double[] sum = new double[n * n];
            for (int h = 0; h < trace.heads(); h++) {
                AttentionMatrix a = clampToUnit(trace.attention(l, h));
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        sum[i * n + j] += a.weight(i, j);
                    }
                }
                inputs.add(new Input(index++, l, String.valueOf(h), filtration(trace, a), a, null, trace.tokens()));
            }
            float[] mean = new float[n * n];
            for (int k = 0; k < mean.length; k++) {
                mean[k] = (float) Math.min(1.0, sum[k] / trace.heads());
            }
            AttentionMatrix m = AttentionMatrix.of(n, mean);
            inputs.add(new Input(index++, l, "mean", filtration(trace, m), m, null, trace.tokens()));
        }
        return run(inputs);
    }

    /** 1 − max(A, Aᵀ); for a cross-attention (bipartite) trace only target–source pairs enter. */
    private Filtration filtration(AttentionTrace trace, AttentionMatrix a) {
        Filtration f = Filtration.fromWeights(a, minWeight);
        return trace.bipartite() ? f.bipartite(trace.targetCount()) : f;
    }

    /** {@link #analyze(MultiPlanarGraph)} as a table, with the graph's provenance plus the analyzer settings. */
    public TopologyTable table(MultiPlanarGraph graph) {
        List<PlaneTopology> planes = analyze(graph);
        return TopologyTable.of(planes, provenance(graph.provenance()), schema(planes));
    }

    /** {@link #analyze(AttentionTrace)} as a table, with the trace's provenance plus the analyzer settings. */
    public TopologyTable table(AttentionTrace trace) {
        List<PlaneTopology> planes = analyze(trace);
        return TopologyTable.of(planes, provenance(trace.provenance())
                .with("topology.planes", "per head + mean, raw attention, 1 - max(A, A^T)"), schema(planes));
    }

    /**
     * The statistics schema of this configuration for planes with these feature names: clique columns up to the
     * configured size (with all sizes counted: up to the largest size counted on any of {@code planes}, ≥ 2),
     * maximal-clique columns when configured.
     */
    public StatisticsSchema schema(List<PlaneTopology> planes) {
        int maxClique = config.maxCliqueSize();
        if (maxClique == Integer.MAX_VALUE) {
            maxClique = 2;
            for (PlaneTopology p : planes) {
                for (PlaneTopology.AtThreshold a : p.thresholds()) {
                    maxClique = Math.max(maxClique, a.cliques().map(CliqueCounts::maxSize).orElse(0));
                }
            }
        }
        List<String> features = planes.isEmpty() ? List.of() : planes.get(0).features().names();
        return StatisticsSchema.of(config.thresholds(), config.maxDimension(), Math.max(2, maxClique),
                config.maximalCliques(), features);
    }

    /** {@code base} plus this analyzer's settings ({@code topology.*} keys). */
    public Provenance provenance(Provenance base) {
        Provenance p = base.with("topology.max_dimension", String.valueOf(config.maxDimension()))
                .with("topology.thresholds", config.thresholds().toString())
                .with("topology.filtration", "flag complex of 1 - w (float32), Z/2")
                .with("topology.max_clique_size", config.maxCliqueSize() == Integer.MAX_VALUE ? "all"
                        : String.valueOf(config.maxCliqueSize()))
                .with("topology.clique_limits", config.cliqueLimits().maxSearchNodes() + " nodes, "
                        + config.cliqueLimits().maxTime() + ", on limit " + config.onCliqueLimit())
                .with("topology.features", config.features() ? "Kushnareva et al. 2021" : "none")
                .with("topology.reference", config.reference().description());
        if (config.features() && ImageGrid.of(base).isPresent()) {
            p = p.with(PatternDistances.IMAGE_NOTE_KEY, PatternDistances.IMAGE_NOTE);
        }
        return p;
    }

    private List<PlaneTopology> run(List<Input> inputs) {
        int threads = Math.min(config.threads(), Math.max(1, inputs.size()));
        if (threads == 1) {
            List<PlaneTopology> out = new ArrayList<>();
            for (Input in : inputs) {
                out.add(analyzeOne(in));
            }
            return out;
        }
        AtomicInteger id = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "topology-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PlaneTopology>> futures = new ArrayList<>();
            for (Input in : inputs) {
                futures.add(pool.submit(() -> analyzeOne(in)));
            }
            List<PlaneTopology> out = new ArrayList<>(inputs.size());
            for (Future<PlaneTopology> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("topology analysis was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private PlaneTopology analyzeOne(Input in) {
        Filtration filtration = in.plane() != null ? Filtration.fromPlane(in.plane(), minWeight) : in.filtration();
        Barcodes barcodes = persistence.compute(filtration);
        List<PlaneTopology.AtThreshold> stats = nested != null && filtration.size() <= NestedCliqueCounts.MAX_VERTICES
                ? nestedThresholds(filtration, barcodes) : thresholdGraphs(in, filtration, barcodes);
        FeatureVector features = FeatureVector.empty();
        if (config.features()) {
            // tda4atd renormalises every row before its threshold graphs and barcodes; its pattern distances and
            // this module's clique statistics are unchanged
            int n = filtration.size();
            // read only, and by this call alone: the features keep nothing of it
            float[] directed;
            FeatureVector graph = null;
            if (in.plane() != null && config.reference() == FeatureReference.ATTNPLANES) {
                // the threshold graphs read the plane's attention as it is (ATTNPLANES features take it unchanged)
                // and tell whether it is in [+0, 1] from the same scan; only when it is not is it clamped
                directed = planeAttention(in.plane());
                graph = graphFeatures.computeIfUnitRange(n, directed);
                if (graph == null) {
                    directed = clampedCopy(directed, n);
                }
            } else {
                directed = in.plane() != null ? directedAttention(in.plane()) : in.attention().toArray();
            }
            float[] published = config.reference().prepare(n, directed);
            if (graph == null) {
                graph = graphFeatures.compute(n, published);
            }
            features = FeatureVector.concat(graph, kushnarevaBarcodeFeatures(n, published, filtration, barcodes),
                    PatternDistances.compute(n, directed, in.tokens()));
        }
        return new PlaneTopology(in.index(), in.layer(), in.headLabel(), filtration.size(), barcodes, stats,
                features);
    }

    /**
     * The statistics at every threshold from the nested graphs' counts ({@link NestedCliqueCounts}, the planes of at
     * most 64 tokens when neither maximal cliques nor a small search budget are asked for) and one scan of the bars
     * for the Betti numbers: the same values as {@link #thresholdGraphs}.
     */
    private List<PlaneTopology.AtThreshold> nestedThresholds(Filtration filtration, Barcodes barcodes) {
        int count = thresholds.length;
        int[] edges = new int[count];
        CliqueCounts[] cliques = nested.count(filtration, edges);
        int[][] betti = BarcodeStatistics.bettiNumbers(barcodes, thresholdValues);
        PlaneTopology.AtThreshold[] stats = new PlaneTopology.AtThreshold[count];
        for (int ti = 0; ti < count; ti++) {
            stats[ti] = new PlaneTopology.AtThreshold(thresholds[ti], thresholdValues[ti], edges[ti],
                    boxed(betti[ti]), Optional.of(cliques[ti]), Optional.empty());
        }
        return List.of(stats);
    }

    /** The values as an unmodifiable list (the small boxed integers are the JDK's cached ones). */
    private static List<Integer> boxed(int[] values) {
        if (values.length == 2) {
            return List.of(values[0], values[1]);
        }
        Integer[] b = new Integer[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = values[i];
        }
        return List.of(b);
    }

    /** The statistics at every threshold from the threshold graphs themselves (any size, maximal cliques, budgets). */
    private List<PlaneTopology.AtThreshold> thresholdGraphs(Input in, Filtration filtration, Barcodes barcodes) {
        List<PlaneTopology.AtThreshold> stats = new ArrayList<>();
        ThresholdGraph[] graphs = ThresholdGraph.of(filtration, thresholdValues, thresholds);
        for (int ti = 0; ti < thresholds.length; ti++) {
            double t = thresholds[ti];
            float value = thresholdValues[ti];
            ThresholdGraph g = graphs[ti];
            List<Integer> betti = boxed(BarcodeStatistics.bettiNumbers(barcodes, value));
            Optional<CliqueCounts> cliques;
            Optional<MaximalCliqueStats> maximal = Optional.empty();
            try {
                cliques = Optional.of(counter.count(g));
                if (config.maximalCliques()) {
                    maximal = Optional.of(counter.maximalCliques(g));
                }
            } catch (CliqueLimitExceededException e) {
                if (config.onCliqueLimit() == OnCliqueLimit.FAIL) {
                    throw e.withContext("plane " + in.index() + " (layer " + in.layer() + ", head " + in.headLabel()
                            + ")");
                }
                cliques = Optional.empty();
                maximal = Optional.empty();
            }
            stats.add(new PlaneTopology.AtThreshold(t, value, g.edgeCount(), betti, cliques, maximal));
        }
        return stats;
    }

    /**
     * The barcode features on the reference filtration; when it is the plane's own filtration (a trace head
     * without weights in (0, 1e-3]) and dimension 1 was computed, the plane's barcodes are reused.
     */
    private FeatureVector kushnarevaBarcodeFeatures(int n, float[] attention, Filtration plane,
                                                   Barcodes planeBarcodes) {
        // the reference filtration (BarcodeFeatures.filtration) is not built: its values go from the attention
        // straight into the engine (same barcodes)
        if (planeBarcodes.maxDimension() >= 1
                && plane.sameValuesAsWeights(n, attention, BarcodeFeatures.LOWER_BOUND)) {
            return BarcodeFeatures.compute(planeBarcodes);
        }
        return BarcodeFeatures.compute(persistenceDim1.computeFromWeights(n, attention, BarcodeFeatures.LOWER_BOUND));
    }

    /**
     * The plane's directed attention clamped to [0, 1], row-major n × n: {@link #planeAttention} when it is in [+0, 1]
     * already (a softmax plane), else {@link #clampedCopy} of it.
     */
    private float[] directedAttention(Plane p) {
        float[] a = planeAttention(p);
        return ThresholdGraphFeatures.inUnitRange(a) ? a : clampedCopy(a, p.size());
    }

    /**
     * The plane's directed attention as it is, row-major n × n: the plane's own storage
     * ({@link Plane#attentionStorageOrNull()}: read only, by the features, while the plane is analysed) or, where the
     * plane's storage is not exactly n² floats (a recycled trace plane's), this thread's buffer holding a copy (valid
     * until the thread's next call).
     */
    private float[] planeAttention(Plane p) {
        float[] a = p.attentionStorageOrNull();
        if (a == null) {
            int nn = p.size() * p.size();
            a = directedBuffer.get();
            if (a == null || a.length != nn) {  // the features take exactly n² floats
                a = new float[nn];
                directedBuffer.set(a);
            }
            p.copyAttentionInto(a);
        }
        return a;
    }

    /**
     * A copy of the row-major n × n {@code a} (never written) clamped to [+0, 1]: -0 and negatives become +0, values
     * above 1 become 1.
     *
     * @throws IllegalArgumentException for a NaN, as {@code AttentionMatrix.of} refuses it
     */
    private static float[] clampedCopy(float[] a, int n) {
        a = a.clone();
        for (int k = 0; k < a.length; k++) {
            // Math.min(1f, Math.max(0f, v)) without the calls C1 makes for them
            float v = a[k];
            if (!(v > 0f)) {
                if (v != v) {
                    throw new IllegalArgumentException("weight[" + (k / n) + "][" + (k % n) + "] = " + v
                            + " must be finite");
                }
                a[k] = 0f;
            } else if (v > 1f) {
                a[k] = 1f;
            }
        }
        return a;
    }

    private static AttentionMatrix clampToUnit(AttentionMatrix m) {
        int n = m.size();
        boolean over = false;
        for (int i = 0; i < n && !over; i++) {
            for (int j = 0; j < n; j++) {
                if (m.weight(i, j) > 1f) {
                    over = true;
                    break;
                }
            }
        }
        if (!over) {
            return m;
        }
        float[] a = m.toArray();
        for (int k = 0; k < a.length; k++) {
            a[k] = Math.min(1f, a[k]);
        }
        return AttentionMatrix.of(n, a);
    }
}
