package org.attnplanes.bench.clique;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.attnplanes.topology.clique.BitsetCliqueCounter;
import org.attnplanes.topology.clique.CliqueCounts;
import org.attnplanes.topology.clique.ThresholdGraph;

/**
 * Counts the k-cliques of graphs given as edge-list files, for {@code benchmarks/scripts/cliques_vs_networkx.py}.
 * File format: first line {@code n m}, then m lines {@code i j} (0-based). For each file prints one line
 * {@code file<TAB>counts (comma-separated, k = 1..)<TAB>median ms<TAB>min ms}; the time is in-process, after
 * at least {@code warmup} untimed runs and 1 s of warm-up, median of at least {@code runs} timed runs and
 * 0.5 s of timed runs (at most 1000), parsing excluded.
 *
 * <p>Usage: {@code CliqueCountsMain [--warmup W] [--runs R] FILE...}
 */
public final class CliqueCountsMain {

    private CliqueCountsMain() {
    }

    /** Entry point. */
    public static void main(String[] args) throws IOException {
        int warmup = 5;
        int runs = 7;
        int i = 0;
        while (i < args.length && args[i].startsWith("--")) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("option " + args[i] + " is not one of [--warmup, --runs]");
            }
            i++;
        }
        BitsetCliqueCounter counter = new BitsetCliqueCounter();
        int minRuns = runs;
        for (; i < args.length; i++) {
            runs = minRuns;
            ThresholdGraph g = read(Path.of(args[i]));
            CliqueCounts counts = null;
            long warmStart = System.nanoTime();
            for (int w = 0; w < warmup || System.nanoTime() - warmStart < 1_000_000_000L; w++) {
                counts = counter.count(g);
            }
            long[] nanos = new long[Math.max(runs, 1000)];
            int done = 0;
            long measureStart = System.nanoTime();
            while (done < nanos.length && (done < runs || System.nanoTime() - measureStart < 500_000_000L)) {
                long t0 = System.nanoTime();
                counts = counter.count(g);
                nanos[done++] = System.nanoTime() - t0;
            }
            nanos = Arrays.copyOf(nanos, done);
            Arrays.sort(nanos);
            runs = done;
            StringBuilder sb = new StringBuilder();
            long[] c = counts.toArray();
            for (int k = 0; k < c.length; k++) {
                sb.append(k == 0 ? "" : ",").append(c[k]);
            }
            System.out.printf("%s\t%s\t%.4f\t%.4f%n", args[i], sb, nanos[runs / 2] / 1e6, nanos[0] / 1e6);
        }
    }

    private static ThresholdGraph read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] head = lines.get(0).trim().split("\\s+");
        int n = Integer.parseInt(head[0]);
        int m = Integer.parseInt(head[1]);
        int[] s = new int[m];
        int[] t = new int[m];
        for (int e = 0; e < m; e++) {
            String[] p = lines.get(e + 1).trim().split("\\s+");
            s[e] = Integer.parseInt(p[0]);
            t[e] = Integer.parseInt(p[1]);
        }
        return ThresholdGraph.fromEdges(n, s, t);
    }
}
