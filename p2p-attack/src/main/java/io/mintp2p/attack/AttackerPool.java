package io.mintp2p.attack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N attacker sockets from M source addresses on one selector thread. Each socket connects, sends
 * its {@link Payload} (nothing for an idle flood) and then sits there without ever finishing a
 * handshake. When the node closes one (EOF or reset, seen from the attacker side), the pool
 * re-opens it if asked to ("refilled"), at most {@code connectsPerSecond} connects per second. It
 * stops by itself at its deadline and closes every socket.
 *
 * <p>{@link #maxHeld()} is the bound the node must keep: the most attacker sockets seen open at once
 * (connected, not closed by the node) that had been connected for at least {@code holdAge}, so a
 * connection the node is about to evict does not count yet.
 */
public final class AttackerPool implements AutoCloseable {
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(256 * 1024).asReadOnlyBuffer();

    /** What each socket sends after connecting: {@code prefix} then {@code zeroBytes} zero bytes. */
    public record Payload(byte[] prefix, long zeroBytes) {
        public static final Payload NONE = new Payload(new byte[0], 0);

        public long size() {
            return prefix.length + zeroBytes;
        }
    }

    public static final class Builder {
        private InetSocketAddress target;
        private List<InetAddress> sources;
        private int sockets;
        private Payload payload = Payload.NONE;
        private boolean refill;
        private int connectsPerSecond = 1000;
        private Duration duration = Duration.ofSeconds(10);
        private Duration holdAge = Duration.ofSeconds(1);
        private int receiveBuffer;

        public Builder target(InetSocketAddress v) { target = v; return this; }
        public Builder sources(List<InetAddress> v) { sources = List.copyOf(v); return this; }
        public Builder sockets(int v) { sockets = v; return this; }
        public Builder payload(Payload v) { payload = v; return this; }
        public Builder refill(boolean v) { refill = v; return this; }
        public Builder connectsPerSecond(int v) { connectsPerSecond = v; return this; }
        public Builder duration(Duration v) { duration = v; return this; }
        public Builder holdAge(Duration v) { holdAge = v; return this; }
        public Builder receiveBuffer(int v) { receiveBuffer = v; return this; }

        public AttackerPool start() throws IOException {
            Objects.requireNonNull(target, "target");
            if (sources == null || sources.isEmpty() || sockets <= 0 || sockets > 5000) {
                throw new IllegalArgumentException("need sources and 1-5000 sockets");
            }
            AttackerPool p = new AttackerPool(this);
            p.thread.start();
            return p;
        }
    }

    private static final class Slot {
        final InetAddress source;
        SocketChannel channel;
        long connectedAt;
        boolean connected;
        ByteBuffer prefix;
        long zerosLeft;
        long nextOpenAt;

        Slot(InetAddress source) {
            this.source = source;
        }
    }

    private final Builder cfg;
    private final Selector selector;
    private final List<Slot> slots = new ArrayList<>();
    private final Thread thread;
    private final long deadline;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(64 * 1024);
    private volatile boolean stopped;

    private final AtomicLong connectsStarted = new AtomicLong();
    private final AtomicLong connectsOk = new AtomicLong();
    private final AtomicLong connectsFailed = new AtomicLong();
    private final AtomicLong closedByNode = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicInteger maxHeld = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger heldNow = new AtomicInteger();
    private volatile Throwable crash;

    private AttackerPool(Builder cfg) throws IOException {
        this.cfg = cfg;
        this.selector = Selector.open();
        for (int i = 0; i < cfg.sockets; i++) {
            slots.add(new Slot(cfg.sources.get(i % cfg.sources.size())));
        }
        this.deadline = System.nanoTime() + cfg.duration.toNanos();
        this.thread = new Thread(this::run, "attacker-pool");
        this.thread.setDaemon(true);
    }

    public static Builder builder() {
        return new Builder();
    }

    private void run() {
        double tokens = Math.min(cfg.connectsPerSecond, cfg.sockets);
        long lastRefill = System.nanoTime();
        long lastSample = 0;
        try {
            while (!stopped && System.nanoTime() < deadline) {
                long now = System.nanoTime();
                tokens = Math.min(cfg.connectsPerSecond, tokens + (now - lastRefill) / 1e9 * cfg.connectsPerSecond);
                lastRefill = now;
                for (Slot s : slots) {
                    if (tokens < 1) {
                        break;
                    }
                    if (s.channel == null && s.nextOpenAt >= 0 && now >= s.nextOpenAt) {
                        open(s);
                        tokens -= 1;
                    }
                }
                selector.select(10);
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                if (now - lastSample > 20_000_000L) {
                    lastSample = now;
                    sample(now);
                }
            }
        } catch (Throwable t) {
            crash = t;
        } finally {
            for (Slot s : slots) {
                closeQuietly(s);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    private void open(Slot s) {
        connectsStarted.incrementAndGet();
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (cfg.receiveBuffer > 0) {
                ch.setOption(StandardSocketOptions.SO_RCVBUF, cfg.receiveBuffer);
            }
            ch.bind(new InetSocketAddress(s.source, 0));
            s.channel = ch;
            s.connected = false;
            s.prefix = ByteBuffer.wrap(cfg.payload.prefix());
            s.zerosLeft = cfg.payload.zeroBytes();
            if (ch.connect(cfg.target)) {
                connected(s, ch.register(selector, 0, s));
            } else {
                ch.register(selector, SelectionKey.OP_CONNECT, s);
            }
        } catch (IOException e) {
            connectsFailed.incrementAndGet();
            s.channel = ch;
            lost(s, false);
        }
    }

    private void connected(Slot s, SelectionKey key) {
        connectsOk.incrementAndGet();
        s.connected = true;
        s.connectedAt = System.nanoTime();
        key.interestOps(SelectionKey.OP_READ | (hasMoreToSend(s) ? SelectionKey.OP_WRITE : 0));
    }

    private static boolean hasMoreToSend(Slot s) {
        return s.prefix.hasRemaining() || s.zerosLeft > 0;
    }

    private void handle(SelectionKey key) {
        Slot s = (Slot) key.attachment();
        if (!key.isValid()) {
            return;
        }
        try {
            if (key.isConnectable()) {
                s.channel.finishConnect();
                connected(s, key);
                return;
            }
            if (key.isReadable()) {
                scratch.clear();
                int n = s.channel.read(scratch);
                if (n < 0) {
                    lost(s, true);
                    return;
                }
                bytesReceived.addAndGet(n);
            }
            if (key.isValid() && key.isWritable()) {
                write(s, key);
            }
        } catch (IOException e) {
            if (!s.connected) {
                connectsFailed.incrementAndGet();
            }
            lost(s, s.connected);
        }
    }

    private void write(Slot s, SelectionKey key) throws IOException {
        while (s.prefix.hasRemaining()) {
            int n = s.channel.write(s.prefix);
            bytesSent.addAndGet(n);
            if (n == 0) {
                return;
            }
        }
        while (s.zerosLeft > 0) {
            ByteBuffer chunk = ZEROS.duplicate();
            chunk.limit((int) Math.min(chunk.capacity(), s.zerosLeft));
            int n = s.channel.write(chunk);
            bytesSent.addAndGet(n);
            s.zerosLeft -= n;
            if (n == 0) {
                return;
            }
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    /** The node closed (or refused) this socket: count it, and schedule a refill if asked. */
    private void lost(Slot s, boolean byNode) {
        if (byNode) {
            closedByNode.incrementAndGet();
        }
        closeQuietly(s);
        // A refused connect backs off a little so a full backlog is not hammered in a hot loop.
        s.nextOpenAt = cfg.refill ? System.nanoTime() + (byNode ? 0 : 50_000_000L) : -1;
    }

    private static void closeQuietly(Slot s) {
        if (s.channel != null) {
            try {
                s.channel.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
        s.channel = null;
        s.connected = false;
    }

    private void sample(long now) {
        int held = 0;
        int open = 0;
        long minAge = cfg.holdAge.toNanos();
        for (Slot s : slots) {
            if (s.channel != null && s.connected) {
                open++;
                if (now - s.connectedAt >= minAge) {
                    held++;
                }
            }
        }
        heldNow.set(held);
        maxHeld.accumulateAndGet(held, Math::max);
        maxOpen.accumulateAndGet(open, Math::max);
    }

    /** Waits for the deadline (or {@link #close()}) and for every socket to be closed. */
    public void awaitEnd(Duration slack) throws InterruptedException {
        thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000) + slack.toMillis());
        if (crash != null) {
            throw new IllegalStateException("attacker pool crashed", crash);
        }
    }

    @Override
    public void close() {
        stopped = true;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long connectsStarted() { return connectsStarted.get(); }
    public long connectsOk() { return connectsOk.get(); }
    public long connectsFailed() { return connectsFailed.get(); }
    public long closedByNode() { return closedByNode.get(); }
    public long bytesSent() { return bytesSent.get(); }
    public long bytesReceived() { return bytesReceived.get(); }
    /** Most attacker sockets held open at once for at least the hold age. */
    public int maxHeld() { return maxHeld.get(); }
    /** Most attacker sockets connected at once, however young. */
    public int maxOpen() { return maxOpen.get(); }
    public int heldNow() { return heldNow.get(); }

    public String summary() {
        return "attackers connects=" + connectsStarted() + " ok=" + connectsOk() + " failed=" + connectsFailed()
                + " closedByNode=" + closedByNode() + " maxHeld(>=" + cfg.holdAge.toMillis() + "ms)=" + maxHeld()
                + " maxOpen=" + maxOpen() + " sent=" + MemoryProbe.mb(bytesSent());
    }
}
