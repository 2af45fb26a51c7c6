package io.mintp2p.core.transport;

/** A send the transport refused or could not complete, with a typed {@link SendFailure}. */
public final class SendException extends RuntimeException {
    private final SendFailure failure;

    public SendException(SendFailure failure, String message) {
        super(failure + ": " + message);
        this.failure = failure;
    }

    public SendFailure failure() {
        return failure;
    }
}
