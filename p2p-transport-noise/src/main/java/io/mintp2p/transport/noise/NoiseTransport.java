package io.mintp2p.transport.noise;

import io.mintp2p.core.transport.AuthenticatingTransport;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.transport.tcp.DialProxy;
import io.mintp2p.transport.tcp.TcpOptions;
import io.mintp2p.transport.tcp.TcpTransport;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Noise XX stream encryption over the TCP transport, as the Mintlayer node speaks it. Addresses are
 * {@code noise://host:port}, or {@code noise://host:port#<key>} to accept only the peer whose static public key
 * (64 hex characters) that is. Dials go through {@code proxy} when present (SOCKS5), the Noise handshake then
 * running over the proxied stream.
 *
 * <p>Identity: the node's own is its static public key ({@link #localIdentity()}). A peer's key is reported as its
 * identity only on a dial that pinned it: the Mintlayer node makes a new key for each connection and for each run,
 * so a key seen once proves nothing about the next connection, and reporting it would have the peer manager pin it on
 * first use and refuse the node after its next restart. Pins are therefore the operator's ({@code #<key>} on
 * boot and reserved peers); once such a dial succeeded, the peer manager keeps the pin for that address.
 *
 * <p>Threads: as {@link TcpTransport}; nothing here blocks.
 */
public final class NoiseTransport extends TcpTransport implements AuthenticatingTransport {
    /** The address scheme, {@code noise}. */
    public static final String SCHEME = "noise";

    private final NoiseKeys keys;

    /**
     * Listens and dials with {@code keys}; dials through {@code proxy} when present. Does not block.
     *
     * @param options framing, limits and thread names, as for TCP
     * @param keys    this node's static key
     * @param noise   the handshake timeout and whether dials use a fresh key each
     * @param proxy   the SOCKS5 proxy dials go through, if any
     */
    public NoiseTransport(TcpOptions options, NoiseKeys keys, NoiseOptions noise, Optional<DialProxy> proxy) {
        super(SCHEME, options, Optional.of(new NoiseSecurity(keys, noise, new SecureRandom())), proxy);
        this.keys = keys;
    }

    /** This node's static public key (dials with {@code freshKeyPerOutbound} show another, new one each). */
    @Override
    public PeerIdentity localIdentity() {
        return keys.identity();
    }
}
