package io.mintp2p.core.transport;

import java.util.Objects;

/**
 * A typed reason with an optional detail. The detail may come from a peer (a WillDisconnect text, a
 * decode error about its bytes), so it is sanitised on construction: printable ASCII only, at most
 * {@link #MAX_DETAIL} characters. It is never parsed; decisions use {@link #code()}.
 *
 * @param code   the typed reason
 * @param detail the sanitised detail; empty when there is none
 */
public record CloseReason(DisconnectReason code, String detail) {
    /** The longest detail kept; a longer one is cut and ends in "...". */
    public static final int MAX_DETAIL = 160;

    /**
     * Sanitises the detail.
     *
     * @param code   the typed reason
     * @param detail any text, even a peer's; null counts as empty
     */
    public CloseReason {
        Objects.requireNonNull(code, "code");
        detail = sanitise(detail == null ? "" : detail);
    }

    /**
     * A reason without detail.
     *
     * @param code the typed reason
     * @return the reason
     */
    public static CloseReason of(DisconnectReason code) {
        return new CloseReason(code, "");
    }

    /**
     * A reason with a detail, sanitised.
     *
     * @param code   the typed reason
     * @param detail any text, even a peer's
     * @return the reason
     */
    public static CloseReason of(DisconnectReason code, String detail) {
        return new CloseReason(code, detail);
    }

    /**
     * The announced length of a frame over the limit: misbehaviour score 100 (WIRE.md 2).
     *
     * @param announced the length the frame's header announced
     * @param max       the limit
     * @return a {@link DisconnectReason#FRAME_TOO_LARGE} reason
     */
    public static CloseReason frameTooLarge(long announced, int max) {
        return new CloseReason(DisconnectReason.FRAME_TOO_LARGE, announced + " > " + max);
    }

    /**
     * Ban score the transport saw in the peer: 100 for an oversized frame, else 0.
     *
     * @return 100 or 0
     */
    public int banScore() {
        return code == DisconnectReason.FRAME_TOO_LARGE ? 100 : 0;
    }

    /**
     * The full text, for logs and WillDisconnect.
     *
     * @return the reason's text with the detail
     */
    public String message() {
        return code.describe(detail);
    }

    @Override
    public String toString() {
        return message();
    }

    static String sanitise(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_DETAIL + 3));
        for (int i = 0; i < s.length() && out.length() < MAX_DETAIL; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        if (s.length() > MAX_DETAIL) {
            out.append("...");
        }
        return out.toString();
    }
}
