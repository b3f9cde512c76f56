package org.attnplanes.bench.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.PerspectiveCamera;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SnapshotParameters;
import javafx.scene.SubScene;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Box;
import javafx.scene.shape.Cylinder;
import javafx.scene.shape.Sphere;
import javafx.scene.transform.Affine;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Translate;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.graph.LayoutKind;
import org.attnplanes.graph.MultiPlanarGraph;
import org.attnplanes.graph.Symmetrization;
import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.attnplanes.render.SceneBuilder;
import org.attnplanes.render.encoding.Encoding;
import org.attnplanes.render.encoding.EncodingSpec;
import org.attnplanes.render.export.FigureSpec;
import org.attnplanes.render.export.Figures;
import org.attnplanes.render.fx.AttentionView;
import org.attnplanes.render.fx.FxFigures;
import org.attnplanes.render.scene.Camera;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.NodeGlyph;
import org.attnplanes.render.scene.PlaneRect;
import org.attnplanes.render.scene.Scene;
import org.attnplanes.render.scene.Vec3;

/**
 * Measures the render path on a synthetic 12-layer × 128-token trace ({@link SoftmaxTraceGenerator}, seed 7,
 * σ = 2: the same data as render's test graphs; 4 heads, mean, directed, top-8 arcs per query, so
 * 12 × 128 × 8 = 12,288 edges):
 * scene build, SVG and Java2D PNG export, and for the JavaFX view the first frame and the median re-render
 * (camera rotated by 5°, faces re-sorted, snapshot read back) against a one-{@code Cylinder}-per-edge scene
 * of the same content. Prints one table; arguments: {@code [layers tokens topK repeats width height]}.
 */
public final class RenderBenchmark {

    private RenderBenchmark() {
    }

    /** Entry point; run under xvfb-run with -Dprism.forceGPU=true -Dprism.order=es2. */
    public static void main(String[] args) {
        int layers = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int topK = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        int width = args.length > 4 ? Integer.parseInt(args[4]) : 1024;
        int height = args.length > 5 ? Integer.parseInt(args[5]) : 768;

        AttentionTrace trace = new SoftmaxTraceGenerator(layers, 4, tokens, 2.0).generate(7);
        MultiPlanarGraph graph = MultiPlanarGraph.build(trace,
                GraphSpec.builder().topK(topK).symmetrization(Symmetrization.DIRECTED).layout(LayoutKind.CIRCLE).build());
        EncodingSpec enc = EncodingSpec.builder().encodings(Encoding.OPACITY, Encoding.WIDTH).gamma(0.6).build();

        double[] build = new double[5];
        double[] buildCpu = new double[5];
        Scene scene = null;
        for (int i = 0; i < build.length; i++) {
            long t0 = System.nanoTime();
            long c0 = cpu();
            scene = SceneBuilder.build(graph, enc, 0);
            build[i] = ms(t0);
            buildCpu[i] = (cpu() - c0) / 1e6;
        }
        Scene s = scene;
        FigureSpec fig = FigureSpec.builder().size(width, height).build();
        for (int i = 0; i < 2; i++) {      // JIT warm-up of both export paths, not measured
            Figures.svg(s, fig);
            Figures.image(s, fig);
        }
        double[] svg = new double[5];
        double[] svgCpu = new double[5];
        int svgBytes = 0;
        for (int i = 0; i < svg.length; i++) {
            long t0 = System.nanoTime();
            long c0 = cpu();
            svgBytes = Figures.svg(s, fig).length();
            svg[i] = ms(t0);
            svgCpu[i] = (cpu() - c0) / 1e6;
        }
        double[] png = new double[5];
        double[] pngCpu = new double[5];
        for (int i = 0; i < png.length; i++) {
            long t0 = System.nanoTime();
            long c0 = cpu();
            Figures.image(s, fig);
            png[i] = ms(t0);
            pngCpu[i] = (cpu() - c0) / 1e6;
        }

        FxFigures.ensureToolkit();
        if (!Platform.isSupported(ConditionalFeature.SCENE3D)) {
            throw new IllegalStateException("SCENE3D unsupported");
        }
        double[] mesh = FxFigures.onFx(() -> meshRun(s, width, height, repeats, true));
        double[] meshNoSort = FxFigures.onFx(() -> meshRun(s, width, height, repeats, false));
        double[] meshDrag = FxFigures.onFx(() -> meshRun(s, width, height, repeats, true, true));
        double[] cyl = FxFigures.onFx(() -> cylinderRun(s, width, height, repeats));
        double[] floor = FxFigures.onFx(() -> emptyRun(width, height, repeats));

        System.out.printf(Locale.ROOT, "render benchmark: %d layers x %d tokens, 4 heads (mean), directed top-%d -> %d edges, "
                        + "%d nodes, %d links; viewport %dx%d; %d re-renders%n", layers, tokens, topK,
                s.edges().size(), s.nodes().size(), s.links().size(), width, height, repeats);
        System.out.printf(Locale.ROOT, "%-52s %10s %12s%n", "measure (medians)", "wall ms", "process CPU ms");
        row("scene build (SceneBuilder)", median(build), median(buildCpu));
        row("SVG export (JFreeSVG, " + svgBytes / 1024 + " KiB)", median(svg), median(svgCpu));
        row("PNG export (Java2D, no display)", median(png), median(pngCpu));
        row("mesh view: build + first frame", mesh[0], mesh[3]);
        row("mesh view: re-render after 5° rotation (re-sorted)", mesh[1], mesh[4]);
        row("  of which geometry update (ribbons+sort+upload)", mesh[2], Double.NaN);
        row("mesh view: re-render, faces not re-sorted", meshNoSort[1], meshNoSort[4]);
        row("mesh view: re-render during a drag (geometry kept)", meshDrag[1], meshDrag[4]);
        row("floor: empty SubScene, camera move + snapshot", floor[0], floor[1]);
        row("cylinder baseline: build + first frame", cyl[0], cyl[2]);
        row("cylinder baseline: re-render after 5° rotation", cyl[1], cyl[3]);
        System.out.printf(Locale.ROOT, "ratio cylinder / mesh: re-render %.2fx wall, %.2fx CPU; first frame %.2fx wall, %.2fx CPU%n",
                cyl[1] / mesh[1], cyl[3] / mesh[4], cyl[0] / mesh[0], cyl[2] / mesh[3]);
        Platform.exit();
    }

