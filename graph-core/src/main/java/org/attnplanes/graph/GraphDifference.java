package org.attnplanes.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Internal: the signed difference of two graphs over identical tokens (see {@link MultiPlanarGraph#difference}). */
final class GraphDifference {

    private GraphDifference() {
    }

    static MultiPlanarGraph of(MultiPlanarGraph a, MultiPlanarGraph b) {
        List<Token> ta = a.tokens();
        List<Token> tb = b.tokens();
        if (ta.size() != tb.size()) {
            throw new IllegalArgumentException("difference needs identical tokens: the first graph has "
                    + ta.size() + " tokens, the second " + tb.size());
        }
        for (int i = 0; i < ta.size(); i++) {
            if (!ta.get(i).text().equals(tb.get(i).text())) {
                throw new IllegalArgumentException("difference needs identical tokens: token " + i + " is \""
                        + ta.get(i).text() + "\" in the first graph but \"" + tb.get(i).text() + "\" in the second");
            }
        }
        if (a.planes().size() != b.planes().size()) {
            throw new IllegalArgumentException("difference needs the same planes: the first graph has "
                    + a.planes().size() + " planes, the second " + b.planes().size());
        }
        if (a.classifier().isPresent() != b.classifier().isPresent()) {
            throw new IllegalArgumentException("difference needs both graphs with or without a classifier plane");
        }
        int n = ta.size();
        List<Plane> planes = new ArrayList<>();
        for (int p = 0; p < a.planes().size(); p++) {
            Plane pa = a.planes().get(p);
            Plane pb = b.planes().get(p);
            if (pa.layer() != pb.layer() || !pa.headLabel().equals(pb.headLabel())
                    || pa.directed() != pb.directed() || pa.block() != pb.block()
                    || pa.targetCount() != pb.targetCount()) {
                throw new IllegalArgumentException("difference needs the same planes: plane " + p + " is layer "
                        + pa.layer() + " head " + pa.headLabel() + (pa.directed() ? " directed" : "")
                        + " in the first graph but layer " + pb.layer() + " head " + pb.headLabel()
                        + (pb.directed() ? " directed" : "") + " in the second");
            }
            boolean directed = pa.directed();
            planes.add(new Plane(p, pa.layer(), pa.headLabel(), pa.head().orElse(-1), n, directed,
                    new DifferenceWeights(pa, pb), w -> unionEdges(pa.edges(), pb.edges(), n, directed, w), pa.block(),
                    pa.targetCount()));
        }
        Map<Long, float[]> weights = new LinkedHashMap<>();
        Map<Long, Link> shape = new LinkedHashMap<>();
        for (Link l : a.links()) {
            long key = key(l, n);
            shape.putIfAbsent(key, l);
            weights.computeIfAbsent(key, k -> new float[1])[0] += l.weight();
        }
        for (Link l : b.links()) {
            long key = key(l, n);
            shape.putIfAbsent(key, l);
            weights.computeIfAbsent(key, k -> new float[1])[0] -= l.weight();
        }
        List<Link> links = new ArrayList<>(shape.size());
        shape.forEach((key, l) -> links.add(new Link(l.fromPlane(), l.fromNode(), l.toPlane(), l.toNode(),
                weights.get(key)[0], l.kind())));
        Provenance prov = a.provenance()
                .with("difference.minus.model", b.provenance().modelFile())
                .with("difference.minus.model_sha256", b.provenance().modelSha256())
                .with("difference.minus.input_sha256", b.provenance().inputSha256());
        return new MultiPlanarGraph(a.spec(), prov, ta, planes, links, a.layout(), a.classifier().orElse(null), true);
    }

    private static long key(Link l, int n) {
        int nodes = Math.max(n, 1 << 12);
        long k = l.kind().ordinal();
        k = k * 4096 + l.fromPlane();
        k = k * 4096 + l.toPlane();
        k = k * nodes + l.fromNode();
        return k * nodes + l.toNode();
    }

    private static EdgeList unionEdges(EdgeList x, EdgeList y, int n, boolean directed, PlaneWeights w) {
        boolean[] kept = new boolean[n * n];
        for (int k = 0; k < x.size(); k++) {
            kept[x.source(k) * n + x.target(k)] = true;
        }
        for (int k = 0; k < y.size(); k++) {
            kept[y.source(k) * n + y.target(k)] = true;
        }
        IntList s = new IntList(x.size() + y.size());
        IntList t = new IntList(x.size() + y.size());
        for (int i = 0; i < n; i++) {
            for (int j = directed ? 0 : i + 1; j < n; j++) {
                if (kept[i * n + j]) {
                    s.add(i);
                    t.add(j);
                }
            }
        }
        return new EdgeList(s.size(), s.array(), t.array(), w);
    }
}
