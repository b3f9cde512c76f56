package org.attnplanes.model;

import org.attnplanes.graph.AttentionTrace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Capture on the real all-MiniLM-L6-v2 with the planes of each output spread over the cores ({@link PlaneCopies})
 * equals, bit for bit, the capture that copies every plane on the calling thread
 * ({@code -Dattnplanes.capture.copyThreads=0}), for the allocating and the recycled form, over seeded batches of
 * long, mixed-length (padded) inputs large enough to take the parallel path.
 */
class ParallelPlaneCopyCaptureTest extends MiniLmTestBase {

    private static List<AttentionTrace> sequential(List<String> texts) {
        System.setProperty(PlaneCopies.THREADS_PROPERTY, "0");
        try {
            return model.capture(texts);
        } finally {
            System.clearProperty(PlaneCopies.THREADS_PROPERTY);
        }
    }

    private static void assertSameTrace(AttentionTrace e, AttentionTrace t, String what) {
        assertEquals(e.tokens(), t.tokens(), what);
        assertEquals(e.provenance(), t.provenance(), what);
        assertArrayEquals(e.toArray(), t.toArray(), what);
        e.outputs().forEach((name, x) -> assertArrayEquals(x.data(), t.outputs().get(name).data(), what));
    }

    @Test
    void parallelCopy_equalsCopyOnTheCallingThread_allocatingAndRecycled() {
        Random r = new Random(2_026_1206L);
        for (int round = 0; round < 5; round++) {
            int batch = 1 + r.nextInt(3);
            List<String> texts = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
                texts.add(text(r, 110 + r.nextInt(round == 0 ? 300 : 120)));
            }
            List<AttentionTrace> expected = sequential(texts);
            long floats = 0;
            for (AttentionTrace t : expected) {
                floats += (long) t.heads() * t.tokenCount() * t.tokenCount();
            }
            assertTrue(floats >= PlaneCopies.MIN_PARALLEL_FLOATS, "round " + round + " takes the parallel path");
            List<AttentionTrace> allocating = model.capture(texts);
            for (int b = 0; b < batch; b++) {
                assertSameTrace(expected.get(b), allocating.get(b), "round " + round + ", allocating, input " + b);
            }
            int[] k = {0};
            String what = "round " + round + ", recycled, input ";
            model.capture(texts, null, t -> assertSameTrace(expected.get(k[0]), t, what + k[0]++));
            assertEquals(batch, k[0]);
        }
        assertHelperSeen();
    }

    @Test
    void concurrentCaptures_likeTheAnalyzeWorkers_equalCopyOnTheCallingThread() throws Exception {
        Random r = new Random(77L);
        List<List<String>> batches = new ArrayList<>();
        List<List<AttentionTrace>> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            List<String> texts = List.of(text(r, 100 + r.nextInt(150)), text(r, 100 + r.nextInt(150)));
            batches.add(texts);
            expected.add(sequential(texts));
        }
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) {
                int k = i;
                done.add(workers.submit(() -> {
                    int[] b = {0};
                    model.capture(batches.get(k), null, t -> assertSameTrace(expected.get(k).get(b[0]++), t,
                            "batch " + k));
                    assertEquals(2, b[0]);
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            workers.shutdown();
        }
    }

    private static void assertHelperSeen() {
        if (PlaneCopies.MAX_HELPERS > 0) {
            boolean helperSeen = false;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                helperSeen |= t.getName().startsWith("attnplanes-plane-copy-") && t.isDaemon();
            }
            assertTrue(helperSeen, "the parallel path ran on helper threads");
        }
    }
}
