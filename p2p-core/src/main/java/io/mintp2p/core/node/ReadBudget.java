package io.mintp2p.core.node;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Read backpressure, one object per node for all its links: counts a link's decoded messages (and
 * their bytes) from the moment the transport hands a frame over until the node, or the application
 * handler, is done with it. Over the high mark the connection stops reading; it reads again once half
 * is drained. So a fast peer or a slow subscriber never grows a queue in front of the node: the bytes
 * wait in the kernel and in the peer. Until the handshake completes the budget is a small one
 * ({@link #PRE_HANDSHAKE_MESSAGES}, {@link #PRE_HANDSHAKE_BYTES}): a stranger has nothing to say but
 * Hello; then it is the node's {@link ReadLimits}.
 *
 * <p>The counters are fields of the {@link Link} (one object per idle peer, not one per concern);
 * frames are acquired on the transport thread and released on the node's or a handler's, hence the
 * VarHandles. A paused connection is resumed on its own transport thread, where acquire runs, so the
 * two never race. Nothing blocks.
 */
final class ReadBudget {
    static final int PRE_HANDSHAKE_MESSAGES = 8;
    static final long PRE_HANDSHAKE_BYTES = 64 * 1024;
    private static final VarHandle MESSAGES;
    private static final VarHandle BYTES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MESSAGES = lookup.findVarHandle(Link.class, "budgetMessages", int.class);
            BYTES = lookup.findVarHandle(Link.class, "budgetBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ReadLimits limits;

    ReadBudget(ReadLimits limits) {
        this.limits = limits;
    }

    private int maxMessages(Link link) {
        return link.fullBudget ? limits.maxMessages() : PRE_HANDSHAKE_MESSAGES;
    }

    private long maxBytes(Link link) {
        return link.fullBudget ? limits.maxBytes() : PRE_HANDSHAKE_BYTES;
    }

    /** Node thread: the peer was accepted; it gets the full budget (and reads again if the small one paused it). */
    void grantFull(Link link) {
        link.fullBudget = true;
        if (link.readPaused) {
            link.connection.executor().execute(() -> resumeIfDrained(link));
        }
    }

    /** Transport thread: a frame arrived. */
    void acquire(Link link, int size) {
        int m = (int) MESSAGES.getAndAdd(link, 1) + 1;
        long b = (long) BYTES.getAndAdd(link, (long) size) + size;
        if (!link.readPaused && (m > maxMessages(link) || b > maxBytes(link))) {
            link.readPaused = true;
            limits.pauses().increment();
            link.connection.pauseReading();
        }
    }

    /** Any thread: the node or the handler finished with a message. */
    void release(Link link, int size) {
        int m = (int) MESSAGES.getAndAdd(link, -1) - 1;
        long b = (long) BYTES.getAndAdd(link, (long) -size) - size;
        if (link.readPaused && m <= maxMessages(link) / 2 && b <= maxBytes(link) / 2) {
            link.connection.executor().execute(() -> resumeIfDrained(link));
        }
    }

    private void resumeIfDrained(Link link) {
        if (link.readPaused && link.budgetMessages <= maxMessages(link) / 2 && link.budgetBytes <= maxBytes(link) / 2) {
            link.readPaused = false;
            link.connection.resumeReading();
        }
    }
}
