package org.attnplanes.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link PlanePool}: leased planes copied and checked in one pass out of a padded batch tensor equal the planes of
 * the allocating path (brute-force extraction + {@link AttentionMatrix#ofProbabilityRows}), also when the recycled
 * array held a larger plane before; every read after release throws, including through a per-head graph.
 */
class PlanePoolTest {

    private static final double TOL = 1e-3;

    /** A padded [batch, heads, padded, padded] tensor in a direct buffer: sample b's own n × n block is softmax rows. */
    private static FloatBuffer paddedTensor(Random rnd, int batch, int heads, int padded, int[] lengths) {
        FloatBuffer buf = ByteBuffer.allocateDirect(4 * batch * heads * padded * padded)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int k = 0; k < buf.capacity(); k++) {
            buf.put(k, rnd.nextBoolean() ? Float.NaN : 3f);         // padding: never a probability
        }
        for (int b = 0; b < batch; b++) {
            int n = lengths[b];
            for (int h = 0; h < heads; h++) {
                float[] p = SyntheticTraces.softmaxRows(rnd, n, 2.5);
                int base = (b * heads + h) * padded * padded;
                for (int i = 0; i < n; i++) {
                    buf.put(base + i * padded, p, i * n, n);
                }
            }
        }
        return buf;
    }

    /** The allocating path's plane: extract the block by hand, then the one-pass check. */
    private static AttentionMatrix oracle(FloatBuffer buf, int base, int padded, int n) {
        float[] p = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                p[i * n + j] = buf.get(base + i * padded + j);
            }
        }
        return AttentionMatrix.ofProbabilityRows(n, p, TOL);
    }

    @Test
    void leasedPlanesEqualAllocatedOnes_arraysAreRecycled_readsAfterReleaseThrow() {
        Random rnd = new Random(16_2026L);
        PlanePool pool = new PlanePool(64L << 20);
        int layers = 2;
        int heads = 3;
        long planes = 0;
        for (int round = 0; round < 40; round++) {
            int batch = 1 + rnd.nextInt(3);
            int[] lengths = new int[batch];
            int padded = 0;
            for (int b = 0; b < batch; b++) {
                lengths[b] = 1 + rnd.nextInt(round % 4 == 0 ? 70 : 34);    // sizes that share classes, in any order
                padded = Math.max(padded, lengths[b]);
            }
            padded += rnd.nextInt(3);
            List<FloatBuffer> layerTensors = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                layerTensors.add(paddedTensor(rnd, batch, heads, padded, lengths));
            }
            for (int b = 0; b < batch; b++) {
                int n = lengths[b];
                List<List<AttentionMatrix>> leased = new ArrayList<>();
                List<List<AttentionMatrix>> allocated = new ArrayList<>();
                for (int l = 0; l < layers; l++) {
                    List<AttentionMatrix> lh = new ArrayList<>();
                    List<AttentionMatrix> ah = new ArrayList<>();
                    for (int h = 0; h < heads; h++) {
                        int base = (b * heads + h) * padded * padded;
                        AttentionMatrix m = pool.copyProbabilityRows(n, layerTensors.get(l), base, padded, TOL);
                        AttentionMatrix o = oracle(layerTensors.get(l), base, padded, n);
                        assertEquals(o, m, "round " + round);
                        assertEquals(o.hashCode(), m.hashCode());
                        assertEquals(n * n, m.toArray().length);
                        assertEquals(o, AttentionMatrix.copyProbabilityRows(n, layerTensors.get(l), base, padded, TOL));
                        float[] heap = new float[layerTensors.get(l).capacity()];
                        layerTensors.get(l).get(0, heap);
                        assertEquals(o, AttentionMatrix.copyProbabilityRows(n, heap, base, padded, TOL), "heap source");
                        AttentionMatrix fromHeap = pool.copyProbabilityRows(n, heap, base, padded, TOL);
                        assertEquals(o, fromHeap, "heap source, pooled");
                        pool.release(fromHeap);
                        lh.add(m);
                        ah.add(o);
                        planes++;
                    }
                    leased.add(lh);
                    allocated.add(ah);
                }
                List<Token> tokens = SyntheticTraces.tokens(n);
                AttentionTrace lt = new AttentionTrace("", tokens, leased, null, Map.of(), Provenance.synthetic("p"));
                AttentionTrace at = new AttentionTrace("", tokens, allocated, null, Map.of(), Provenance.synthetic("p"));
                GraphSpec spec = GraphSpec.builder().headReduction(HeadReduction.PER_HEAD).classifier(false).build();
                MultiPlanarGraph lg = GraphBuilder.build(lt, spec);
                MultiPlanarGraph ag = GraphBuilder.build(at, spec);
                for (int p = 0; p < lg.planes().size(); p++) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            assertEquals(ag.planes().get(p).weight(i, j), lg.planes().get(p).weight(i, j));
                        }
                    }
                    assertEquals(ag.planes().get(p).edges().size(), lg.planes().get(p).edges().size());
                    org.junit.jupiter.api.Assertions.assertArrayEquals(ag.planes().get(p).attentionArray(),
                            lg.planes().get(p).attentionArray(), "n² values, not the pooled array's length");
                    org.junit.jupiter.api.Assertions.assertArrayEquals(ag.planes().get(p).attentionArray(),
                            lg.planes().get(p).readOnlyAttentionArray(), "read only: n² values too");
                    org.junit.jupiter.api.Assertions.assertArrayEquals(ag.planes().get(p).attentionArray(),
                            ag.planes().get(p).readOnlyAttentionArray(), "read only, allocated trace");
                    // storage or null, and the copy into a longer buffer that leaves its tail alone
                    for (MultiPlanarGraph g : List.of(lg, ag)) {
                        Plane pl = g.planes().get(p);
                        float[] storage = pl.attentionStorageOrNull();
                        if (storage != null) {
                            org.junit.jupiter.api.Assertions.assertSame(storage, pl.readOnlyAttentionArray());
                        }
                        float[] buf = new float[n * n + 3];
                        java.util.Arrays.fill(buf, -7f);
                        pl.copyAttentionInto(buf);
                        org.junit.jupiter.api.Assertions.assertArrayEquals(ag.planes().get(p).attentionArray(),
                                java.util.Arrays.copyOf(buf, n * n), "copied n² values");
                        assertEquals(-7f, buf[n * n + 2], "past n² untouched");
                        assertThrows(IllegalArgumentException.class, () -> pl.copyAttentionInto(new float[n * n - 1]));
                    }
                    // a pooled array longer than n² is not handed out as storage; one of exactly n² is
                    boolean exact = lt.attention(p / heads, p % heads).array().length == n * n;
                    assertEquals(exact, lg.planes().get(p).attentionStorageOrNull() != null, "storage iff n²");
                }
                pool.release(lt);
                pool.release(lt);       // twice: nothing more happens
                AttentionMatrix gone = lt.attention(layers - 1, heads - 1);
                assertThrows(IllegalStateException.class, () -> gone.weight(0, 0));
                assertThrows(IllegalStateException.class, gone::toArray);
                assertThrows(IllegalStateException.class, () -> lt.weight(0, 0, 0, 0));
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> lg.planes().get(0).weight(0, 0));
                assertThrows(IllegalStateException.class, () -> lg.planes().get(0).attentionArray());
                assertThrows(IllegalStateException.class, () -> lg.planes().get(0).readOnlyAttentionArray());
                assertTrue(e.getMessage().contains("released"), e.getMessage());
                assertEquals(at.attention(0, 0), at.attention(0, 0), "the allocating trace is untouched");
            }
        }
        assertEquals(2 * planes, pool.allocatedArrays() + pool.reusedArrays());
        assertTrue(pool.reusedArrays() > planes, "reused " + pool.reusedArrays() + " of " + 2 * planes);
        assertTrue(pool.allocatedArrays() < 60, "allocated " + pool.allocatedArrays());
    }

    @Test
    void refusedPlane_sameVerdictAsAllocatingPath_arrayGoesBack() {
        Random rnd = new Random(7L);
        PlanePool pool = new PlanePool(1L << 20);
        int n = 20;
        FloatBuffer buf = paddedTensor(rnd, 1, 1, n, new int[] {n});
        buf.put(5 * n + 3, buf.get(5 * n + 3) + 0.5f);     // row 5 sums to 1.5
        AttentionMatrix.RowSumException e = assertThrows(AttentionMatrix.RowSumException.class,
                () -> pool.copyProbabilityRows(n, buf, 0, n, TOL));
        assertEquals(5, e.row());
        assertEquals(1.5, e.sum(), 1e-3);
        assertEquals(4L * 32 * 32, pool.retainedBytes(), "the taken array is back");
        AttentionMatrix.RowSumException o = assertThrows(AttentionMatrix.RowSumException.class,
                () -> AttentionMatrix.copyProbabilityRows(n, buf, 0, n, TOL));
        assertEquals(e.row(), o.row());
        assertEquals(e.sum(), o.sum());
        buf.put(5 * n + 3, buf.get(5 * n + 3) - 0.5f);
        pool.copyProbabilityRows(n, buf, 0, n, TOL);
        assertEquals(1, pool.allocatedArrays());
        assertEquals(1, pool.reusedArrays());
    }

    @Test
    void retainedBytesStayUnderTheLimit_leastRecentlyUsedSizeClassDroppedFirst() {
        Random rnd = new Random(11L);
        long class32 = 4L * 32 * 32;
        long class16 = 4L * 16 * 16;
        PlanePool pool = new PlanePool(3 * class32);
        FloatBuffer small = paddedTensor(rnd, 1, 4, 10, new int[] {10, 10, 10, 10});
        FloatBuffer big = paddedTensor(rnd, 1, 5, 30, new int[] {30, 30, 30, 30, 30});
        List<AttentionMatrix> smalls = new ArrayList<>();
        for (int h = 0; h < 4; h++) {
            smalls.add(pool.copyProbabilityRows(10, small, h * 100, 10, TOL));
        }
        List<AttentionMatrix> bigs = new ArrayList<>();
        for (int h = 0; h < 5; h++) {
            bigs.add(pool.copyProbabilityRows(30, big, h * 900, 30, TOL));
        }
        smalls.forEach(pool::release);
        assertEquals(4 * class16, pool.retainedBytes());
        bigs.forEach(pool::release);
        assertTrue(pool.retainedBytes() <= 3 * class32, "retained " + pool.retainedBytes());
        assertEquals(3 * class32, pool.retainedBytes(), "the older 16-class arrays went first");
        long before = pool.allocatedArrays();
        pool.copyProbabilityRows(10, small, 0, 10, TOL);
        assertEquals(before + 1, pool.allocatedArrays(), "no 16-class array was kept");
        pool.copyProbabilityRows(30, big, 0, 30, TOL);
        assertEquals(before + 1, pool.allocatedArrays(), "a 32-class array was kept");

        PlanePool none = new PlanePool(0);
        AttentionMatrix m = none.copyProbabilityRows(10, small, 0, 10, TOL);
        none.release(m);
        assertEquals(0, none.retainedBytes());
        assertThrows(IllegalStateException.class, () -> m.weight(0, 0), "released even when not kept");
        assertThrows(IllegalArgumentException.class, () -> new PlanePool(-1));
    }

    @Test
    void otherPoolsAndOrdinaryPlanesAreLeftAlone() {
        Random rnd = new Random(3L);
        PlanePool a = new PlanePool(1L << 20);
        PlanePool b = new PlanePool(1L << 20);
        FloatBuffer buf = paddedTensor(rnd, 1, 1, 8, new int[] {8});
        AttentionMatrix fromB = b.copyProbabilityRows(8, buf, 0, 8, TOL);
        a.release(fromB);
        assertFalse(fromB.released());
        AttentionTrace plain = SyntheticTraces.trace(5L, 1, 2, 6);
        AttentionMatrix before = plain.attention(0, 1);
        a.release(plain);
        assertEquals(before.toArray().length, 36);
        assertEquals(0, a.retainedBytes());
        b.release(fromB);
        assertTrue(fromB.released());
        assertNotSame(fromB, b.copyProbabilityRows(8, buf, 0, 8, TOL));
    }
}
