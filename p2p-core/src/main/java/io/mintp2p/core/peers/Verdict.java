package io.mintp2p.core.peers;

import java.util.Objects;

/** The peer manager's answer to a completed handshake. */
public record Verdict(Kind kind, String reason) {
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
        return new Verdict(Kind.ACCEPT, "");
    }

    public static Verdict reject(String reason) {
        return new Verdict(Kind.REJECT, reason);
    }

    public static Verdict serveAddressesThenDisconnect(String reason) {
        return new Verdict(Kind.SERVE_ADDRESSES_THEN_DISCONNECT, reason);
    }
}
