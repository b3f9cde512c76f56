package org.attnplanes.bench.gui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.SnapshotParameters;
import org.attnplanes.app.gui.GuiView;
import org.attnplanes.app.workbench.TopologyCache;
import org.attnplanes.app.workbench.TopologySettings;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.LinkKind;
import org.attnplanes.graph.Normalization;
import org.attnplanes.graph.Plane;
import org.attnplanes.graph.Symmetrization;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.attnplanes.model.Cancellation;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.fx.AttentionView;
import org.attnplanes.render.fx.FxFigures;
import org.attnplanes.topology.persistence.Barcodes;

/**
 * How long a control change of the desktop app takes to show on a long input, against what every change cost
 * before the topology cache (the baseline, same run): graph + scene + topology statistics of every plane +
 * representative cycles of every plane. A view change is measured the way the app does it — on a worker
 * thread {@link GuiView#build} (graph and scene; for an encoding only the scene) and the statistics rows from
 * the {@link TopologyCache} (asserted: no plane computed), then on the FX thread
 * {@link AttentionView#replaceScene3D} and a snapshot of the 3D view, i.e. until the frame is rendered and read
 * back. Input: synthetic trace ({@link SoftmaxTraceGenerator}, seed 7, logits N(0, σ²), σ = 5 by default: rows
 * peaked like trained heads; σ = 2 gives near-uniform rows whose dense H1 persistence is far slower), the app's defaults (mean heads,
 * SUM, global min–max, CIRCLE, top-4, residual links, opacity + width) and the app's topology settings.
 * Arguments: {@code [layers tokens heads repeats reps sigma]} (default 12 512 12 7 0 5; {@code reps}: planes whose
 * representative cycles are timed to estimate that part of the old cost, which is then not in the baseline). Run under xvfb-run with
 * {@code -Dprism.forceGPU=true -Dprism.order=es2} ({@code benchmarks/scripts/gui-view-change.sh}).
 */
public final class ViewChangeBenchmark {

    /** The desktop app's statistics (MainWindow.TOPOLOGY): default thresholds, H0 and H1, cliques up to 3. */
    static final TopologySettings TOPOLOGY = new TopologySettings(TopologySettings.DEFAULT_THRESHOLDS, 1, 3, false,
            false);

    private ViewChangeBenchmark() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int layers = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int heads = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        int reps = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        double sigma = args.length > 5 ? Double.parseDouble(args[5]) : 5.0;
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
        AttentionView view = FxFigures.onFx(() -> {
            AttentionView v = new AttentionView();
            new javafx.scene.Scene(v, 1100, 750);
            v.resize(1100, 750);
            return v;
        });
        System.out.printf(Locale.ROOT, "# %d layers x %d heads x %d tokens, logit sigma %.1f, %d topology threads,"
                + " Java %s%n", layers, heads, tokens, sigma, threads, System.getProperty("java.version"));

        // the first show: graph, scene, view and first frame
        long t0 = System.nanoTime();
        long c0 = cpu();
        GuiView first = GuiView.build(trace, spec, enc);
        double buildMs = ms(t0);
        double firstFrame = FxFigures.onFx(() -> show(view, first));
        double buildCpu = (cpu() - c0) / 1e6;
        List<TopologyCache.PlaneKey> keys = cache.keys(trace, first.graph(), TOPOLOGY);
        progress("graph + scene " + (long) buildMs + " ms, first frame " + (long) firstFrame + " ms; "
                + first.scene().edges().size() + " edges, " + first.scene().links().size() + " links");

