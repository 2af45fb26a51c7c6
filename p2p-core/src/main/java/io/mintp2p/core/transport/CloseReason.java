package io.mintp2p.core.transport;

import java.util.Objects;

/**
 * Why a connection closed. {@code banScore} is the misbehaviour the transport saw in the peer
 * (100 for a frame over the limit, as WIRE.md 2 says), 0 when the peer did nothing wrong.
 */
public record CloseReason(Kind kind, String message, int banScore) {
    public enum Kind {
        /** We closed it (the message is our reason). */
        LOCAL,
        /** The remote closed it (EOF). */
        REMOTE,
        /** An I/O error or reset. */
        IO_ERROR,
        /** The peer announced a frame larger than the limit. */
        FRAME_TOO_LARGE,
        /** The peer did not read fast enough and too much was queued for it. */
        BACKPRESSURE,
        /** A transport-level handshake (TLS) failed or was refused. */
        HANDSHAKE_FAILED,
        /** The transport was shut down. */
        SHUTDOWN
    }

    public CloseReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    public static CloseReason local(String reason) {
        return new CloseReason(Kind.LOCAL, reason, 0);
    }

    public static CloseReason remote() {
        return new CloseReason(Kind.REMOTE, "closed by peer", 0);
    }

    public static CloseReason ioError(String message) {
        return new CloseReason(Kind.IO_ERROR, message, 0);
    }

    public static CloseReason frameTooLarge(long announced, int max) {
        return new CloseReason(Kind.FRAME_TOO_LARGE,
                "Your message size " + announced + " exceeded the maximum size " + max, 100);
    }

    public static CloseReason backpressure(long queuedBytes) {
        return new CloseReason(Kind.BACKPRESSURE, "peer does not read: " + queuedBytes + " bytes queued", 0);
    }

    public static CloseReason shutdown() {
        return new CloseReason(Kind.SHUTDOWN, "transport shut down", 0);
    }
}
