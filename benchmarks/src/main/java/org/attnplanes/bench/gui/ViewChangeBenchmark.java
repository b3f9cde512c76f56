package org.attnplanes.bench.gui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.SnapshotParameters;
import org.attnplanes.app.gui.GuiView;
import org.attnplanes.app.workbench.LayoutCache;
import org.attnplanes.app.workbench.TopologyCache;
import org.attnplanes.app.workbench.Workbench;
import org.attnplanes.app.workbench.TopologySettings;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Normalization;
import org.attnplanes.graph.Plane;
import org.attnplanes.graph.Symmetrization;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.attnplanes.graph.layout.ClassicalMdsLayout;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.fx.AttentionView;
import org.attnplanes.render.fx.FxFigures;

/**
 * How long a control change of the desktop app takes to show on a long input, for the view as it is (a new scene
 * reuses the node mesh, plane quads and labels it shares with the scene shown: {@link AttentionView} with
 * incremental updates) against the previous view (every JavaFX node and mesh rebuilt on every scene:
 * {@code setIncrementalUpdates(false)}), both in the same run on the same changes, alternating.
 *
 * <p>A change is measured the way the app does it: on the calling thread {@link GuiView#build} (graph and scene, plane
 * positions from a {@link LayoutCache}; for an encoding only the scene; the topology of every plane comes from the {@link TopologyCache}, asserted: no plane
 * changes key), then on the FX thread {@link AttentionView#replaceScene3D} and a snapshot of the whole view (3D
 * content, token labels and legend), i.e. until the frame is rendered and read back. Wall and process CPU time
 * (all threads, llvmpipe's rasterizer threads included) per change; medians over the repeats. The previous view
 * builds its graphs as the app did before: no layout cache, MDS by the complete eigen-decomposition
 * ({@link ClassicalMdsLayout#exact()}).
 *
 * <p>Input: synthetic trace ({@link SoftmaxTraceGenerator}, seed 7, logits N(0, σ²), σ = 5 by default), the app's
 * defaults (mean heads, SUM, global min–max, CIRCLE, top-4, residual links, opacity + width).
 * Arguments: {@code [layers tokens heads repeats reps sigma baseline]} (default 12 512 12 7 0 5 view);
 * {@code baseline = topology} also times what every change cost before the topology cache (graph, scene, first
 * frame and the statistics of every plane; {@code reps}: planes whose representative cycles are timed too) — slow
 * (minutes per plane at 512 tokens). Run under xvfb-run with {@code -Dprism.forceGPU=true -Dprism.order=es2}
 * ({@code benchmarks/scripts/gui-view-change.sh}).
 */
public final class ViewChangeBenchmark {

    /** The desktop app's statistics (MainWindow.TOPOLOGY): default thresholds, H0 and H1, cliques up to 3. */
    static final TopologySettings TOPOLOGY = new TopologySettings(TopologySettings.DEFAULT_THRESHOLDS, 1, 3, false,
            false);

    private ViewChangeBenchmark() {
    }

    /** One measured change: the view as it is and the previous view, wall and CPU per repeat (ms). */
    private record Row(String name, double[] wall, double[] cpu, double[] prevWall, double[] prevCpu) {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int layers = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int heads = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        int reps = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        double sigma = args.length > 5 ? Double.parseDouble(args[5]) : 5.0;
        boolean topologyBaseline = args.length > 6 && args[6].equals("topology");
        int threads = Runtime.getRuntime().availableProcessors();

