package org.attnplanes.topology.filtration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.attnplanes.graph.AttentionMatrix;
import org.junit.jupiter.api.Test;

class FiltrationTest {

    private static final AttentionMatrix A = AttentionMatrix.of(new float[][] {
        {0.5f, 0.3f, 0.2f},
        {0.1f, 0.8f, 0.1f},
        {0.6f, 0.0f, 0.4f}});

    @Test
    void fromWeights_directed_usesMaxOfBothDirectionsAndIgnoresDiagonal() {
        Filtration f = Filtration.fromWeights(A);
        assertEquals(1f - 0.3f, f.value(0, 1));
        assertEquals(1f - 0.6f, f.value(0, 2));
        assertEquals(1f - 0.1f, f.value(2, 1));
        assertEquals(0f, f.value(1, 1));
        assertEquals(3, f.edgeCount());
    }

    @Test
    void fromWeights_minWeight_dropsWeakEdgesInWeightDomain() {
        Filtration f = Filtration.fromWeights(A, 0.3f);
        assertEquals(1f - 0.3f, f.value(0, 1), "w = 0.3 >= minWeight stays");
        assertEquals(Float.POSITIVE_INFINITY, f.value(1, 2));
        assertEquals(2, f.edgeCount());
    }

    @Test
    void withThreshold_edgesAboveNeverEnter() {
        Filtration f = Filtration.fromWeights(A).withThreshold(0.5f);
        assertEquals(Float.POSITIVE_INFINITY, f.value(0, 1));
        assertEquals(1f - 0.6f, f.value(0, 2));
        assertEquals(1, f.edgeCount());
    }

    @Test
    void fromWeights_weightAboveOne_messageNamesEntry() {
        AttentionMatrix bad = AttentionMatrix.of(new float[][] {{0, 1.5f}, {0, 0}});
        assertEquals("weight(0, 1) = 1.5 is outside [0, 1]; a filtration 1 - w needs weights in [0, 1]",
                assertThrows(IllegalArgumentException.class, () -> Filtration.fromWeights(bad)).getMessage());
    }

    @Test
    void withThreshold_negative_rejected() {
        assertEquals("threshold = -1.0 must be >= 0 (or +inf for none)",
                assertThrows(IllegalArgumentException.class, () -> Filtration.fromWeights(A).withThreshold(-1f))
                        .getMessage());
    }

    @Test
    void distanceMatrix_badValues_messagesNameEntry() {
        assertEquals("distance d[2][1] = -1.0 is negative; distances must be in [0, +inf]",
                assertThrows(IllegalArgumentException.class,
                        () -> DistanceMatrix.fromLowerTriangular(3, new float[] {1, 2, -1})).getMessage());
        assertEquals("distance d[1][0] = NaN is NaN; distances must be in [0, +inf]",
                assertThrows(IllegalArgumentException.class,
                        () -> DistanceMatrix.fromLowerTriangular(2, new float[] {Float.NaN})).getMessage());
        assertEquals("matrix is not symmetric: d[1][0] = 1.0 but d[0][1] = 2.0",
                assertThrows(IllegalArgumentException.class,
                        () -> DistanceMatrix.fromFull(new float[][] {{0, 2}, {1, 0}})).getMessage());
        assertEquals("row 1 has 1 values; a square matrix with 2 rows needs 2",
                assertThrows(IllegalArgumentException.class,
                        () -> DistanceMatrix.fromFull(new float[][] {{0, 2}, {1}})).getMessage());
        assertEquals("lower triangle has 2 values; 3 points need size(size-1)/2 = 3",
                assertThrows(IllegalArgumentException.class,
                        () -> DistanceMatrix.fromLowerTriangular(3, new float[] {1, 2})).getMessage());
    }

    @Test
    void enclosingRadius_minOverRowsOfMax() {
        DistanceMatrix d = DistanceMatrix.fromFull(new float[][] {{0, 1, 4}, {1, 0, 2}, {4, 2, 0}});
        assertEquals(2f, d.enclosingRadius());
    }
}
