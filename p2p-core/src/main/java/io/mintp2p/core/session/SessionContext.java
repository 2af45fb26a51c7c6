package io.mintp2p.core.session;

import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.time.TimerHeap;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What the sessions of one node share: its settings, its scheduler (the sessions' one thread), its
 * randomness, its self-connection guard and the heap their keepalive timers wait on. One reference per
 * session instead of five (BENCHMARKS.md, "Where an idle peer's memory goes").
 *
 * @param keepaliveTimers the heap of {@code scheduler}
 */
public record SessionContext(SessionSettings settings, Scheduler scheduler, RandomGenerator random,
                             SelfConnectionGuard selfGuard, TimerHeap keepaliveTimers) {
    public SessionContext {
        Objects.requireNonNull(settings);
        Objects.requireNonNull(scheduler);
        Objects.requireNonNull(random);
        Objects.requireNonNull(selfGuard);
        Objects.requireNonNull(keepaliveTimers);
    }
}
