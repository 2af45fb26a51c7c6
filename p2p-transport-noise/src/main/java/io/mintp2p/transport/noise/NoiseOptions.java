package io.mintp2p.transport.noise;

import io.mintp2p.core.config.P2pConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Noise layer. Immutable; any thread.
 *
 * @param handshakeTimeout    how long the three handshake messages may take, from the TCP connect (or the proxy's
 *                            report that the target is connected); the Mintlayer node allows 10 s
 * @param freshKeyPerOutbound make a new static key for each dialled connection instead of using the node's own, so
 *                            the connections cannot be linked by key (as the Mintlayer node always does; wanted
 *                            when dialling through SOCKS5 or Tor)
 */
public record NoiseOptions(Duration handshakeTimeout, boolean freshKeyPerOutbound) {
    /**
     * Checks the settings.
     *
     * @param handshakeTimeout    how long the handshake may take; positive
     * @param freshKeyPerOutbound whether each dialled connection gets a new static key
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public NoiseOptions {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("Noise handshakeTimeout must be positive");
        }
    }

    /**
     * The node's handshake timeout; a fresh key per outbound connection exactly when dialling through a proxy.
     *
     * @param config  the node's configuration, for {@link P2pConfig#handshakeTimeout()}
     * @param proxied whether dials go through a SOCKS5 proxy or Tor
     * @return the settings
     */
    public static NoiseOptions from(P2pConfig config, boolean proxied) {
        return new NoiseOptions(config.handshakeTimeout(), proxied);
    }
}
