package io.mintp2p.core.node;

import java.util.Objects;
import java.util.Optional;

/**
 * The cause a failed {@link P2pNode#request} future holds, always wrapped in a
 * {@code CompletionException} (as {@link SendRefusedException} is for {@code send}): decide on
 * {@link #failure()}, never on the message. Immutable.
 */
public final class RequestFailedException extends RuntimeException {
    /** Why the request failed. */
    private final RequestFailure failure;
    /** The connection's refusal, for {@link RequestFailure#SEND_REFUSED}; else null. */
    private final SendResult sendResult;

    /**
     * A failure other than {@link RequestFailure#SEND_REFUSED}; {@code detail} for logs only.
     *
     * @param failure why
     * @param detail  for logs
     */
    public RequestFailedException(RequestFailure failure, String detail) {
        super(failure + ": " + detail, null, false, false);
        this.failure = Objects.requireNonNull(failure, "failure");
        this.sendResult = null;
    }

    /**
     * {@link RequestFailure#SEND_REFUSED} with the connection's refusal.
     *
     * @param refusal the send's outcome
     * @param detail  for logs
     */
    public RequestFailedException(SendResult refusal, String detail) {
        super(RequestFailure.SEND_REFUSED + " (" + refusal + "): " + detail, null, false, false);
        this.failure = RequestFailure.SEND_REFUSED;
        this.sendResult = Objects.requireNonNull(refusal, "refusal");
    }

    /**
     * Why the request failed. Any thread.
     *
     * @return the typed failure
     */
    public RequestFailure failure() {
        return failure;
    }

    /**
     * For {@link RequestFailure#SEND_REFUSED}: the refusal; else empty. Any thread.
     *
     * @return the refusal, or empty
     */
    public Optional<SendResult> sendResult() {
        return Optional.ofNullable(sendResult);
    }
}
