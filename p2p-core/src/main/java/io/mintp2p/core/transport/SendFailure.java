package io.mintp2p.core.transport;

/** Why a {@link Connection#send} was not accepted. */
public enum SendFailure {
    /** The connection is closed or closing. */
    CLOSED,
    /** The peer does not read fast enough and its queue is full: retry when writable, or give up on it. */
    QUEUE_FULL,
    /** The payload is larger than a frame may be. */
    TOO_LARGE
}