    private static void row(String name, double ms, double cpuMs) {
        System.out.printf(Locale.ROOT, "%-52s %10.1f %12s%n", name, ms,
                Double.isNaN(cpuMs) ? "" : String.format(Locale.ROOT, "%.1f", cpuMs));
    }

    /** {first frame ms, median re-render ms, median geometry update ms, first frame CPU ms, median re-render CPU ms}. */
    private static double[] meshRun(Scene s, int w, int h, int repeats, boolean sort) {
        return meshRun(s, w, h, repeats, sort, false);
    }

    private static double[] meshRun(Scene s, int w, int h, int repeats, boolean sort, boolean interacting) {
        long t0 = System.nanoTime();
        long c0 = cpu();
        AttentionView view = new AttentionView();
        new javafx.scene.Scene(view, w, h);
        view.setSortFaces(sort);
        view.setScene3D(s);
        view.resize(w, h);
        view.applyCss();
        view.layout();
        SnapshotParameters p = new SnapshotParameters();
        view.subScene().snapshot(p, null);
        double first = ms(t0);
        double firstCpu = (cpu() - c0) / 1e6;
        double[] frames = new double[repeats];
        double[] framesCpu = new double[repeats];
        double[] updates = new double[repeats];
        Camera c = view.getCamera();
        view.setInteracting(interacting);
        for (int i = 0; i < repeats; i++) {
            c = c.orbit(5, 0);
            long t1 = System.nanoTime();
            long c1 = cpu();
            view.setCamera(c);
            view.subScene().snapshot(p, null);
            frames[i] = ms(t1);
            framesCpu[i] = (cpu() - c1) / 1e6;
            updates[i] = view.lastUpdateNanos() / 1e6;
        }
        return new double[] {first, median(frames), median(updates), firstCpu, median(framesCpu)};
    }

