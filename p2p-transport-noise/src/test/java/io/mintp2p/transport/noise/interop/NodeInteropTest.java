package io.mintp2p.transport.noise.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.AddrListResponse;
import io.mintp2p.core.wire.AppMessage;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.HelloAck;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.PingRequest;
import io.mintp2p.core.wire.PingResponse;
import io.mintp2p.core.wire.Services;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real node's noise:// listener and dialler against the independent implementation (noise-java over a
 * plain socket, {@link IndependentNoisePeer}): the handshake, then the control messages through our wire
 * codec inside the records, cut every way the Mintlayer node may cut them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeInteropTest {
    private static final long SERVICES = Services.PEER_ADDRESSES | InteropNode.BULK_SERVICE.bits();
    private final MessageCodec codec = InteropNode.codec();
    private final BlockingQueue<Integer> bulkReceived = new LinkedBlockingQueue<>();
    private final BlockingQueue<PeerId> connected = new LinkedBlockingQueue<>();
    private InteropNode target;

    @BeforeEach
    void start() throws Exception {
        target = new InteropNode();
        target.node().subscribe(InteropNode.BULK, (from, body) -> bulkReceived.add(body.length));
        target.node().onPeerEvent(e -> {
            if (e instanceof PeerEvent.Connected c) {
                connected.add(c.peer());
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        target.close();
    }

    /** Dials the node, handshakes with a Hello in message 3's write, and waits for the HelloAck. */
    private InteropFrames dialAndHello() throws Exception {
        Socket s = new Socket();
        s.setSoTimeout(20_000);
        s.connect(target.address());
        IndependentNoisePeer peer = IndependentNoisePeer.initiate(s, InteropFrames.frame(codec, InteropHellos.regtest(1, SERVICES)));
        InteropFrames frames = new InteropFrames(peer, codec);
        HelloAck ack = (HelloAck) awaitMessage(frames, m -> m instanceof HelloAck);
        assertThat(ack.network()).isEqualTo(Network.REGTEST.magic());
        return frames;
    }

    /** The next message that {@code wanted} accepts; a ping of the node's own is answered, anything else skipped. */
    private static Message awaitMessage(InteropFrames frames, Predicate<Message> wanted) throws Exception {
        while (true) {
            Message m = frames.receive();
            if (wanted.test(m)) {
                return m;
            }
            if (m instanceof PingRequest p) {
                frames.send(new PingResponse(p.nonce()));
            }
        }
    }

    @Test
    void helloInMessage3sWriteThenPingAndAddressExchange() throws Exception {
        InteropFrames frames = dialAndHello();
        assertThat(connected.poll(10, TimeUnit.SECONDS)).isNotNull();
        frames.send(new PingRequest(0x1122334455667788L));
        assertThat(awaitMessage(frames, m -> m instanceof PingResponse)).isEqualTo(new PingResponse(0x1122334455667788L));
        frames.send(new AddrListRequest());
        assertThat(awaitMessage(frames, m -> m instanceof AddrListResponse)).isInstanceOf(AddrListResponse.class);
    }

    @Test
    void framesSplitAcrossRecordsAndSeveralInOneRecord() throws Exception {
        InteropFrames frames = dialAndHello();
        // One ping cut into 3-byte records, then three pings in one record.
        frames.peer().send(InteropFrames.frame(codec, new PingRequest(1)), 3);
        frames.peer().sendRecords(List.of(IndependentNoisePeerTest.concat(InteropFrames.frame(codec, new PingRequest(2)),
                InteropFrames.frame(codec, new PingRequest(3)), InteropFrames.frame(codec, new PingRequest(4)))));
        List<Long> nonces = new ArrayList<>();
        while (nonces.size() < 4) {
            nonces.add(((PingResponse) awaitMessage(frames, m -> m instanceof PingResponse)).nonce());
        }
        assertThat(nonces).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aTenMebibyteFrameEachWay() throws Exception {
        InteropFrames frames = dialAndHello();
        PeerId peer = connected.poll(10, TimeUnit.SECONDS);
        assertThat(peer).isNotNull();
        byte[] body = new byte[InteropNode.MAX_BULK_BODY];
        body[body.length - 1] = 7;
        frames.send(new AppMessage<>(InteropNode.BULK, body));
        assertThat(bulkReceived.poll(30, TimeUnit.SECONDS)).isEqualTo(body.length);

        int recordsBefore = frames.recordsRead();
        // The send completes once written, which needs this thread reading: wait for it afterwards.
        CompletableFuture<Void> sent = target.node().send(peer, InteropNode.BULK, body);
        AppMessage<?> back = (AppMessage<?>) awaitMessage(frames, m -> m instanceof AppMessage<?>);
        assertThat((byte[]) back.body()).isEqualTo(body);
        assertThat(sent).succeedsWithin(10, TimeUnit.SECONDS);
        // 10 MiB + 4 header bytes need at least 161 full records of 65 519 bytes.
        assertThat(frames.recordsRead() - recordsBefore).isGreaterThanOrEqualTo(161);
    }

    @Test
    void theNodeDialsAnIndependentResponderAndSendsHelloInsideNoise() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<PeerSnapshot> dial = target.node().connect(
                    TransportAddress.of("noise", "127.0.0.1", server.getLocalPort()));
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(20_000);
                IndependentNoisePeer responder = IndependentNoisePeer.respond(accepted);
                assertThat(responder.remoteStatic()).hasSize(32);
                InteropFrames frames = new InteropFrames(responder, codec);
                Hello hello = (Hello) awaitMessage(frames, m -> m instanceof Hello);
                assertThat(hello.network()).isEqualTo(Network.REGTEST.magic());
                frames.send(InteropHellos.ackTo(hello, SERVICES));
                PeerSnapshot peer = dial.get(20, TimeUnit.SECONDS);
                assertThat(peer.address().port()).isEqualTo(server.getLocalPort());
                frames.send(new PingRequest(99));
                assertThat(awaitMessage(frames, m -> m instanceof PingResponse)).isEqualTo(new PingResponse(99));
            }
        }
    }
}
