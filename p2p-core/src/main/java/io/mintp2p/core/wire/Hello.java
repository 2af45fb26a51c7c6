package io.mintp2p.core.wire;

import java.util.Objects;
import java.util.Optional;

/** Sent by the dialer to open the handshake (WIRE.md 5.1). {@code currentTime} is Unix seconds. */
public record Hello(int protocolVersion, NetworkMagic network, long services, String userAgent,
                    SemVer softwareVersion, Optional<PeerAddress> receiverAddress, long currentTime,
                    long handshakeNonce) implements Message {
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
