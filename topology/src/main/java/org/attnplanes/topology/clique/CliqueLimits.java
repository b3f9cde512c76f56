package org.attnplanes.topology.clique;

import java.time.Duration;
import java.util.Objects;

/**
 * Budget for one clique computation on one graph. Dense threshold graphs (a low threshold on a plane of a
 * few hundred tokens) can hold astronomically many cliques; instead of running for hours the counters stop
 * and throw a {@link CliqueLimitExceededException} that names the plane size, the threshold and the limit.
 *
 * @param maxSearchNodes largest number of search-tree nodes (recursive calls) visited per graph, {@code >= 1}
 * @param maxTime        longest wall time per graph, positive, not null
 */
public record CliqueLimits(long maxSearchNodes, Duration maxTime) {

    /** The default budget: 500 million search nodes and 60 seconds per graph. */
    public static final CliqueLimits DEFAULT = new CliqueLimits(500_000_000L, Duration.ofSeconds(60));

    /** No practical limit ({@code Long.MAX_VALUE} nodes, about 292 years). */
    public static final CliqueLimits NONE = new CliqueLimits(Long.MAX_VALUE, Duration.ofNanos(Long.MAX_VALUE));

    /** Validates the limits. */
    public CliqueLimits {
        Objects.requireNonNull(maxTime, "maxTime");
        if (maxSearchNodes < 1) {
            throw new IllegalArgumentException("maxSearchNodes = " + maxSearchNodes + " must be >= 1");
        }
        if (maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("maxTime = " + maxTime + " must be positive");
        }
    }

    /** Limits with the given number of search nodes and the default time. */
    public static CliqueLimits ofSearchNodes(long maxSearchNodes) {
        return new CliqueLimits(maxSearchNodes, DEFAULT.maxTime());
    }

    /** Limits with the given time and the default number of search nodes. */
    public static CliqueLimits ofTime(Duration maxTime) {
        return new CliqueLimits(DEFAULT.maxSearchNodes(), maxTime);
    }
}
