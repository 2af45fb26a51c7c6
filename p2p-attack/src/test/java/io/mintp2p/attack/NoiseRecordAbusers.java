package io.mintp2p.attack;

import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.PingRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peers that finish the Noise handshake and then break the record layer, over and over from several
 * sources until a deadline: an empty record (Mintlayer's end of stream), or a ping whose tag is forged.
 * Each waits for the node to close the connection and counts whether it did. One thread per abuser,
 * started by {@link #start}, joined by {@link #await}.
 */
final class NoiseRecordAbusers implements AutoCloseable {
    /** What an abuser sends after the handshake. */
    enum Abuse {
        EMPTY_RECORD,
        FORGED_TAG
    }

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong handshakes = new AtomicLong();
    private final AtomicLong closedByNode = new AtomicLong();
    private final AtomicLong leftOpen = new AtomicLong();
    private final AtomicLong failedHandshakes = new AtomicLong();

    private NoiseRecordAbusers() {
    }

    /** {@code perSource} abusers per address of {@code sources}, taking the abuses in turn, until {@code duration}. */
    static NoiseRecordAbusers start(InetSocketAddress node, List<InetAddress> sources, Duration duration) {
        NoiseRecordAbusers a = new NoiseRecordAbusers();
        long end = System.nanoTime() + duration.toNanos();
        byte[] ping = WireSocket.frame(MessageCodec.controlOnly(), new PingRequest(1));
        for (int i = 0; i < sources.size(); i++) {
            InetAddress source = sources.get(i);
            Abuse abuse = Abuse.values()[i % Abuse.values().length];
            Thread t = new Thread(() -> a.loop(node, source, abuse, ping, end), "noise-abuser-" + i);
            t.setDaemon(true);
            a.threads.add(t);
            t.start();
        }
        return a;
    }

    private void loop(InetSocketAddress node, InetAddress source, Abuse abuse, byte[] ping, long end) {
        while (System.nanoTime() < end) {
            NoiseSocket s;
            try {
                s = (NoiseSocket) NoiseSocket.dialer().open(node, source, 3000);
            } catch (IOException e) {
                failedHandshakes.incrementAndGet();
                continue;
            }
            try (Socket closing = s) {
                handshakes.incrementAndGet();
                s.sendRecord(abuse == Abuse.EMPTY_RECORD ? new byte[0] : ping, abuse == Abuse.FORGED_TAG);
                if (closedWithin(s, Duration.ofSeconds(5))) {
                    closedByNode.incrementAndGet();
                } else {
                    leftOpen.incrementAndGet();
                }
            } catch (IOException e) {
                // Reset while sending: the node had already dropped us.
                closedByNode.incrementAndGet();
            }
        }
    }

    /** Reads until end of stream or reset (true) or until {@code wait} passes with the connection open (false). */
    private static boolean closedWithin(NoiseSocket s, Duration wait) throws IOException {
        s.setSoTimeout((int) wait.toMillis());
        InputStream in = s.getInputStream();
        byte[] sink = new byte[4096];
        try {
            while (in.read(sink, 0, sink.length) >= 0) {
                // Anything the node says first (a WillDisconnect cannot come: we never sent Hello) is ignored.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Waits for every abuser to pass the deadline. */
    void await(Duration slack) throws InterruptedException {
        for (Thread t : threads) {
            t.join(slack.toMillis());
        }
    }

    long handshakes() {
        return handshakes.get();
    }

    long closedByNode() {
        return closedByNode.get();
    }

    long leftOpen() {
        return leftOpen.get();
    }

    String summary() {
        return "record abusers: handshakes=" + handshakes + " closedByNode=" + closedByNode + " leftOpen=" + leftOpen
                + " failedHandshakes=" + failedHandshakes;
    }

    @Override
    public void close() throws InterruptedException {
        threads.forEach(Thread::interrupt);
        await(Duration.ofSeconds(10));
    }
}