    /** {first frame ms, median re-render ms, first frame CPU ms, median re-render CPU ms}: the naive scene: one Cylinder per edge, one Sphere per node, one Box per plane. */
    private static double[] cylinderRun(Scene s, int w, int h, int repeats) {
        long t0 = System.nanoTime();
        long c0 = cpu();
        Group world = new Group();
        List<Node> kids = new ArrayList<>();
        for (NodeGlyph n : s.nodes()) {
            Sphere sp = new Sphere(n.radius(), 8);
            sp.setMaterial(new PhongMaterial(Color.color(n.colour().r(), n.colour().g(), n.colour().b())));
            sp.setTranslateX(n.position().x());
            sp.setTranslateY(n.position().y());
            sp.setTranslateZ(n.position().z());
            kids.add(sp);
        }
        Camera cam = s.camera();
        double focal = (h / 2.0) / Math.tan(Math.toRadians(cam.fieldOfViewDegrees() / 2));
        for (EdgeSegment e : s.edges()) {
            kids.add(cylinder(e, cam.distance() / focal));
        }
        for (PlaneRect r : s.planes()) {
            Box b = new Box(r.maxX() - r.minX(), r.maxY() - r.minY(), 1e-3);
            float[] pm = r.fill().premultiplied();
            b.setMaterial(new PhongMaterial(Color.color(pm[0], pm[1], pm[2], pm[3])));
            b.setTranslateX((r.minX() + r.maxX()) / 2);
            b.setTranslateY((r.minY() + r.maxY()) / 2);
            b.setTranslateZ(r.z());
            kids.add(b);
        }
        world.getChildren().addAll(kids);
        world.getChildren().add(new AmbientLight(Color.WHITE));
        OrbitingSubScene view = new OrbitingSubScene(world, w, h, cam);
        double first = ms(t0);
        double firstCpu = (cpu() - c0) / 1e6;
        double[] frames = view.rerenders(repeats);
        return new double[] {first, frames[0], firstCpu, frames[1]};
    }

    /** {median re-render ms, median CPU ms} of an empty SubScene: the fixed cost of a frame + read-back. */
    private static double[] emptyRun(int w, int h, int repeats) {
        return new OrbitingSubScene(new Group(new AmbientLight(Color.WHITE)), w, h, Camera.of(0, 20, 10, Vec3.ZERO))
                .rerenders(repeats);
    }

    /** A plain SubScene under an orbit camera, shown once (first frame) when constructed. */
    private static final class OrbitingSubScene {
        private final SubScene sub;
        private final PerspectiveCamera pc = new PerspectiveCamera(true);
        private final Affine a = new Affine();
        private final SnapshotParameters p = new SnapshotParameters();
        private Camera cam;

        OrbitingSubScene(Group world, int w, int h, Camera cam) {
            sub = new SubScene(world, w, h, true, SceneAntialiasing.DISABLED);
            pc.getTransforms().add(a);
            sub.setCamera(pc);
            sub.setFill(Color.WHITE);
            new javafx.scene.Scene(new Group(sub), w, h);
            this.cam = cam;
            place(pc, a, cam);
            sub.snapshot(p, null);
        }

        /** {median ms, median CPU ms} of {@code repeats} frames, each after a 5° orbit, read back. */
        double[] rerenders(int repeats) {
            double[] frames = new double[repeats];
            double[] framesCpu = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                cam = cam.orbit(5, 0);
                long t1 = System.nanoTime();
                long c1 = cpu();
                place(pc, a, cam);
                sub.snapshot(p, null);
                frames[i] = ms(t1);
                framesCpu[i] = (cpu() - c1) / 1e6;
            }
            return new double[] {median(frames), median(framesCpu)};
        }
    }

    private static Cylinder cylinder(EdgeSegment e, double worldPerPixel) {
        Vec3 d = e.to().minus(e.from());
        double len = Math.max(1e-9, d.length());
        Cylinder c = new Cylinder(Math.max(1e-6, e.widthPx() * worldPerPixel / 2), len, 8);
        float[] pm = e.colour().premultiplied();
        PhongMaterial m = new PhongMaterial(Color.color(pm[0], pm[1], pm[2], pm[3]));
        m.setSpecularColor(Color.BLACK);
        c.setMaterial(m);
        Vec3 mid = e.midpoint();
        Vec3 dir = d.times(1 / len);
        Vec3 y = new Vec3(0, 1, 0);
        Vec3 axis = y.cross(dir);
        double angle = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, y.dot(dir)))));
        c.getTransforms().add(new Translate(mid.x(), mid.y(), mid.z()));
        if (axis.length() > 1e-9) {
            c.getTransforms().add(new Rotate(angle, new javafx.geometry.Point3D(axis.x(), axis.y(), axis.z())));
        }
        return c;
    }

    private static void place(PerspectiveCamera pc, Affine a, Camera c) {
        Vec3 e = c.eye();
        Vec3 r = c.right();
        Vec3 u = c.up();
        Vec3 f = c.forward();
        a.setToTransform(r.x(), -u.x(), f.x(), e.x(), r.y(), -u.y(), f.y(), e.y(), r.z(), -u.z(), f.z(), e.z());
        pc.setFieldOfView(c.fieldOfViewDegrees());
        pc.setNearClip(c.distance() * 0.01);
        pc.setFarClip(c.distance() * 10);
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** Process CPU time in ns (all threads, including Mesa's llvmpipe workers): less sensitive to machine load. */
    private static long cpu() {
        return OS.getProcessCpuTime();
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
