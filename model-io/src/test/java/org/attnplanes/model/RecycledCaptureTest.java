package org.attnplanes.model;

import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.PlanePool;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AttentionModel#capture(List, Cancellation, java.util.function.Consumer)} on the real all-MiniLM-L6-v2: each
 * trace equals the allocating capture's bit for bit (planes, tokens, outputs, provenance), over seeded batches of
 * mixed lengths whose recycled arrays held other inputs' planes; planes are released once the consumer returns, also
 * when it throws.
 */
class RecycledCaptureTest extends MiniLmTestBase {

    @Test
    void recycledTraces_equalAllocatingCapture_overSeededMixedBatches() {
        Random r = new Random(1_605L);
        PlanePool pool = model.planePool();
        long planes = 0;
        long before = pool.allocatedArrays() + pool.reusedArrays();
        for (int round = 0; round < 12; round++) {
            int batch = 1 + r.nextInt(4);
            List<String> texts = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
                texts.add(text(r, 1 + r.nextInt(round % 3 == 0 ? 40 : 12)));
            }
            List<AttentionTrace> expected = model.capture(texts);
            List<AttentionTrace> seen = new ArrayList<>();
            model.capture(texts, null, t -> {
                AttentionTrace e = expected.get(seen.size());
                assertEquals(e.text(), t.text());
                assertEquals(e.tokens(), t.tokens());
                assertEquals(e.provenance(), t.provenance());
                assertArrayEquals(e.toArray(), t.toArray(), "round " + texts);
                assertEquals(e.outputs().keySet(), t.outputs().keySet());
                e.outputs().forEach((name, x) -> assertArrayEquals(x.data(), t.outputs().get(name).data()));
                for (int l = 0; l < t.layers(); l++) {
                    for (int h = 0; h < t.heads(); h++) {
                        assertEquals(e.attention(l, h), t.attention(l, h));
                    }
                }
                seen.add(t);
            });
            assertEquals(batch, seen.size());
            for (AttentionTrace t : seen) {
                IllegalStateException gone = assertThrows(IllegalStateException.class, () -> t.weight(0, 0, 0, 0));
                assertTrue(gone.getMessage().contains("released"), gone.getMessage());
                assertEquals(expected.get(0).tokenCount() > 0, t.tokenCount() > 0, "tokens stay readable");
            }
            planes += (long) batch * model.layers() * model.heads();
        }
        long made = pool.allocatedArrays() + pool.reusedArrays() - before;
        assertEquals(planes, made, "every recycled plane came from the pool");
        assertTrue(pool.reusedArrays() > planes / 2, "reused " + pool.reusedArrays() + " of " + planes);
    }

    @Test
    void consumerThrows_restOfTheBatchIsReleasedToo_andTheExceptionPropagates() {
        List<String> texts = List.of("The cat sat.", "A dog ran to the river.", "Light.");
        List<AttentionTrace> seen = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("consumer failed");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.capture(texts, null, t -> {
            seen.add(t);
            throw boom;
        }));
        assertSame(boom, e);
        assertEquals(1, seen.size());
        assertThrows(IllegalStateException.class, () -> seen.get(0).attention(0, 0).toArray());
        // the model keeps capturing correctly afterwards
        List<AttentionTrace> expected = model.capture(texts);
        int[] k = {0};
        model.capture(texts, null, t -> assertArrayEquals(expected.get(k[0]++).toArray(), t.toArray()));
        assertEquals(3, k[0]);
    }

    @Test
    void badInput_failsBeforeTheConsumerIsCalled() {
        List<AttentionTrace> seen = new ArrayList<>();
        assertThrows(IllegalArgumentException.class,
                () -> model.capture(List.of("Fine.", " "), null, seen::add));
        assertEquals(List.of(), seen);
        assertThrows(NullPointerException.class, () -> model.capture(List.of("Fine."), null, null));
    }
}
