package org.attnplanes.app.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.render.scene.EdgeSegment;
import org.attnplanes.render.scene.Legend;
import org.attnplanes.render.scene.Scene;

/**
 * Readable defaults for figures of long inputs (render, compare-encodings, compare): from {@link #LONG_INPUT}
 * tokens on, unless the user chose a pruning, only the {@link #TOP_K} strongest edges per token are drawn and,
 * unless the user chose the links, the residual links (one per token and layer, a grey wall at that length) are
 * left out; the legend says what was hidden. Token labels are thinned by the painter, which says so in the legend
 * too. These defaults only change what a figure draws: commands that also write numbers (compare) compute them on
 * the graph the user asked for.
 */
public final class LongInputs {

    /** Inputs of at least this many tokens get {@link #TOP_K} unless the user chose a pruning. */
    public static final int LONG_INPUT = 256;
    /** Edges kept per token for long inputs by default. */
    public static final int TOP_K = 3;

    private LongInputs() {
    }

    /**
     * What the user chose on the command line (or in the GUI): the defaults never override a choice.
     *
     * @param pruningGiven whether a pruning was chosen (--top-k, --mass or --threshold)
     * @param linksGiven   whether the links were chosen (--links)
     */
    public record Choices(boolean pruningGiven, boolean linksGiven) {
    }

    /**
     * The graph spec for a figure of this trace, and the legend note saying what the defaults hid (null when
     * nothing was changed).
     */
    public record Adjusted(GraphSpec spec, String note) {
    }

    /** Whether a trace of this many tokens gets the defaults under these choices. */
    public static boolean applies(int tokens, Choices choices) {
        return tokens >= LONG_INPUT && !choices.pruningGiven();
    }

    /** The figure spec of a long input: top-{@link #TOP_K} and, unless chosen, no links. */
    public static Adjusted adjust(AttentionTrace trace, GraphSpec spec, Choices choices) {
        if (!applies(trace.tokenCount(), choices)) {
            return new Adjusted(spec, null);
        }
        GraphSpec.Builder b = spec.toBuilder().topK(TOP_K);
        if (!choices.linksGiven()) {
            b.links();
        }
        String note = "auto: top-" + TOP_K + " edges per token for " + trace.tokenCount() + " tokens (≥ " + LONG_INPUT
                + "; give --top-k, --mass or --threshold to choose)"
                + (choices.linksGiven() ? "" : ", residual links hidden (--links to show)");
        return new Adjusted(b.build(), note);
    }

    /**
     * The spec a difference figure of a long input is built from: the user's spec without links unless chosen
     * (its edges are thinned afterwards by {@link #strongestPerToken}, by |Δw| rather than by weight).
     */
    public static GraphSpec differenceSpec(int tokens, GraphSpec spec, Choices choices) {
        return applies(tokens, choices) && !choices.linksGiven() ? spec.toBuilder().links().build() : spec;
    }

    /**
     * The scene with only the {@code k} edges of largest |weight| at each token of each plane (an edge stays
     * when it is among the {@code k} strongest of either end; ties by plane order), for a display-only thinning
     * of a difference figure, where the weight is the signed Δw. Nodes, planes, links, legend and camera are kept.
     */
    public static Scene strongestPerToken(Scene s, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k = " + k + " must be ≥ 1");
        }
        // per (plane, node): the k largest |w| of its incident edges, as edge indices
        Map<Long, List<Integer>> incident = new HashMap<>();
        List<EdgeSegment> edges = s.edges();
        for (int e = 0; e < edges.size(); e++) {
            EdgeSegment x = edges.get(e);
            incident.computeIfAbsent(key(x.plane(), x.source()), q -> new ArrayList<>()).add(e);
            if (x.target() != x.source()) {
                incident.computeIfAbsent(key(x.plane(), x.target()), q -> new ArrayList<>()).add(e);
            }
        }
        boolean[] keep = new boolean[edges.size()];
        for (List<Integer> list : incident.values()) {
            Integer[] idx = list.toArray(new Integer[0]);
            Arrays.sort(idx, (p, q) -> {
                int c = Float.compare(Math.abs(edges.get(q).weight()), Math.abs(edges.get(p).weight()));
                return c != 0 ? c : Integer.compare(p, q);
            });
            for (int i = 0; i < Math.min(k, idx.length); i++) {
                keep[idx[i]] = true;
            }
        }
        List<EdgeSegment> kept = new ArrayList<>();
        for (int e = 0; e < edges.size(); e++) {
            if (keep[e]) {
                kept.add(edges.get(e));
            }
        }
        return new Scene(s.title(), s.nodes(), kept, s.links(), s.planes(), s.legend(), s.camera(), s.provenance(),
                s.images());
    }

    private static long key(int plane, int node) {
        return ((long) plane << 32) | (node & 0xffffffffL);
    }

    /** The scene with one more legend line (and the note in its provenance); the scene itself when note is null. */
    public static Scene withNote(Scene s, String note) {
        if (note == null) {
            return s;
        }
        Legend l = s.legend();
        List<String> extra = new ArrayList<>(l.extra());
        extra.add(note);
        String before = s.provenance().settings().get("render.note");
        return new Scene(s.title(), s.nodes(), s.edges(), s.links(), s.planes(),
                new Legend(l.encoding(), l.normalization(), l.scale(), extra, l.colourBar()),
                s.camera(), s.provenance().with("render.note", before == null ? note : before + "; " + note),
                s.images());
    }
}
