package io.mintp2p.core.node;

import java.util.Objects;

/**
 * What a {@link P2pNode#send} future fails with when the message was not sent, whatever the reason:
 * {@link #outcome()} is the same {@link SendResult} {@link P2pNode#trySend} would have returned
 * ({@link SendResult#CLOSED} also when the message was queued and the connection closed before it was
 * written). Never carries {@link SendResult#QUEUED}.
 */
public final class SendRefusedException extends RuntimeException {
    /** Why the message was not sent; never {@link SendResult#QUEUED}. */
    private final SendResult outcome;

    /**
     * A refusal; no stack trace is captured.
     *
     * @param outcome why; not {@link SendResult#QUEUED}
     * @param message the detail, for logs
     * @throws IllegalArgumentException for {@link SendResult#QUEUED}
     */
    public SendRefusedException(SendResult outcome, String message) {
        // No stack trace: a refusal is an answer, not a bug, and a sender under back-pressure meets many.
        super(outcome + ": " + message, null, false, false);
        if (Objects.requireNonNull(outcome, "outcome").isQueued()) {
            throw new IllegalArgumentException("a queued message was not refused");
        }
        this.outcome = outcome;
    }

    /**
     * Why the message was not sent.
     *
     * @return the outcome
     */
    public SendResult outcome() {
        return outcome;
    }
}
