package org.attnplanes.topology.testing;

/**
 * Bytes allocated by the current thread (HotSpot's per-thread allocation counter): the memory tests of topology
 * and app measure a computation's allocation as the difference of two readings. Shared with app's tests through
 * topology's test-jar.
 */
public final class Allocations {

    private Allocations() {
    }

    /**
     * Bytes allocated by the current thread so far (through reflection because the modules under test do not
     * read jdk.management; the tests run on the class path).
     *
     * @throws IllegalStateException on a JVM without the counter
     */
    public static long currentThread() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            return (Long) Class.forName("com.sun.management.ThreadMXBean")
                    .getMethod("getThreadAllocatedBytes", long.class).invoke(bean, Thread.currentThread().getId());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM has no per-thread allocation counter", e);
        }
    }
}
