package org.attnplanes.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LayerSelectionTest {

    @Test
    void resolve_all_everyLayer() {
        assertArrayEquals(new int[] {0, 1, 2}, LayerSelection.all().resolve(3));
    }

    @Test
    void resolve_range_inclusiveBounds() {
        assertArrayEquals(new int[] {2, 3, 4}, LayerSelection.range(2, 4).resolve(12));
        assertEquals("2..4", LayerSelection.range(2, 4).toString());
    }

    @Test
    void resolve_list_keepsOrder() {
        assertArrayEquals(new int[] {0, 5, 11}, LayerSelection.of(0, 5, 11).resolve(12));
        assertEquals("0,5,11", LayerSelection.of(0, 5, 11).toString());
    }

    @Test
    void resolve_layerBeyondTrace_failsNamingLayerAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerSelection.of(3, 12).resolve(12));
        assertEquals("layer = 12 is outside [0, 11] (the trace has 12 layers)", e.getMessage());
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
                () -> LayerSelection.range(10, 13).resolve(12));
        assertEquals("layer = 12 is outside [0, 11] (the trace has 12 layers)", r.getMessage());
    }

    @Test
    void of_notIncreasing_failsNamingList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerSelection.of(3, 1));
        assertEquals("layers [3, 1] must be strictly increasing", e.getMessage());
    }

    @Test
    void of_negative_failsNamingValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerSelection.of(-1));
        assertEquals("layer = -1 must be >= 0", e.getMessage());
    }

    @Test
    void range_reversed_failsNamingBounds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerSelection.range(5, 2));
        assertEquals("layer range 5..2 must satisfy 0 <= from <= to", e.getMessage());
    }
}
