package org.attnplanes.bench.scaling;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import org.attnplanes.bench.capture.PlainModel;
import org.attnplanes.bench.persistence.HeadPlanesMain;
import org.attnplanes.bench.persistence.PersistenceMain;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.HeadReduction;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Plane;
import org.attnplanes.model.AttentionModel;
import org.attnplanes.model.CaptureOptions;
import org.attnplanes.topology.clique.BitsetCliqueCounter;
import org.attnplanes.topology.clique.ThresholdGraph;
import org.attnplanes.topology.filtration.Filtration;
import org.attnplanes.topology.io.DistanceMatrixReader;
import org.attnplanes.topology.io.InputFormat;
import org.attnplanes.topology.persistence.RipsPersistence;

/**
 * Issue 16's scaling table: how each stage grows with the token count n, ours and a peer or baseline in the same
 * run, on all-MiniLM-L6-v2 inputs of exactly n tokens (the prose text of {@link HeadPlanesMain}, cut to n tokens).
 * Per n:
 * <ul>
 *   <li><b>capture</b>: {@code AttentionModel.capture} vs the unmodified model file run as a bare-model user would
 *       ({@link PlainModel}), one intra-op thread each, blocks of runs (≥ 0.4 s each) alternating; process
 *       CPU per input (GC and every thread included, from the scheduler's ns counters of each thread), and the
 *       Java heap each allocates per input (calling thread);</li>
 *   <li><b>graph build</b>: {@code MultiPlanarGraph.build} with analyze's default spec (72 per-head planes) vs a
 *       copy of the 72 attention arrays (no peer library builds these graphs); thread CPU;</li>
 *   <li><b>H≤1, H≤2</b> on the layer-0 head-2 plane (d = 1 − (A + Aᵀ)/2, written as ripser's lower-distance
 *       text): our engine in-process (thread CPU, median) and as a whole process ({@link PersistenceMain}, the
 *       launcher's {@code persistence} JVM flags) vs {@code ripser}, each whole process under getrusage, bars
 *       compared line by line; ripser runs under a CPU-time limit ({@code RLIMIT_CPU}, so the verdict holds on a
 *       loaded machine) and a memory cap ({@code RLIMIT_AS}); a run either stops is noted with the limit, its CPU
 *       seconds and max RSS at the stop, and ripser is not run at larger n for that dimension;</li>
 *   <li><b>clique counts</b> of every size on the 72 planes × analyze's 4 thresholds (288 graphs) vs networkx
 *       {@code enumerate_all_cliques} on the same edge lists (process CPU of the counting, reading excluded),
 *       counts compared;</li>
 *   <li><b>memory</b>: max RSS of the H≤1 and H≤2 whole processes, ours vs ripser.</li>
 * </ul>
 * Writes {@code scaling.md} (the table with the fitted log–log exponents), {@code scaling.tsv} and
 * {@code scaling.svg} (log–log plot) into OUT and prints the table. Exit status 1 if bars or counts differ,
 * 2 on bad arguments or a missing peer.
 *
 * <pre>{@code ScalingMain --out DIR [--n 32,64,128,252,384,512] [--reps 7] [--peer-cpu 600]
 *     [--peer-memory-gib 16] [--python /usr/bin/python3]}</pre>
 */
public final class ScalingMain {

    static final List<Double> THRESHOLDS = List.of(0.5, 0.25, 0.1, 0.05);
    private static final String OPTIONS = "--out, --n, --reps, --peer-cpu, --peer-memory-gib, --python";
    private static final String[] PH_HEAD = {"0", "2"};

    private final int[] ns;
    private final Path out;
    private final int reps;
    private final ChildRun.Limits peerLimits;
    private final String python;
    private final PrintStream log;
    private final Path work;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> versions = new LinkedHashMap<>();

