package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Builds the pipeline of one connection: [proxy] -> [security] -> {@link FrameHandler}, after asking
 * the handler to admit an inbound connection (before any TLS or decoding is spent on it). Shared by
 * plain TCP and TLS.
 */
final class FramedChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final String scheme;
    private final Direction direction;
    private final ConnectionHandler handler;
    private final TcpOptions options;
    private final Optional<ChannelSecurity> security;
    private final Optional<DialProxy> proxy;
    private final Optional<TransportAddress> dialled;
    private final CompletableFuture<Connection> dialResult;
    private final LongSupplier ids;
    private final OpenConnections openConnections;
    /** One for all channels: it is immutable, and one per channel would cost every peer. */
    private final WriteBufferWaterMark waterMark;

    FramedChannelInitializer(String scheme, Direction direction, ConnectionHandler handler, TcpOptions options,
                             Optional<ChannelSecurity> security, Optional<DialProxy> proxy,
                             Optional<TransportAddress> dialled,
                             CompletableFuture<Connection> dialResult, LongSupplier ids,
                             OpenConnections openConnections) {
        this.scheme = scheme;
        this.direction = direction;
        this.handler = handler;
        this.options = options;
        this.security = security;
        this.proxy = direction == Direction.OUTBOUND ? proxy : Optional.empty();
        this.dialled = dialled;
        this.dialResult = dialResult;
        this.ids = ids;
        this.openConnections = openConnections;
        this.waterMark = new WriteBufferWaterMark(options.writeLowWaterMark(), options.writeHighWaterMark());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark);
        ch.config().setOption(ChannelOption.TCP_NODELAY, true);
        // Through a proxy the socket's remote end is the proxy: the connection names the target instead.
        Optional<TransportAddress> proxiedTarget = proxy.isPresent() ? dialled : Optional.empty();
        NettyConnection connection = new NettyConnection(ids.getAsLong(), scheme, ch, handler, options,
                dialResult, proxiedTarget, openConnections);
        if (direction == Direction.INBOUND) {
            // Admission before any work: no TLS handler, no decoder, not even tracking for a refusal.
            connection.learnAddresses();
            if (handler.admit(connection).isPresent()) {
                ch.close();
                return;
            }
        }
        openConnections.add(connection);
        FrameHandler frames = new FrameHandler(connection, options.maxFramePayload(), security, proxy.isPresent(), dialled);
        connection.steerWith(frames);
        proxy.ifPresent(p -> ch.pipeline().addLast("proxy", p.newHandler(dialled.orElseThrow())));
        security.ifPresent(s -> ch.pipeline().addLast("security", s.newHandler(ch, direction, dialled)));
        // No flush consolidation here: sends come in batches with one flush each (see Outbox).
        ch.pipeline().addLast("frames", frames);
    }
}
