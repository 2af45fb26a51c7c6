package io.mintp2p.transport.noise.interop;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.HelloAck;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.ProtocolVersion;
import io.mintp2p.core.wire.Services;
import java.util.Optional;

/** Hellos and HelloAcks the independent peer sends, as a well-behaved regtest peer (WIRE.md 5.1, 5.2). Any thread. */
final class InteropHellos {
    static final String USER_AGENT = "noise-interop";

    private InteropHellos() {
    }

    /** A regtest Hello offering address exchange, with {@code nonce} as its handshake nonce. */
    static Hello regtest(long nonce) {
        return regtest(nonce, Services.PEER_ADDRESSES);
    }

    /** A regtest Hello offering {@code services}. */
    static Hello regtest(long nonce, long services) {
        return new Hello(ProtocolVersion.OURS, Network.REGTEST.magic(), services, USER_AGENT,
                P2pConfig.SOFTWARE_VERSION, Optional.empty(), System.currentTimeMillis() / 1000, nonce);
    }

    /** The listener's answer to {@code hello}, offering {@code services}. */
    static HelloAck ackTo(Hello hello, long services) {
        return new HelloAck(hello.protocolVersion(), hello.network(), services, USER_AGENT, P2pConfig.SOFTWARE_VERSION,
                Optional.empty(), System.currentTimeMillis() / 1000);
    }
}
