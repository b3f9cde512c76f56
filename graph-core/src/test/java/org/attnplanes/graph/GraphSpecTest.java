package org.attnplanes.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GraphSpecTest {

    @ParameterizedTest
    @ValueSource(ints = {0, -1, -8})
    void topK_nonPositive_failsNamingValue(int k) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphSpec.builder().topK(k));
        assertEquals("topK = " + k + " must be > 0", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, 1.0000001, Double.NaN, Double.POSITIVE_INFINITY})
    void cumulativeMass_outsideUnitInterval_failsNamingValue(double p) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphSpec.builder().cumulativeMass(p));
        assertEquals("cumulativeMass p = " + p + " must be in (0, 1]", e.getMessage());
    }

    @Test
    void cumulativeMass_one_isAccepted() {
        assertEquals(1.0, GraphSpec.builder().cumulativeMass(1.0).build().cumulativeMass().getAsDouble());
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, -0.1, 1.5})
    void threshold_outsideUnitInterval_failsNamingValue(double t) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphSpec.builder().threshold(t));
        assertEquals("threshold = " + t + " must be in [0, 1]", e.getMessage());
    }

    @Test
    void head_negative_failsNamingValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphSpec.builder().head(-2));
        assertEquals("head = -2 must be >= 0", e.getMessage());
    }

    @Test
    void headReduction_single_failsPointingToHead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphSpec.builder().headReduction(HeadReduction.SINGLE));
        assertEquals("headReduction = SINGLE needs a head index: use head(h)", e.getMessage());
    }

    @Test
    void logEpsilon_zero_failsNamingValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphSpec.builder().logEpsilon(0));
        assertEquals("logEpsilon = 0.0 must be finite and > 0", e.getMessage());
    }

    @Test
    void planeSpacing_nan_failsNamingValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphSpec.builder().planeSpacing(Double.NaN));
        assertEquals("planeSpacing = NaN must be finite and > 0", e.getMessage());
    }

    @Test
    void links_classifier_failsPointingToClassifierSwitch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphSpec.builder().links(LinkKind.RESIDUAL, LinkKind.CLASSIFIER));
        assertEquals("links = CLASSIFIER is not a link between layers: use classifier(true)", e.getMessage());
    }

    @Test
    void classLabels_negativeIndex_failsNamingValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphSpec.builder().classLabels(Map.of(-1, "neg")));
        assertEquals("class label index = -1 must be >= 0", e.getMessage());
    }

    @Test
    void settings_everyChoice_appearsWithGraphPrefix() {
        GraphSpec spec = GraphSpec.builder().layers(LayerSelection.range(1, 3)).head(2)
                .symmetrization(Symmetrization.MAX).normalization(Normalization.LOG).logEpsilon(1e-3)
                .threshold(0.25).topK(5).cumulativeMass(0.9).keepSpecialTokens(false).mergeWords(true)
                .links(LinkKind.RESIDUAL, LinkKind.ROLLOUT).layout(LayoutKind.MDS).planeSpacing(2).seed(7)
                .alignPlanes(false).build();
        Map<String, String> s = spec.settings();
        assertEquals("1..3", s.get("graph.layers"));
        assertEquals("head 2", s.get("graph.head_reduction"));
        assertEquals("MAX", s.get("graph.symmetrization"));
        assertEquals("LOG", s.get("graph.normalization"));
        assertEquals("0.001", s.get("graph.log_epsilon"));
        assertEquals("0.25", s.get("graph.threshold"));
        assertEquals("5", s.get("graph.top_k"));
        assertEquals("0.9", s.get("graph.cumulative_mass"));
        assertEquals("drop", s.get("graph.special_tokens"));
        assertEquals("true", s.get("graph.word_merging"));
        assertEquals("[RESIDUAL, ROLLOUT]", s.get("graph.links"));
        assertEquals("MDS", s.get("graph.layout"));
        assertEquals("2.0", s.get("graph.plane_spacing"));
        assertEquals("7", s.get("graph.seed"));
        assertEquals("false", s.get("graph.align_planes"));
    }

    @Test
    void toBuilder_roundTrip_equalSpec() {
        GraphSpec spec = GraphSpec.builder().layers(0, 2).topK(3).layout(LayoutKind.CIRCLE)
                .classLabels(Map.of(0, "neg", 1, "pos")).build();
        assertEquals(spec, spec.toBuilder().build());
        assertEquals(spec.hashCode(), spec.toBuilder().build().hashCode());
    }
}
