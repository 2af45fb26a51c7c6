package io.mintp2p.core.peers;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import java.util.Objects;
import java.util.Optional;

/** The peer manager's answer to a completed handshake; {@code reason} is empty for ACCEPT. */
public record Verdict(Kind kind, Optional<CloseReason> reason) {
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

    public Verdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public static Verdict accept() {
        return new Verdict(Kind.ACCEPT, Optional.empty());
    }

    public static Verdict reject(DisconnectReason reason) {
        return new Verdict(Kind.REJECT, Optional.of(CloseReason.of(reason)));
    }

    public static Verdict serveAddressesThenDisconnect(DisconnectReason reason) {
        return new Verdict(Kind.SERVE_ADDRESSES_THEN_DISCONNECT, Optional.of(CloseReason.of(reason)));
    }

    /** The reason to disconnect; only for REJECT and SERVE_ADDRESSES_THEN_DISCONNECT. */
    public CloseReason closeReason() {
        return reason.orElseThrow(() -> new IllegalStateException("an accepted peer has no close reason"));
    }
}
