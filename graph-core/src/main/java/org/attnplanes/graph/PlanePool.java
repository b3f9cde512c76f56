package org.attnplanes.graph;

import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recycles the arrays of attention planes across captures, so that a capture loop (analyze over a corpus) does
 * not allocate, zero and collect L·H·n² fresh floats per input (BENCHMARKS.md, "attention capture vs the plain
 * model").
 *
 * <p>A plane made here ({@link #copyProbabilityRows}) is <em>leased</em>: it stays valid until the trace holding it
 * is given to {@link #release}, which takes its array back and makes every later read of the plane, of the trace's
 * attention and of a graph plane that shares it throw {@link IllegalStateException}; another capture's values are
 * never returned silently. Arrays are kept by size class (token counts rounded up to a multiple of
 * {@value #TOKEN_STEP}), so inputs of similar length share them; at most {@code retainedBytes} are kept, the size
 * classes used least recently are dropped first.
 *
 * <p>Thread-safe.
 */
public final class PlanePool {

    /** Token counts are rounded up to a multiple of this to pick an array's size class. */
    public static final int TOKEN_STEP = 16;

    private final long retainedLimit;
    /** Size class (rounded token count) → free arrays of that class, least recently used class first. */
    private final LinkedHashMap<Integer, ArrayDeque<float[]>> free = new LinkedHashMap<>(16, 0.75f, true);
    private long retained;
    private long allocated;
    private long reused;

    /**
     * @param retainedBytes most bytes of free arrays kept between captures, ≥ 0
     */
    public PlanePool(long retainedBytes) {
        if (retainedBytes < 0) {
            throw new IllegalArgumentException("retainedBytes = " + retainedBytes + " must be >= 0");
        }
        this.retainedLimit = retainedBytes;
    }

    /** The size class of an n-token plane: n rounded up to a multiple of {@link #TOKEN_STEP} (at least one step). */
    static int sizeClass(int n) {
        return Math.max(1, (n + TOKEN_STEP - 1) / TOKEN_STEP) * TOKEN_STEP;
    }

    /** An array for an n × n plane: a free one of its size class, or a fresh one. */
    synchronized float[] take(int n) {
        int c = sizeClass(n);
        ArrayDeque<float[]> q = free.get(c);
        float[] a = q == null ? null : q.pollLast();
        if (a != null) {
            retained -= 4L * a.length;
            reused++;
            if (q.isEmpty()) {
                free.remove(c);
            }
            return a;
        }
        allocated++;
        return new float[c * c];
    }

    /**
     * A leased plane: as {@link AttentionMatrix#copyProbabilityRows(int, FloatBuffer, int, int, double)} (row i read
     * from {@code src} at {@code srcOffset + i · srcRowStride}, copied and checked in one pass) into an array of this
     * pool. On a refusal the array goes back to the pool.
     */
    public AttentionMatrix copyProbabilityRows(int size, FloatBuffer src, int srcOffset, int srcRowStride,
                                               double rowSumTolerance) {
        float[] dest = take(size);
        try {
            return AttentionMatrix.copyProbabilityRows(size, src, srcOffset, srcRowStride, dest, rowSumTolerance, this);
        } catch (RuntimeException e) {
            giveBack(dest);
            throw e;
        }
    }

    /** As the direct-buffer form, from a heap array. */
    public AttentionMatrix copyProbabilityRows(int size, float[] src, int srcOffset, int srcRowStride,
                                               double rowSumTolerance) {
        return copyProbabilityRows(size, FloatBuffer.wrap(src), srcOffset, srcRowStride, rowSumTolerance);
    }

    /**
     * Takes back the arrays of every plane of {@code trace} leased from this pool (planes of other pools and ordinary
     * planes are left alone); afterwards reading those planes throws {@link IllegalStateException}. Releasing a
     * trace twice does nothing the second time.
     */
    public void release(AttentionTrace trace) {
        for (AttentionMatrix m : trace.planeList()) {
            release(m);
        }
    }

    /** Takes back one leased plane's array (nothing happens for a plane of another pool or one already released). */
    public void release(AttentionMatrix plane) {
        if (plane.pool() != this) {
            return;
        }
        float[] a;
        synchronized (plane) {
            if (plane.released()) {
                return;
            }
            a = plane.detach();
        }
        giveBack(a);
    }

    private synchronized void giveBack(float[] a) {
        int c = (int) Math.round(Math.sqrt(a.length));
        free.computeIfAbsent(c, k -> new ArrayDeque<>()).addLast(a);
        retained += 4L * a.length;
        // drop the least recently used size classes first (the one just used is the most recent)
        Iterator<Map.Entry<Integer, ArrayDeque<float[]>>> it = free.entrySet().iterator();
        while (retained > retainedLimit && it.hasNext()) {
            ArrayDeque<float[]> q = it.next().getValue();
            while (retained > retainedLimit && !q.isEmpty()) {
                retained -= 4L * q.pollFirst().length;
            }
            if (q.isEmpty()) {
                it.remove();
            }
        }
    }

    /** Drops every free array. */
    public synchronized void clear() {
        free.clear();
        retained = 0;
    }

    /** Bytes of free arrays kept now. */
    public synchronized long retainedBytes() {
        return retained;
    }

    /** Arrays allocated fresh so far (a plane for which no free array of its size class was kept). */
    public synchronized long allocatedArrays() {
        return allocated;
    }

    /** Planes made from a recycled array so far. */
    public synchronized long reusedArrays() {
        return reused;
    }
}
