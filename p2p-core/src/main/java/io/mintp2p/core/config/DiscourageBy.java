package io.mintp2p.core.config;

/**
 * What a discouragement (a misbehaving peer kept away for {@code discouragementDuration}) is keyed by.
 * Immutable; any thread.
 */
public enum DiscourageBy {
    /**
     * The narrowest key that still names the peer, so that nodes sharing an IP address are kept apart:
     * the identity it proved on an authenticated transport; else, for a peer we dialled, the address
     * we dialled (host:port); else, for an unauthenticated inbound peer, the listen address it
     * announced at the IP it connects from, or failing that its remote host:port. That last key is
     * weak: the port is ephemeral, so the peer's next connection is not recognised.
     */
    AUTO,
    /**
     * The IP address (an IPv6 /64) the peer connects from, as Bitcoin Core does: every node behind
     * that address is kept away together, and {@code whitelistLoopback} exempts 127.0.0.0/8 and ::1.
     */
    IP
}
