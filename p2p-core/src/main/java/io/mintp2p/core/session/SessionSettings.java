package io.mintp2p.core.session;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.wire.NetworkMagic;
import io.mintp2p.core.wire.SemVer;
import java.time.Duration;

/** What one session needs to know about us; derived from {@link P2pConfig} plus the registry's service bits. */
public record SessionSettings(
        NetworkMagic network,
        int protocolVersion,
        long services,
        String userAgent,
        SemVer softwareVersion,
        Duration handshakeTimeout,
        Duration maxClockDiff,
        Duration pingPeriod,
        Duration pingTimeout) {

    public static SessionSettings from(P2pConfig config, long applicationServiceBits) {
        return new SessionSettings(config.network().magic(), config.protocolVersion(),
                config.services().bits() | applicationServiceBits, config.userAgent(), config.softwareVersion(),
                config.handshakeTimeout(), config.maxClockDiff(), config.pingPeriod(), config.pingTimeout());
    }
}
