package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportException;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.util.concurrent.ThreadPerTaskExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP transport on Netty: WIRE.md framing, epoll when the native transport loads (NIO
 * otherwise), IPv4 and IPv6. It is also the base of transports over other byte streams: a
 * {@link ChannelSecurity} adds a layer under the framing (TLS), a {@link DialProxy} routes dials
 * through a proxy with the target's name unresolved (SOCKS5, Tor), and {@link #listenOn} accepts on
 * a local socket under another advertised name (an onion service). Such a transport gets the framing
 * limits, admission before work, back-pressure and the {@code Connection} implementation unchanged.
 */
public class TcpTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(TcpTransport.class);
    /** The address scheme, {@code tcp}. */
    public static final String SCHEME = "tcp";
    /** Deep enough that a connection flood does not overflow it and make honest SYNs wait a retransmit (1 s). */
    static final int ACCEPT_BACKLOG = 1024;

    private final String scheme;
    private final TcpOptions options;
    private final Optional<ChannelSecurity> security;
    private final Optional<DialProxy> proxy;
    private final EventLoopGroup group;
    private final boolean epoll;
    private final OpenConnections connections = new OpenConnections();
    /** Shared by every connection of the transport. */
    private final SendRules sendRules;
    private final Set<Channel> servers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Plain TCP; starts the event loops. Any thread; does not block.
     *
     * @param options framing, limits and thread names
     */
    public TcpTransport(TcpOptions options) {
        this(options, Optional.empty());
    }

    /**
     * Plain TCP, dialling through {@code proxy} when present (listening is unaffected). Any thread; does not block.
     *
     * @param options framing, limits and thread names
     * @param proxy   the proxy dials go through, if any
     */
    public TcpTransport(TcpOptions options, Optional<DialProxy> proxy) {
        this(SCHEME, options, Optional.empty(), proxy);
    }

    /**
     * For a transport over another byte stream: {@code security} under the framing, dials direct.
     *
     * @param scheme   the subclass's address scheme, also in its thread names
     * @param options  framing, limits and thread names
     * @param security the layer under the framing (TLS, Noise), if any
     */
    protected TcpTransport(String scheme, TcpOptions options, Optional<ChannelSecurity> security) {
        this(scheme, options, security, Optional.empty());
    }

    /**
     * For a transport over another byte stream: {@code security} under the framing, dials through {@code proxy}
     * when present. Starts the event loops; any thread; does not block.
     *
     * @param scheme   the subclass's address scheme, also in its thread names
     * @param options  framing, limits and thread names
     * @param security the layer under the framing (TLS, Noise), if any
     * @param proxy    the proxy dials go through, if any
     */
    protected TcpTransport(String scheme, TcpOptions options, Optional<ChannelSecurity> security,
                           Optional<DialProxy> proxy) {
        this.scheme = scheme;
        this.options = options;
        this.sendRules = new SendRules(options);
        this.security = security;
        this.proxy = proxy;
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Executor threads = options.nodeName()
                .<Executor>map(node -> new ThreadPerTaskExecutor(new IoThreads(node, scheme))).orElse(null);
        this.group = new MultiThreadIoEventLoopGroup(options.ioThreads(), threads,
                new SameLoopFirstChooser(connections::connectionsOn), io);
        log.debug("{} transport on {}", scheme, epoll ? "epoll" : "NIO");
    }

    /**
     * Whether the native epoll transport is in use (else NIO). Any thread.
     *
     * @return true on epoll
     */
    public boolean usesEpoll() {
        return epoll;
    }

    @Override
    public String scheme() {
        return scheme;
    }

    private Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    private Class<? extends SocketChannel> clientChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    private FramedChannelInitializer initializer(Direction direction, ConnectionHandler handler,
                                                 Optional<TransportAddress> dialled, CompletableFuture<Connection> result) {
        return new FramedChannelInitializer(scheme, direction, handler, sendRules, security, proxy, dialled, result,
                io.mintp2p.core.transport.ConnectionIds::next, connections);
    }

    @Override
    public CompletableFuture<Listener> listen(TransportAddress bind, ConnectionHandler handler) {
        if (!scheme.equals(bind.scheme())) {
            return CompletableFuture.failedFuture(new TransportException("not a " + scheme + ":// address: " + bind));
        }
        return listenOn(new InetSocketAddress(bind.host(), bind.port()), handler,
                port -> TransportAddress.of(scheme, bind.host(), port));
    }

    /**
     * Accepts connections on a local socket; the listener's address is {@code advertised} applied to
     * the bound port (e.g. an onion address in front of a loopback socket). Any thread; does not block.
     *
     * @param local      the socket to bind
     * @param handler    told of each accepted connection, on its event loop
     * @param advertised the listener's address for the port actually bound
     * @return completes with the listener once bound, or fails with a {@link TransportException}
     */
    protected CompletableFuture<Listener> listenOn(InetSocketAddress local, ConnectionHandler handler,
                                                   IntFunction<TransportAddress> advertised) {
        if (closed) {
            return CompletableFuture.failedFuture(new TransportException("transport closed"));
        }
        CompletableFuture<Listener> result = new CompletableFuture<>();
        new ServerBootstrap().group(group).channel(serverChannel())
                .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                .childHandler(initializer(Direction.INBOUND, handler, Optional.empty(), null))
                .bind(local)
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        result.completeExceptionally(new TransportException("cannot listen on " + local + ": "
                                + RootCause.message(f.cause()), f.cause()));
                        return;
                    }
                    Channel server = ((io.netty.channel.ChannelFuture) f).channel();
                    servers.add(server);
                    TransportAddress bound = advertised.apply(((InetSocketAddress) server.localAddress()).getPort());
                    result.complete(new Listener() {
                        @Override
                        public TransportAddress localAddress() {
                            return bound;
                        }

                        @Override
                        public void close() {
                            servers.remove(server);
                            server.close().syncUninterruptibly();
                        }
                    });
                });
        return result;
    }

    @Override
    public CompletableFuture<Connection> dial(TransportAddress remote, ConnectionHandler handler) {
        if (!scheme.equals(remote.scheme())) {
            return CompletableFuture.failedFuture(new TransportException("not a " + scheme + ":// address: " + remote));
        }
        if (closed) {
            return CompletableFuture.failedFuture(new TransportException("transport closed"));
        }
        if (proxy.isPresent()) {
            return connect(remote, InetSocketAddress.createUnresolved(remote.host(), remote.port()), handler);
        }
        InetSocketAddress target;
        try {
            target = remote.resolve();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new TransportException("cannot resolve " + remote + ": " + e.getMessage()));
        }
        if (target.isUnresolved()) {
            return CompletableFuture.failedFuture(new TransportException("cannot resolve host of " + remote));
        }
        return connect(remote, target, handler);
    }

    private CompletableFuture<Connection> connect(TransportAddress remote, InetSocketAddress target,
                                                  ConnectionHandler handler) {
        CompletableFuture<Connection> result = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(clientChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .handler(initializer(Direction.OUTBOUND, handler, Optional.of(remote), result));
        if (proxy.isPresent()) {
            // The proxy handler swaps the target for the proxy's address; never look the name up here.
            bootstrap.resolver(NoopAddressResolverGroup.INSTANCE);
        }
        bootstrap.connect(target)
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        result.completeExceptionally(new TransportException("connect to " + remote + " failed: "
                                + RootCause.message(f.cause()), f.cause()));
                    }
                });
        return result;
    }

    /**
     * Open connections, for tests and diagnostics. Any thread.
     *
     * @return a snapshot of the open connections
     */
    public List<Connection> connections() {
        return List.copyOf(connections.snapshot());
    }

    /** Open connections on one of this transport's event loops, for tests. */
    int connectionsOn(EventLoop loop) {
        return connections.connectionsOn(loop);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        servers.forEach(Channel::close);
        for (NettyConnection c : connections.snapshot()) {
            c.fail(CloseReason.of(DisconnectReason.TRANSPORT_SHUTDOWN));
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
