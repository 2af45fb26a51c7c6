package io.mintp2p.core.node;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;

/**
 * What the node thread must learn about application messages delivered without it (the session's
 * idle timer, the peer manager's "useful" mark), coalesced: however many arrive, at most one notice
 * per link waits for the node thread, and notices are at least {@link #MIN_INTERVAL} apart (both
 * uses count in seconds and minutes; a notice per message kept the node thread busy at high rates).
 * One atomic operation per message, no allocation.
 *
 * <p>A layer of {@link Link} (see {@link SerialExecutor}).
 */
abstract class TrafficNotice extends ReadBudget {
    static final Duration MIN_INTERVAL = Duration.ofMillis(500);
    private static final long MIN_INTERVAL_NANOS = MIN_INTERVAL.toNanos();
    /** {@link #recordTraffic} when a notice is already on its way. */
    static final long ALREADY_PENDING = -1;
    private static final int PENDING = 1;
    private static final int USEFUL = 2;
    private static final VarHandle NOTICE;

    static {
        try {
            NOTICE = MethodHandles.lookup().findVarHandle(TrafficNotice.class, "notice", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** PENDING and USEFUL bits; set on the transport thread, taken on the node thread (a field and a VarHandle, not an atomic object per peer). */
    private volatile int notice;
    /** Written by the node thread when it takes a notice, read by the transport thread. */
    private volatile long nextNoticeNanos = Long.MIN_VALUE;

    /**
     * Transport thread: records a message. Returns {@link #ALREADY_PENDING}, or the delay in
     * nanoseconds after which the caller must queue a notice for the node thread (0: at once).
     */
    final long recordTraffic(boolean useful, long nowNanos) {
        int previous = (int) NOTICE.getAndBitwiseOr(this, useful ? PENDING | USEFUL : PENDING);
        if ((previous & PENDING) != 0) {
            return ALREADY_PENDING;
        }
        return Math.max(0, nextNoticeNanos - nowNanos);
    }

    /** Node thread: takes the notice; true if a useful message came since the last one. */
    final boolean takeTrafficNotice(long nowNanos) {
        nextNoticeNanos = nowNanos + MIN_INTERVAL_NANOS;
        return ((int) NOTICE.getAndSet(this, 0) & USEFUL) != 0;
    }
}
