package io.mintp2p.core.transport;

/** A send the transport refused or could not complete, with a typed {@link SendFailure}. */
public final class SendException extends RuntimeException {
    /** Why the send failed. */
    private final SendFailure failure;

    /**
     * A refused send.
     *
     * @param failure why, typed
     * @param message the detail, for logs
     */
    public SendException(SendFailure failure, String message) {
        super(failure + ": " + message);
        this.failure = failure;
    }

    /**
     * Why the send failed; decide on this, not on the message.
     *
     * @return the typed failure
     */
    public SendFailure failure() {
        return failure;
    }
}
