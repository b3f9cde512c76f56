package org.attnplanes.model;

import org.attnplanes.graph.AttentionTrace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cancellable capture overloads on the real all-MiniLM-L6-v2: a long batch (64 inputs of 64 tokens) is stopped
 * inside {@code OrtSession.run} well before an uncancelled run of the same batch ends, and the model captures
 * exactly as before afterwards.
 */
class AttentionModelCancellationTest extends MiniLmTestBase {

    private static final String SHORT = "The cat sat on the mat.";

    /** A text of {@code words} words from an 8-word vocabulary (one token each), rotated by {@code variant}. */
    private static String text(int words, int variant) {
        String[] vocabulary = {"the", "cat", "sat", "on", "a", "mat", "and", "dog"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(vocabulary[(i + variant) % vocabulary.length]).append(' ');
        }
        return sb.toString().strip();
    }

    /**
     * 64 inputs of 64 tokens. The cancel is timed by the capture itself, not by a clock: {@link Cancellation#onArm}
     * holds the capturing thread after its native run was armed, the test cancels (setting that run's terminate
     * flag) and lets it go, so ONNX Runtime must stop the run ("terminate flag") rather than the capture noticing
     * the cancellation only afterwards.
     */
    @Test
    void capture_cancelledWhileNativeRunInFlight_terminatesThatRun() throws Exception {
        List<String> batch = new ArrayList<>();
        for (int b = 0; b < 64; b++) {
            batch.add(text(62, b));
        }
        assertEquals(64, model.tokenize(batch.get(0)).size());
        AttentionTrace before = model.capture(SHORT);
        List<AttentionTrace> plain = model.capture(batch);                       // warm-up and reference

        List<AttentionTrace> uncancelled = model.capture(batch, new Cancellation());  // armed, never cancelled
        assertEquals(64, uncancelled.size());
        assertArrayEquals(plain.get(63).toArray(), uncancelled.get(63).toArray(), "an armed capture differs");
        plain = null;
        uncancelled = null;

        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Cancellation cancel = new Cancellation();
            CountDownLatch armed = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            cancel.onArm(() -> {                // on the capturing thread, the native run armed but not started
                armed.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Future<?> job = pool.submit(() -> model.capture(batch, cancel));
            assertTrue(armed.await(120, TimeUnit.SECONDS), "the capture never started a native run");
            cancel.cancel();                    // sets the armed run's terminate flag
            release.countDown();                // the run starts with the flag set and stops at once
            ExecutionException ex = assertThrows(ExecutionException.class, () -> job.get(120, TimeUnit.SECONDS),
                    "the capture was not cancelled");
            CancellationException c = assertInstanceOf(CancellationException.class, ex.getCause());
            assertEquals("capture of 64 inputs (64 × 64 tokens) was cancelled", c.getMessage());
            assertNotNull(c.getCause(), "cancelled while copying outputs, not inside OrtSession.run");
            assertTrue(c.getCause().getMessage().contains("terminate flag"), c.getCause().getMessage());
        } finally {
            pool.shutdownNow();
        }

        AttentionTrace after = model.capture(SHORT);
        assertEquals(before.tokens(), after.tokens());
        assertArrayEquals(before.toArray(), after.toArray(), "the model captures differently after a cancelled run");
        AttentionTrace withToken = model.capture(SHORT, new Cancellation());
        assertArrayEquals(before.toArray(), withToken.toArray(), "an armed, uncancelled capture differs");
    }

    @Test
    void capture_alreadyCancelled_throwsBeforeRunningAndModelStaysUsable() {
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        int n = model.tokenize(SHORT).size();
        CancellationException e = assertThrows(CancellationException.class, () -> model.capture(SHORT, cancel));
        assertEquals("capture of 1 input (1 × " + n + " tokens) was cancelled", e.getMessage());
        assertNull(e.getCause(), "nothing should have reached ONNX Runtime");
        CancellationException ids = assertThrows(CancellationException.class,
                () -> model.capture(new int[] {101, 7592, 102}, cancel));
        assertEquals("capture of 1 input (1 × 3 tokens) was cancelled", ids.getMessage());
        assertEquals(n, model.capture(SHORT).tokenCount());
    }

    @Test
    void capture_nullCancellation_namesParameter() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> model.capture(SHORT, (Cancellation) null));
        assertEquals("cancellation", e.getMessage());
        NullPointerException l = assertThrows(NullPointerException.class,
                () -> model.capture(List.of(SHORT), null));
        assertEquals("cancellation", l.getMessage());
    }
}