        FxFigures.ensureToolkit();
        if (!Platform.isSupported(ConditionalFeature.SCENE3D)) {
            throw new IllegalStateException("SCENE3D unsupported: run under xvfb-run with -Dprism.forceGPU=true");
        }
        AttentionTrace trace = new SoftmaxTraceGenerator(layers, heads, tokens, sigma).generate(7);
        GraphSpec spec = GraphSpec.builder().classifier(false).symmetrization(Symmetrization.SUM)
                .normalization(Normalization.GLOBAL_ABS_MINMAX).layout(LayoutKind.CIRCLE).topK(4)
                .links(LinkKind.RESIDUAL).build();
        EncodingSpec enc = EncodingSpec.of(Encoding.OPACITY, Encoding.WIDTH);
        TopologyCache cache = new TopologyCache(threads);
        AttentionView view = FxFigures.onFx(ViewChangeBenchmark::newView);
        AttentionView previous = FxFigures.onFx(ViewChangeBenchmark::newView);
        FxFigures.onFx(() -> {
            previous.setIncrementalUpdates(false);
            return null;
        });
        System.out.printf(Locale.ROOT, "# %d layers x %d heads x %d tokens, logit sigma %.1f, %d cores, Java %s,"
                + " load average at start %.1f%n", layers, heads, tokens, sigma, threads,
                System.getProperty("java.version"), java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());

        // the first show: graph, scene, view and first frame
        long t0 = System.nanoTime();
        long c0 = cpu();
        GuiView first = GuiView.build(trace, spec, enc);
        double buildMs = ms(t0);
        double firstFrame = FxFigures.onFx(() -> show(view, first));
        double buildCpu = (cpu() - c0) / 1e6;
        FxFigures.onFx(() -> show(previous, first));
        List<TopologyCache.PlaneKey> keys = cache.keys(trace, first.graph(), TOPOLOGY);
        progress("graph + scene " + (long) buildMs + " ms, first frame " + (long) firstFrame + " ms; "
                + first.scene().edges().size() + " edges, " + first.scene().links().size() + " links, "
                + first.scene().nodes().size() + " nodes");

        List<Row> table = new ArrayList<>();
        GraphSpec[] topKs = {spec.toBuilder().topK(1).build(), spec.toBuilder().topK(8).build(), spec};
        GraphSpec[] layouts = {spec.toBuilder().layout(LayoutKind.LINE).build(), spec};
        GraphSpec[] links = {spec.toBuilder().links().build(),
                spec.toBuilder().links(LinkKind.RESIDUAL, LinkKind.ATTENTION).linkThreshold(0.2).build(), spec};
        EncodingSpec[] encs = {EncodingSpec.of(Encoding.OPACITY, Encoding.COLOUR), enc};
        LayoutCache positions = new LayoutCache();
        table.add(measure("encoding (opacity+width <-> opacity+colour)", repeats, cache, view, previous, trace,
                keys, (i, prev) -> first.withEncoding(encs[i % encs.length])));
        table.add(measure("top-k (4 -> 1 -> 8 -> 4)", repeats, cache, view, previous, trace, keys,
                (i, prev) -> build(trace, topKs[i % topKs.length], enc, prev ? null : positions)));
        table.add(measure("layout (CIRCLE <-> LINE)", repeats, cache, view, previous, trace, keys,
                (i, prev) -> build(trace, layouts[i % layouts.length], enc, prev ? null : positions)));
        table.add(measure("links (residual -> none -> residual+attention w>=0.2)", repeats, cache, view, previous,
                trace, keys, (i, prev) -> build(trace, links[i % links.length], enc, prev ? null : positions)));
        // the length encoding places each plane's tokens by stress majorization (SMACOF from classical MDS) when the
        // change is made: the costliest encoding switch
        EncodingSpec[] lengths = {EncodingSpec.of(Encoding.LENGTH, Encoding.OPACITY), enc};
        table.add(measure("encoding (opacity+width <-> length+opacity, stress layout)", repeats, cache, view, previous,
                trace, keys, (i, prev) -> first.withEncoding(lengths[i % lengths.length])));
        table.add(threshold(repeats, view, previous));
        GraphSpec mds = spec.toBuilder().layout(LayoutKind.MDS).build();
        // MDS: now Lanczos + the app's layout cache (the first time computes, then cached); before, the complete
        // eigen-decomposition of every plane on every change
        table.add(measure("layout CIRCLE -> MDS, first time", 1, cache, view, previous, trace, keys,
                (i, prev) -> prev ? previousMds(trace, mds, enc) : build(trace, mds, enc, positions)));
        GraphSpec[] mdsBack = {spec, mds};
        table.add(measure("layout MDS <-> CIRCLE, again (cached)", Math.min(repeats, 4), cache, view, previous, trace,
                keys, (i, prev) -> prev ? previousMds(trace, mdsBack[i % 2], enc)
                        : build(trace, mdsBack[i % 2], enc, positions)));

