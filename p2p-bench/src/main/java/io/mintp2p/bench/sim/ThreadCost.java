package io.mintp2p.bench.sim;

import java.lang.management.ManagementFactory;

/**
 * CPU time and bytes allocated by the calling thread since this was made: the simulation runs every
 * node on one thread, so these are the simulated network's cost, less dependent on the machine's load
 * than wall time (CPU time is not free of it: caches and frequency are shared). Call it on the
 * thread that drives the simulation; nothing blocks.
 */
final class ThreadCost {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long cpuNanosAtStart = THREADS.getCurrentThreadCpuTime();
    private final long allocatedAtStart = THREADS.getCurrentThreadAllocatedBytes();

    /** CPU nanoseconds the calling thread used since this was made. */
    long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime() - cpuNanosAtStart;
    }

    /** Bytes the calling thread allocated since this was made. */
    long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes() - allocatedAtStart;
    }
}
