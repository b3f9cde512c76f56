package org.attnplanes.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Normalization;
import org.attnplanes.graph.Provenance;
import org.attnplanes.graph.Symmetrization;
import org.attnplanes.graph.Token;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.attnplanes.topology.clique.CliqueCounts;
import org.attnplanes.topology.clique.CliqueLimitExceededException;
import org.attnplanes.topology.clique.CliqueLimits;
import org.attnplanes.topology.features.BarcodeFeatures;
import org.attnplanes.topology.features.FeatureVector;
import org.attnplanes.topology.filtration.Filtration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyAnalyzerTest {

    @TempDir
    Path dir;

    /** A trace of row-softmax N(0, sigma²) attention, seeded; tokens "[CLS] w1 … , … [SEP]". */
    static AttentionTrace trace(int layers, int heads, int n, double sigma, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Token> tokens = new ArrayList<>();
        tokens.add(Token.special("[CLS]", 0));
        for (int i = 1; i < n - 1; i++) {
            String text = i % 5 == 0 ? "," : "w" + i;
            tokens.add(new Token(text, 3 * i, 3 * i + text.length(), false, i));
        }
        tokens.add(Token.special("[SEP]", n - 1));
        List<List<AttentionMatrix>> attention = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            List<AttentionMatrix> layer = new ArrayList<>();
            for (int h = 0; h < heads; h++) {
                layer.add(AttentionMatrix.of(n, SoftmaxTraceGenerator.softmaxRows(n, sigma, false, rnd)));
            }
            attention.add(layer);
        }
        return new AttentionTrace("synthetic", tokens, attention, null, Map.of(), Provenance.synthetic("seed " + seed));
    }

    private static MultiPlanarGraph perHeadGraph(AttentionTrace t) {
        return MultiPlanarGraph.build(t, GraphSpec.builder().headReduction(HeadReduction.PER_HEAD)
                .symmetrization(Symmetrization.MAX).normalization(Normalization.PER_LAYER).build());
    }

    /**
     * The small planes' statistics from the nested counts and the one-scan Betti numbers (sizes 2 to 4, the default
     * budget, no maximal cliques) equal those read from the threshold graphs (the path maximal cliques take), on
     * seeded softmax planes of 6 to 70 tokens (planes over 64 tokens take the graphs either way) at analyze's and
     * Kushnareva's thresholds.
     */
    @Test
    void analyze_nestedThresholdCounts_equalTheThresholdGraphPath() {
        for (long seed = 1; seed <= 12; seed++) {
            MultiPlanarGraph g = perHeadGraph(trace(2, 2, 6 + (int) (seed * 37 % 65), 0.5 + seed % 3, 600 + seed));
            List<Double> ts = seed % 2 == 0 ? List.of(0.5, 0.25, 0.1, 0.05) : List.of(0.025, 0.75, 0.1, 0.25, 0.5, 0.05);
            for (int k = 2; k <= 4; k++) {
                TopologyAnalyzer.Config c = new TopologyAnalyzer.Config(1, ts, k, CliqueLimits.DEFAULT,
                        TopologyAnalyzer.OnCliqueLimit.FAIL, false, false, 1);
                List<PlaneTopology> fast = new TopologyAnalyzer(c).analyze(g);
                List<PlaneTopology> graphs = new TopologyAnalyzer(new TopologyAnalyzer.Config(1, ts, k,
                        CliqueLimits.DEFAULT, TopologyAnalyzer.OnCliqueLimit.FAIL, true, false, 1)).analyze(g);
                for (int p = 0; p < fast.size(); p++) {
                    for (int i = 0; i < ts.size(); i++) {
                        PlaneTopology.AtThreshold a = fast.get(p).atThreshold(i);
                        PlaneTopology.AtThreshold b = graphs.get(p).atThreshold(i);
                        String msg = "seed " + seed + ", n = " + g.planes().get(p).size() + ", K = " + k + ", plane "
                                + p + ", t = " + ts.get(i);
                        assertEquals(b.edges(), a.edges(), msg);
                        assertEquals(b.betti(), a.betti(), msg);
                        assertEquals(b.cliques(), a.cliques(), msg);
                        assertEquals(b.cliques().orElseThrow().maxSize(), a.cliques().orElseThrow().maxSize(), msg);
                        assertTrue(a.maximalCliques().isEmpty(), msg);
                    }
                }
            }
        }
    }

    @Test
    void table_perHeadGraph_hasOneRowPerPlaneInPlaneOrderAndConsistentColumns() {
        AttentionTrace t = trace(2, 3, 12, 1.5, 1);
        MultiPlanarGraph g = perHeadGraph(t);
        TopologyAnalyzer analyzer = new TopologyAnalyzer(TopologyAnalyzer.Config.defaults().withThreads(2));
        TopologyTable table = analyzer.table(g);
        assertEquals(g.planes().size(), table.rowCount(), "seed 1");
        assertEquals(List.of("plane", "layer", "head", "n"), table.columns().subList(0, 4));
        assertEquals(table.columns().size(), new HashSet<>(table.columns()).size(), "column names are unique");
        for (int r = 0; r < table.rowCount(); r++) {
            assertEquals(table.columns().size(), table.row(r).size(), "row " + r);
            assertEquals(r, table.value(r, "plane"));
            assertEquals(g.planes().get(r).layer(), table.value(r, "layer"));
            assertEquals(g.planes().get(r).headLabel(), table.value(r, "head"));
            assertEquals(12, table.value(r, "n"));
        }
        for (String c : List.of("betti0_t0.10", "betti1_t0.10", "cliques3_t0.10", "cliques2_t0.10",
                "maxcliques_t0.10", "clique_number_t0.10", "h1_total", "h0_bars", "h1_entropy", "h1_s", "h0_t_d", "dist_prev",
                "dist_sep", "attn_scc_t0.025", "attn_b1_t0.75")) {
            assertTrue(table.columns().contains(c), c + " in " + table.columns());
        }
        assertEquals("1", table.provenance().settings().get("topology.max_dimension"));
        assertEquals(table.formattedRow(0).size(), table.columns().size());
    }

    @Test
    void analyze_trace_givesEveryHeadThenMeanPerLayer() {
        AttentionTrace t = trace(2, 3, 10, 1.0, 2);
        List<PlaneTopology> planes = new TopologyAnalyzer(TopologyAnalyzer.Config.defaults().withThreads(2)).analyze(t);
        List<String> labels = new ArrayList<>();
        for (PlaneTopology p : planes) {
            labels.add(p.layer() + ":" + p.headLabel());
        }
        assertEquals(List.of("0:0", "0:1", "0:2", "0:mean", "1:0", "1:1", "1:2", "1:mean"), labels, "seed 2");
        for (int i = 0; i < planes.size(); i++) {
            assertEquals(i, planes.get(i).index());
        }
    }

    @Test
    void analyze_trace_barcodeFeaturesEqualTheReferenceFiltrationsFeatures() {
        // sigma 1, n 10: no weight <= 1e-3 (the plane's barcodes are reused); sigma 4, n 30: many (recomputed)
        for (double[] c : new double[][] {{1.0, 10, 7}, {4.0, 30, 8}}) {
            AttentionTrace t = trace(1, 2, (int) c[1], c[0], (long) c[2]);
            List<PlaneTopology> planes = new TopologyAnalyzer(TopologyAnalyzer.Config.defaults().withThreads(1))
                    .analyze(t);
            for (int h = 0; h < 2; h++) {
                FeatureVector expected = new BarcodeFeatures().compute(t.attention(0, h));
                for (String name : BarcodeFeatures.names()) {
                    assertEquals(expected.get(name), planes.get(h).features().get(name),
                            "seed " + (long) c[2] + ", head " + h + ", " + name);
                }
            }
        }
    }

    @Test
    void analyze_oneThreadOrFour_givesIdenticalResults() {
        MultiPlanarGraph g = perHeadGraph(trace(2, 4, 14, 1.5, 3));
        TopologyAnalyzer.Config c = TopologyAnalyzer.Config.defaults();
        List<PlaneTopology> one = new TopologyAnalyzer(c.withThreads(1)).analyze(g);
        List<PlaneTopology> four = new TopologyAnalyzer(c.withThreads(4)).analyze(g);
        assertEquals(one, four, "seed 3");
    }

    @Test
    void analyze_randomComplexes_cliqueCountsAndBettiNumbersSatisfyEulerPoincare() {
        int checked = 0;
        List<Double> thresholds = List.of(0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6);
        TopologyAnalyzer analyzer = new TopologyAnalyzer(TopologyAnalyzer.Config.defaults().withMaxDimension(3)
                .withThresholds(thresholds).withFeatures(false).withThreads(2));
        for (long seed = 10; seed < 16; seed++) {
            for (PlaneTopology p : analyzer.analyze(trace(1, 3, 14, 1.2, seed))) {
                for (PlaneTopology.AtThreshold a : p.thresholds()) {
                    CliqueCounts c = a.cliques().orElseThrow();
                    assertEquals(a.edges(), c.count(2), "seed " + seed + ", t = " + a.threshold());
                    assertEquals(14, c.count(1));
                    if (c.largestSize() <= 4) { // the complex has dimension <= 3 = maxDimension: all β computed
                        assertEquals(c.eulerCharacteristic(), a.bettiEulerCharacteristic(),
                                "seed " + seed + ", plane " + p.index() + ", t = " + a.threshold() + ", " + c
                                        + ", β = " + a.betti());
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= 80, "only " + checked + " complexes had dimension <= 3");
    }

    @Test
    void analyze_bettiNumbersAtThresholds_equalGudhiFlagComplex() throws Exception {
        String python = System.getenv().getOrDefault("ATTNPLANES_PYTHON", "/usr/bin/python3");
        List<Double> thresholds = List.of(0.05, 0.1, 0.2, 0.3, 0.5, 0.75);
        TopologyAnalyzer analyzer = new TopologyAnalyzer(TopologyAnalyzer.Config.defaults().withMaxDimension(2)
                .withThresholds(thresholds).withFeatures(false).withThreads(2));
        StringBuilder input = new StringBuilder();
        List<PlaneTopology> all = new ArrayList<>();
        List<String> what = new ArrayList<>();
        for (long seed = 20; seed < 23; seed++) {
            MultiPlanarGraph g = perHeadGraph(trace(2, 2, 18 + (int) seed % 3 * 6, 1.5, seed));
            List<PlaneTopology> planes = analyzer.analyze(g);
            for (int k = 0; k < planes.size(); k++) {
                Filtration f = Filtration.fromPlane(g.planes().get(k));
                input.append(f.size()).append(" 2\n");
                StringBuilder lower = new StringBuilder();
                for (float v : f.valuesLowerTriangular()) {
                    lower.append(v == Float.POSITIVE_INFINITY ? "inf" : String.format("%.9g", v)).append(' ');
                }
                input.append(lower.toString().trim()).append('\n');
                StringBuilder values = new StringBuilder();
                for (PlaneTopology.AtThreshold a : planes.get(k).thresholds()) {
                    values.append(String.format("%.9g ", a.filtrationValue()));
                }
                input.append(values.toString().trim()).append('\n');
                all.add(planes.get(k));
                what.add("seed " + seed + ", plane " + k);
            }
        }
        List<String> lines = runPython(python, input.toString());
        assertEquals(all.size(), lines.size(), "GUDHI output lines");
        for (int p = 0; p < all.size(); p++) {
            String[] perValue = lines.get(p).trim().split(" ");
            for (int i = 0; i < thresholds.size(); i++) {
                List<Integer> expected = new ArrayList<>();
                for (String b : perValue[i].split(",")) {
                    expected.add(Integer.parseInt(b));
                }
                assertEquals(expected, all.get(p).atThreshold(i).betti(),
                        what.get(p) + ", t = " + thresholds.get(i));
            }
        }
    }

    private List<String> runPython(String python, String input) throws IOException, InterruptedException {
        Path script = dir.resolve("gudhi_betti_at.py");
        try (InputStream in = TopologyAnalyzerTest.class.getResourceAsStream("gudhi_betti_at.py")) {
            Files.copy(in, script);
        }
        Path stdin = dir.resolve("in.txt");
        Files.writeString(stdin, input, StandardCharsets.UTF_8);
        Process proc = new ProcessBuilder(python, script.toString()).redirectInput(stdin.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = proc.getInputStream().readAllBytes();
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS), "GUDHI script finished");
        assertEquals(0, proc.exitValue(), python + " with GUDHI (python3-gudhi) must be available; set ATTNPLANES_PYTHON");
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void analyze_cliqueLimitExceeded_failsNamingPlaneSizeThresholdAndLimit() {
        MultiPlanarGraph g = perHeadGraph(trace(1, 2, 40, 0.2, 4));
        TopologyAnalyzer analyzer = new TopologyAnalyzer(TopologyAnalyzer.Config.defaults()
                .withThresholds(List.of(0.0)).withFeatures(false).withThreads(1)
                .withCliqueLimits(CliqueLimits.ofSearchNodes(5), TopologyAnalyzer.OnCliqueLimit.FAIL));
        CliqueLimitExceededException e = assertThrows(CliqueLimitExceededException.class, () -> analyzer.analyze(g));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("plane 0 (layer 0, head 0): clique counting stopped on a plane of n = 40 nodes, "),
                msg);
        assertTrue(msg.contains("threshold t = 0.0"), msg);
        assertTrue(msg.contains("exceeded the limit of 5 search nodes"), msg);
    }

    @Test
    void table_cliqueLimitExceededWithSkip_leavesCliqueCellsEmpty() {
        MultiPlanarGraph g = perHeadGraph(trace(1, 2, 40, 0.2, 4));
        TopologyAnalyzer analyzer = new TopologyAnalyzer(TopologyAnalyzer.Config.defaults()
                .withThresholds(List.of(0.0, 0.9)).withFeatures(false).withThreads(1)
                .withCliqueLimits(new CliqueLimits(5, Duration.ofSeconds(10)), TopologyAnalyzer.OnCliqueLimit.SKIP));
        TopologyTable table = analyzer.table(g);
        assertNull(table.value(0, "maxcliques_t0.00"));
        assertEquals(40L * 39 / 2, table.value(0, "cliques2_t0.00"), "the edge count is known over the budget");
        assertEquals(1L, table.value(0, "betti0_t0.00"), "the complete graph at t = 0 is connected");
        assertFalse(table.formattedRow(0).contains(null));
    }

    @Test
    void analyze_differenceGraph_failsExplaining() {
        AttentionTrace a = trace(1, 1, 6, 1.0, 5);
        AttentionTrace b = trace(1, 1, 6, 1.0, 6);
        GraphSpec spec = GraphSpec.builder().headReduction(HeadReduction.MEAN).build();
        MultiPlanarGraph d = MultiPlanarGraph.difference(MultiPlanarGraph.build(a, spec), MultiPlanarGraph.build(b, spec));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TopologyAnalyzer(TopologyAnalyzer.Config.defaults()).analyze(d));
        assertTrue(e.getMessage().startsWith("graph is a difference graph with signed weights"), e.getMessage());
    }

    @Test
    void analyze_graphPlanesWithWeightsOutsideUnitInterval_featuresAreThoseOfTheClampedAttention() {
        // head 0 is a softmax (in [+0, 1]: used as it is); heads 1-3 carry what a trace still accepts outside
        // it: -0 and round-off above 1 (up to AttentionTrace.MAX_PROBABILITY), and a denormal; each plane's
        // features must be those of the attention clamped to [+0, 1]
        int n = 9;
        SplittableRandom rnd = new SplittableRandom(11);
        AttentionTrace t = trace(1, 4, n, 1.5, 11);
        List<AttentionMatrix> heads = new ArrayList<>();
        List<AttentionMatrix> clamped = new ArrayList<>();
        List<float[]> planted0 = new ArrayList<>();
        for (int h = 0; h < 4; h++) {
            float[] a = t.attention(0, h).toArray();
            if (h == 1) {
                a[1] = -0f;
                a[2 * n + 3] = -0f;
            } else if (h == 2) {
                a[4 * n + 4] = 1.00005f;
                a[5 * n + 6] = Float.MIN_VALUE;
            } else if (h == 3) {
                for (int k = 0; k < a.length; k++) {
                    int kind = rnd.nextInt(4);
                    a[k] = kind == 0 ? -0f : kind == 1 ? 1f + (float) rnd.nextDouble() * 1e-4f
                            : (float) rnd.nextDouble();
                }
            }
            heads.add(AttentionMatrix.of(n, a));
            planted0.add(a.clone()); // the weights as planted, held apart from the trace (which shares its arrays)
            float[] c = a.clone();
            for (int k = 0; k < c.length; k++) {
                c[k] = c[k] > 0f ? Math.min(1f, c[k]) : 0f;
            }
            clamped.add(AttentionMatrix.of(n, c));
        }
        AttentionTrace planted = new AttentionTrace("synthetic", t.tokens(), List.of(heads), null, Map.of(),
                Provenance.synthetic("seed 11, planted"));
        MultiPlanarGraph g = MultiPlanarGraph.build(planted, GraphSpec.builder().headReduction(HeadReduction.PER_HEAD)
                .symmetrization(Symmetrization.MAX).normalization(Normalization.PER_LAYER).build());
        List<PlaneTopology> planes = new TopologyAnalyzer(TopologyAnalyzer.Config.defaults().withThreads(1)).analyze(g);
        for (int h = 0; h < 4; h++) {
            AttentionMatrix c = clamped.get(h);
            FeatureVector expected = new org.attnplanes.topology.features.ThresholdGraphFeatures().compute(c)
                    .concat(new BarcodeFeatures().compute(c))
                    .concat(org.attnplanes.topology.features.PatternDistances.compute(c, t.tokens()));
            FeatureVector got = planes.get(h).features();
            assertEquals(expected.names(), got.names());
            for (int k = 0; k < expected.names().size(); k++) {
                assertEquals(expected.value(k), got.value(k), "seed 11, head " + h + ", " + expected.names().get(k));
            }
            // the clamp works on a copy: the plane (whose storage the features read when it needs no clamp) keeps
            // its weights, and a second analysis gives the same features
            float[] kept = g.planes().get(h).attentionArray();
            float[] original = planted0.get(h);
            for (int k = 0; k < kept.length; k++) {
                assertEquals(Float.floatToRawIntBits(original[k]), Float.floatToRawIntBits(kept[k]),
                        "seed 11, head " + h + ", entry " + k);
            }
        }
        List<PlaneTopology> again = new TopologyAnalyzer(TopologyAnalyzer.Config.defaults().withThreads(1)).analyze(g);
        for (int h = 0; h < 4; h++) {
            assertEquals(planes.get(h).features(), again.get(h).features(), "seed 11, head " + h);
        }
    }

    @Test
    void config_thresholdOutsideUnitInterval_failsNamingValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopologyAnalyzer.Config.defaults().withThresholds(List.of(0.1, 1.5)));
        assertEquals("threshold = 1.5 must be in [0, 1]; thresholds = [0.1, 1.5]", e.getMessage());
    }
}
