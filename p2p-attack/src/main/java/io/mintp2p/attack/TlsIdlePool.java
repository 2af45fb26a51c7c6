package io.mintp2p.attack;

import io.mintp2p.transport.tls.NodeKeys;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/**
 * N sockets that complete a TLS 1.3 handshake with a self-signed client certificate and then never
 * send a Hello. Sockets the node closes are re-opened (after {@code refillDelay}) until the deadline.
 * One Netty event-loop thread; {@link #heldNow()} counts sockets that finished TLS at least
 * {@code holdAge} ago and are still open.
 */
public final class TlsIdlePool implements AutoCloseable {
    private final InetSocketAddress target;
    private final List<InetAddress> sources;
    private final long deadline;
    private final Duration holdAge;
    private final Duration refillDelay;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final SslContext ssl;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Channel, Long> handshakenAt = new ConcurrentHashMap<>();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong tlsOk = new AtomicLong();
    private final AtomicLong closedByNode = new AtomicLong();
    private final AtomicInteger maxHeld = new AtomicInteger();
    private volatile boolean stopped;

    private TlsIdlePool(InetSocketAddress target, List<InetAddress> sources, Duration duration, Duration holdAge,
                        Duration refillDelay) throws SSLException {
        this.target = target;
        this.sources = List.copyOf(sources);
        this.deadline = System.nanoTime() + duration.toNanos();
        this.holdAge = holdAge;
        this.refillDelay = refillDelay;
        NodeKeys keys = NodeKeys.ephemeral();
        SslProvider provider = OpenSsl.isAvailable() && SslProvider.isTlsv13Supported(SslProvider.OPENSSL)
                ? SslProvider.OPENSSL : SslProvider.JDK;
        this.ssl = SslContextBuilder.forClient().keyManager(keys.privateKey(), keys.certificate())
                .trustManager(InsecureTrustManagerFactory.INSTANCE).protocols("TLSv1.3").sslProvider(provider)
                .endpointIdentificationAlgorithm(null).build();
    }

    public static TlsIdlePool start(InetSocketAddress target, List<InetAddress> sources, int sockets, Duration duration,
                                    Duration holdAge, Duration refillDelay) throws SSLException {
        TlsIdlePool pool = new TlsIdlePool(target, sources, duration, holdAge, refillDelay);
        for (int i = 0; i < sockets; i++) {
            InetAddress source = sources.get(i % sources.size());
            // Spread the first handshakes a little so they do not all land in one instant.
            pool.group.schedule(() -> pool.open(source), i * 5L, TimeUnit.MILLISECONDS);
        }
        return pool;
    }

    private boolean running() {
        return !stopped && System.nanoTime() < deadline;
    }

    private void open(InetAddress source) {
        if (!running()) {
            return;
        }
        connects.incrementAndGet();
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler h = ssl.newHandler(ch.alloc(), target.getHostString(), target.getPort());
                        h.setHandshakeTimeoutMillis(10_000);
                        ch.pipeline().addLast(h, new Idle(source));
                    }
                })
                .connect(target, new InetSocketAddress(source, 0))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        refill(source);
                    }
                });
    }

    private void refill(InetAddress source) {
        if (running()) {
            group.schedule(() -> open(source), refillDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private final class Idle extends ChannelInboundHandlerAdapter {
        private final InetAddress source;

        Idle(InetAddress source) {
            this.source = source;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channels.add(ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent e && e.isSuccess()) {
                tlsOk.incrementAndGet();
                handshakenAt.put(ctx.channel(), System.nanoTime());
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            channels.remove(ctx.channel());
            handshakenAt.remove(ctx.channel());
            if (!stopped) {
                closedByNode.incrementAndGet();
            }
            refill(source);
        }
    }

    /** Sockets that finished TLS at least the hold age ago and are still open. */
    public int heldNow() {
        long now = System.nanoTime();
        int held = 0;
        for (Long at : handshakenAt.values()) {
            if (now - at >= holdAge.toNanos()) {
                held++;
            }
        }
        maxHeld.accumulateAndGet(held, Math::max);
        return held;
    }

    public long connects() { return connects.get(); }
    public long tlsOk() { return tlsOk.get(); }
    public long closedByNode() { return closedByNode.get(); }
    public int maxHeld() { return maxHeld.get(); }

    public String summary() {
        return "tls-idle connects=" + connects() + " tlsOk=" + tlsOk() + " closedByNode=" + closedByNode()
                + " maxHeld(>=" + holdAge.toMillis() + "ms)=" + maxHeld();
    }

    @Override
    public void close() {
        stopped = true;
        for (Channel c : channels) {
            c.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
