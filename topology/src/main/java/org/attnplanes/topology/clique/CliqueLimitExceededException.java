package org.attnplanes.topology.clique;

/**
 * Thrown when a clique computation exceeds its {@link CliqueLimits} or a count no longer fits in a
 * {@code long}. The message names the plane size, the edge count, the threshold, the limit and what to do.
 */
public final class CliqueLimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int planeSize;
    private final double threshold;

    CliqueLimitExceededException(String message, int planeSize, double threshold) {
        super(message);
        this.planeSize = planeSize;
        this.threshold = threshold;
    }

    /**
     * The same failure with {@code context} (e.g. {@code "plane 3 (layer 0, head 2)"}) in front of the message;
     * this exception becomes the cause.
     */
    public CliqueLimitExceededException withContext(String context) {
        CliqueLimitExceededException e = new CliqueLimitExceededException(context + ": " + getMessage(), planeSize,
                threshold);
        e.initCause(this);
        return e;
    }

    /** Number of nodes of the graph that was being processed. */
    public int planeSize() {
        return planeSize;
    }

    /** Threshold the graph was built with ({@code NaN} for an edge list). */
    public double threshold() {
        return threshold;
    }
}
