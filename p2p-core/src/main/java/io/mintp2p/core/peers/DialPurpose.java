package io.mintp2p.core.peers;

/** Why the peer manager dials an address; it decides what the connection is used for. */
public enum DialPurpose {
    /** A boot node from the configuration: asked for addresses, kept like any outbound peer. */
    BOOT,
    /** An automatic outbound connection to keep {@code targetOutbound} filled. */
    OUTBOUND,
    /** An outbound peer of the last run, dialled first after a restart (see {@code Anchors}). */
    ANCHOR,
    /** A configured reserved peer: always kept, redialled with back-off, never evicted. */
    RESERVED,
    /** Asked for by the operator or the API. */
    MANUAL,
    /** A short test of an address before it is trusted; closed right after the handshake. */
    FEELER,
    /**
     * An extra outbound connection that, once established, replaces one automatic outbound peer.
     * Periodic rotation keeps the graph from staying split after a partition heals, and makes an
     * eclipse by a fixed set of peers harder.
     */
    ROTATION
}
