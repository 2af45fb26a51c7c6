package io.mintp2p.core.transport;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/**
 * Receives a connection's life: admission, open, frames, close. Every call about one connection
 * passes the same {@link Connection} object, so a handler may key its records by it.
 */
public interface ConnectionHandler {
    /**
     * An inbound connection was just accepted, before any work is spent on it (no TLS, no decoding):
     * answer a reason to refuse it, and the transport closes it at once without calling
     * {@link #onOpen} or {@link #onClosed}. Runs on a transport thread, so it must be cheap and
     * thread-safe. {@link Connection#remote()} is known; the connection may be closed later by the
     * handler (an admitted connection evicted to make room), from any thread.
     *
     * @param pending the accepted connection, not yet open
     * @return a reason to refuse it, or empty to let it in
     */
    default Optional<CloseReason> admit(Connection pending) {
        return Optional.empty();
    }

    /**
     * Called once, before any frame, on {@link Connection#executor()}; for inbound connections after
     * admission and TLS. The handler may send from within this call (the node sends a dial's Hello here).
     * Must not block.
     *
     * @param connection the connection, now open
     */
    void onOpen(Connection connection);

    /**
     * One whole frame payload (length header removed), in the order the peer sent them. The handler
     * owns and must release it. Runs on {@link Connection#executor()}; must not block.
     *
     * @param connection the connection it came on
     * @param payload    the payload; the handler releases it
     */
    void onFrame(Connection connection, ByteBuf payload);

    /**
     * The transport has read what the peer had sent for now: called after a run of {@link #onFrame}
     * calls, on the same thread, by transports whose connections are {@link FastPathConnection}s that
     * {@linkplain FastPathConnection#signalsReadComplete() say so}, so the handler can pass on a read's
     * frames together. Must not block.
     *
     * @param connection the connection that was read
     */
    default void onReadComplete(Connection connection) {
    }

    /**
     * An inbound connection that {@link #admit} let in closed before it opened (its TLS or Noise handshake failed
     * or timed out): whatever admission reserved for it is free again. Neither {@link #onOpen} nor
     * {@link #onClosed} is called for it. Runs on a transport thread, so it must be cheap and thread-safe.
     *
     * @param connection the connection {@link #admit} let in
     * @param reason     why it closed
     */
    default void onAdmittedButNeverOpened(Connection connection, CloseReason reason) {
    }

    /**
     * Called exactly once when an opened connection is gone, whoever closed it; no frame follows.
     * Runs on {@link Connection#executor()}; must not block.
     *
     * @param connection the connection, now closed
     * @param reason     ours if we closed it first, else what the transport saw
     */
    void onClosed(Connection connection, CloseReason reason);
}
