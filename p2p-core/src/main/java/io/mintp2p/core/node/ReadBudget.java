package io.mintp2p.core.node;

import io.mintp2p.core.transport.Connection;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Read backpressure for one connection: counts decoded messages (and their bytes) from the moment
 * the transport hands a frame over until the node, or the application handler, is done with it.
 * Over the high mark the connection stops reading; it reads again once half is drained. So a fast
 * peer or a slow subscriber never grows a queue in front of the node: the bytes wait in the
 * kernel and in the peer. Until the handshake completes the budget is a small one
 * ({@link #PRE_HANDSHAKE_MESSAGES}, {@link #PRE_HANDSHAKE_BYTES}): a stranger has nothing to say
 * but Hello; then it is the node's {@link ReadLimits}.
 *
 * <p>A layer of {@link Link} (see {@link SerialExecutor}); the connection and the node's limits are
 * asked of the subclass, which keeps them anyway.
 */
abstract class ReadBudget extends SerialExecutor {
    static final int PRE_HANDSHAKE_MESSAGES = 8;
    static final long PRE_HANDSHAKE_BYTES = 64 * 1024;
    private static final VarHandle MESSAGES;
    private static final VarHandle BYTES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MESSAGES = lookup.findVarHandle(ReadBudget.class, "messages", int.class);
            BYTES = lookup.findVarHandle(ReadBudget.class, "bytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Counters in fields of their own rather than atomics: one budget per peer, for the peer's life.
    // Acquired on the transport thread, released on the node's or a handler's: hence the VarHandles.
    private volatile int messages;
    private volatile long bytes;
    private volatile boolean paused;
    /** Set on the node thread at the handshake, read on the others: which budget applies. */
    private volatile boolean full;

    /** The connection whose reading this budget pauses and resumes. */
    abstract Connection connection();

    /** The full budget, once the peer is accepted. */
    abstract ReadLimits limits();

    private int maxMessages() {
        return full ? limits().maxMessages() : PRE_HANDSHAKE_MESSAGES;
    }

    private long maxBytes() {
        return full ? limits().maxBytes() : PRE_HANDSHAKE_BYTES;
    }

    /** The peer was accepted: it gets the full budget (and reads again if the small one paused it). */
    final void grantFullBudget() {
        full = true;
        if (paused) {
            connection().executor().execute(this::resumeIfDrained);
        }
    }

    /** A frame arrived (on the transport's thread). */
    final void acquire(int size) {
        int m = (int) MESSAGES.getAndAdd(this, 1) + 1;
        long b = (long) BYTES.getAndAdd(this, (long) size) + size;
        if (!paused && (m > maxMessages() || b > maxBytes())) {
            paused = true;
            limits().pauses().increment();
            connection().pauseReading();
        }
    }

    /** The node or the handler finished with a message (any thread). */
    final void release(int size) {
        int m = (int) MESSAGES.getAndAdd(this, -1) - 1;
        long b = (long) BYTES.getAndAdd(this, (long) -size) - size;
        if (paused && m <= maxMessages() / 2 && b <= maxBytes() / 2) {
            // Decided again on the connection's own thread, where acquire runs, so the two never race.
            connection().executor().execute(this::resumeIfDrained);
        }
    }

    private void resumeIfDrained() {
        if (paused && messages <= maxMessages() / 2 && bytes <= maxBytes() / 2) {
            paused = false;
            connection().resumeReading();
        }
    }

    final boolean isPaused() {
        return paused;
    }
}
