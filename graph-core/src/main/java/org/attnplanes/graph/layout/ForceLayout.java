package org.attnplanes.graph.layout;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.attnplanes.graph.EdgeList;
import org.attnplanes.graph.Plane;
import org.jgrapht.Graph;
import org.jgrapht.alg.drawing.FRLayoutAlgorithm2D;
import org.jgrapht.alg.drawing.model.Box2D;
import org.jgrapht.alg.drawing.model.LayoutModel2D;
import org.jgrapht.alg.drawing.model.MapLayoutModel2D;
import org.jgrapht.alg.drawing.model.Point2D;
import org.jgrapht.graph.DefaultWeightedEdge;

/**
 * Weighted Fruchterman–Reingold layout (JGraphT {@link FRLayoutAlgorithm2D}, exact O(n²) repulsion per
 * iteration) of a plane's kept edges ({@link Plane#asGraph()}): the attractive
 * force along an edge is multiplied by its normalized weight, so strongly related tokens end up close.
 * Prune dense planes (top-k) first: every kept edge is visited in every iteration. Seeded: the same seed, plane index and plane give the same layout.
 * The result is centred and scaled so that the farthest node lies on the unit circle.
 */
public final class ForceLayout implements PlaneLayout {

    /** Default number of Fruchterman–Reingold iterations. */
    public static final int DEFAULT_ITERATIONS = 100;

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
        new WeightedFr(iterations, rng, plane.edges(), n).layout(graph, model);
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

    /** Fruchterman–Reingold with attraction scaled by edge weight, read from the primitive edge list. */
    private static final class WeightedFr extends FRLayoutAlgorithm2D<Integer, DefaultWeightedEdge> {

        private final int n;
        private final int[] sources;
        private final int[] targets;
        private final double[] weights;

        WeightedFr(int iterations, Random rng, EdgeList edges, int n) {
            // JGraphT's Barnes–Hut variant (IndexedFRLayoutAlgorithm2D) is not used: its quadtree never
            // terminates when two nodes share a position (e.g. clamped to the same corner of the frame)
            super(iterations, FRLayoutAlgorithm2D.DEFAULT_NORMALIZATION_FACTOR, rng);
            this.n = n;
            int m = edges.size();
            sources = new int[m];
            targets = new int[m];
            weights = new double[m];
            for (int k = 0; k < m; k++) {
                sources[k] = edges.source(k);
                targets[k] = edges.target(k);
                weights[k] = Math.max(0, edges.weight(k));
            }
        }

        @Override
        protected Map<Integer, Point2D> calculateAttractiveForces(Graph<Integer, DefaultWeightedEdge> graph,
                                                                  LayoutModel2D<Integer> model) {
            double[] x = new double[n];
            double[] y = new double[n];
            for (int v = 0; v < n; v++) {
                Point2D p = model.get(v);
                x[v] = p.getX();
                y[v] = p.getY();
            }
            double[] fx = new double[n];
            double[] fy = new double[n];
            for (int k = 0; k < sources.length; k++) {
                int v = sources[k];
                int u = targets[k];
                double dx = x[v] - x[u];
                double dy = y[v] - y[u];
                double len = Math.sqrt(dx * dx + dy * dy);
                if (len < 1e-12) {
                    continue;
                }
                double f = weights[k] * attractiveForce(len) / len;
                fx[v] -= dx * f;
                fy[v] -= dy * f;
                fx[u] += dx * f;
                fy[u] += dy * f;
            }
            Map<Integer, Point2D> disp = new HashMap<>(2 * n);
            for (int v = 0; v < n; v++) {
                disp.put(v, Point2D.of(fx[v], fy[v]));
            }
            return disp;
        }
    }
}
