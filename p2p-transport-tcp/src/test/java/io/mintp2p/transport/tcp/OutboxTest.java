package io.mintp2p.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.FastPathConnection;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.testkit.transport.RecordingHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The outbox's queue with several sending threads at once, over a real socket: every frame is
 * written once and whole, each sender's in its order, with and without futures, while senders wait
 * for room as the peer reads; and frames that the outbox copies into one buffer (small, owned by the
 * connection alone) and frames it passes on as they are (large, or views of a buffer other
 * connections hold too) reach the wire whole and in their order.
 */
class OutboxTest {
    private static final int SENDERS = 4;
    private static final int FRAMES_EACH = 20_000;
    private static final int SIZE = 100;

    @Test
    void framesOfConcurrentSendersAreWrittenOnceEachInTheirOrder() throws Exception {
        overARealSocket((c, peer) -> {
            List<Thread> senders = new ArrayList<>();
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                Thread t = new Thread(() -> {
                    for (int i = 0; i < FRAMES_EACH; i++) {
                        byte[] body = new byte[SIZE];
                        body[0] = (byte) sender;
                        body[1] = (byte) (i >> 16);
                        body[2] = (byte) (i >> 8);
                        body[3] = (byte) i;
                        if (i % 1000 == 999) {
                            CompletableFuture<Void> written;
                            // A full queue fails the future at once (QUEUE_FULL); anything else fails the test below.
                            while ((written = c.send(Unpooled.wrappedBuffer(body))).isCompletedExceptionally()
                                    && c.isOpen()) {
                                c.whenWritable().join();
                            }
                            synchronized (futures) {
                                futures.add(written);
                            }
                        } else {
                            while (c.enqueue(Unpooled.wrappedBuffer(body)).isPresent()) {
                                c.whenWritable().join();
                            }
                        }
                    }
                });
                senders.add(t);
                t.start();
            }

            DataInputStream in = new DataInputStream(new BufferedInputStream(peer.getInputStream()));
            int[] next = new int[SENDERS];
            byte[] body = new byte[SIZE];
            for (int n = 0; n < SENDERS * FRAMES_EACH; n++) {
                assertThat(Integer.reverseBytes(in.readInt())).as("frame %d's length", n).isEqualTo(SIZE);
                in.readFully(body);
                int sender = body[0];
                int seq = (body[1] & 0xFF) << 16 | (body[2] & 0xFF) << 8 | (body[3] & 0xFF);
                assertThat(seq).as("next frame of sender %d", sender).isEqualTo(next[sender]);
                next[sender]++;
            }
            for (Thread t : senders) {
                t.join();
            }
            synchronized (futures) {
                CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            }
            assertThat(next).containsOnly(FRAMES_EACH);
        });
    }

    @Test
    void copiedAndUncopiedFramesGoOutWholeAndInOrder() throws Exception {
        Random random = new Random(11);
        int[] sizes = {1, Outbox.COALESCE_UP_TO, Outbox.COALESCE_UP_TO + 1, 0, 20, 70_000, 3, Outbox.COALESCED_BYTES - 4, 5};
        overARealSocket((c, peer) -> {
            List<byte[]> sent = new ArrayList<>();
            for (int round = 0; round < 200; round++) {
                for (int size : sizes) {
                    byte[] body = new byte[size];
                    random.nextBytes(body);
                    sent.add(body);
                }
            }
            // Held until the end, so the outbox always sees these shared and never copies them.
            List<ByteBuf> held = new ArrayList<>();
            // The peer reads while the sender waits for room: more is sent than the queue holds.
            Thread sender = new Thread(() -> {
                for (int n = 0; n < sent.size(); n++) {
                    byte[] body = sent.get(n);
                    // Every other frame a view of a buffer someone else still holds, as a broadcast sends.
                    ByteBuf shared = n % 2 == 0 ? Unpooled.wrappedBuffer(body) : null;
                    do {
                        if (c.enqueue(shared != null ? shared.retainedDuplicate() : Unpooled.wrappedBuffer(body)).isEmpty()) {
                            break;
                        }
                        c.whenWritable().join();
                    } while (true);
                    if (shared != null) {
                        held.add(shared);
                    }
                }
            });
            sender.start();
            DataInputStream in = new DataInputStream(new BufferedInputStream(peer.getInputStream()));
            for (int n = 0; n < sent.size(); n++) {
                byte[] expected = sent.get(n);
                assertThat(Integer.reverseBytes(in.readInt())).as("frame %d's length", n).isEqualTo(expected.length);
                byte[] body = new byte[expected.length];
                in.readFully(body);
                assertThat(body).as("frame %d", n).isEqualTo(expected);
            }
            sender.join();
            held.forEach(ByteBuf::release);
        });
    }

    @FunctionalInterface
    private interface OverASocket {
        void run(FastPathConnection connection, Socket peer) throws Exception;
    }

    /** A connection of the transport dialled to a plain socket, which the test reads from. */
    private static void overARealSocket(OverASocket test) throws Exception {
        TcpTransport client = new TcpTransport(TcpOptions.defaults());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Connection> dial = client.dial(TransportAddress.of("tcp", "127.0.0.1",
                    server.getLocalPort()), new RecordingHandler());
            try (Socket peer = server.accept()) {
                peer.setSoTimeout(30_000);
                test.run((FastPathConnection) dial.get(10, TimeUnit.SECONDS), peer);
            }
        } finally {
            client.close();
        }
    }
}
