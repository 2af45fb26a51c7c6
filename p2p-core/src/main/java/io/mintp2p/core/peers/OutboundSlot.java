package io.mintp2p.core.peers;

/** The kinds of automatic outbound connection the peer manager keeps at a target count. */
public enum OutboundSlot {
    /** Application messages and address exchange ({@code targetOutbound}). */
    FULL_RELAY,
    /** Application messages only ({@code blockRelayOutbound}). */
    BLOCK_RELAY,
    /** Not counted: manual and feeler connections, inbound peers. */
    NONE
}
