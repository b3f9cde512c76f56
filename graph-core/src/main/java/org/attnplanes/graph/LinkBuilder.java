package org.attnplanes.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Internal: the links between consecutive planes of each chain (see {@link LinkKind} for their weights).
 * Matrix links (ATTENTION, ROLLOUT, VALUE_WEIGHTED) from (p, j) to (q, i) carry M[i][j] of plane q's layer;
 * links of weight ≤ {@link GraphSpec#linkThreshold()} (and of weight 0) are left out, and with top-k each
 * target keeps its k strongest incoming links of each kind (ties to the lower index).
 */
final class LinkBuilder {

    private final GraphBuilder builder;
    private final GraphSpec spec;
    private final List<Plane> planes;
    private final int n;

    LinkBuilder(GraphBuilder builder, GraphSpec spec, List<Plane> planes, int n) {
        this.builder = builder;
        this.spec = spec;
        this.planes = planes;
        this.n = n;
    }

    List<Link> build(int[][] chains) {
        List<Link> links = new ArrayList<>();
        for (int[] chain : chains) {
            Rollout rollout = spec.links().contains(LinkKind.ROLLOUT) ? new Rollout(headOf(chain[0])) : null;
            for (int t = 0; t + 1 < chain.length; t++) {
                int p = chain[t];
                int q = chain[t + 1];
                for (LinkKind kind : spec.links()) {
                    switch (kind) {
                        case RESIDUAL:
                            for (int i = 0; i < n; i++) {
                                links.add(new Link(p, i, q, i, 1f, LinkKind.RESIDUAL));
                            }
                            break;
                        case ATTENTION:
                            addMatrix(links, p, q, planes.get(q).weights()::attention, kind);
                            break;
                        case ROLLOUT: {
                            double[] r = rollout.upTo(planes.get(q).layer());
                            addMatrix(links, p, q, (i, j) -> (float) r[i * n + j], kind);
                            break;
                        }
                        case VALUE_WEIGHTED: {
                            float[] v = builder.reduce(planes.get(q).layer(), headOf(q), true);
                            addMatrix(links, p, q, (i, j) -> v[i * n + j], kind);
                            break;
                        }
                        default:
                            throw new IllegalStateException("link kind " + kind);
                    }
                }
            }
        }
        return links;
    }

    private int headOf(int plane) {
        return planes.get(plane).head().orElse(-1);
    }

    interface Matrix {
        float at(int i, int j);
    }

    private void addMatrix(List<Link> links, int p, int q, Matrix m, LinkKind kind) {
        int k = spec.topK().orElse(0);
        float threshold = (float) spec.linkThreshold();
        int[] idx = new int[Math.max(k, 1)];
        float[] val = new float[Math.max(k, 1)];
        for (int i = 0; i < n; i++) {
            if (k == 0) {
                for (int j = 0; j < n; j++) {
                    float w = m.at(i, j);
                    if (w > threshold && w > 0f) {
                        links.add(new Link(p, j, q, i, w, kind));
                    }
                }
                continue;
            }
            int count = 0;
            for (int j = 0; j < n; j++) {
                float w = m.at(i, j);
                if (!(w > threshold && w > 0f) || (count == k && !(w > val[k - 1]))) {
                    continue;
                }
                int pos = count < k ? count++ : k - 1;
                while (pos > 0 && w > val[pos - 1]) {
                    idx[pos] = idx[pos - 1];
                    val[pos] = val[pos - 1];
                    pos--;
                }
                idx[pos] = j;
                val[pos] = w;
            }
            for (int c = 0; c < count; c++) {
                links.add(new Link(p, idx[c], q, i, val[c], kind));
            }
        }
    }

    /** Rollout R_l = Ã_l · … · Ã_0 with Ã = ½A + ½I, computed incrementally in double precision. */
    private final class Rollout {
        private final int head;
        private double[] r;
        private int layer = -1;

        Rollout(int head) {
            this.head = head;
        }

        double[] upTo(int target) {
            while (layer < target) {
                layer++;
                float[] a = builder.reduce(layer, head, false);
                double[] at = new double[n * n];
                for (int x = 0; x < at.length; x++) {
                    at[x] = 0.5 * a[x];
                }
                for (int i = 0; i < n; i++) {
                    at[i * n + i] += 0.5;
                }
                r = r == null ? at : multiply(at, r);
            }
            return r;
        }

        private double[] multiply(double[] x, double[] y) {
            double[] out = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    double v = x[i * n + k];
                    if (v == 0) {
                        continue;
                    }
                    int yk = k * n;
                    int oi = i * n;
                    for (int j = 0; j < n; j++) {
                        out[oi + j] += v * y[yk + j];
                    }
                }
            }
            return out;
        }
    }
}
