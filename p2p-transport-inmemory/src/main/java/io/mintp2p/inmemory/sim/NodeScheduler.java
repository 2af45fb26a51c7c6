package io.mintp2p.inmemory.sim;

import io.mintp2p.core.time.Cancellable;
import io.mintp2p.core.time.Clock;
import io.mintp2p.core.time.Scheduler;
import java.time.Duration;

/**
 * One simulated node's view of the shared virtual-time scheduler. Crashing the node kills it: its
 * queued tasks and timers never run again, as if the process had died.
 */
final class NodeScheduler implements Scheduler {
    private final Scheduler shared;
    private volatile boolean dead;

    NodeScheduler(Scheduler shared) {
        this.shared = shared;
    }

    void kill() {
        dead = true;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return shared.schedule(delay, () -> {
            if (!dead) {
                task.run();
            }
        });
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
        shared.execute(() -> {
            if (!dead) {
                task.run();
            }
        });
    }
}
