package io.mintp2p.transport.noise.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.PingRequest;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The socket half of the harness against itself over loopback, before it is pointed at our node:
 * Mintlayer's u16 little-endian framing of the handshake (32, 96, 64 bytes), a Hello in the same write
 * as message 3, and frames cut from the stream wherever the records end.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IndependentNoisePeerTest {
    private final MessageCodec codec = MessageCodec.controlOnly();

    @Test
    void handshakeMessagesGoOutWithLittleEndianLengths() throws Exception {
        try (ServerSocket server = listen(); Socket dialer = new Socket()) {
            dialer.connect(server.getLocalSocketAddress());
            CompletableFuture<IndependentNoisePeer> initiator = CompletableFuture.supplyAsync(() -> {
                try {
                    return IndependentNoisePeer.initiate(dialer);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(10_000);
                DataInputStream in = new DataInputStream(accepted.getInputStream());
                byte[] message1 = new byte[2 + 32];
                in.readFully(message1);
                assertThat(Arrays.copyOf(message1, 2)).containsExactly(0x20, 0x00);
                // No responder here: the initiator waits for message 2 until the socket closes.
                accepted.close();
                assertThat(initiator).failsWithin(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aHelloInTheSameWriteAsMessage3AndFramesAcrossRecords() throws Exception {
        try (ServerSocket server = listen(); Socket dialer = new Socket()) {
            dialer.connect(server.getLocalSocketAddress());
            dialer.setSoTimeout(10_000);
            Hello hello = InteropHellos.regtest(7);
            CompletableFuture<IndependentNoisePeer> initiator = CompletableFuture.supplyAsync(() -> {
                try {
                    return IndependentNoisePeer.initiate(dialer, InteropFrames.frame(codec, hello));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(10_000);
                IndependentNoisePeer responder = IndependentNoisePeer.respond(accepted);
                InteropFrames in = new InteropFrames(responder, codec);
                assertThat(in.receive()).isEqualTo(hello);

                IndependentNoisePeer out = initiator.get(10, TimeUnit.SECONDS);
                assertThat(out.remoteStatic()).hasSize(32).isNotEqualTo(responder.remoteStatic());
                // Three frames as one stream cut into 5-byte records, then two frames in one record.
                byte[] ping = InteropFrames.frame(codec, new PingRequest(42));
                byte[] addr = InteropFrames.frame(codec, new AddrListRequest());
                out.send(concat(ping, addr, ping), 5);
                out.sendRecords(List.of(concat(addr, ping)));
                List<Message> got = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    got.add(in.receive());
                }
                assertThat(got).containsExactly(new PingRequest(42), new AddrListRequest(), new PingRequest(42),
                        new AddrListRequest(), new PingRequest(42));
                assertThat(in.recordsRead()).isEqualTo(1 + (2 * ping.length + addr.length + 4) / 5 + 1);
            }
        }
    }

    private static ServerSocket listen() throws Exception {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, off, p.length);
            off += p.length;
        }
        return all;
    }
}
