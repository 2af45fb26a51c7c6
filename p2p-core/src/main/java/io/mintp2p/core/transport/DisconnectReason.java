package io.mintp2p.core.transport;

import java.util.Locale;

/**
 * Why a connection ended or was refused, or why a peer was scored. One closed set, so metrics,
 * events, logs, the admin API and WillDisconnect texts all derive from the same value and nothing
 * ever matches on text. Texts follow the Mintlayer node's (WIRE.md 6.1) where it has one; a
 * {@code %s} marks where {@link CloseReason#detail()} goes, otherwise a detail is appended.
 */
public enum DisconnectReason {
    // Our decisions about a peer (WIRE.md 6.1)
    /** The peer's address is banned. */
    BANNED("Your address is banned"),
    /** The peer's address is discouraged and there is no room for it. */
    DISCOURAGED("Your address is discouraged"),
    /** An inbound peer evicted to make room for a newcomer. */
    EVICTED("You are evicted"),
    /** A feeler connection, closed once it proved the address reachable. */
    FEELER("This was a feeler connection"),
    /** The peer echoed our own handshake nonce: we dialled ourselves. */
    SELF_CONNECTION("We think you are a self-connection"),
    /** Closed by the operator or the application. */
    MANUAL("Manual disconnection"),
    /** The peer did not answer our ping in time. */
    PING_TIMEOUT("You ignore our ping requests"),
    /** Inbound slots full, and the newcomer is discouraged. */
    INBOUND_FULL_DISCOURAGED("Too many inbound connections and your address is discouraged"),
    /** Inbound slots full and no peer can be evicted. */
    INBOUND_FULL("Too many inbound connections that can't be evicted"),
    /** The peer's protocol version is below the one we support. */
    UNSUPPORTED_VERSION("Unsupported protocol version, our min version is %s"),
    /** The peer's clock is too far from ours. */
    CLOCK_SKEW("Your time is out of the acceptable range (%s)"),
    /** The peer is on another chain (network magic). */
    WRONG_NETWORK("Wrong network; our network is '%s'"),
    /** The peer offers none of the services we need. */
    NO_COMMON_SERVICES("No common services"),
    /** A payload that is not valid strict SCALE for its type. */
    DECODE_ERROR("Your message cannot be decoded (%s)"),
    /** A frame announced over the size limit. */
    FRAME_TOO_LARGE("Your message size exceeded the maximum size (%s)"),
    /** Our node is stopping. */
    SHUTDOWN("Node shutting down"),

    // Our decisions, with texts of our own
    /** A message against the protocol's rules (its detail says which). */
    PROTOCOL_VIOLATION("Protocol violation (%s)"),
    /** A message not allowed in the connection's state, such as a second Hello. */
    UNEXPECTED_MESSAGE("Unexpected message (%s)"),
    /** The handshake did not finish in time. */
    HANDSHAKE_TIMEOUT("Handshake timed out"),
    /** We have a connection to this peer already. */
    ALREADY_CONNECTED("Already connected"),
    /** An outbound peer dropped to make room for a better one. */
    ROTATED("Rotating outbound peers"),
    /** Too many handshakes pending from the peer's address or network. */
    PENDING_LIMIT("Too many pending connections from your address or network"),
    /** A pending connection closed to make room for a newcomer. */
    PENDING_EVICTED("Your pending connection made room for a newcomer"),
    /** An address list we did not ask for. */
    UNSOLICITED_ADDRESSES("Unsolicited address list"),
    /** An address list with more than {@link io.mintp2p.core.wire.WireLimits#MAX_ADDR_LIST_RESPONSE} addresses. */
    ADDRESS_LIST_TOO_LONG("Address list over the limit"),
    /** The peer does not read what we send: its outbound queue is full. */
    SLOW_READER("You do not read what we send"),
    /** The application reported the peer misbehaving. */
    MISBEHAVIOUR("Misbehaviour reported by the application (%s)"),
    /** A response to no request of ours, or of the wrong type. */
    UNEXPECTED_RESPONSE("Unexpected response (%s)"),
    /** A request of ours got no response in time. */
    RESPONSE_TIMEOUT("No response in time (%s)"),
    /** The peer has more requests in flight than the protocol allows. */
    TOO_MANY_REQUESTS("Too many requests in flight (%s)"),

    // What the transport or the remote did
    /** The peer closed the connection. */
    PEER_CLOSED("Closed by peer"),
    /** The peer sent WillDisconnect, then closed. */
    PEER_WILL_DISCONNECT("Peer will disconnect (%s)"),
    /** The connection failed (reset, broken pipe, unreachable). */
    IO_ERROR("I/O error (%s)"),
    /** The TLS handshake failed. */
    TLS_FAILED("TLS handshake failed (%s)"),
    /** Not a Noise handshake: bad length, bad message, or a key that fails to decrypt. Never scored. */
    NOISE_FAILED("Noise handshake failed (%s)"),
    /** The Noise handshake did not finish within the handshake timeout. Never scored. */
    NOISE_TIMEOUT("Noise handshake timed out"),
    /** After the Noise handshake: a record that fails authentication, or one with no plaintext. */
    NOISE_BAD_RECORD("Bad Noise record (%s)"),
    /** The peer's authenticated identity is not the one pinned for its address. */
    IDENTITY_MISMATCH("Peer identity mismatch (%s)"),
    /** A dial did not connect. */
    CONNECT_FAILED("Connect failed (%s)"),
    /** No transport handles the address's scheme. */
    NO_TRANSPORT("No transport for the address (%s)"),
    /** The transport is closing. */
    TRANSPORT_SHUTDOWN("Transport shut down");

    private final String text;

    DisconnectReason(String text) {
        this.text = text;
    }

    /**
     * Low-cardinality label for metrics: {@code ping_timeout}, {@code evicted}, ...
     *
     * @return the constant's name in lower case
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The human text with the (already sanitised) detail filled in. */
    String describe(String detail) {
        if (text.contains("%s")) {
            return text.replace("%s", detail.isEmpty() ? "-" : detail);
        }
        return detail.isEmpty() ? text : text + ": " + detail;
    }
}
