package io.mintp2p.attack;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.ProtocolVersion;
import io.mintp2p.core.wire.Services;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Hellos as a well-behaved regtest peer sends them (WIRE.md 5.1, 9). */
public final class Hellos {
    public static final String USER_AGENT = "attack-suite";

    private Hellos() {
    }

    public static Hello hello(InetSocketAddress node) {
        return hello(node, Services.PEER_ADDRESSES);
    }

    public static Hello hello(InetSocketAddress node, long services) {
        return new Hello(ProtocolVersion.OURS, Network.REGTEST.magic(), services, USER_AGENT,
                P2pConfig.SOFTWARE_VERSION, Optional.of(PeerAddress.of(node)), System.currentTimeMillis() / 1000,
                ThreadLocalRandom.current().nextLong());
    }
}
