package io.mintp2p.core.node;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;

/**
 * What the node thread must learn about application messages delivered without it (the session's
 * idle timer, the peer manager's "useful" mark), coalesced: however many arrive, at most one notice
 * per link waits for the node thread, and notices are at least {@link #MIN_INTERVAL} apart (both
 * uses count in seconds and minutes; a notice per message kept the node thread busy at high rates).
 * One atomic operation per message, no allocation; the state is two fields of the {@link Link}.
 */
final class TrafficNotice {
    static final Duration MIN_INTERVAL = Duration.ofMillis(500);
    private static final long MIN_INTERVAL_NANOS = MIN_INTERVAL.toNanos();
    /** {@link #record} when a notice is already on its way. */
    static final long ALREADY_PENDING = -1;
    static final int PENDING = 1;
    static final int USEFUL = 2;
    private static final VarHandle NOTICE;

    static {
        try {
            NOTICE = MethodHandles.lookup().findVarHandle(Link.class, "notice", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TrafficNotice() {
    }

    /**
     * Transport thread: records a message. Returns {@link #ALREADY_PENDING}, or the delay in
     * nanoseconds after which the caller must queue a notice for the node thread (0: at once).
     */
    static long record(Link link, boolean useful, long nowNanos) {
        int previous = (int) NOTICE.getAndBitwiseOr(link, useful ? PENDING | USEFUL : PENDING);
        if ((previous & PENDING) != 0) {
            return ALREADY_PENDING;
        }
        return Math.max(0, link.nextNoticeNanos - nowNanos);
    }

    /** Node thread: takes the notice; true if a useful message came since the last one. */
    static boolean take(Link link, long nowNanos) {
        link.nextNoticeNanos = nowNanos + MIN_INTERVAL_NANOS;
        return ((int) NOTICE.getAndSet(link, 0) & USEFUL) != 0;
    }
}