        System.out.println();
        System.out.println("| view change | wall ms (median, max) | CPU ms (median) | previous view: wall ms (median,"
                + " max) | previous: CPU ms | previous / now (wall, CPU) |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Row r : table) {
            System.out.printf(Locale.ROOT, "| %s | %.0f, %.0f | %.0f | %.0f, %.0f | %.0f | %.2fx, %.2fx |%n", r.name(),
                    median(r.wall()), max(r.wall()), median(r.cpu()), median(r.prevWall()), max(r.prevWall()),
                    median(r.prevCpu()), median(r.prevWall()) / median(r.wall()),
                    median(r.prevCpu()) / Math.max(1, median(r.cpu())));
        }
        System.out.printf(Locale.ROOT, "topology planes computed by the view changes: %d (of %d planes)%n",
                cache.computedPlanes(), keys.size());
        if (topologyBaseline) {
            topologyBaseline(trace, first, cache, threads, reps, buildMs, buildCpu, firstFrame, table);
        }
        Platform.exit();
    }

    /**
     * What every control change cost before the topology cache (GuiAnalysis.of): graph, scene and frame plus the
     * statistics of every plane, computed in batches of {@code threads} like the app's cache; the representatives
     * of {@code reps} planes timed on their own.
     */
    private static void topologyBaseline(AttentionTrace trace, GuiView first, TopologyCache cache, int threads,
                                         int reps, double buildMs, double buildCpu, double firstFrame,
                                         List<Row> table) {
        TopologyCache.Computer real = TopologyCache.computer(threads);
        double rowsMs = 0;
        double rowsCpu = 0;
        List<Plane> planes = first.graph().planes();
        for (int from = 0; from < planes.size(); from += threads) {
            List<Plane> batch = planes.subList(from, Math.min(planes.size(), from + threads));
            long r0 = System.nanoTime();
            long rc0 = cpu();
            real.compute(TOPOLOGY, first.graph(), batch);
            rowsMs += ms(r0);
            rowsCpu += (cpu() - rc0) / 1e6;
            progress("statistics of planes " + from + ".." + (from + batch.size() - 1) + ": " + (long) ms(r0)
                    + " ms wall, " + (long) rowsCpu + " ms CPU so far");
        }
        for (int k = 0; k < Math.min(reps, planes.size()); k++) {
            long r0 = System.nanoTime();
            if (cache.representatives(trace, first.graph(), planes.get(k), TOPOLOGY).maxDimension() < 1) {
                throw new IllegalStateException("no H1");
            }
            progress("representatives of plane " + k + " " + (long) ms(r0) + " ms");
        }
        double baseline = buildMs + rowsMs + firstFrame;
        double baselineCpu = buildCpu + rowsCpu;
        System.out.printf(Locale.ROOT, "full-recompute baseline (before the topology cache, without representatives):"
                + " %.0f ms wall, %.0f ms CPU = graph+scene %.0f + statistics of %d planes %.0f (CPU %.0f) + first"
                + " frame %.0f%n", baseline, baselineCpu, buildMs, planes.size(), rowsMs, rowsCpu, firstFrame);
        for (Row r : table) {
            System.out.printf(Locale.ROOT, "  %s: %.0fx (wall), %.0fx (CPU) faster than the full recompute%n",
                    r.name(), baseline / median(r.wall()), baselineCpu / Math.max(1, median(r.cpu())));
        }
    }

    /** A view as the app builds it: plane positions from its layout cache ({@code null}: computed, as before). */
    private static GuiView build(AttentionTrace trace, GraphSpec spec, EncodingSpec enc, LayoutCache positions) {
        return positions == null ? GuiView.build(trace, spec, enc) : GuiView.build(trace, spec, enc, positions);
    }

