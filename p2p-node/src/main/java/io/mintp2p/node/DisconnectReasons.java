package io.mintp2p.node;

import java.util.Locale;

/** Maps free-form disconnect reasons (WIRE.md 6.1 texts) to a small set of metric labels. */
final class DisconnectReasons {
    private DisconnectReasons() {
    }

    static String label(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("ignore our ping")) {
            return "ping_timeout";
        }
        if (r.contains("wrong network")) {
            return "wrong_network";
        }
        if (r.contains("unsupported protocol")) {
            return "unsupported_version";
        }
        if (r.contains("evicted")) {
            return "evicted";
        }
        if (r.contains("too many inbound")) {
            return "too_many_inbound";
        }
        if (r.contains("banned")) {
            return "banned";
        }
        if (r.contains("discouraged")) {
            return "discouraged";
        }
        if (r.contains("cannot be decoded") || r.contains("exceeded the maximum size")) {
            return "decode_error";
        }
        if (r.contains("shutting down") || r.contains("shut down")) {
            return "shutdown";
        }
        if (r.contains("manual")) {
            return "manual";
        }
        if (r.contains("rotating")) {
            return "rotated";
        }
        if (r.contains("closed by peer") || r.startsWith("peer said") || r.contains("reset")) {
            return "remote_closed";
        }
        if (r.contains("handshake timed out")) {
            return "handshake_timeout";
        }
        return "other";
    }
}
