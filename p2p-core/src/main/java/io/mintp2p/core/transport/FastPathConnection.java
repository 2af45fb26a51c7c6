package io.mintp2p.core.transport;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A {@link Connection} that offers the node's fast paths; optional. A transport implements it when it
 * can send without making a future per frame, keep the handler's object for the connection, and
 * (if {@link #signalsReadComplete()}) tell when a run of frames ends. The node asks
 * {@link #signalsReadComplete()} and attaches its object once, when the connection opens; after that
 * it only tests the connection's type. A plain {@link Connection} works the same, one map lookup and
 * one future per frame slower.
 */
public interface FastPathConnection extends Connection {
    /**
     * {@link #send} without a future, for senders that do not wait on each write: the frame is queued
     * (empty) or refused at once for the typed reason, with the same rules and the same ownership of
     * the payload. A frame queued and then lost because the connection closed is not reported. Any
     * thread, non-blocking.
     *
     * @param payload the frame payload; the transport owns it from here on
     * @return empty if queued, else why not
     */
    Optional<SendFailure> enqueue(ByteBuf payload);

    /**
     * True if this transport calls {@link ConnectionHandler#onReadComplete} after every run of frames
     * (and before {@code onClosed}), so the handler may pass a run's frames on together; false and
     * they are passed on one at a time. Constant for the connection; any thread, non-blocking.
     *
     * @return whether {@code onReadComplete} follows each run of frames
     */
    boolean signalsReadComplete();

    /**
     * Keeps the handler's own object for this connection (as NIO's {@code SelectionKey.attach}), so
     * that the handler need not look it up for every frame; {@code null} takes it off. What one thread
     * attaches, the transport's thread sees (a volatile field). Any thread, non-blocking.
     *
     * @param handlerState the handler's object, or null
     */
    void attach(Object handlerState);

    /**
     * What the handler {@link #attach attached}, or null. Any thread, non-blocking.
     *
     * @return the attached object
     */
    Object attachment();

    /**
     * Sends {@code payload} without a future where the connection offers it, else through
     * {@link Connection#send}, whose outcome is known at once for a refusal: empty if queued, else why
     * not. Any thread, non-blocking.
     *
     * @param connection the connection to send on
     * @param payload    the frame payload; the transport owns it from here on
     * @return empty if queued, else why not
     */
    static Optional<SendFailure> enqueueOn(Connection connection, ByteBuf payload) {
        if (connection instanceof FastPathConnection fast) {
            return fast.enqueue(payload);
        }
        CompletableFuture<Void> sent = connection.send(payload);
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
}
