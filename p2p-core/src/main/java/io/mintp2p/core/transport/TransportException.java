package io.mintp2p.core.transport;

/** A dial or listen that could not be done, with a typed reason. */
public class TransportException extends RuntimeException {
    private final CloseReason reason;

    public TransportException(CloseReason reason) {
        super(reason.message());
        this.reason = reason;
    }

    public TransportException(CloseReason reason, Throwable cause) {
        super(reason.message(), cause);
        this.reason = reason;
    }

    /** A failure with no more specific reason than "the connection could not be made". */
    public TransportException(String message) {
        this(CloseReason.of(DisconnectReason.CONNECT_FAILED, message));
    }

    public TransportException(String message, Throwable cause) {
        this(CloseReason.of(DisconnectReason.CONNECT_FAILED, message), cause);
    }

    public CloseReason reason() {
        return reason;
    }
}
