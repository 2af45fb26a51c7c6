package io.mintp2p.core.wire;

import java.util.Objects;
import java.util.Optional;

/** The listener's answer to a compatible {@link Hello}: the same fields without the nonce (WIRE.md 5.2). */
public record HelloAck(int protocolVersion, NetworkMagic network, long services, String userAgent,
                       SemVer softwareVersion, Optional<PeerAddress> receiverAddress, long currentTime)
        implements Message {
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
