package org.attnplanes.graph.layout;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.attnplanes.graph.Plane;
import org.jgrapht.Graph;
import org.jgrapht.alg.drawing.FRLayoutAlgorithm2D;
import org.jgrapht.alg.drawing.model.Box2D;
import org.jgrapht.alg.drawing.model.LayoutModel2D;
import org.jgrapht.alg.drawing.model.MapLayoutModel2D;
import org.jgrapht.alg.drawing.model.Point2D;
import org.jgrapht.graph.DefaultWeightedEdge;

/**
 * Weighted Fruchterman–Reingold layout (JGraphT {@link FRLayoutAlgorithm2D}) of a plane's kept edges
 * ({@link Plane#asGraph()}): the attractive force along an edge is multiplied by its normalized weight, so
 * strongly related tokens end up close. Seeded: the same seed, plane index and plane give the same layout.
 * The result is centred and scaled so that the farthest node lies on the unit circle.
 */
public final class ForceLayout implements PlaneLayout {

    /** Default number of Fruchterman–Reingold iterations. */
    public static final int DEFAULT_ITERATIONS = 200;

    private final int iterations;
    private final long seed;

    /**
     * @param iterations number of iterations, &gt; 0
     * @param seed       random seed (mixed with the plane index)
     * @throws IllegalArgumentException if {@code iterations <= 0}
     */
    public ForceLayout(int iterations, long seed) {
        if (iterations <= 0) {
            throw new IllegalArgumentException("iterations = " + iterations + " must be > 0");
        }
        this.iterations = iterations;
        this.seed = seed;
    }

    @Override
    public double[] layout(Plane plane) {
        int n = plane.size();
        double[] xy = new double[2 * n];
        if (n < 2) {
            return xy;
        }
        Graph<Integer, DefaultWeightedEdge> graph = plane.asGraph();
        LayoutModel2D<Integer> model = new MapLayoutModel2D<>(Box2D.of(-1, -1, 2, 2));
        Random rng = new Random(seed * 0x9E3779B97F4A7C15L + plane.index());
        new WeightedFr(iterations, rng).layout(graph, model);
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < n; i++) {
            Point2D p = model.get(i);
            xy[2 * i] = p.getX();
            xy[2 * i + 1] = p.getY();
            cx += p.getX();
            cy += p.getY();
        }
        cx /= n;
        cy /= n;
        double radius = 0;
        for (int i = 0; i < n; i++) {
            xy[2 * i] -= cx;
            xy[2 * i + 1] -= cy;
            radius = Math.max(radius, Math.hypot(xy[2 * i], xy[2 * i + 1]));
        }
        if (radius > 0) {
            for (int k = 0; k < xy.length; k++) {
                xy[k] /= radius;
            }
        }
        return xy;
    }

    /** Fruchterman–Reingold with attraction scaled by edge weight. */
    private static final class WeightedFr extends FRLayoutAlgorithm2D<Integer, DefaultWeightedEdge> {

        WeightedFr(int iterations, Random rng) {
            super(iterations, FRLayoutAlgorithm2D.DEFAULT_NORMALIZATION_FACTOR, rng);
        }

        @Override
        protected Map<Integer, Point2D> calculateAttractiveForces(Graph<Integer, DefaultWeightedEdge> graph,
                                                                  LayoutModel2D<Integer> model) {
            Map<Integer, Point2D> disp = new HashMap<>();
            for (DefaultWeightedEdge e : graph.edgeSet()) {
                Integer v = graph.getEdgeSource(e);
                Integer u = graph.getEdgeTarget(e);
                Point2D vp = model.get(v);
                Point2D up = model.get(u);
                double dx = vp.getX() - up.getX();
                double dy = vp.getY() - up.getY();
                double len = Math.hypot(dx, dy);
                if (len < 1e-12) {
                    continue;
                }
                double f = Math.max(0, graph.getEdgeWeight(e)) * attractiveForce(len) / len;
                Point2D dv = disp.getOrDefault(v, Point2D.of(0, 0));
                Point2D du = disp.getOrDefault(u, Point2D.of(0, 0));
                disp.put(v, Point2D.of(dv.getX() - dx * f, dv.getY() - dy * f));
                disp.put(u, Point2D.of(du.getX() + dx * f, du.getY() + dy * f));
            }
            return disp;
        }
    }
}
