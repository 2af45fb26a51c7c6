package io.mintp2p.core.node;

/** Why a {@link P2pNode#request} did not get its response: the typed cause a {@link RequestFailedException} carries. */
public enum RequestFailure {
    /** No response within the request's timeout (the responder was also scored by the protocol's {@link ResponsePolicy}). */
    TIMEOUT,
    /** The peer disconnected while the request was in flight. */
    DISCONNECTED,
    /** The node stopped (or was stopping) while the request was in flight or when it was made. */
    NODE_STOPPED,
    /** The peer is not an accepted peer of this node. */
    NOT_CONNECTED,
    /** The peer does not advertise the request type's service bit. */
    SERVICE_NOT_OFFERED,
    /** The protocol's bound on requests in flight (per peer or per node) is reached; nothing was sent. */
    TOO_MANY_IN_FLIGHT,
    /** An ordered request type already has a request in flight to this peer; nothing was sent (not queued). */
    ALREADY_IN_FLIGHT,
    /** The connection refused the request's frame; {@link RequestFailedException#sendResult()} says why. */
    SEND_REFUSED
}
