package org.attnplanes.topology.persistence;

/**
 * One bar {@code [birth, death)} in filtration units (for attention, {@code 1 − w}). {@code death} is
 * {@code +∞} for an essential class (one that never dies within the filtration).
 *
 * @param birth the value at which the class appears, finite and {@code >= 0}
 * @param death the value at which it dies, {@code >= birth}, or {@code +∞}
 */
public record PersistenceInterval(float birth, float death) {

    /** Validates the interval. */
    public PersistenceInterval {
        if (!Float.isFinite(birth) || birth < 0f) {
            throw new IllegalArgumentException("birth = " + birth + " must be finite and >= 0");
        }
        if (Float.isNaN(death) || death < birth) {
            throw new IllegalArgumentException("death = " + death + " must be >= birth = " + birth + " or +inf");
        }
    }

    /** An essential bar {@code [birth, +∞)}. */
    public static PersistenceInterval essential(float birth) {
        return new PersistenceInterval(birth, Float.POSITIVE_INFINITY);
    }

    /** {@code death − birth} ({@code +∞} for an essential bar), in filtration units. */
    public float length() {
        return death - birth;
    }

    /** Whether the bar never dies. */
    public boolean isEssential() {
        return death == Float.POSITIVE_INFINITY;
    }

    /** Whether {@code birth <= t < death}: the class is alive in the complex at value {@code t}. */
    public boolean isAliveAt(double t) {
        return birth <= t && t < death;
    }
}
