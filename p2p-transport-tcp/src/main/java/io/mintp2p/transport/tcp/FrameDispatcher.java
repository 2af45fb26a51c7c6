package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.proxy.ProxyConnectionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.io.IOException;

/**
 * The last handler: turns channel events into {@link io.mintp2p.core.transport.ConnectionHandler}
 * calls. The connection opens on channel activation, once a proxy in front reports the target
 * connected, or, when a TLS handler is in front, once its handshake succeeded.
 */
final class FrameDispatcher extends ChannelInboundHandlerAdapter {
    private final NettyConnection connection;
    private final java.util.Optional<ChannelSecurity> security;
    private final boolean proxied;
    private final io.netty.channel.socket.SocketChannel channel;
    private final java.util.Optional<io.mintp2p.core.transport.TransportAddress> dialled;

    FrameDispatcher(NettyConnection connection, java.util.Optional<ChannelSecurity> security, boolean proxied,
                    io.netty.channel.socket.SocketChannel channel,
                    java.util.Optional<io.mintp2p.core.transport.TransportAddress> dialled) {
        this.connection = connection;
        this.security = security;
        this.proxied = proxied;
        this.channel = channel;
        this.dialled = dialled;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (security.isEmpty() && !proxied) {
            connection.opened();
        }
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ProxyConnectionEvent && security.isEmpty()) {
            connection.opened();
        }
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (!done.isSuccess()) {
                connection.fail(CloseReason.of(DisconnectReason.TLS_FAILED, security.get().describeFailure(done.cause())));
            } else {
                try {
                    connection.setIdentity(security.get().identify(channel, dialled));
                    connection.opened();
                } catch (io.mintp2p.core.transport.TransportException refused) {
                    connection.fail(refused.reason());
                }
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.frameReceived((ByteBuf) msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        connection.releaseWritableWaiters();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connection.channelClosed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String message = rootMessage(cause);
        connection.fail(CloseReason.of(DisconnectReason.IO_ERROR,
                cause instanceof IOException ? message : "pipeline error: " + message));
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
