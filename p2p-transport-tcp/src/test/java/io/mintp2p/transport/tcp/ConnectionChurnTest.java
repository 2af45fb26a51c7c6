package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Guice;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.NodeStats;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageRegistry;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.ProtocolVersion;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.Services;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Everything the node holds for a connection is freed when it closes: after thousands of
 * connect/close cycles (half of them after a Hello, from 20 source addresses) nothing is left open,
 * pending or tracked.
 */
class ConnectionChurnTest {
    private static final int CYCLES = 2000;

    @Test
    @Timeout(120)
    void connectAndCloseCyclesLeaveNothingBehind() throws Exception {
        P2pConfig config = P2pConfig.builder().listen(TransportAddress.parse("tcp://127.0.0.1:0")).build();
        TcpTransportModule tcp = new TcpTransportModule();
        P2pNode node = Guice.createInjector(new P2pModule(config), tcp).getInstance(P2pNode.class);
        node.start().get(10, TimeUnit.SECONDS);
        try {
            int port = node.listenAddresses().get(0).port();
            byte[] hello = helloFrame();
            for (int i = 0; i < CYCLES; i++) {
                try (Socket s = new Socket()) {
                    s.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 9, (byte) (1 + i % 20)}), 0));
                    s.connect(new InetSocketAddress("127.0.0.1", port));
                    if (i % 2 == 0) {
                        OutputStream out = s.getOutputStream();
                        out.write(hello);
                        out.flush();
                    }
                }
            }
            await().atMost(30, TimeUnit.SECONDS).until(() -> {
                NodeStats stats = node.stats();
                return stats.openConnections() == 0 && stats.pendingInbound() == 0;
            });
            NodeStats stats = node.stats();
            assertThat(stats.handshakesOk() + stats.handshakesFailedByReason().values().stream().mapToLong(Long::longValue).sum()
                    + stats.admissionRefusals())
                    .as("every cycle was seen and ended").isGreaterThanOrEqualTo(CYCLES / 2);
            assertThat(node.peers()).as("accepted peers that closed are gone").isEmpty();
        } finally {
            node.stop().get(10, TimeUnit.SECONDS);
        }
    }

    private static byte[] helloFrame() {
        Hello hello = new Hello(ProtocolVersion.OURS, Network.REGTEST.magic(), Services.PEER_ADDRESSES, "churn",
                new SemVer(1, 0, 0), Optional.empty(), System.currentTimeMillis() / 1000, 42);
        ByteBuf payload = new MessageCodec(MessageRegistry.builder().build()).encode(hello, ByteBufAllocator.DEFAULT);
        try {
            byte[] frame = new byte[4 + payload.readableBytes()];
            int n = payload.readableBytes();
            frame[0] = (byte) n;
            frame[1] = (byte) (n >>> 8);
            frame[2] = (byte) (n >>> 16);
            frame[3] = (byte) (n >>> 24);
            payload.readBytes(frame, 4, n);
            return frame;
        } finally {
            payload.release();
        }
    }
}
