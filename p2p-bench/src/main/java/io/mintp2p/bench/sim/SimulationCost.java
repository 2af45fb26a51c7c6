package io.mintp2p.bench.sim;

import io.mintp2p.inmemory.sim.Simulation;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time and bytes allocated by the driving thread inside {@link Simulation#runFor} only: the
 * simulated network's cost, without the harness's samples (a graph and every node's counters each
 * virtual second cost as much as a settled network itself). The simulation runs every node on one
 * thread, so this is less dependent on the machine's load than wall time (though not free of it:
 * caches and frequency are shared). On the thread that drives the simulation; nothing blocks beyond
 * the run itself.
 */
final class SimulationCost {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private long cpuNanos;
    private long allocatedBytes;

    /** Runs {@code sim} for {@code d} of virtual time, adding what the run cost. */
    void runFor(Simulation sim, Duration d) {
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        sim.runFor(d);
        cpuNanos += THREADS.getCurrentThreadCpuTime() - cpuBefore;
        allocatedBytes += THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
    }

    /** The cost so far, to take a later cost's difference from. */
    Mark mark() {
        return new Mark(cpuNanos, allocatedBytes);
    }

    /** The CPU nanoseconds of the runs since {@code m}. */
    long cpuNanosSince(Mark m) {
        return cpuNanos - m.cpuNanos();
    }

    /** The bytes allocated in the runs since {@code m}. */
    long allocatedBytesSince(Mark m) {
        return allocatedBytes - m.allocatedBytes();
    }

    /** The totals at one moment. */
    record Mark(long cpuNanos, long allocatedBytes) {
    }
}
