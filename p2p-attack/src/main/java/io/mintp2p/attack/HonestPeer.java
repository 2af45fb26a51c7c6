package io.mintp2p.attack;

import io.mintp2p.core.wire.DecodeException;
import io.mintp2p.core.wire.HelloAck;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.PingRequest;
import io.mintp2p.core.wire.PingResponse;
import io.mintp2p.core.wire.WillDisconnect;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A well-behaved peer from a clean source address that speaks the wire itself with the core codec:
 * connect, Hello, wait for HelloAck, PingRequest, wait for the PingResponse with the same nonce,
 * close. Each {@link #attempt()} is a fresh connection.
 */
public final class HonestPeer {
    private final InetSocketAddress node;
    private final InetAddress source;
    private final Dialer dialer;
    private final Duration deadline;
    private final MessageCodec codec = MessageCodec.controlOnly();

    /**
     * @param deadline how long one attempt may take in all before it counts as {@link HonestResult.Failure#TIMEOUT};
     *                 longer than the bound a test asserts, so a slow success still shows its time
     */
    public HonestPeer(InetSocketAddress node, InetAddress source, Dialer dialer, Duration deadline) {
        this.node = node;
        this.source = source;
        this.dialer = dialer;
        this.deadline = deadline;
    }

    public static HonestPeer tcp(InetSocketAddress node, InetAddress source) {
        return new HonestPeer(node, source, Dialer.plain(), Duration.ofSeconds(3));
    }

    public static HonestPeer tls(InetSocketAddress node, InetAddress source) {
        return new HonestPeer(node, source, new TlsDialer(), Duration.ofSeconds(3));
    }

    public HonestResult attempt() {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        WireSocket wire = null;
        String stage = "connect";
        try {
            wire = new WireSocket(dialer.open(node, source, remainingMillis(end)), codec);
            stage = "hello";
            wire.send(Hellos.hello(node));
            awaitMessage(wire, end, m -> m instanceof HelloAck);
            long handshakeDone = System.nanoTime();
            stage = "ping";
            long nonce = ThreadLocalRandom.current().nextLong();
            wire.send(new PingRequest(nonce));
            awaitMessage(wire, end, m -> m instanceof PingResponse r && r.nonce() == nonce);
            long pingDone = System.nanoTime();
            return HonestResult.ok(Duration.ofNanos(handshakeDone - start), Duration.ofNanos(pingDone - handshakeDone));
        } catch (ConnectException e) {
            return HonestResult.failed(HonestResult.Failure.REFUSED, since(start), stage + ": " + e.getMessage());
        } catch (SocketTimeoutException e) {
            return HonestResult.failed(HonestResult.Failure.TIMEOUT, since(start), stage + ": " + e.getMessage());
        } catch (EOFException e) {
            return HonestResult.failed(HonestResult.Failure.EOF, since(start), stage + ": " + e.getMessage());
        } catch (SocketException e) {
            // "Connection reset", "Broken pipe": the node dropped us.
            return HonestResult.failed(stage.equals("connect") ? HonestResult.Failure.REFUSED : HonestResult.Failure.EOF,
                    since(start), stage + ": " + e.getMessage());
        } catch (ProtocolFailure e) {
            return HonestResult.failed(HonestResult.Failure.PROTOCOL, since(start), stage + ": " + e.getMessage());
        } catch (IOException | DecodeException | RuntimeException e) {
            return HonestResult.failed(HonestResult.Failure.ERROR, since(start), stage + ": " + e);
        } finally {
            if (wire != null) {
                wire.close();
            }
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static int remainingMillis(long endNanos) throws SocketTimeoutException {
        long left = (endNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static void awaitMessage(WireSocket wire, long endNanos, java.util.function.Predicate<Message> wanted)
            throws IOException, DecodeException, ProtocolFailure {
        while (true) {
            Message m = wire.read(remainingMillis(endNanos));
            if (wanted.test(m)) {
                return;
            }
            if (m instanceof WillDisconnect w) {
                throw new ProtocolFailure("WillDisconnect: " + w.reason());
            }
            // Anything else (an address request, a ping of the node's own) is fine: keep waiting.
            if (m instanceof PingRequest p) {
                wire.send(new PingResponse(p.nonce()));
            }
        }
    }

    private static final class ProtocolFailure extends Exception {
        ProtocolFailure(String message) {
            super(message);
        }
    }
}
