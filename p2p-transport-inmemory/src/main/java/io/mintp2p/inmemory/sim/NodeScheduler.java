package io.mintp2p.inmemory.sim;

import io.mintp2p.core.time.Cancellable;
import io.mintp2p.core.time.Clock;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.time.VirtualTimeScheduler;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * One simulated node's view of the shared virtual-time scheduler. Crashing the node kills it: its
 * queued tasks and timers never run again, as if the process had died.
 */
final class NodeScheduler implements Scheduler, BooleanSupplier {
    private final VirtualTimeScheduler shared;
    /** Read on the simulation's one thread only, as every task runs there. */
    private boolean dead;

    NodeScheduler(VirtualTimeScheduler shared) {
        this.shared = shared;
    }

    void kill() {
        dead = true;
    }

    /** Whether the node's tasks may still run: the shared scheduler asks before each (no wrapper per task). */
    @Override
    public boolean getAsBoolean() {
        return !dead;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return shared.schedule(delay, task, this);
    }

    @Override
    public Clock clock() {
        return shared.clock();
    }

    @Override
    public boolean inLoop() {
        return shared.inLoop();
    }

    @Override
    public void execute(Runnable task) {
        shared.schedule(Duration.ZERO, task, this);
    }
}
