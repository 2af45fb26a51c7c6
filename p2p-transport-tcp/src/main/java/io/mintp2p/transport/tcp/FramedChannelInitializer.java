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
    private final SendRules rules;
    private final Optional<ChannelSecurity> security;
    private final Optional<DialProxy> proxy;
    private final Optional<TransportAddress> dialled;
    /** One for all channels of this listener or dial: a field per connection instead of three. */
    private final ConnectionOpening opening;
    /** Likewise: six fields per connection become one. */
    private final ConnectionSetup setup;
    private final CompletableFuture<Connection> dialResult;
    private final LongSupplier ids;
    private final OpenConnections openConnections;
    /** One for all channels: it is immutable, and one per channel would cost every peer. */
    private final WriteBufferWaterMark waterMark;

    FramedChannelInitializer(String scheme, Direction direction, ConnectionHandler handler, SendRules rules,
                             Optional<ChannelSecurity> security, Optional<DialProxy> proxy,
                             Optional<TransportAddress> dialled,
                             CompletableFuture<Connection> dialResult, LongSupplier ids,
                             OpenConnections openConnections) {
        this.scheme = scheme;
        this.direction = direction;
        this.handler = handler;
        this.rules = rules;
        this.security = security;
        this.proxy = direction == Direction.OUTBOUND ? proxy : Optional.empty();
        this.dialled = dialled;
        this.opening = new ConnectionOpening(security, this.proxy.isPresent(), dialled);
        this.setup = new ConnectionSetup(scheme, handler, rules, dialResult,
                this.proxy.isPresent() ? dialled : Optional.empty(), openConnections);
        this.dialResult = dialResult;
        this.ids = ids;
        this.openConnections = openConnections;
        this.waterMark = new WriteBufferWaterMark(rules.options().writeLowWaterMark(), rules.options().writeHighWaterMark());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark);
        ch.config().setOption(ChannelOption.TCP_NODELAY, true);
        NettyConnection connection = new NettyConnection(ids.getAsLong(), ch, setup);
        if (direction == Direction.INBOUND) {
            // Admission before any work: no TLS handler, no decoder, not even tracking for a refusal.
            connection.learnAddresses();
            if (handler.admit(connection).isPresent()) {
                ch.close();
                return;
            }
        }
        openConnections.add(connection);
        FrameHandler frames = new FrameHandler(connection, rules.options().maxFramePayload(), opening);
        connection.readThrough(frames);
        proxy.ifPresent(p -> ch.pipeline().addLast("proxy", p.newHandler(dialled.orElseThrow())));
        security.ifPresent(s -> ch.pipeline().addLast("security", s.newHandler(ch, direction, dialled)));
        // No flush consolidation here: sends come in batches with one flush each (see Outbox).
        ch.pipeline().addLast("frames", frames);
    }
}
