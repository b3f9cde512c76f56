package org.attnplanes.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.Provenance;
import org.attnplanes.topology.clique.CliqueLimits;
import org.attnplanes.topology.features.FeatureReference;
import org.attnplanes.topology.features.FeatureVector;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.attnplanes.topology.stats.BarcodeStatistics;
import org.junit.jupiter.api.Test;

/** The one statistics schema: its columns, its values against a recomputation, and the README table. */
class StatisticsSchemaTest {

    @Test
    void names_smallConfiguration_areThePlanesCsvColumnsInOrder() {
        StatisticsSchema s = StatisticsSchema.of(List.of(0.5, 0.1), 1, 3, true, List.of("dist_self"));
        assertEquals(List.of("betti0_t0.50", "betti0_t0.10", "betti1_t0.50", "betti1_t0.10",
                "cliques2_t0.50", "cliques3_t0.50", "cliques2_t0.10", "cliques3_t0.10",
                "maxcliques_t0.50", "clique_number_t0.50", "maxcliques_t0.10", "clique_number_t0.10",
                "h0_bars", "h0_essential", "h0_total", "h0_max", "h0_mean", "h0_entropy",
                "h1_bars", "h1_essential", "h1_total", "h1_max", "h1_mean", "h1_entropy", "dist_self"), s.names());
        assertEquals(Statistic.CLIQUES, s.statistic(4));
        assertEquals(Statistic.PATTERN_DISTANCES, s.statistic(s.size() - 1));
    }

    @Test
    void values_randomTraces_equalARecomputationFromThePlaneTopology() {
        for (long seed = 1; seed <= 4; seed++) {
            AttentionTrace t = TopologyAnalyzerTest.trace(1, 2, 8 + (int) seed, 1.5, seed);
            TopologyAnalyzer analyzer = new TopologyAnalyzer(new TopologyAnalyzer.Config(2, List.of(0.3, 0.05), 4,
                    CliqueLimits.DEFAULT, TopologyAnalyzer.OnCliqueLimit.SKIP, true, true, 1));
            List<PlaneTopology> planes = analyzer.analyze(t);
            StatisticsSchema s = analyzer.schema(planes);
            for (PlaneTopology p : planes) {
                double[] v = s.values(p);
                assertEquals(s.size(), v.length);
                for (int c = 0; c < s.size(); c++) {
                    assertEquals(expected(p, s.names().get(c)), v[c], 1e-12, "seed " + seed + " " + s.names().get(c));
                }
            }
        }
    }

