package org.attnplanes.app.cli;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.GraphSpec;
import org.attnplanes.render.scene.Legend;
import org.attnplanes.render.scene.Scene;

/**
 * Readable defaults for figures of long inputs (render, compare-encodings): from {@link #LONG_INPUT} tokens on,
 * unless the user chose a pruning, only the {@link #TOP_K} strongest edges per token are kept and, unless the
 * user chose the links, the residual links (one per token and layer, a grey wall at that length) are left out;
 * the legend says what was hidden. Token labels are thinned by the painter, which says so in the legend too.
 */
final class LongInputs {

    /** Inputs of at least this many tokens get {@link #TOP_K} unless the user chose a pruning. */
    static final int LONG_INPUT = 256;
    /** Edges kept per token for long inputs by default. */
    static final int TOP_K = 3;

    private LongInputs() {
    }

    /**
     * The graph spec for a figure of this trace, and the legend note saying what the defaults hid (null when
     * nothing was changed).
     */
    record Adjusted(GraphSpec spec, String note) {
    }

    static Adjusted adjust(AttentionTrace trace, GraphSpec spec, ViewOptions view) {
        if (trace.tokenCount() < LONG_INPUT || view.pruningGiven()) {
            return new Adjusted(spec, null);
        }
        GraphSpec.Builder b = spec.toBuilder().topK(TOP_K);
        if (!view.linksGiven()) {
            b.links();
        }
        String note = "auto: top-" + TOP_K + " edges per token for " + trace.tokenCount() + " tokens (≥ " + LONG_INPUT
                + "; give --top-k, --mass or --threshold to choose)"
                + (view.linksGiven() ? "" : ", residual links hidden (--links to show)");
        return new Adjusted(b.build(), note);
    }

    /** The scene with one more legend line (and the note in its provenance); the scene itself when note is null. */
    static Scene withNote(Scene s, String note) {
        if (note == null) {
            return s;
        }
        Legend l = s.legend();
        java.util.List<String> extra = new java.util.ArrayList<>(l.extra());
        extra.add(note);
        return new Scene(s.title(), s.nodes(), s.edges(), s.links(), s.planes(),
                new Legend(l.encoding(), l.normalization(), l.scale(), extra, l.colourBar()),
                s.camera(), s.provenance().with("render.note", note));
    }
}
