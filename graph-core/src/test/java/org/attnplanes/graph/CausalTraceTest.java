package org.attnplanes.graph;

import org.attnplanes.graph.generate.SoftmaxTraceGenerator;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A causal trace (lower-triangular planes, provenance causal = true) and how graphs state its symmetrization. */
class CausalTraceTest {

    /** Random causal softmax rows: row i spreads its mass over keys 0 … i. */
    static AttentionTrace causalTrace(long seed, int n, boolean flag) {
        Random r = new Random(seed);
        float[] data = SoftmaxTraceGenerator.softmaxRows(n, 1, true, r);
        Provenance p = Provenance.synthetic("causal seed " + seed);
        if (flag) {
            p = p.with(AttentionTrace.CAUSAL, "true");
        }
        return AttentionTrace.fromArray("", SyntheticTraces.tokens(n), 1, 1, data, null, new LinkedHashMap<>(), p);
    }

    @Test
    void causalTrace_graphProvenanceStatesTheSymmetrization() {
        AttentionTrace t = causalTrace(3, 6, true);
        assertTrue(t.causal());
        for (Symmetrization s : Symmetrization.values()) {
            MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.builder().symmetrization(s).build());
            String stated = g.provenance().toMap().get(GraphBuilder.CAUSAL_PLANES);
            assertEquals("true", g.provenance().toMap().get("causal"));
            assertTrue(stated.startsWith("lower-triangular (causal)"), stated);
            assertTrue(stated.contains(s == Symmetrization.DIRECTED ? "directed"
                    : s.name().toLowerCase(java.util.Locale.ROOT) + " symmetrization"), stated);
        }
    }

    @Test
    void bidirectionalTrace_hasNoCausalStatement() {
        AttentionTrace t = causalTrace(4, 5, false);
        assertFalse(t.causal());
        MultiPlanarGraph g = MultiPlanarGraph.build(t, GraphSpec.defaults());
        assertNull(g.provenance().toMap().get(GraphBuilder.CAUSAL_PLANES));
    }
}
