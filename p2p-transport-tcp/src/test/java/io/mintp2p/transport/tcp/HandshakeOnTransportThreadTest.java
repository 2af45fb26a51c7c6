package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Guice;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.time.EventLoopScheduler;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.HelloAck;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.ProtocolVersion;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.Services;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An inbound Hello is answered on the connection's own thread: with the node's protocol thread
 * busy, a newcomer still gets its HelloAck (through the node thread it waited for two thread
 * hand-overs, connect.tcp in BENCHMARKS.md), and the node takes the peer on once its thread is free.
 */
class HandshakeOnTransportThreadTest {
    private final MessageCodec codec = MessageCodec.controlOnly();

    @Test
    void aHelloIsAnsweredWhileTheNodeThreadIsBusy() throws Exception {
        EventLoopScheduler scheduler = new EventLoopScheduler("busy-node");
        P2pConfig config = P2pConfig.builder().listen(TransportAddress.parse("tcp://127.0.0.1:0"))
                .whitelistLoopback(true).build();
        P2pNode node = Guice.createInjector(new P2pModule(config).withScheduler(scheduler), new TcpTransportModule())
                .getInstance(P2pNode.class);
        node.start().get(10, TimeUnit.SECONDS);
        CountDownLatch busy = new CountDownLatch(1);
        try (Socket socket = new Socket("127.0.0.1", node.listenAddresses().get(0).port())) {
            scheduler.execute(() -> {
                try {
                    busy.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(frame(new Hello(ProtocolVersion.OURS, Network.REGTEST.magic(), Services.PEER_ADDRESSES, "test",
                    new SemVer(1, 0, 0), Optional.empty(), System.currentTimeMillis() / 1000, 7)));
            out.flush();

            Message answer = readFrame(new DataInputStream(socket.getInputStream()));
            assertThat(answer).as("answered while the node thread is still busy").isInstanceOf(HelloAck.class);
            assertThat(busy.getCount()).isEqualTo(1);

            busy.countDown();
            await().atMost(10, TimeUnit.SECONDS).until(() -> node.peers().size() == 1);
        } finally {
            busy.countDown();
            node.stop().get(10, TimeUnit.SECONDS);
            scheduler.close();
        }
    }

    private byte[] frame(Message message) {
        ByteBuf payload = codec.encode(message, ByteBufAllocator.DEFAULT);
        try {
            byte[] frame = new byte[4 + payload.readableBytes()];
            Unpooled.wrappedBuffer(frame).writerIndex(0).writeIntLE(payload.readableBytes());
            payload.readBytes(frame, 4, payload.readableBytes());
            return frame;
        } finally {
            payload.release();
        }
    }

    private Message readFrame(DataInputStream in) throws Exception {
        int length = Integer.reverseBytes(in.readInt());
        byte[] payload = new byte[length];
        in.readFully(payload);
        return codec.decode(Unpooled.wrappedBuffer(payload));
    }
}
