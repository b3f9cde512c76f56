package org.attnplanes.bench.topology;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.graph.Token;
import org.attnplanes.graph.io.AtomicFiles;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.topology.clique.BitsetCliqueCounter;
import org.attnplanes.topology.clique.CliqueCounts;
import org.attnplanes.topology.clique.CliqueLimits;
import org.attnplanes.topology.clique.ThresholdGraph;
import org.attnplanes.topology.features.FeatureVector;
import org.attnplanes.topology.features.PatternDistances;
import org.attnplanes.topology.features.ThresholdGraphFeatures;
import org.attnplanes.topology.features.ThresholdNames;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.PersistenceInterval;
import org.attnplanes.topology.persistence.RipsPersistence;

/**
 * Real small planes: the first {@code count} sentences (5–40 words) of the Debian license texts (GPL-3,
 * Apache-2.0, GPL-2, MPL-2.0, as in {@code analyze-vs-gudhi.sh}), captured with all-MiniLM-L6-v2 and turned into
 * the 72 per-head planes of {@code attnplanes analyze} (graph-core, {@code PER_HEAD}, no links), each with the
 * head's directed attention and the tokens.
 */
final class SmallPlanes {

    /** One plane with what the Kushnareva features need. */
    record Item(Plane plane, AttentionMatrix directed, List<Token> tokens) {
    }

    /** The thresholds of the per-plane analysis (Betti numbers and clique counts). */
    static final List<Double> THRESHOLDS = List.of(0.025, 0.05, 0.1, 0.25, 0.5);

    /** Largest clique size counted (as {@code analyze --max-clique 4}). */
    static final int MAX_CLIQUE = 4;

    private SmallPlanes() {
    }

    /** The first {@code count} corpus sentences. */
    static List<String> sentences(int count) {
        StringBuilder text = new StringBuilder();
        for (String f : List.of("GPL-3", "Apache-2.0", "GPL-2", "MPL-2.0")) {
            try {
                text.append(Files.readString(Path.of("/usr/share/common-licenses", f), StandardCharsets.UTF_8))
                        .append('\n');
            } catch (IOException e) {
                throw new IllegalStateException("cannot read /usr/share/common-licenses/" + f
                        + " (Debian base-files): " + e.getMessage(), e);
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : Pattern.compile("(?<=[.;:])\\s+").split(text)) {
            String t = s.replaceAll("\\s+", " ").strip();
            int words = t.isEmpty() ? 0 : t.split(" ").length;
            if (words >= 5 && words <= 40) {
                out.add(t);
                if (out.size() == count) {
                    return out;
                }
            }
        }
        throw new IllegalStateException("only " + out.size() + " sentences available, " + count + " requested");
    }

    /** Captures {@code count} sentences and returns all their head planes, sentence-major. */
    static List<Item> capture(int count) {
        GraphSpec spec = GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).links().classifier(false).build();
        List<Item> items = new ArrayList<>();
        try (AttentionModel model = AttentionModel.openDefault(CaptureOptions.builder().threads(1).build())) {
            for (String s : sentences(count)) {
                AttentionTrace trace = model.capture(s);
                MultiPlanarGraph g = MultiPlanarGraph.build(trace, spec);
                for (Plane p : g.planes()) {
                    items.add(new Item(p, trace.attention(p.layer(), p.head().orElseThrow()), g.tokens()));
                }
            }
        }
        return items;
    }

    /**
     * The per-plane analysis of {@code attnplanes analyze} (as the app's {@code PlaneStatistics}): filtration,
     * H0–H1 barcodes, Betti numbers and clique counts (k ≤ 4) at {@link #THRESHOLDS}, the Kushnareva
     * threshold-graph features and pattern distances. Returns a checksum so nothing is optimized away.
     */
    static double analyze(Item item, RipsPersistence persistence, BitsetCliqueCounter cliques,
            ThresholdGraphFeatures features) {
        Filtration f = Filtration.fromPlane(item.plane());
        Barcodes bars = persistence.compute(f);
        double sum = 0;
        for (int k = 0; k <= 1; k++) {
            List<PersistenceInterval> dim = bars.intervals(k);
            for (double t : THRESHOLDS) {
                float r = 1f - (float) t;
                int alive = 0;
                for (PersistenceInterval iv : dim) {
                    if (iv.isAliveAt(r)) {
                        alive++;
                    }
                }
                sum += alive + ThresholdNames.suffixed("betti" + k, t).length();
            }
        }
        for (double t : THRESHOLDS) {
            CliqueCounts c = cliques.count(ThresholdGraph.of(f, 1f - (float) t, t));
            for (int k = 2; k <= MAX_CLIQUE; k++) {
                sum += (k <= c.maxSize() ? c.count(k) : 0) + ThresholdNames.suffixed("cliques" + k, t).length();
            }
        }
        FeatureVector v = features.compute(item.directed()).concat(PatternDistances.compute(item.directed(),
                item.tokens()));
        return sum + v.value(v.size() - 1) + v.asMap().size();
    }

    /** A clique counter as the app configures it. */
    static BitsetCliqueCounter cliqueCounter() {
        return new BitsetCliqueCounter(MAX_CLIQUE, CliqueLimits.DEFAULT);
    }

    /**
     * Writes the planes for the GUDHI peer: little-endian int32 plane count, then per plane int32 n, int32 our H1
     * bar count (bars longer than 1e-6), and the n × n float32 filtration values {@code 1 − w(i, j)} exactly as
     * {@link Filtration#fromPlane} makes them (row-major, 0 on the diagonal), so both sides see the same numbers.
     */
    static void export(List<Item> items, Path file) {
        RipsPersistence ph = new RipsPersistence(1);
        AtomicFiles.write(file, out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(Integer.reverseBytes(items.size()));
            for (Item it : items) {
                Plane p = it.plane();
                int n = p.size();
                int h1 = 0;
                for (PersistenceInterval iv : ph.compute(Filtration.fromPlane(p)).intervals(1)) {
                    if (iv.isEssential() || iv.death() > iv.birth() + 1e-6) {
                        h1++;
                    }
                }
                d.writeInt(Integer.reverseBytes(n));
                d.writeInt(Integer.reverseBytes(h1));
                Filtration f = Filtration.fromPlane(p);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        d.writeInt(Integer.reverseBytes(Float.floatToIntBits(i == j ? 0f : f.value(i, j))));
                    }
                }
            }
            d.flush();
        });
    }
}
