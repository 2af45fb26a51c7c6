package io.mintp2p.core.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * The listener's answer to a compatible {@link Hello}: the same fields without the nonce (WIRE.md 5.2).
 *
 * @param protocolVersion the listener's protocol version
 * @param network         the chain it is on
 * @param services        its service bits (WIRE.md 5.4)
 * @param userAgent       1 to 24 printable ASCII bytes
 * @param softwareVersion its software version
 * @param receiverAddress the dialer's address as the listener sees it, if it can say
 * @param currentTime     the listener's clock, Unix seconds
 */
public record HelloAck(int protocolVersion, NetworkMagic network, long services, String userAgent,
                       SemVer softwareVersion, Optional<PeerAddress> receiverAddress, long currentTime)
        implements Message {
    /**
     * Checks the fields that have rules.
     *
     * @param protocolVersion the listener's protocol version
     * @param network         the chain it is on
     * @param services        its service bits
     * @param userAgent       1 to 24 printable ASCII bytes
     * @param softwareVersion its software version
     * @param receiverAddress the dialer's address as the listener sees it, if it can say
     * @param currentTime     the listener's clock, Unix seconds
     * @throws IllegalArgumentException if the user agent breaks the rule of {@link UserAgents}
     */
    public HelloAck {
        Objects.requireNonNull(network, "network");
        UserAgents.requireValid(userAgent);
        Objects.requireNonNull(softwareVersion, "softwareVersion");
        Objects.requireNonNull(receiverAddress, "receiverAddress");
    }

    @Override
    public String typeName() {
        return "hello_ack";
    }
}
