package org.attnplanes.bench.topology;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * {@code analyze} run do. Each pass runs the stages one after the other over all planes, each stage loop timed in
 * CPU time of the thread (not wall time: the machine is shared). Prints mean µs per plane of each stage for
 * passes 1, 2 and the last, the best of the later passes, and optionally
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
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Filtration[] filtrations = new Filtration[items.size()];
        double sink = 0;
        double[] best = new double[STAGES.length];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (int pass = 1; pass <= passes; pass++) {
            // stage by stage over all planes, each loop timed by this thread's CPU time (a shared, loaded machine
            // inflates wall time with time spent descheduled)
            double[] us = new double[STAGES.length];
            long t = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < filtrations.length; i++) {
                filtrations[i] = Filtration.fromPlane(items.get(i).plane());
            }
            long t0 = cpu.getCurrentThreadCpuTime();
            for (Filtration f : filtrations) {
                Barcodes b = persistence.compute(f);
                sink += b.intervals(0).size();
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (Filtration f : filtrations) {
                for (double th : SmallPlanes.THRESHOLDS) {
                    sink += cliques.count(ThresholdGraph.of(f, 1f - (float) th, th)).count(1);
                }
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            for (SmallPlanes.Item it : items) {
                FeatureVector g = features.compute(it.directed());
                sink += g.value(0);
            }
            long t3 = cpu.getCurrentThreadCpuTime();
            for (SmallPlanes.Item it : items) {
                FeatureVector p = PatternDistances.compute(it.directed(), it.tokens());
                sink += p.value(0);
            }
            long t4 = cpu.getCurrentThreadCpuTime();
            long[] ns = {t0 - t, t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t};
            for (int s = 0; s < STAGES.length; s++) {
                us[s] = ns[s] / 1e3 / items.size();
                if (pass > 2) {
                    best[s] = Math.min(best[s], us[s]);
                }
            }
            if (pass <= 2 || pass == passes) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "pass %d, µs per plane:", pass));
                for (int s = 0; s < STAGES.length; s++) {
                    line.append(String.format(Locale.ROOT, " %s %.1f", STAGES[s], us[s]));
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
