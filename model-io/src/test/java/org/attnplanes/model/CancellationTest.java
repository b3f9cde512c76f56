package org.attnplanes.model;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cancellation token on its own: flag, armed stop actions, disarming. */
class CancellationTest {

    @Test
    void cancel_armedRun_stopsItOnceEvenWhenCancelledTwice() {
        Cancellation c = new Cancellation();
        AtomicInteger stops = new AtomicInteger();
        Runnable disarm = c.arm(stops::incrementAndGet);
        assertFalse(c.isCancelled());
        assertEquals(0, stops.get());
        c.cancel();
        c.cancel();
        assertTrue(c.isCancelled());
        assertEquals(1, stops.get());
        disarm.run();
        disarm.run();
        assertEquals(1, stops.get());
    }

    @Test
    void arm_afterCancel_stopsAtOnce() {
        Cancellation c = new Cancellation();
        c.cancel();
        AtomicInteger stops = new AtomicInteger();
        c.arm(stops::incrementAndGet).run();
        assertEquals(1, stops.get());
    }

    @Test
    void cancel_afterDisarm_doesNotCallStop() {
        Cancellation c = new Cancellation();
        AtomicInteger stops = new AtomicInteger();
        c.arm(stops::incrementAndGet).run();
        c.cancel();
        assertEquals(0, stops.get());
    }

    @Test
    void throwIfCancelled_cancelled_namesTheJob() {
        Cancellation c = new Cancellation();
        assertDoesNotThrow(() -> c.throwIfCancelled("analysis"));
        c.cancel();
        CancellationException e = assertThrows(CancellationException.class, () -> c.throwIfCancelled("analysis"));
        assertEquals("analysis was cancelled", e.getMessage());
        assertEquals("Cancellation[cancelled]", c.toString());
    }
}
