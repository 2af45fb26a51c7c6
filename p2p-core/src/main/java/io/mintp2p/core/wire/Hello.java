package io.mintp2p.core.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * Sent by the dialer to open the handshake (WIRE.md 5.1). {@code currentTime} is Unix seconds.
 *
 * @param protocolVersion the dialer's protocol version
 * @param network         the chain it is on
 * @param services        its service bits (WIRE.md 5.4)
 * @param userAgent       1 to 24 printable ASCII bytes
 * @param softwareVersion its software version
 * @param receiverAddress the listener's address as the dialer sees it, if it can say
 * @param currentTime     the dialer's clock, Unix seconds
 * @param handshakeNonce  random, so a node detects a connection to itself
 */
public record Hello(int protocolVersion, NetworkMagic network, long services, String userAgent,
                    SemVer softwareVersion, Optional<PeerAddress> receiverAddress, long currentTime,
                    long handshakeNonce) implements Message {
    /**
     * Checks the fields that have rules.
     *
     * @param protocolVersion the dialer's protocol version
     * @param network         the chain it is on
     * @param services        its service bits
     * @param userAgent       1 to 24 printable ASCII bytes
     * @param softwareVersion its software version
     * @param receiverAddress the listener's address as the dialer sees it, if it can say
     * @param currentTime     the dialer's clock, Unix seconds
     * @param handshakeNonce  random, so a node detects a connection to itself
     * @throws IllegalArgumentException if the user agent breaks the rule of {@link UserAgents}
     */
    public Hello {
        Objects.requireNonNull(network, "network");
        UserAgents.requireValid(userAgent);
        Objects.requireNonNull(softwareVersion, "softwareVersion");
        Objects.requireNonNull(receiverAddress, "receiverAddress");
    }

    @Override
    public String typeName() {
        return "hello";
    }
}