    /** A view as the app built it before: every MDS plane by the complete eigen-decomposition, nothing cached. */
    private static GuiView previousMds(AttentionTrace trace, GraphSpec spec, EncodingSpec enc) {
        ClassicalMdsLayout exact = ClassicalMdsLayout.exact();
        MultiPlanarGraph g = Workbench.build(trace, spec, (plane, algorithm) -> algorithm instanceof ClassicalMdsLayout
                ? exact.layout(plane) : algorithm.layout(plane));
        return new GuiView(trace, g, SceneBuilder.build(g, enc));
    }

    private static AttentionView newView() {
        AttentionView v = new AttentionView();
        new javafx.scene.Scene(v, 1100, 750);
        v.resize(1100, 750);
        return v;
    }

    /** One view change on both views, alternating: worker part, then replace the scene and render a frame. */
    private static Row measure(String name, int repeats, TopologyCache cache, AttentionView view,
                               AttentionView previous, AttentionTrace trace, List<TopologyCache.PlaneKey> keys,
                               BiFunction<Integer, Boolean, GuiView> change) {
        double[][] t = new double[2][repeats];
        double[][] c = new double[2][repeats];
        for (int i = 0; i < repeats; i++) {
            for (int which = 0; which < 2; which++) {
                // alternate which view goes first, so that neither always follows the other's garbage
                AttentionView target = (which + i) % 2 == 0 ? view : previous;
                int slot = target == view ? 0 : 1;
                System.gc();
                long s = System.nanoTime();
                long c0 = cpu();
                GuiView v = change.apply(i, slot == 1);
                // the app asks the topology only for planes whose keys changed: none may have
                if (!cache.keys(trace, v.graph(), TOPOLOGY).equals(keys)) {
                    throw new IllegalStateException("a view change changed the topology of a plane");
                }
                double worker = ms(s);
                t[slot][i] = worker + FxFigures.onFx(() -> show(target, v));
                c[slot][i] = (cpu() - c0) / 1e6;
            }
        }
        return row(name, t[0], c[0], t[1], c[1]);
    }

    /** The live display threshold (no new scene): the same on both views, measured on both for the table. */
    private static Row threshold(int repeats, AttentionView view, AttentionView previous) {
        double[][] t = new double[2][repeats];
        double[][] c = new double[2][repeats];
        for (int i = 0; i < repeats; i++) {
            double value = i % 2 == 0 ? 0.2 : 0.05;
            for (int slot = 0; slot < 2; slot++) {
                AttentionView target = slot == 0 ? view : previous;
                long c0 = cpu();
                t[slot][i] = FxFigures.onFx(() -> {
                    long s = System.nanoTime();
                    target.thresholdProperty().set(value);
                    frame(target);
                    return ms(s);
                });
                c[slot][i] = (cpu() - c0) / 1e6;
            }
        }
        return row("display threshold (0.05 <-> 0.2, live in the view)", t[0], c[0], t[1], c[1]);
    }

    /** Replaces the scene (keeping the camera) and renders one frame of the whole view; milliseconds. */
    private static double show(AttentionView view, GuiView v) {
        long s = System.nanoTime();
        view.replaceScene3D(v.scene());
        frame(view);
        return ms(s);
    }

    private static void frame(AttentionView view) {
        view.layout();
        view.snapshot(new SnapshotParameters(), null);
    }

    private static Row row(String name, double[] t, double[] cpu, double[] pt, double[] pcpu) {
        progress(String.format(Locale.ROOT, "%s: now median %.0f ms wall, %.0f ms CPU; previous %.0f ms wall, %.0f ms"
                + " CPU; all wall now %s, previous %s", name, median(t), median(cpu), median(pt), median(pcpu),
                Arrays.toString(round(t)), Arrays.toString(round(pt))));
        return new Row(name, t, cpu, pt, pcpu);
    }

    private static long[] round(double[] v) {
        return Arrays.stream(v).mapToLong(Math::round).toArray();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    /** Process CPU time in nanoseconds (all threads, llvmpipe's rasterizer threads included). */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void progress(String what) {
        System.err.printf(Locale.ROOT, "%tT %s%n", System.currentTimeMillis(), what);
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
