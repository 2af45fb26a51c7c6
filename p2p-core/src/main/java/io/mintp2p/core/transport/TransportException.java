package io.mintp2p.core.transport;

/** A dial or listen that could not be done, with a typed reason. */
public class TransportException extends RuntimeException {
    /** Why the dial or listen failed. */
    private final CloseReason reason;

    /**
     * A failure with a typed reason.
     *
     * @param reason why
     */
    public TransportException(CloseReason reason) {
        super(reason.message());
        this.reason = reason;
    }

    /**
     * A failure with a typed reason and its cause.
     *
     * @param reason why
     * @param cause  the underlying failure
     */
    public TransportException(CloseReason reason, Throwable cause) {
        super(reason.message(), cause);
        this.reason = reason;
    }

    /**
     * A failure with no more specific reason than "the connection could not be made".
     *
     * @param message the detail
     */
    public TransportException(String message) {
        this(CloseReason.of(DisconnectReason.CONNECT_FAILED, message));
    }

    /**
     * A {@link DisconnectReason#CONNECT_FAILED} failure with its cause.
     *
     * @param message the detail
     * @param cause   the underlying failure
     */
    public TransportException(String message, Throwable cause) {
        this(CloseReason.of(DisconnectReason.CONNECT_FAILED, message), cause);
    }

    /**
     * Why the dial or listen failed.
     *
     * @return the typed reason
     */
    public CloseReason reason() {
        return reason;
    }
}
