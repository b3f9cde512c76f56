package org.attnplanes.model.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input classification: the exporters' key/value cache name variants and their empty shapes. */
class InputFeedsTest {

    private static final List<Long> CACHE = List.of(-1L, 2L, -1L, 8L);

    @Test
    void cacheNameVariants_areFedEmpty() {
        for (String name : List.of("past_key_values.0.key", "past_key_values.11.value", "past_key_values.0.decoder.key",
                "past_key_values.3.decoder.value", "past.0.key", "past.5.value", "past_key.0", "past_value_4")) {
            InputFeeds.Feed f = InputFeeds.classify(name, CACHE);
            assertEquals(InputFeeds.Kind.EMPTY_CACHE, f == null ? null : f.kind(), name);
            assertArrayEquals(new long[] {3, 2, 0, 8}, f.emptyShape(3), name);
        }
        // ORT's GPT-2 layout: K and V stacked, [2, batch, heads, past, head_dim]
        InputFeeds.Feed stacked = InputFeeds.classify("past_0", List.of(2L, -1L, 4L, -1L, 8L));
        assertArrayEquals(new long[] {2, 1, 4, 0, 8}, stacked.emptyShape(1));
        assertEquals("past_key_values.0.key ← empty (past length 0) [batch, 2, 0, 8]",
                InputFeeds.classify("past_key_values.0.key", CACHE).describe());
    }

    @Test
    void tokenInputs_andCachePosition() {
        assertEquals(InputFeeds.Kind.TOKEN_IDS, InputFeeds.classify("input_ids", List.of(-1L, -1L)).kind());
        assertEquals(InputFeeds.Kind.ATTENTION_MASK, InputFeeds.classify("attention_mask", List.of(-1L, -1L)).kind());
        assertEquals(InputFeeds.Kind.POSITION_IDS, InputFeeds.classify("position_ids", List.of(-1L, -1L)).kind());
        assertEquals(InputFeeds.Kind.CACHE_POSITION, InputFeeds.classify("cache_position", List.of(-1L)).kind());
        assertEquals(InputFeeds.Kind.PIXEL_VALUES, InputFeeds.classify("pixel_values", List.of(-1L, 3L, 224L, 224L))
                .kind());
    }

    @Test
    void unfeedable_crossAttentionCacheAndUndeclaredShapes_areRefused() {
        assertNull(InputFeeds.classify("past_key_values.0.encoder.key", CACHE));      // needs the encoder's output
        assertNull(InputFeeds.classify("encoder_hidden_states", List.of(-1L, -1L, 32L)));
        assertNull(InputFeeds.classify("past_key_values.0.key", List.of(-1L, -1L, -1L, -1L)));
        assertNull(InputFeeds.classify("pixel_values", List.of(-1L, -1L)));              // not an image tensor
        String m = InputFeeds.refusal("m.onnx", List.of("input_ids", "past_key_values.0.key"),
                List.of("past_key_values.0.key"), true);
        assertTrue(m.startsWith("m.onnx has inputs [input_ids, past_key_values.0.key] but model-io can feed only"), m);
        assertTrue(m.contains("cannot feed [past_key_values.0.key] (declare their shapes"), m);
        assertNull(InputFeeds.refusal("m.onnx", List.of("input_ids"), List.of(), true));
    }

    @Test
    void cacheOutputs_areRecognised() {
        for (String name : List.of("present.0.key", "present.1.value", "present_3", "present.0.decoder.key", "present")) {
            assertTrue(InputFeeds.isCacheOutput(name), name);
        }
        for (String name : List.of("logits", "last_hidden_state", "presentation")) {
            assertFalse(InputFeeds.isCacheOutput(name), name);
        }
    }
}
