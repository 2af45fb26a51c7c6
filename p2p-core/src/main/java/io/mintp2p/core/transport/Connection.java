package io.mintp2p.core.transport;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One established connection: what a transport author must implement. Optional fast paths (sending
 * without a future, read runs, an attachment) are in {@link FastPathConnection}.
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
 *
 * <p>Threads: every method may be called from any thread and none blocks, unless its doc says
 * otherwise.
 */
public interface Connection {
    /**
     * Unique among all connections of the JVM (see {@link ConnectionIds}). Any thread, non-blocking.
     *
     * @return the id
     */
    long id();

    /**
     * The remote end; known from the accept (inbound) or the connect (outbound) on, so
     * {@link ConnectionHandler#admit} can look at it. Any thread, non-blocking.
     *
     * @return the peer's address
     */
    TransportAddress remote();

    /**
     * This end's address, or null once the transport no longer knows it. Any thread, non-blocking.
     *
     * @return our address, or null
     */
    TransportAddress local();

    /**
     * Whether we dialled ({@link Direction#OUTBOUND}) or accepted it. Any thread, non-blocking.
     *
     * @return the direction
     */
    Direction direction();

    /**
     * The authenticated identity of the remote node, for transports that authenticate (TLS); empty
     * for the others. Set before {@link ConnectionHandler#onOpen}. Any thread, non-blocking.
     *
     * @return the remote's identity, or empty
     */
    Optional<PeerIdentity> identity();

    /**
     * The serial context on which this connection's handler callbacks run. Any thread, non-blocking.
     *
     * @return the executor of the handler callbacks
     */
    Executor executor();

    /**
     * Queues one frame payload (without length header) for sending, in order. The future completes
     * when the frame was written. It fails with a {@link SendException} at once when the connection
     * is closed ({@link SendFailure#CLOSED}), the payload exceeds the frame limit
     * ({@link SendFailure#TOO_LARGE}) or the peer does not read and its queue is full
     * ({@link SendFailure#QUEUE_FULL}); the connection stays open in the last two cases. Any thread,
     * non-blocking (the write happens later on the transport's thread).
     *
     * @param payload the frame payload; the transport owns it from here on
     * @return completes once written; fails with a {@link SendException}
     */
    CompletableFuture<Void> send(ByteBuf payload);

    /**
     * False while the peer's send queue is above its high-water mark: sends may soon fail with
     * QUEUE_FULL. Any thread, non-blocking.
     *
     * @return true while sends are taken without nearing the limit
     */
    boolean isWritable();

    /**
     * Completes once the connection is {@link #isWritable() writable} again or closed (at once if it is
     * writable now), so a sender can wait for room instead of polling. A transport without a bounded
     * write queue keeps this default, which completes at once. Any thread, non-blocking; the future
     * completes on the transport's thread.
     *
     * @return completes when there is room or the connection closed
     */
    default CompletableFuture<Void> whenWritable() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Flushes what was accepted for sending, then closes. The handler's {@code onClosed} is called
     * once, with this reason if the close was ours first. Any thread, non-blocking.
     *
     * @param reason why we close; told to the handler and, where the protocol allows, to the peer
     */
    void close(CloseReason reason);

    /**
     * Neither closed by us nor known to be gone. Any thread, non-blocking.
     *
     * @return true while open
     */
    boolean isOpen();

    /** The protocol handshake is done: lift the pre-handshake frame limit to the full one. Any thread, non-blocking. */
    void handshakeCompleted();

    /** Stops reading from the peer (its frames wait in the kernel, then in the peer). Idempotent; any thread, non-blocking. */
    void pauseReading();

    /** Reads again after {@link #pauseReading()}. Idempotent; any thread, non-blocking. */
    void resumeReading();

    /**
     * Bytes read so far, headers included. Any thread, non-blocking.
     *
     * @return the count
     */
    long bytesIn();

    /**
     * Bytes written so far, headers included. Any thread, non-blocking.
     *
     * @return the count
     */
    long bytesOut();
}