        List<String[]> table = new ArrayList<>();
        GraphSpec[] topKs = {spec.toBuilder().topK(1).build(), spec.toBuilder().topK(8).build(), spec};
        GraphSpec[] layouts = {spec.toBuilder().layout(LayoutKind.LINE).build(), spec};
        GraphSpec[] links = {spec.toBuilder().links().build(),
                spec.toBuilder().links(LinkKind.RESIDUAL, LinkKind.ATTENTION).linkThreshold(0.2).build(), spec};
        EncodingSpec[] encs = {EncodingSpec.of(Encoding.OPACITY, Encoding.COLOUR), enc};
        table.add(measure("encoding (opacity+width <-> opacity+colour): scene only", repeats, cache, view, trace, keys,
                i -> () -> first.withEncoding(encs[i % encs.length])));
        table.add(measure("top-k (4 -> 1 -> 8 -> 4)", repeats, cache, view, trace, keys,
                i -> () -> GuiView.build(trace, topKs[i % topKs.length], enc)));
        table.add(measure("layout (CIRCLE <-> LINE)", repeats, cache, view, trace, keys,
                i -> () -> GuiView.build(trace, layouts[i % layouts.length], enc)));
        table.add(measure("links (residual -> none -> residual+attention w>=0.2)", repeats, cache, view, trace, keys,
                i -> () -> GuiView.build(trace, links[i % links.length], enc)));
        double[] thr = new double[repeats];
        double[] thrCpu = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            double t = i % 2 == 0 ? 0.2 : 0.05;
            long tc0 = cpu();
            thr[i] = FxFigures.onFx(() -> {
                long s = System.nanoTime();
                view.thresholdProperty().set(t);
                view.subScene().snapshot(new SnapshotParameters(), null);
                return ms(s);
            });
            thrCpu[i] = (cpu() - tc0) / 1e6;
        }
        table.add(row("display threshold (0.05 <-> 0.2, live in the view)", thr, thrCpu));
        GraphSpec mds = spec.toBuilder().layout(LayoutKind.MDS).build();
        table.add(measure("layout MDS (first time; O(n^3) per plane)", 1, cache, view, trace, keys,
                i -> () -> GuiView.build(trace, mds, enc)));
        // baseline: what every control change cost before (GuiAnalysis.of): graph, scene and frame as above plus
        // the statistics of every plane (and the representatives of every plane, timed on `reps` planes); planes
        // are computed in batches of `threads` like the app's cache does, with a progress line per batch
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
        double repsMs = 0;
        for (int k = 0; k < Math.min(reps, planes.size()); k++) {
            long r0 = System.nanoTime();
            Barcodes b = cache.representatives(trace, first.graph(), planes.get(k), TOPOLOGY);
            if (b.maxDimension() < 1) {
                throw new IllegalStateException("no H1");
            }
            repsMs += ms(r0);
            progress("representatives of plane " + k + " " + (long) ms(r0) + " ms");
        }
        double baseline = buildMs + rowsMs + firstFrame;
        double baselineCpu = buildCpu + rowsCpu;
        System.out.printf(Locale.ROOT, "baseline (full recompute without representatives, a lower bound of what every"
                + " change cost before): %.0f ms wall, %.0f ms CPU = graph+scene %.0f + statistics of %d planes %.0f"
                + " (CPU %.0f) + view and first frame %.0f; %d edges, %d links%n", baseline, baselineCpu, buildMs,
                planes.size(), rowsMs, rowsCpu, firstFrame, first.scene().edges().size(),
                first.scene().links().size());
        if (reps > 0) {
            System.out.printf(Locale.ROOT, "representative cycles (also recomputed on every change before): %.0f ms"
                    + " per plane (mean of %d)%n", repsMs / Math.min(reps, planes.size()), Math.min(reps,
                    planes.size()));
        }
        System.out.println();
        System.out.println("| view change | median ms wall | max ms wall | median ms CPU | baseline / median (wall, CPU) |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String[] r : table) {
            double median = Double.parseDouble(r[1]);
            double cpuMedian = Double.parseDouble(r[3]);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.0fx, %.0fx |%n", r[0], r[1], r[2], r[3],
                    baseline / median, baselineCpu / Math.max(1, cpuMedian));
        }
        System.out.printf(Locale.ROOT, "topology planes computed by the view changes: %d%n",
                cache.computedPlanes());
        Platform.exit();
    }

    /** One view change, as the app does it: worker part, then replace the scene and render a frame. */
    private static String[] measure(String name, int repeats, TopologyCache cache, AttentionView view,
                                    AttentionTrace trace, List<TopologyCache.PlaneKey> keys,
                                    java.util.function.IntFunction<Supplier<GuiView>> change) {
        double[] t = new double[repeats];
        double[] c = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long s = System.nanoTime();
            long c0 = cpu();
            GuiView v = change.apply(i).get();
            // the app asks the topology only for planes whose keys changed: none may have
            if (!cache.keys(trace, v.graph(), TOPOLOGY).equals(keys)) {
                throw new IllegalStateException("a view change changed the topology of a plane");
            }
            double worker = ms(s);
            t[i] = worker + FxFigures.onFx(() -> show(view, v));
            c[i] = (cpu() - c0) / 1e6;
        }
        return row(name, t, c);
    }

    /** Replaces the scene (keeping the camera) and renders one frame; milliseconds. */
    private static double show(AttentionView view, GuiView v) {
        long s = System.nanoTime();
        view.replaceScene3D(v.scene());
        view.layout();
        view.subScene().snapshot(new SnapshotParameters(), null);
        return ms(s);
    }

    private static String[] row(String name, double[] t, double[] cpu) {
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        double[] c = cpu.clone();
        Arrays.sort(c);
        progress(String.format(Locale.ROOT, "%s: median %.0f ms wall (max %.0f), %.0f ms CPU; all wall: %s", name,
                sorted[sorted.length / 2], sorted[sorted.length - 1], c[c.length / 2], Arrays.toString(t)));
        return new String[] {name, String.format(Locale.ROOT, "%.0f", sorted[sorted.length / 2]),
                String.format(Locale.ROOT, "%.0f", sorted[sorted.length - 1]),
                String.format(Locale.ROOT, "%.0f", c[c.length / 2])};
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
