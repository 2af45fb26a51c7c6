package io.mintp2p.core.node;

import io.mintp2p.core.transport.SendFailure;

/**
 * The one outcome of an application send: what {@link P2pNode#trySend} returns, and what the
 * {@link SendRefusedException} of a failed {@link P2pNode#send} future carries. The transport SPI says
 * the same things of a frame in its own words ({@link SendFailure}); {@link #of(SendFailure)} is the
 * one place they are mapped.
 */
public enum SendResult {
    /** Queued for the peer, in order after earlier sends; written unless the connection closes first. */
    QUEUED,
    /** No accepted peer with that id: never connected, gone, or still handshaking. */
    NOT_CONNECTED,
    /** The peer did not offer the message type's service bit in its handshake. */
    SERVICE_NOT_OFFERED,
    /** The peer does not read fast enough and its send queue is full: wait for {@link P2pNode#whenWritable}, or give up on it. */
    QUEUE_FULL,
    /** The connection is closing (or, for a {@code send} future, closed before the message was written). */
    CLOSED,
    /** The encoded message is larger than a frame may be. */
    TOO_LARGE;

    /**
     * Whether the message was queued.
     *
     * @return true for {@link #QUEUED}
     */
    public boolean isQueued() {
        return this == QUEUED;
    }

    /** The outcome the transport's refusal of a frame means for the message in it. */
    static SendResult of(SendFailure failure) {
        return switch (failure) {
            case QUEUE_FULL -> QUEUE_FULL;
            case TOO_LARGE -> TOO_LARGE;
            case CLOSED -> CLOSED;
        };
    }
}
