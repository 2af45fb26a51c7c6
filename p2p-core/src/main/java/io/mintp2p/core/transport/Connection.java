package io.mintp2p.core.transport;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * One established connection.
 *
 * <p>Buffer ownership: {@link #send} takes ownership of the payload (the transport releases it,
 * also when the send fails); a payload delivered to {@link ConnectionHandler#onFrame} belongs to the
 * handler, which must release it.
 *
 * <p>Limits every transport enforces: until {@link #handshakeCompleted()} no frame larger than
 * {@link io.mintp2p.core.wire.WireLimits#MAX_PRE_HANDSHAKE_FRAME} is accepted (a stranger cannot
 * make us buffer megabytes); {@link #pauseReading()} stops reading from the peer until
 * {@link #resumeReading()} (read backpressure); {@link #send} fails fast instead of queueing without
 * bound.
 */
public interface Connection {
    /** Unique among all connections of the JVM (see {@link ConnectionIds}). */
    long id();

    /** The remote end; known from the accept (inbound) or the connect (outbound) on. */
    TransportAddress remote();

    TransportAddress local();

    Direction direction();

    /** The authenticated identity of the remote node, for transports that authenticate (TLS). */
    Optional<PeerIdentity> identity();

    /** Serial context on which this connection's handler callbacks run. */
    Executor executor();

    /**
     * Queues one frame payload (without length header) for sending, in order. The future completes
     * when the frame was written. It fails with a {@link SendException} at once when the connection
     * is closed ({@link SendFailure#CLOSED}), the payload exceeds the frame limit
     * ({@link SendFailure#TOO_LARGE}) or the peer does not read and its queue is full
     * ({@link SendFailure#QUEUE_FULL}); the connection stays open in the last two cases.
     */
    CompletableFuture<Void> send(ByteBuf payload);

    /**
     * {@link #send} without a future, for senders that do not wait on each write: the frame is queued
     * (empty) or refused at once for the typed reason, with the same rules. A frame queued and then lost
     * because the connection closed is not reported. Transports should override this to skip the future.
     */
    default Optional<SendFailure> enqueue(ByteBuf payload) {
        CompletableFuture<Void> sent = send(payload);
        if (!sent.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            sent.join();
            return Optional.empty();
        } catch (CompletionException e) {
            return Optional.of(e.getCause() instanceof SendException refused ? refused.failure() : SendFailure.CLOSED);
        }
    }

    /**
     * True if this transport calls {@link ConnectionHandler#onReadComplete} after every run of frames
     * (and before {@code onClosed}); a transport that does not, keeps this default and its frames are
     * passed on one at a time.
     */
    default boolean signalsReadComplete() {
        return false;
    }

    /**
     * Keeps the handler's own object for this connection (as NIO's {@code SelectionKey.attach}), so
     * that the handler need not look it up for every frame; {@code null} takes it off. Answers whether
     * this transport keeps it: one that does not (the default) leaves the handler to key its records by
     * the connection. Thread-safe: what one thread attaches, the transport's thread sees.
     */
    default boolean attach(Object handlerState) {
        return false;
    }

    /** What the handler {@link #attach attached}, or null (always null where the transport keeps nothing). */
    default Object attachment() {
        return null;
    }

    /** False while the peer's send queue is above its high-water mark: sends may soon fail with QUEUE_FULL. */
    boolean isWritable();

    /**
     * Completes once the connection is {@link #isWritable() writable} again or closed (at once if it is
     * writable now), so a sender can wait for room instead of polling. A transport without a bounded
     * write queue keeps this default, which completes at once.
     */
    default CompletableFuture<Void> whenWritable() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Flushes what was accepted for sending, then closes. The handler's {@code onClosed} is called
     * once, with this reason if the close was ours first. Thread-safe.
     */
    void close(CloseReason reason);

    boolean isOpen();

    /** The protocol handshake is done: lift the pre-handshake frame limit to the full one. */
    void handshakeCompleted();

    /** Stops reading from the peer (its frames wait in the kernel, then in the peer). Idempotent, thread-safe. */
    void pauseReading();

    /** Reads again after {@link #pauseReading()}. Idempotent, thread-safe. */
    void resumeReading();

    /** Bytes read and written so far, headers included. */
    long bytesIn();

    long bytesOut();
}
