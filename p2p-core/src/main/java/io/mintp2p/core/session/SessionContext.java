package io.mintp2p.core.session;

import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.time.TimerHeap;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What the sessions of one node and their {@link SessionDriver} share: what their sessions use
 * ({@link SessionShared}), the scheduler whose clock and thread drive them, and the heap their
 * deadlines wait on (one scheduler timer for all of them). One per node.
 */
public final class SessionContext {
    private final SessionShared shared;
    private final Scheduler scheduler;
    private final TimerHeap timers;

    /** @param timers a heap of {@code scheduler} */
    public SessionContext(SessionSettings settings, Scheduler scheduler, RandomGenerator random,
                          SelfConnectionGuard selfGuard, TimerHeap timers) {
        this.shared = new SessionShared(settings, random, selfGuard);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.timers = Objects.requireNonNull(timers);
    }

    /** What the sessions themselves use. */
    public SessionShared shared() {
        return shared;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** The heap of {@link #scheduler()} the sessions' deadlines wait on; touched on the scheduler only. */
    public TimerHeap timers() {
        return timers;
    }
}
