package io.mintp2p.core.node;

/** What {@link P2pNode#trySend} did with a message, decided at once on the caller's thread. */
public enum SendResult {
    /** Queued for the peer, in order after earlier sends; written unless the connection closes first. */
    QUEUED,
    /** No accepted peer with that id: never connected, gone, or still handshaking. */
    NOT_CONNECTED,
    /** The peer did not offer the message type's service bit in its handshake. */
    SERVICE_NOT_OFFERED,
    /** The peer does not read fast enough and its send queue is full: wait for {@link P2pNode#whenWritable}, or give up on it. */
    QUEUE_FULL,
    /** The connection is closing. */
    CLOSED,
    /** The encoded message is larger than a frame may be. */
    TOO_LARGE;

    public boolean isQueued() {
        return this == QUEUED;
    }
}
