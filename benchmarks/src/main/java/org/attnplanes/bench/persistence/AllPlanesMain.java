package org.attnplanes.bench.persistence;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.io.DistanceMatrixReader;
import org.attnplanes.topology.io.InputFormat;
import org.attnplanes.topology.persistence.Barcodes;
import org.attnplanes.topology.persistence.RipsPersistence;

/**
 * {@code AllPlanesMain [--dim K] [--threads T] FILE...}: reads every {@code lower-distance} file first, then
 * computes the barcodes of all of them on {@code T} worker threads (planes in parallel) and prints, per file,
 * the wall and thread-CPU milliseconds and bar counts per dimension, then the wall time of the whole batch (reading excluded).
 * The batch measure of issue 16 ("all 72 heads of one input").
 */
public final class AllPlanesMain {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private AllPlanesMain() {
    }

    /** Runs the batch once. */
    public static void main(String[] args) throws Exception {
        int dim = 2;
        int threads = 1;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dim" -> dim = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> files.add(Path.of(args[i]));
            }
        }
        List<Filtration> fs = new ArrayList<>();
        for (Path p : files) {
            fs.add(Filtration.fromDistances(DistanceMatrixReader.read(p, InputFormat.LOWER_DISTANCE)));
        }
        RipsPersistence ph = new RipsPersistence(dim);
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String>> results = new ArrayList<>();
        for (int k = 0; k < fs.size(); k++) {
            Filtration f = fs.get(k);
            String name = files.get(k).getFileName().toString();
            results.add(pool.submit(() -> {
                long s = System.nanoTime();
                long c = CPU.getCurrentThreadCpuTime();
                Barcodes b = ph.compute(f);
                long ms = (System.nanoTime() - s) / 1_000_000;
                long cpu = (CPU.getCurrentThreadCpuTime() - c) / 1_000_000;
                StringBuilder sb = new StringBuilder(name).append(' ').append(ms).append(" ms cpu ").append(cpu)
                        .append(" ms bars");
                for (int d = 0; d <= b.maxDimension(); d++) {
                    sb.append(' ').append(b.dimension(d).size());
                }
                return sb.toString();
            }));
        }
        for (Future<String> r : results) {
            System.out.println(r.get());
        }
        pool.shutdown();
        System.out.printf("total %d planes, %d threads: %.2f s%n", fs.size(), threads, (System.nanoTime() - t0) / 1e9);
    }
}
