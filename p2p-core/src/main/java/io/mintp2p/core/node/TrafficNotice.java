package io.mintp2p.core.node;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntBinaryOperator;

/**
 * What the node thread must learn about application messages delivered without it (the session's
 * idle timer, the peer manager's "useful" mark), coalesced: however many arrive, at most one notice
 * per link waits for the node thread, and notices are at least {@link #MIN_INTERVAL} apart (both
 * uses count in seconds and minutes; a notice per message kept the node thread busy at high rates).
 * One atomic operation per message, no allocation.
 */
final class TrafficNotice {
    static final Duration MIN_INTERVAL = Duration.ofMillis(500);
    /** {@link #record} when a notice is already on its way. */
    static final long ALREADY_PENDING = -1;
    private static final int PENDING = 1;
    private static final int USEFUL = 2;
    private static final IntBinaryOperator OR = (a, b) -> a | b;
    private final AtomicInteger state = new AtomicInteger();
    /** Written by the node thread when it takes a notice, read by the transport thread. */
    private volatile long nextNoticeNanos = Long.MIN_VALUE;

    /**
     * Transport thread: records a message. Returns {@link #ALREADY_PENDING}, or the delay in
     * nanoseconds after which the caller must queue a notice for the node thread (0: at once).
     */
    long record(boolean useful, long nowNanos) {
        int previous = state.getAndAccumulate(useful ? PENDING | USEFUL : PENDING, OR);
        if ((previous & PENDING) != 0) {
            return ALREADY_PENDING;
        }
        return Math.max(0, nextNoticeNanos - nowNanos);
    }

    /** Node thread: takes the notice; true if a useful message came since the last one. */
    boolean take(long nowNanos) {
        nextNoticeNanos = nowNanos + MIN_INTERVAL.toNanos();
        return (state.getAndSet(0) & USEFUL) != 0;
    }
}
