package io.mintp2p.core.node;

/**
 * How a protocol judges its responders. Scores go to the node's misbehaviour accounting (the same as
 * a decode error's: they add up per IP, and at 100 the IP is discouraged and its peers dropped) and
 * are published as {@link PeerEvent.Misbehaved}.
 *
 * @param timeoutScore            added when a request times out ({@code DisconnectReason.RESPONSE_TIMEOUT}); 0: none
 * @param unexpectedResponseScore added for a response with no request in flight for it: unsolicited, late
 *                                (after its timeout) or of another type than the request
 *                                ({@code DisconnectReason.UNEXPECTED_RESPONSE}); 0: none
 * @param tooManyRequestsScore    added when a peer sends a request over the protocol's
 *                                {@link Protocol.Builder#maxServedInFlight} bound (the request is dropped;
 *                                {@code DisconnectReason.TOO_MANY_REQUESTS}); 0: none
 * @param disconnectOnTimeout     whether a timeout also disconnects the peer
 */
public record ResponsePolicy(int timeoutScore, int unexpectedResponseScore, int tooManyRequestsScore,
                             boolean disconnectOnTimeout) {
    /** 10 per timeout, 20 per unexpected response, 20 per request over the bound, no disconnect on timeout. */
    public static final ResponsePolicy DEFAULT = new ResponsePolicy(10, 20, 20, false);

    /**
     * Checks the scores.
     *
     * @param timeoutScore            added per timeout
     * @param unexpectedResponseScore added per unexpected response
     * @param tooManyRequestsScore    added per request over the served bound
     * @param disconnectOnTimeout     whether a timeout also disconnects
     * @throws IllegalArgumentException if a score is negative
     */
    public ResponsePolicy {
        if (timeoutScore < 0 || unexpectedResponseScore < 0 || tooManyRequestsScore < 0) {
            throw new IllegalArgumentException("scores must not be negative");
        }
    }

    /**
     * A policy scoring a request over the bound as an unexpected response.
     *
     * @param timeoutScore            added per timeout
     * @param unexpectedResponseScore added per unexpected response, and per request over the served bound
     * @param disconnectOnTimeout     whether a timeout also disconnects
     */
    public ResponsePolicy(int timeoutScore, int unexpectedResponseScore, boolean disconnectOnTimeout) {
        this(timeoutScore, unexpectedResponseScore, unexpectedResponseScore, disconnectOnTimeout);
    }
}
