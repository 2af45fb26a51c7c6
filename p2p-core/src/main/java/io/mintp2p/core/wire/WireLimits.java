package io.mintp2p.core.wire;

/** Size limits of WIRE.md 2 and 11. */
public final class WireLimits {
    /** Maximum payload of one frame, the 4-byte length header excluded. */
    public static final int MAX_FRAME_PAYLOAD = 10 * 1024 * 1024;
    /** The length header of each frame. */
    public static final int FRAME_HEADER_BYTES = 4;
    /** The most addresses one {@link AddrListResponse} may carry. */
    public static final int MAX_ADDR_LIST_RESPONSE = 1000;
    /**
     * Largest frame accepted before the handshake completes. A Hello is under 100 bytes and a
     * WillDisconnect text a few hundred; a stranger must not make us buffer megabytes.
     */
    public static final int MAX_PRE_HANDSHAKE_FRAME = 4 * 1024;

    private WireLimits() {
    }
}