    private ScalingMain(int[] ns, Path out, int reps, ChildRun.Limits peerLimits, String python, PrintStream log)
            throws IOException {
        this.ns = ns;
        this.out = out;
        this.reps = reps;
        this.peerLimits = peerLimits;
        this.python = python;
        this.log = log;
        Files.createDirectories(out);
        this.work = Files.createTempDirectory("scaling");
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs with {@code args}; returns the exit status (0, 1 if results differ, 2 on bad arguments). */
    public static int run(String[] args, PrintStream stdout, PrintStream stderr) throws Exception {
        int[] ns = {32, 64, 128, 252, 384, 512};
        Path out = null;
        int reps = 7;
        int peerCpu = 600;
        double peerGib = 16;
        String python = System.getenv().getOrDefault("ATTNPLANES_PYTHON", "/usr/bin/python3");
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            if (i + 1 >= args.length) {
                stderr.println("option " + opt
                        + " needs a value (one of " + OPTIONS + ")");
                return 2;
            }
            String v = args[++i];
            try {
                switch (opt) {
                    case "--out" -> out = Path.of(v);
                    case "--n" -> ns = Arrays.stream(v.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
                    case "--reps" -> reps = Integer.parseInt(v);
                    case "--peer-cpu" -> peerCpu = Integer.parseInt(v);
                    case "--peer-memory-gib" -> peerGib = Double.parseDouble(v);
                    case "--python" -> python = v;
                    default -> {
                        stderr.println("option " + opt + " is not one of " + OPTIONS);
                        return 2;
                    }
                }
            } catch (NumberFormatException e) {
                stderr.println("option " + opt + " = '" + v + "' is not a number (list)");
                return 2;
            }
        }
        if (out == null) {
            stderr.println("--out DIR is required (where scaling.md, scaling.tsv and scaling.svg are written)");
            return 2;
        }
        if (ns.length < 2 || Arrays.stream(ns).anyMatch(n -> n < 8 || n > 512)
                || !Arrays.equals(ns, Arrays.stream(ns).sorted().distinct().toArray())) {
            stderr.println("--n = " + Arrays.toString(ns)
                    + " must list at least two increasing token counts in [8, 512]");
            return 2;
        }
        if (reps < 1) {
            stderr.println("--reps = " + reps + " must be >= 1");
            return 2;
        }
        if (peerCpu < 1 || peerCpu > 86_400) {
            stderr.println("--peer-cpu = " + peerCpu + " must be a whole number of CPU seconds in [1, 86400]");
            return 2;
        }
        if (!(peerGib >= 0.0625 && peerGib <= 1024)) {
            stderr.println("--peer-memory-gib = " + peerGib + " must be a number of GiB in [0.0625, 1024]");
            return 2;
        }
        String missing = missingPeer(python);
        if (missing != null) {
            stderr.println(missing);
            return 2;
        }
        System.setProperty("java.awt.headless", "true");
        ChildRun.Limits limits = ChildRun.Limits.cpuAndMemory(peerCpu, (long) (peerGib * (1L << 30)));
        return new ScalingMain(ns, out, reps, limits, python, stdout).measure();
    }

    /** A sentence naming what is missing, or null when ripser and networkx are both there. */
    private static String missingPeer(String python) throws InterruptedException {
        if (exitOf(List.of("ripser", "--help")) < 0) {
            return "ScalingMain needs ripser on the PATH (Debian package ripser)";
        }
        if (exitOf(List.of(python, "-c", "import networkx")) != 0) {
            return "ScalingMain needs networkx for " + python + " (Debian package python3-networkx; "
                    + "ATTNPLANES_PYTHON or --python choose the interpreter)";
        }
        return null;
    }

    private static int exitOf(List<String> cmd) throws InterruptedException {
        try {
            return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            return -1;
        }
    }

    private int measure() throws Exception {
        int k = ns.length;
        Series capture = new Series("capture", "ours: capture", true, "CPU ms", k);
        Series plain = new Series("capture", "plain model run", false, "CPU ms", k);
        Series build = new Series("graph build (72 planes)", "ours: build", true, "CPU ms", k);
        Series copy = new Series("graph build (72 planes)", "baseline: copy the 72 planes", false, "CPU ms", k);
        Series[] phEngine = new Series[3];
        Series[] phProcess = new Series[3];
        Series[] ripser = new Series[3];
        Series[] rssOurs = new Series[3];
        Series[] rssRipser = new Series[3];
        for (int d = 1; d <= 2; d++) {
            String st = "H≤" + d + ", head L0H2";
            phEngine[d] = new Series(st, "ours: engine, in-process", true, "CPU ms", k);
            phProcess[d] = new Series(st, "ours: whole process", true, "CPU ms", k);
            ripser[d] = new Series(st, "ripser", false, "CPU ms", k);
            rssOurs[d] = new Series("memory, H≤" + d + " whole process", "ours", true, "max RSS, MB", k);
            rssRipser[d] = new Series("memory, H≤" + d + " whole process", "ripser", false, "max RSS, MB", k);
        }
        Series cliques = new Series("clique counts, all sizes (288 graphs)", "ours", true, "CPU ms", k);
        Series networkx = new Series("clique counts, all sizes (288 graphs)", "networkx", false, "CPU ms", k);
        Series capAlloc = new Series("memory, capture heap per input", "ours: capture", true, "allocated MB", k);
        Series plainAlloc = new Series("memory, capture heap per input", "plain model run", false, "allocated MB", k);
        String[] ripserStopped = new String[3];
        String[] words = HeadPlanesMain.proseWords();
        log.printf(Locale.ROOT, "java %s, %s; %d cores; load at start %s%n", System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), Runtime.getRuntime().availableProcessors(),
                load());
        try (AttentionModel model = AttentionModel.openDefault(CaptureOptions.builder().threads(1).build());
             PlainModel bare = new PlainModel(1)) {
            for (int i = 0; i < k; i++) {
                int n = ns[i];
                String text = HeadPlanesMain.textOfLength(model, words, n);
                List<String> texts = List.of(text);
                // capture vs the plain model: blocks of runs, alternating
                long w0 = System.nanoTime();
                model.capture(texts);
                bare.run(texts);
                int block = (int) Math.max(1, Math.min(64, Math.ceil(0.4e9 / (System.nanoTime() - w0))));
                for (int w = 0; w < block; w++) {
                    model.capture(texts);
                    bare.run(texts);
                }
                double[][] pc = new double[2][reps];
                double[][] al = new double[2][reps];
                for (int r = 0; r < reps; r++) {
                    for (int side = 0; side < 2; side++) {
                        long c0 = processCpuNanos();
                        long a0 = threads.getCurrentThreadAllocatedBytes();
                        for (int b = 0; b < block; b++) {
                            if (side == 0) {
                                bare.run(texts);
                            } else {
                                model.capture(texts);
                            }
                        }
                        long a1 = threads.getCurrentThreadAllocatedBytes();
                        pc[side][r] = (processCpuNanos() - c0) / 1e6 / block;
                        al[side][r] = (a1 - a0) / 1048576.0 / block;
                    }
                }
                plain.set(i, median(pc[0]));
                capture.set(i, median(pc[1]));
                plainAlloc.set(i, median(al[0]));
                capAlloc.set(i, median(al[1]));
                AttentionTrace trace = model.capture(text);
                if (trace.tokenCount() != n) {
                    throw new IllegalStateException("input of " + trace.tokenCount() + " tokens, wanted " + n);
                }
                // graph build vs copying the planes
                GraphSpec spec = GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).links().classifier(false)
                        .build();
                long[] sink = new long[1];
                double[] bc = alternate(() -> {
                    long t0 = threads.getCurrentThreadCpuTime();
                    sink[0] += MultiPlanarGraph.build(trace, spec).planes().size();
                    return threads.getCurrentThreadCpuTime() - t0;
                }, () -> {
                    long t0 = threads.getCurrentThreadCpuTime();
                    for (int l = 0; l < trace.layers(); l++) {
                        for (int h = 0; h < trace.heads(); h++) {
                            sink[0] += trace.attention(l, h).toArray().length;
                        }
                    }
                    return threads.getCurrentThreadCpuTime() - t0;
                });
                build.set(i, bc[0]);
                copy.set(i, bc[1]);
                MultiPlanarGraph graph = MultiPlanarGraph.build(trace, spec);
                cliquesOf(i, graph, cliques, networkx);
                // persistence of the hard head, ours vs ripser
                Path lower = work.resolve("n" + n + "_L" + PH_HEAD[0] + "H" + PH_HEAD[1] + ".lower");
                HeadPlanesMain.write(trace.attention(Integer.parseInt(PH_HEAD[0]), Integer.parseInt(PH_HEAD[1])),
                        lower);
                for (int d = 1; d <= 2; d++) {
                    persistence(i, d, lower, phEngine[d], phProcess[d], ripser[d], rssOurs[d], rssRipser[d],
                            ripserStopped);
                }
                log.printf(Locale.ROOT, "n = %d done (load %s)%n", n, load());
            }
        }
        List<Series> all = List.of(capture, plain, build, copy, phEngine[1], phProcess[1], ripser[1], phEngine[2],
                phProcess[2], ripser[2], cliques, networkx, rssOurs[1], rssRipser[1], rssOurs[2], rssRipser[2],
                capAlloc, plainAlloc);
        String table = ScalingReport.markdown(all, ns);
        Files.writeString(out.resolve("scaling.md"), table, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("scaling.tsv"), ScalingReport.tsv(all, ns), StandardCharsets.UTF_8);
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("generator", "org.attnplanes.bench.scaling.ScalingMain");
        prov.put("tokens", Arrays.toString(ns));
        prov.putAll(versions);
        ScalingReport.svg(all, ns, out.resolve("scaling.svg"), prov);
        log.print(table);
        log.printf(Locale.ROOT, "peers: %s; load at end %s%n", versions, load());
        for (String p : problems) {
            log.println("PROBLEM: " + p);
        }
        deleteTree(work);
        return problems.isEmpty() ? 0 : 1;
    }

    /** Clique counts of every size: ours in-process vs networkx on the same edge lists; counts compared. */
    private void cliquesOf(int i, MultiPlanarGraph graph, Series ours, Series peer) throws Exception {
        List<ThresholdGraph> gs = new ArrayList<>();
        for (Plane p : graph.planes()) {
            for (double t : THRESHOLDS) {
                gs.add(ThresholdGraph.of(p, t));
            }
        }
        BitsetCliqueCounter counter = new BitsetCliqueCounter();
        List<long[]> counts = new ArrayList<>();
        long edgeCount = 0;
        long total = 0;
        int omega = 0;
        for (ThresholdGraph g : gs) {
            long[] c = counter.count(g).toArray();
            counts.add(c);
            edgeCount += g.edgeCount();
            total += Arrays.stream(c).sum();
            omega = Math.max(omega, c.length);
        }
        log.printf(Locale.ROOT, "n = %d: %d threshold graphs, %d edges, %d cliques in all, largest %d%n", ns[i],
                gs.size(), edgeCount, total, omega);
        ours.set(i, timed(() -> {
            long t0 = threads.getCurrentThreadCpuTime();
            for (ThresholdGraph g : gs) {
                counter.count(g);
            }
            return threads.getCurrentThreadCpuTime() - t0;
        }));
        StringBuilder sb = new StringBuilder();
        for (ThresholdGraph g : gs) {
            StringBuilder edges = new StringBuilder();
            int m = 0;
            for (int v = 0; v < g.size(); v++) {
                for (int u : g.neighbours(v)) {
                    if (u > v) {
                        edges.append(v).append(' ').append(u).append('\n');
                        m++;
                    }
                }
            }
            sb.append("g ").append(g.size()).append(' ').append(m).append('\n').append(edges);
        }
        Path file = work.resolve("graphs" + ns[i] + ".txt");
        Files.writeString(file, sb, StandardCharsets.US_ASCII);
        Path script = work.resolve("cliques_networkx.py");
        if (!Files.exists(script)) {
            try (InputStream in = ScalingMain.class.getResourceAsStream("cliques_networkx.py")) {
                Files.write(script, in.readAllBytes());
            }
        }
        ChildRun r = ChildRun.run(python, List.of(python, script.toString(), file.toString()), work, peerLimits);
        if (!r.finished() || r.exitCode() != 0) {
            problems.add("networkx at n = " + ns[i]
                    + (r.finished() ? " failed: " + r.stderr().strip() : " unfinished: " + r.stopNote(peerLimits)));
            peer.unfinished(i, r.cpuS() * 1000, r.finished() ? "failed" : r.stopNote(peerLimits));
            return;
        }
        String[] lines = r.stdout().split("\n");
        int differ = 0;
        for (int g = 0; g < gs.size(); g++) {
            long[] theirs = lines[g].isBlank() ? new long[0]
                    : Arrays.stream(lines[g].split(",")).mapToLong(Long::parseLong).toArray();
            differ += Arrays.equals(theirs, counts.get(g)) ? 0 : 1;
        }
        if (differ > 0) {
            problems.add("clique counts differ from networkx on " + differ + " of " + gs.size() + " graphs at n = "
                    + ns[i]);
        }
        peer.set(i, Double.parseDouble(lines[gs.size()].substring(4)) * 1000);
        versions.put("networkx", lines[gs.size() + 1].substring(9).strip());
    }

    /** H≤dim on one plane: ours in-process and whole process, ripser whole process; bars compared. */
    private void persistence(int i, int dim, Path lower, Series engine, Series process, Series peer, Series rss,
            Series peerRss, String[] ripserStopped) throws Exception {
        Filtration f = Filtration.fromDistances(DistanceMatrixReader.read(lower, InputFormat.LOWER_DISTANCE));
        RipsPersistence ph = new RipsPersistence(dim);
        engine.set(i, timed(() -> {
            long t0 = threads.getCurrentThreadCpuTime();
            ph.compute(f);
            return threads.getCurrentThreadCpuTime() - t0;
        }));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ChildRun o = ChildRun.run(python, List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmn4m",
                "-Xms8m",
                "-cp", System.getProperty("java.class.path"), PersistenceMain.class.getName(), "--format",
                "lower-distance", "--dim", Integer.toString(dim), lower.toString()), work, ChildRun.Limits.wall(600));
        if (!o.finished() || o.exitCode() != 0) {
            problems.add("our persistence process failed at n = " + ns[i] + ", dim " + dim + ": " + o.stderr().strip());
            return;
        }
        process.set(i, o.cpuS() * 1000);
        rss.set(i, o.maxRssMb());
        if (ripserStopped[dim] != null) {
            peer.unfinished(i, Double.NaN, "not run (" + ripserStopped[dim] + ")");
            peerRss.unfinished(i, Double.NaN, "–");
            return;
        }
        ChildRun r = ChildRun.run(python, List.of("ripser", "--format", "lower-distance", "--dim",
                Integer.toString(dim),
                lower.toString()), work, peerLimits);
        if (!r.finished()) {
            String note = r.stopNote(peerLimits);
            log.printf(Locale.ROOT, "ripser H≤%d at n = %d: %s (%.0f s wall)%n", dim, ns[i], note, r.wallS());
            peer.unfinished(i, r.cpuS() * 1000, note);
            peerRss.unfinished(i, r.maxRssMb(), r.end() == ChildRun.End.MEMORY_CAP
                    ? "> " + ChildRun.gib(peerLimits.memoryBytes()) + " GiB (cap hit; max RSS "
                            + ScalingReport.number(r.maxRssMb()) + " MB)"
                    : "≥ " + ScalingReport.number(r.maxRssMb()) + " MB at the "
                            + (r.end() == ChildRun.End.CPU_LIMIT ? "CPU-limit stop" : "stop"));
            ripserStopped[dim] = r.end() == ChildRun.End.MEMORY_CAP ? "memory cap hit at n = " + ns[i]
                    : r.end() == ChildRun.End.CPU_LIMIT ? "CPU limit hit at n = " + ns[i] : "stopped at n = " + ns[i];
            return;
        }
        if (r.exitCode() != 0) {
            problems.add("ripser failed at n = " + ns[i] + ", dim " + dim + ": " + r.stderr().strip());
            return;
        }
        peer.set(i, r.cpuS() * 1000);
        peerRss.set(i, r.maxRssMb());
        if (!bars(r.stdout()).equals(bars(o.stdout()))) {
            problems.add("bars differ from ripser at n = " + ns[i] + ", dim " + dim);
        }
    }

    /** ripser's bar lines, each prefixed by its dimension header, sorted (the order within a dimension is free). */
    static List<String> bars(String text) {
        List<String> out = new ArrayList<>();
        String dim = "";
        for (String l : text.split("\n")) {
            if (l.startsWith("persistence")) {
                dim = l;
            } else if (l.startsWith(" [") || l.startsWith("[")) {
                out.add(dim + "|" + l.strip());
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * Median nanoseconds → ms of {@code run}, after one untimed run: at least 3 timed runs and 0.3 s of them, at
     * most {@code 20 * reps}, or a single run once one takes over 2 s.
     */
    private double timed(LongSupplier run) {
        long first = run.getAsLong();
        if (first > 2_000_000_000L) {
            return first / 1e6;
        }
        List<Long> t = new ArrayList<>();
        long sum = 0;
        while (t.size() < Math.max(3, reps) || (sum < 300_000_000L && t.size() < 20 * reps)) {
            long v = run.getAsLong();
            t.add(v);
            sum += v;
        }
        return median(t.stream().mapToDouble(Long::doubleValue).toArray()) / 1e6;
    }

    /** Medians (ms) of two alternating measurements, each timed like {@link #timed}. */
    private double[] alternate(LongSupplier a, LongSupplier b) {
        a.getAsLong();
        b.getAsLong();
        List<Double> ta = new ArrayList<>();
        List<Double> tb = new ArrayList<>();
        double sum = 0;
        while (ta.size() < Math.max(3, reps) || (sum < 3e8 && ta.size() < 20 * reps)) {
            double x = a.getAsLong();
            double y = b.getAsLong();
            ta.add(x);
            tb.add(y);
            sum += x + y;
        }
        return new double[] {median(ta.stream().mapToDouble(Double::doubleValue).toArray()) / 1e6,
            median(tb.stream().mapToDouble(Double::doubleValue).toArray()) / 1e6};
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /**
     * CPU time of every live thread of this process in nanoseconds, summed from {@code /proc/self/task/*\/schedstat}
     * (the scheduler's own ns counters; the process clock of {@code getProcessCpuTime} ticks in 10 ms). Threads that
     * ended are not counted: the JVM's collector, compiler and ONNX Runtime threads live as long as the run. Falls
     * back to {@code getProcessCpuTime} where {@code /proc} cannot be read.
     */
    private long processCpuNanos() {
        long sum = 0;
        try (var tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                try {
                    String line = Files.readString(t.resolve("schedstat"));
                    sum += Long.parseLong(line.substring(0, line.indexOf(' ')));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return os.getProcessCpuTime();
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
