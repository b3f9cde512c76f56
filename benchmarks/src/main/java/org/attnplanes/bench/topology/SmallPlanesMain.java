package org.attnplanes.bench.topology;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.attnplanes.topology.clique.BitsetCliqueCounter;
import org.attnplanes.topology.clique.ThresholdGraph;
import org.attnplanes.topology.features.FeatureVector;
import org.attnplanes.topology.features.PatternDistances;
import org.attnplanes.topology.features.ThresholdGraphFeatures;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.RipsPersistence;

/**
 * First pass and warm passes of the per-plane analysis over real MiniLM head planes in a fresh JVM (one thread):
 * the first pass includes class loading, interpretation and JIT compilation, as the first sentences of an
 * {@code analyze} run do. Prints mean µs per plane of each stage for passes 1, 2 and the last, the best of the later passes, and optionally
 * exports the planes for the GUDHI peer ({@link SmallPlanes#export}).
 *
 * <pre>
 * java -cp … org.attnplanes.bench.topology.SmallPlanesMain SENTENCES [PASSES=5] [EXPORT.bin]
 * </pre>
 */
public final class SmallPlanesMain {

    private static final String[] STAGES = {"filtration", "persistence", "cliques", "graphFeatures",
            "patternDistances", "total"};

    private SmallPlanesMain() {
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) {
        int sentences = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (sentences < 1 || passes < 1) {
            throw new IllegalArgumentException("sentences = " + sentences + " and passes = " + passes
                    + " must be >= 1");
        }
        long c0 = System.nanoTime();
        List<SmallPlanes.Item> items = SmallPlanes.capture(sentences);
        long sizes = 0;
        for (SmallPlanes.Item it : items) {
            sizes += it.plane().size();
        }
        System.out.printf(Locale.ROOT, "captured %d sentences, %d planes, mean n = %.1f, in %.1f s%n", sentences,
                items.size(), (double) sizes / items.size(), (System.nanoTime() - c0) / 1e9);
        RipsPersistence persistence = new RipsPersistence(1);
        BitsetCliqueCounter cliques = SmallPlanes.cliqueCounter();
        ThresholdGraphFeatures features = new ThresholdGraphFeatures();
        double sink = 0;
        double[] best = new double[STAGES.length];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int pass = 1; pass <= passes; pass++) {
            long[] ns = new long[STAGES.length];
            for (SmallPlanes.Item it : items) {
                long t0 = System.nanoTime();
                Filtration f = Filtration.fromPlane(it.plane());
                long t1 = System.nanoTime();
                Barcodes b = persistence.compute(f);
                long t2 = System.nanoTime();
                for (double t : SmallPlanes.THRESHOLDS) {
                    sink += cliques.count(ThresholdGraph.of(f, 1f - (float) t, t)).count(1);
                }
                long t3 = System.nanoTime();
                FeatureVector g = features.compute(it.directed());
                long t4 = System.nanoTime();
                FeatureVector p = PatternDistances.compute(it.directed(), it.tokens());
                long t5 = System.nanoTime();
                sink += b.intervals(0).size() + g.value(0) + p.value(0);
                ns[0] += t1 - t0;
                ns[1] += t2 - t1;
                ns[2] += t3 - t2;
                ns[3] += t4 - t3;
                ns[4] += t5 - t4;
                ns[5] += t5 - t0;
            }
            if (pass > 2) {
                for (int s = 0; s < STAGES.length; s++) {
                    best[s] = Math.min(best[s], ns[s] / 1e3 / items.size());
                }
            }
            if (pass <= 2 || pass == passes) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "pass %d, µs per plane:", pass));
                for (int s = 0; s < STAGES.length; s++) {
                    line.append(String.format(Locale.ROOT, " %s %.1f", STAGES[s], ns[s] / 1e3 / items.size()));
                }
                System.out.println(line);
            }
        }
        if (passes > 2) {
            StringBuilder line = new StringBuilder("best of passes 3.." + passes + ", µs per plane:");
            for (int s = 0; s < STAGES.length; s++) {
                line.append(String.format(Locale.ROOT, " %s %.1f", STAGES[s], best[s]));
            }
            System.out.println(line);
        }
        if (args.length > 2) {
            SmallPlanes.export(items, Path.of(args[2]));
            System.out.println("exported " + items.size() + " planes to " + args[2]);
        }
        if (sink == 42.4242) {
            System.out.println();
        }
    }
}
