package org.attnplanes.model;

import org.attnplanes.graph.AttentionMatrix;
import org.attnplanes.graph.AttentionTrace;
import org.attnplanes.graph.PlanePool;
import org.attnplanes.model.internal.RowSums;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PlaneCopies}: the planes of one attention output spread over the calling thread and helper threads give the
 * sequential loop's outcome — every index run once, or, when some fail, every index before the first failure run and
 * that failure thrown — checked on seeded random failures and on real copy-and-check work (direct buffers laid out as
 * ONNX Runtime writes them, padded rows, planted faults) against a brute-force sequential verdict.
 */
class PlaneCopiesTest {

    private static final double TOL = RowSums.TOLERANCE;

    /** A task's planted failure, carrying its index. */
    private static final class Planted extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int index;

        Planted(int index) {
            super("planted at " + index);
            this.index = index;
        }
    }

    @Test
    void seededCountsAndFailures_sameOutcomeAsTheSequentialLoop() {
        Random rnd = new Random(16_2026L);
        int failedRuns = 0;
        for (int trial = 0; trial < 400; trial++) {
            int count = 1 + rnd.nextInt(trial % 5 == 0 ? 300 : 40);
            int helpers = rnd.nextInt(PlaneCopies.MAX_HELPERS + 3);   // more than allowed is clamped
            boolean[] fails = new boolean[count];
            int first = Integer.MAX_VALUE;
            if (rnd.nextBoolean()) {
                int k = 1 + rnd.nextInt(4);
                for (int i = 0; i < k; i++) {
                    int at = rnd.nextInt(count);
                    fails[at] = true;
                    first = Math.min(first, at);
                }
            }
            AtomicIntegerArray runs = new AtomicIntegerArray(count);
            long spin = rnd.nextInt(3) * 20_000L;
            Runnable call = () -> PlaneCopies.forEachOn(count, helpers, k -> {
                runs.incrementAndGet(k);
                long until = System.nanoTime() + (k % 3 == 0 ? spin : 0);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                if (fails[k]) {
                    throw new Planted(k);
                }
            });
            if (first == Integer.MAX_VALUE) {
                call.run();
                for (int k = 0; k < count; k++) {
                    assertEquals(1, runs.get(k), "trial " + trial + ", index " + k);
                }
            } else {
                Planted p = assertThrows(Planted.class, call::run, "trial " + trial);
                assertEquals(first, p.index, "trial " + trial);
                for (int k = 0; k < count; k++) {
                    assertTrue(k > first ? runs.get(k) <= 1 : runs.get(k) == 1, "trial " + trial + ", index " + k);
                }
                failedRuns++;
            }
        }
        assertTrue(failedRuns > 100, "failed runs " + failedRuns);
    }

    /** What the sequential copy-and-check reports: -1 = every plane accepted, else the plane, the row and the kind. */
    private record Verdict(int plane, int row, char kind) {
    }

    /** Brute force in double precision over the planes in index order (sum first, then range, row by row). */
    private static Verdict bruteForce(float[] t, int planes, int len, int n) {
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < len; i++) {
                double s = 0;
                boolean range = true;
                for (int j = 0; j < len; j++) {
                    float w = t[p * n * n + i * n + j];
                    s += w;
                    range &= w >= 0f && w <= AttentionTrace.MAX_PROBABILITY;
                }
                if (!(Math.abs(s - 1) <= TOL)) {
                    return new Verdict(p, i, 's');
                }
                if (!range) {
                    return new Verdict(p, i, 'r');
                }
            }
        }
        return new Verdict(-1, -1, ' ');
    }

    @Test
    void copyAndCheckSpreadOverThreads_sameVerdictAndPlanesAsBruteForce() {
        Random rnd = new Random(20_261_206L);
        PlanePool pool = new PlanePool(64L << 20);
        int accepted = 0;
        int refused = 0;
        for (int trial = 0; trial < 250; trial++) {
            int planes = 2 + rnd.nextInt(30);
            int n = 1 + rnd.nextInt(trial % 10 == 0 ? 160 : 48);
            int len = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(n) : n;     // padded rows: stride n, len used
            float[] t = new float[planes * n * n];
            for (int p = 0; p < planes; p++) {
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    double[] e = new double[len];
                    for (int j = 0; j < len; j++) {
                        e[j] = Math.exp(rnd.nextGaussian() * 3);
                        s += e[j];
                    }
                    for (int j = 0; j < n; j++) {       // padding columns hold junk the check must not read
                        t[p * n * n + i * n + j] = j < len ? (float) (e[j] / s) : -7f;
                    }
                }
            }
            int faults = rnd.nextInt(3);
            for (int f = 0; f < faults; f++) {
                int p = rnd.nextInt(planes);
                int row = rnd.nextInt(len);
                int col = rnd.nextInt(len);
                int other = (col + 1) % len;
                int at = p * n * n + row * n;
                switch (rnd.nextInt(5)) {
                    case 0 -> t[at + col] += 0.01f + rnd.nextFloat();                  // row sum too large
                    case 1 -> t[at + col] = Float.NaN;
                    case 2 -> {                                                         // negative, sum kept at 1
                        if (len > 1) {
                            t[at + col] -= 0.5f;
                            t[at + other] += 0.5f;
                        }
                    }
                    case 3 -> {                                                         // −0: a probability
                        if (len > 1) {
                            t[at + other] += t[at + col];
                            t[at + col] = -0f;
                        }
                    }
                    default -> t[at + col] += 2e-5f;                                    // tiny: still accepted
                }
            }
            FloatBuffer direct = ByteBuffer.allocateDirect(4 * t.length).order(ByteOrder.nativeOrder())
                    .asFloatBuffer().put(t);
            direct.clear();
            FloatBuffer src = direct.asReadOnlyBuffer();
            Verdict expected = bruteForce(t, planes, len, n);
            boolean pooled = trial % 2 == 0;
            AttentionMatrix[] out = new AttentionMatrix[planes];
            Runnable call = () -> PlaneCopies.forEachOn(planes, PlaneCopies.MAX_HELPERS, k -> out[k] = pooled
                    ? pool.copyProbabilityRows(len, src, k * n * n, n, TOL)
                    : AttentionMatrix.copyProbabilityRows(len, src, k * n * n, n, TOL));
            if (expected.plane() < 0) {
                call.run();
                for (int p = 0; p < planes; p++) {
                    assertNotNull(out[p]);
                    for (int i = 0; i < len; i++) {
                        for (int j = 0; j < len; j++) {
                            assertEquals(Float.floatToRawIntBits(t[p * n * n + i * n + j]),
                                    Float.floatToRawIntBits(out[p].weight(i, j)), "trial " + trial);
                        }
                    }
                }
                accepted++;
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run, "trial " + trial);
                if (expected.kind() == 's') {
                    AttentionMatrix.RowSumException r = assertInstanceOfRowSum(e, trial);
                    assertEquals(expected.row(), r.row(), "trial " + trial);
                } else {
                    assertTrue(!(e instanceof AttentionMatrix.RowSumException), e.getMessage());
                    assertTrue(e.getMessage().startsWith("weight[" + expected.row() + "]["), e.getMessage());
                }
                for (int p = 0; p < expected.plane(); p++) {
                    assertNotNull(out[p], "trial " + trial + ": plane " + p + " before the first bad one was made");
                }
                assertEquals(null, out[expected.plane()], "trial " + trial);
                refused++;
            }
            for (AttentionMatrix m : out) {
                if (m != null) {
                    pool.release(m);
                }
            }
        }
        assertTrue(accepted > 60 && refused > 60, accepted + " accepted, " + refused + " refused");
    }

    private static AttentionMatrix.RowSumException assertInstanceOfRowSum(IllegalArgumentException e, int trial) {
        assertTrue(e instanceof AttentionMatrix.RowSumException, "trial " + trial + ": " + e);
        return (AttentionMatrix.RowSumException) e;
    }

    @Test
    void smallOutputs_stayOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        Thread[] ran = new Thread[50];
        PlaneCopies.forEach(50, PlaneCopies.MIN_PARALLEL_FLOATS - 1, k -> ran[k] = Thread.currentThread());
        for (Thread t : ran) {
            assertSame(caller, t);
        }
    }

    /** Starts {@code k} threads that each enter (twice, nested: counted once) and wait for {@code go}. */
    private static List<Thread> inFlight(int k, CountDownLatch entered, CountDownLatch go) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Thread t = new Thread(() -> {
                PlaneCopies.enter();
                PlaneCopies.enter();
                try {
                    entered.countDown();
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    PlaneCopies.exit();
                    PlaneCopies.exit();
                }
            });
            t.start();
            threads.add(t);
        }
        return threads;
    }

    @Test
    void capturesInFlight_countAgainstTheCores_asManyAsCoresLeaveNoHelper() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(PlaneCopies.MAX_HELPERS, PlaneCopies.helpers(), "no capture in flight");
        PlaneCopies.enter();
        PlaneCopies.enter();        // nested on one thread: one capture
        try {
            assertEquals(Math.min(PlaneCopies.MAX_HELPERS, cores - 1), PlaneCopies.helpers(), "this thread in flight");
        } finally {
            PlaneCopies.exit();
            PlaneCopies.exit();
        }
        for (int others = 1; others <= cores; others++) {
            CountDownLatch entered = new CountDownLatch(others);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = inFlight(others, entered, go);
            try {
                entered.await();
                assertEquals(Math.max(0, Math.min(PlaneCopies.MAX_HELPERS, cores - others)), PlaneCopies.helpers(),
                        others + " other captures in flight on " + cores + " cores");
                if (others == cores) {      // every core taken: even a large output stays on the calling thread
                    Thread caller = Thread.currentThread();
                    Thread[] ran = new Thread[64];
                    PlaneCopies.forEach(64, 1L << 30, k -> ran[k] = Thread.currentThread());
                    for (Thread t : ran) {
                        assertSame(caller, t);
                    }
                }
            } finally {
                go.countDown();
                for (Thread t : threads) {
                    t.join();
                }
            }
        }
        assertEquals(PlaneCopies.MAX_HELPERS, PlaneCopies.helpers(), "all exited");
    }

    @Test
    void helpersProperty_zeroKeepsEveryPlaneOnTheCallingThread_andIsClamped() {
        String key = PlaneCopies.THREADS_PROPERTY;
        try {
            System.setProperty(key, "0");
            assertEquals(0, PlaneCopies.helpers());
            Thread caller = Thread.currentThread();
            Thread[] ran = new Thread[64];
            PlaneCopies.forEach(64, 1L << 30, k -> ran[k] = Thread.currentThread());
            for (Thread t : ran) {
                assertSame(caller, t);
            }
            System.setProperty(key, "1000");
            assertEquals(PlaneCopies.MAX_HELPERS, PlaneCopies.helpers());
            System.setProperty(key, "-3");
            assertEquals(0, PlaneCopies.helpers());
        } finally {
            System.clearProperty(key);
        }
        assertEquals(PlaneCopies.MAX_HELPERS, PlaneCopies.helpers());
        assertTrue(PlaneCopies.MAX_HELPERS < Runtime.getRuntime().availableProcessors()
                || Runtime.getRuntime().availableProcessors() == 1 && PlaneCopies.MAX_HELPERS == 0);
    }
}