    /**
     * The summary columns equal, bit for bit, the float-length sums and {@link BarcodeStatistics#persistenceEntropy}
     * they have always been computed with, and the ends handed out are the bars in order (seeded barcodes of up to
     * 60 bars per dimension with ties, essential bars and lengths below float resolution of the births).
     */
    @Test
    void values_withEnds_summaryColumnsBitIdenticalAndEndsAreTheBars() {
        for (long seed = 1; seed <= 150; seed++) {
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(300 + seed);
            int maxDim = (int) (seed % 3);
            List<org.attnplanes.topology.persistence.Barcode> dims = new java.util.ArrayList<>();
            for (int k = 0; k <= maxDim; k++) {
                List<PersistenceInterval> bars = new java.util.ArrayList<>();
                for (int i = rnd.nextInt(60); i > 0; i--) {
                    float b = rnd.nextInt(4) == 0 ? 0f : (float) rnd.nextDouble();
                    float d = rnd.nextInt(6) == 0 ? Float.POSITIVE_INFINITY
                            : rnd.nextBoolean() ? Math.nextUp(b) : b + (float) rnd.nextDouble();
                    bars.add(new PersistenceInterval(b, d));
                }
                dims.add(new org.attnplanes.topology.persistence.Barcode(k, bars));
            }
            org.attnplanes.topology.persistence.Barcodes barcodes = new org.attnplanes.topology.persistence.Barcodes(dims);
            PlaneTopology p = new PlaneTopology(0, 0, "0", 3, barcodes, List.of(new PlaneTopology.AtThreshold(0.5,
                    0.5f, 0, java.util.Collections.nCopies(maxDim + 1, 0), java.util.Optional.empty(),
                    java.util.Optional.empty())), org.attnplanes.topology.features.FeatureVector.empty());
            StatisticsSchema s = StatisticsSchema.of(List.of(0.5), maxDim, 2, false, List.of());
            double[][] ends = new double[maxDim + 1][];
            double[] v = s.values(p, ends);
            org.junit.jupiter.api.Assertions.assertArrayEquals(s.values(p), v, "seed " + seed);
            for (int k = 0; k <= maxDim; k++) {
                List<PersistenceInterval> bars = barcodes.dimension(k).intervals();
                double total = 0;
                double max = 0;
                int finite = 0;
                double[] e = new double[2 * bars.size()];
                for (int i = 0; i < bars.size(); i++) {
                    PersistenceInterval iv = bars.get(i);
                    e[2 * i] = iv.birth();
                    e[2 * i + 1] = iv.isEssential() ? Double.POSITIVE_INFINITY : iv.death();
                    if (!iv.isEssential()) {
                        total += iv.length();
                        max = Math.max(max, iv.length());
                        finite++;
                    }
                }
                int at = s.names().indexOf("h" + k + "_bars");
                String msg = "seed " + seed + ", dimension " + k;
                double[] expected = {bars.size(), bars.size() - finite, total, max, finite == 0 ? 0 : total / finite,
                        BarcodeStatistics.persistenceEntropy(barcodes.dimension(k))};
                for (int c = 0; c < 6; c++) {
                    assertEquals(Double.doubleToRawLongBits(expected[c]), Double.doubleToRawLongBits(v[at + c]),
                            msg + ", " + s.names().get(at + c));
                }
                org.junit.jupiter.api.Assertions.assertArrayEquals(e, ends[k], msg);
            }
        }
    }

    /** One cell recomputed from its name (independent of the schema's column order). */
    private static double expected(PlaneTopology p, String name) {
        if (name.contains("_t") && !name.startsWith("h") && !name.startsWith("attn_") && !name.startsWith("dist_")) {
            String stat = name.substring(0, name.lastIndexOf("_t"));
            double t = Double.parseDouble(name.substring(name.lastIndexOf("_t") + 2));
            PlaneTopology.AtThreshold a = p.thresholds().stream().filter(x -> Math.abs(x.threshold() - t) < 1e-9)
                    .findFirst().orElseThrow();
            if (stat.startsWith("betti")) {
                return BarcodeStatistics.bettiNumbers(p.barcodes(), a.filtrationValue())[Integer.parseInt(
                        stat.substring(5))];
            }
            if (stat.equals("cliques2")) {
                return a.edges();
            }
            if (stat.startsWith("cliques")) {
                return a.cliques().get().count(Integer.parseInt(stat.substring(7)));
            }
            if (stat.equals("maxcliques")) {
                return a.maximalCliques().get().count();
            }
            return a.maximalCliques().get().cliqueNumber();
        }
        if (name.matches("h\\d_(bars|essential|total|max|mean|entropy)")) {
            int k = name.charAt(1) - '0';
            List<Double> finite = new ArrayList<>();
            int all = 0;
            for (PersistenceInterval iv : p.barcodes().intervals(k)) {
                all++;
                if (!iv.isEssential()) {
                    finite.add((double) iv.length());
                }
            }
            double total = finite.stream().mapToDouble(Double::doubleValue).sum();
            return switch (name.substring(3)) {
                case "bars" -> all;
                case "essential" -> all - finite.size();
                case "total" -> total;
                case "max" -> finite.stream().mapToDouble(Double::doubleValue).max().orElse(0);
                case "mean" -> finite.isEmpty() ? 0 : total / finite.size();
                default -> finite.stream().filter(l -> l > 0).mapToDouble(l -> -(l / total) * Math.log(l / total))
                        .sum();
            };
        }
        return p.features().get(name);
    }

