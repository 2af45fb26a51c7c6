package io.mintp2p.attack;

import io.mintp2p.core.wire.MessageCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connection churn: connect, send a Hello, close, as fast as a few threads can, from several
 * sources, until {@code maxAttempts} or the deadline, whichever comes first.
 */
public final class Churner implements AutoCloseable {
    private final InetSocketAddress target;
    private final List<InetAddress> sources;
    private final long maxAttempts;
    private final long deadline;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong connected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean stopped;

    private Churner(InetSocketAddress target, List<InetAddress> sources, long maxAttempts, Duration duration) {
        this.target = target;
        this.sources = List.copyOf(sources);
        this.maxAttempts = maxAttempts;
        this.deadline = System.nanoTime() + duration.toNanos();
    }

    public static Churner start(InetSocketAddress target, List<InetAddress> sources, int threadCount,
                                long maxAttempts, Duration duration) {
        Churner c = new Churner(target, sources, maxAttempts, duration);
        for (int i = 0; i < threadCount; i++) {
            Thread t = new Thread(c::run, "churner-" + i);
            t.setDaemon(true);
            c.threads.add(t);
            t.start();
        }
        return c;
    }

    private void run() {
        byte[] hello = WireSocket.frame(MessageCodec.controlOnly(), Hellos.hello(target));
        while (!stopped && System.nanoTime() < deadline) {
            long n = attempts.incrementAndGet();
            if (n > maxAttempts) {
                attempts.decrementAndGet();
                return;
            }
            InetAddress source = sources.get((int) (n % sources.size()));
            try (Socket s = Dialer.plain().open(target, source, 2000)) {
                connected.incrementAndGet();
                // Close with a reset: no TIME_WAIT on either side, so 4-tuples of 20 sources are not
                // used up by the kernel (a SYN that hits a TIME_WAIT waits a second to be retried).
                s.setSoLinger(true, 0);
                OutputStream out = s.getOutputStream();
                out.write(hello);
                out.flush();
            } catch (IOException e) {
                failed.incrementAndGet();
            }
        }
    }

    public void await(Duration slack) throws InterruptedException {
        long waitMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000) + slack.toMillis();
        for (Thread t : threads) {
            t.join(waitMillis);
        }
    }

    public long attempts() { return attempts.get(); }
    public long connected() { return connected.get(); }
    public long failed() { return failed.get(); }

    @Override
    public void close() {
        stopped = true;
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public String summary() {
        return "churn attempts=" + attempts() + " connected=" + connected() + " failed=" + failed();
    }
}
