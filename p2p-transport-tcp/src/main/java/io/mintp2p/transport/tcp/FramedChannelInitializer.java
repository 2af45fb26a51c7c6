package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Builds the pipeline of one connection: [proxy] -> [security] -> flush consolidation -> read gate -> frame decoder -> length
 * prepender -> dispatcher, after asking the handler to admit an inbound connection (before any TLS
 * or decoding is spent on it). Shared by plain TCP and TLS.
 */
final class FramedChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** Even while sends keep coming, at most this many are merged before a flush goes out. */
    private static final int FLUSHES_PER_SYSCALL_MAX = 256;
    private final String scheme;
    private final Direction direction;
    private final ConnectionHandler handler;
    private final TcpOptions options;
    private final Optional<ChannelSecurity> security;
    private final Optional<DialProxy> proxy;
    private final Optional<TransportAddress> dialled;
    private final CompletableFuture<Connection> dialResult;
    private final LongSupplier ids;
    private final Consumer<NettyConnection> track;
    private final Consumer<NettyConnection> untrack;

    FramedChannelInitializer(String scheme, Direction direction, ConnectionHandler handler, TcpOptions options,
                             Optional<ChannelSecurity> security, Optional<DialProxy> proxy,
                             Optional<TransportAddress> dialled,
                             CompletableFuture<Connection> dialResult, LongSupplier ids,
                             Consumer<NettyConnection> track, Consumer<NettyConnection> untrack) {
        this.scheme = scheme;
        this.direction = direction;
        this.handler = handler;
        this.options = options;
        this.security = security;
        this.proxy = direction == Direction.OUTBOUND ? proxy : Optional.empty();
        this.dialled = dialled;
        this.dialResult = dialResult;
        this.ids = ids;
        this.track = track;
        this.untrack = untrack;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(options.writeLowWaterMark(), options.writeHighWaterMark()));
        ch.config().setOption(ChannelOption.TCP_NODELAY, true);
        NettyConnection[] holder = new NettyConnection[1];
        // Through a proxy the socket's remote end is the proxy: the connection names the target instead.
        Optional<TransportAddress> proxiedTarget = proxy.isPresent() ? dialled : Optional.empty();
        NettyConnection connection = new NettyConnection(ids.getAsLong(), scheme, ch, direction, handler, options,
                dialResult, proxiedTarget, () -> untrack.accept(holder[0]));
        holder[0] = connection;
        if (direction == Direction.INBOUND) {
            // Admission before any work: no TLS handler, no decoder, not even tracking for a refusal.
            connection.learnAddresses();
            if (handler.admit(connection).isPresent()) {
                ch.close();
                return;
            }
        }
        track.accept(connection);
        ReadGate gate = new ReadGate();
        FrameDecoder decoder = new FrameDecoder(options.maxFramePayload(), connection, gate);
        connection.attach(gate, decoder);
        proxy.ifPresent(p -> ch.pipeline().addLast("proxy", p.newHandler(dialled.orElseThrow())));
        security.ifPresent(s -> ch.pipeline().addLast("security", s.newHandler(ch, direction, dialled)));
        // Sends arrive one message at a time from the node's thread: their flushes are merged into
        // one per event-loop turn (and TLS encrypts the batch), instead of a syscall per message.
        ch.pipeline().addLast("flush-consolidation", new FlushConsolidationHandler(FLUSHES_PER_SYSCALL_MAX, true));
        ch.pipeline().addLast("read-gate", gate);
        ch.pipeline().addLast("frames", decoder);
        ch.pipeline().addLast("length", new LengthFieldPrepender(ByteOrder.LITTLE_ENDIAN, 4, 0, false));
        ch.pipeline().addLast("dispatch", new FrameDispatcher(connection, security, proxy.isPresent(), ch, dialled));
    }
}
