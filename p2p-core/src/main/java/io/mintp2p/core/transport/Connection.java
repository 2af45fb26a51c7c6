package io.mintp2p.core.transport;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One established connection.
 *
 * <p>Buffer ownership: {@link #send} takes ownership of the payload (the transport releases it,
 * also when the send fails); a payload delivered to {@link ConnectionHandler#onFrame} belongs to the
 * handler, which must release it.
 */
public interface Connection {
    /** Unique among all connections of the JVM (see {@link ConnectionIds}). */
    long id();

    TransportAddress remote();

    TransportAddress local();

    Direction direction();

    /** The authenticated identity of the remote node, for transports that authenticate (TLS). */
    Optional<PeerIdentity> identity();

    /** Serial context on which this connection's handler callbacks run. */
    Executor executor();

    /**
     * Queues one frame payload (without length header) for sending, in order. The future completes
     * when the frame was written, and fails with a {@link TransportException} when the connection is
     * or becomes closed, or when the payload exceeds the frame limit (the connection stays open then).
     * A peer that does not read makes the connection close once too much is queued (backpressure).
     */
    CompletableFuture<Void> send(ByteBuf payload);

    /**
     * Flushes what was accepted for sending, then closes. The handler's {@code onClosed} is called
     * once with {@link CloseReason#local(String)} carrying this reason.
     */
    void close(String reason);

    boolean isOpen();

    /** Bytes read and written so far, headers included. */
    long bytesIn();

    long bytesOut();
}