    @Test
    void ofColumn_everyColumnOfASchema_givesTheFamilyTheSchemaRecords() {
        AttentionTrace t = TopologyAnalyzerTest.trace(1, 1, 9, 1.0, 3);
        TopologyAnalyzer analyzer = new TopologyAnalyzer(new TopologyAnalyzer.Config(2, List.of(0.5, 0.025), 4,
                CliqueLimits.DEFAULT, TopologyAnalyzer.OnCliqueLimit.SKIP, true, true, 1));
        StatisticsSchema s = analyzer.schema(analyzer.analyze(t));
        for (int c = 0; c < s.size(); c++) {
            assertEquals(s.statistic(c), Statistic.ofColumn(s.names().get(c)), s.names().get(c));
        }
        assertThrows(IllegalArgumentException.class, () -> Statistic.ofColumn("h1_sum"));
    }

    @Test
    void featureFamily_everyFeatureTheAnalyzerComputes_isDocumented() {
        AttentionTrace t = TopologyAnalyzerTest.trace(1, 1, 9, 1.0, 7);
        FeatureVector f = new TopologyAnalyzer(TopologyAnalyzer.Config.defaults().withThreads(1)).analyze(t).get(0)
                .features();
        assertTrue(f.size() > 50, f.names().toString());
        for (String name : f.names()) {
            StatisticsSchema.featureFamily(name); // throws for an undocumented feature
        }
        assertThrows(IllegalArgumentException.class, () -> StatisticsSchema.featureFamily("mystery_feature"));
    }

    @Test
    void readme_holdsTheGeneratedStatisticsTable() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String begin = "<!-- statistics:begin (generated by StatisticsSchema.markdownTable(); edit Statistic) -->\n";
        String end = "<!-- statistics:end -->";
        int a = readme.indexOf(begin);
        int b = readme.indexOf(end);
        assertTrue(a >= 0 && b > a, "topology/README.md needs the statistics table between the markers");
        assertEquals(StatisticsSchema.markdownTable(), readme.substring(a + begin.length(), b),
                "topology/README.md's statistics table is out of date; paste StatisticsSchema.markdownTable()");
    }

    @Test
    void tda4atdReference_analyzerComputesTheFeaturesOnRenormalisedRows() {
        int n = 9;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        float[] raw = new float[n * n];
        for (int i = 0; i < n; i++) {
            double scale = 0.3 + 0.7 * rnd.nextDouble(); // rows sum to anything but 1
            for (int j = 0; j < n; j++) {
                raw[i * n + j] = (float) (scale * rnd.nextDouble());
            }
        }
        AttentionMatrix a = AttentionMatrix.of(n, raw);
        AttentionTrace base = TopologyAnalyzerTest.trace(1, 1, n, 1.0, 11);
        AttentionTrace t = new AttentionTrace("synthetic", base.tokens(), List.of(List.of(a)), null, Map.of(),
                Provenance.synthetic("rows not summing to 1"));
        TopologyAnalyzer.Config c = TopologyAnalyzer.Config.defaults().withThreads(1).withMaxDimension(1);
        FeatureVector ours = new TopologyAnalyzer(c).analyze(t).get(0).features();
        FeatureVector published = new TopologyAnalyzer(c.withReference(FeatureReference.TDA4ATD)).analyze(t).get(0)
                .features();
        AttentionMatrix r = FeatureReference.renormalizeRows(a);
        FeatureVector expected = new org.attnplanes.topology.features.ThresholdGraphFeatures().compute(r)
                .concat(new org.attnplanes.topology.features.BarcodeFeatures().compute(r));
        for (String name : expected.names()) {
            assertEquals(expected.get(name), published.get(name), 1e-12, name);
        }
        assertEquals(ours.get("dist_prev"), published.get("dist_prev"), 0.0, "pattern distances are unchanged");
        assertTrue(Math.abs(ours.get("h0_s") - published.get("h0_s")) > 1e-3, "the reference changes h0_s");
    }
}
