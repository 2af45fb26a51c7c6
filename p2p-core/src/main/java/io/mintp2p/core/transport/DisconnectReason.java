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
    BANNED("Your address is banned"),
    DISCOURAGED("Your address is discouraged"),
    EVICTED("You are evicted"),
    FEELER("This was a feeler connection"),
    SELF_CONNECTION("We think you are a self-connection"),
    MANUAL("Manual disconnection"),
    PING_TIMEOUT("You ignore our ping requests"),
    INBOUND_FULL_DISCOURAGED("Too many inbound connections and your address is discouraged"),
    INBOUND_FULL("Too many inbound connections that can't be evicted"),
    UNSUPPORTED_VERSION("Unsupported protocol version, our min version is %s"),
    CLOCK_SKEW("Your time is out of the acceptable range (%s)"),
    WRONG_NETWORK("Wrong network; our network is '%s'"),
    NO_COMMON_SERVICES("No common services"),
    DECODE_ERROR("Your message cannot be decoded (%s)"),
    FRAME_TOO_LARGE("Your message size exceeded the maximum size (%s)"),
    SHUTDOWN("Node shutting down"),

    // Our decisions, with texts of our own
    PROTOCOL_VIOLATION("Protocol violation (%s)"),
    UNEXPECTED_MESSAGE("Unexpected message (%s)"),
    HANDSHAKE_TIMEOUT("Handshake timed out"),
    ALREADY_CONNECTED("Already connected"),
    ROTATED("Rotating outbound peers"),
    PENDING_LIMIT("Too many pending connections from your address or network"),
    PENDING_EVICTED("Your pending connection made room for a newcomer"),
    UNSOLICITED_ADDRESSES("Unsolicited address list"),
    ADDRESS_LIST_TOO_LONG("Address list over the limit"),
    SLOW_READER("You do not read what we send"),
    MISBEHAVIOUR("Misbehaviour reported by the application (%s)"),
    UNEXPECTED_RESPONSE("Unexpected response (%s)"),
    RESPONSE_TIMEOUT("No response in time (%s)"),
    TOO_MANY_REQUESTS("Too many requests in flight (%s)"),

    // What the transport or the remote did
    PEER_CLOSED("Closed by peer"),
    PEER_WILL_DISCONNECT("Peer will disconnect (%s)"),
    IO_ERROR("I/O error (%s)"),
    TLS_FAILED("TLS handshake failed (%s)"),
    /** Not a Noise handshake: bad length, bad message, or a key that fails to decrypt. Never scored. */
    NOISE_FAILED("Noise handshake failed (%s)"),
    /** The Noise handshake did not finish within the handshake timeout. Never scored. */
    NOISE_TIMEOUT("Noise handshake timed out"),
    /** After the Noise handshake: a record that fails authentication, or one with no plaintext. */
    NOISE_BAD_RECORD("Bad Noise record (%s)"),
    IDENTITY_MISMATCH("Peer identity mismatch (%s)"),
    CONNECT_FAILED("Connect failed (%s)"),
    NO_TRANSPORT("No transport for the address (%s)"),
    TRANSPORT_SHUTDOWN("Transport shut down");

    private final String text;

    DisconnectReason(String text) {
        this.text = text;
    }

    /** Low-cardinality label for metrics: {@code ping_timeout}, {@code evicted}, ... */
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
