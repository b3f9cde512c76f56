package org.attnplanes.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NamedTensorTest {

    @Test
    void of_shapeMismatch_failsNamingShapeAndCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NamedTensor.of("logits", new long[] {1, 3}, new float[2]));
        assertEquals("tensor \"logits\": shape [1, 3] holds 3 elements but data has 2", e.getMessage());
    }

    @Test
    void accessors_returnCopies() {
        long[] shape = {2};
        float[] data = {1f, 2f};
        NamedTensor t = NamedTensor.of("x", shape, data);
        shape[0] = 9;
        data[0] = 9f;
        t.data()[1] = 7f;
        assertArrayEquals(new long[] {2}, t.shape());
        assertArrayEquals(new float[] {1f, 2f}, t.data());
        assertEquals(2, t.size());
    }
}
