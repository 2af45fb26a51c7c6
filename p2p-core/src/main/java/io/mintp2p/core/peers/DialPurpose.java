package io.mintp2p.core.peers;

/** Why the peer manager dials an address; it decides what the connection is used for. */
public enum DialPurpose {
    /** A boot node from the configuration: asked for addresses, kept like a full-relay outbound peer. */
    BOOT,
    /** An automatic full-relay outbound connection: application messages and address exchange. */
    OUTBOUND,
    /**
     * An automatic outbound connection that carries application messages but no address exchange
     * (Bitcoin Core's block-relay-only): invisible to address gossip, so an attacker can neither
     * learn these links from it nor poison the book through them.
     */
    BLOCK_RELAY,
    /** An outbound peer of the last run, dialled first after a restart (see {@code Anchors}). */
    ANCHOR,
    /** A configured reserved peer: always kept, redialled with back-off, never evicted. */
    RESERVED,
    /** Asked for by the operator or the API. */
    MANUAL,
    /** A short test of an address before it is trusted; closed right after the handshake. */
    FEELER;

    /**
     * The outbound slot a connection dialled for this purpose fills; NONE for manual and feeler ones.
     *
     * @return the slot
     */
    public OutboundSlot slot() {
        return switch (this) {
            case BOOT, OUTBOUND, ANCHOR, RESERVED -> OutboundSlot.FULL_RELAY;
            case BLOCK_RELAY -> OutboundSlot.BLOCK_RELAY;
            case MANUAL, FEELER -> OutboundSlot.NONE;
        };
    }
}
