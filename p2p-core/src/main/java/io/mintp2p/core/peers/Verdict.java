package io.mintp2p.core.peers;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import java.util.Objects;
import java.util.Optional;

/**
 * The peer manager's answer to a completed handshake; {@code reason} is empty for ACCEPT.
 *
 * @param kind   what to do with the peer
 * @param reason why it is disconnected; empty for ACCEPT
 */
public record Verdict(Kind kind, Optional<CloseReason> reason) {
    /** What the node does with the peer. */
    public enum Kind {
        /** Keep the peer; it counts against the bounds. */
        ACCEPT,
        /** Disconnect now with the reason. */
        REJECT,
        /**
         * Do not keep it, but first serve its address request (a full node still helps newcomers
         * find others), then disconnect with the reason. It does not count against the bounds.
         */
        SERVE_ADDRESSES_THEN_DISCONNECT
    }

    /**
     * Checks both are present.
     *
     * @param kind   what to do
     * @param reason why, or empty
     */
    public Verdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Keeps the peer.
     *
     * @return an ACCEPT verdict
     */
    public static Verdict accept() {
        return new Verdict(Kind.ACCEPT, Optional.empty());
    }

    /**
     * Disconnects the peer now.
     *
     * @param reason why
     * @return a REJECT verdict
     */
    public static Verdict reject(DisconnectReason reason) {
        return new Verdict(Kind.REJECT, Optional.of(CloseReason.of(reason)));
    }

    /**
     * Serves the peer's address request, then disconnects it.
     *
     * @param reason why
     * @return a SERVE_ADDRESSES_THEN_DISCONNECT verdict
     */
    public static Verdict serveAddressesThenDisconnect(DisconnectReason reason) {
        return new Verdict(Kind.SERVE_ADDRESSES_THEN_DISCONNECT, Optional.of(CloseReason.of(reason)));
    }

    /**
     * The reason to disconnect; only for REJECT and SERVE_ADDRESSES_THEN_DISCONNECT.
     *
     * @return the reason
     * @throws IllegalStateException for ACCEPT
     */
    public CloseReason closeReason() {
        return reason.orElseThrow(() -> new IllegalStateException("an accepted peer has no close reason"));
    }
}
