package io.mintp2p.transport.tcp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelPromise;
import java.net.SocketAddress;

/**
 * The outbound operations a handler does not change, passed on as they are: what
 * {@code ChannelOutboundHandlerAdapter} gives a handler that cannot extend it because it extends
 * Netty's decoder (the {@link FrameHandler}, a {@link ChannelSecurity}'s record layer such as Noise's).
 * It overrides what it changes (write, flush, read). Event loop only, as Netty calls them; nothing blocks.
 */
public interface PassThroughOutbound extends ChannelOutboundHandler {
    @Override
    default void bind(ChannelHandlerContext ctx, SocketAddress localAddress, ChannelPromise promise) {
        ctx.bind(localAddress, promise);
    }

    @Override
    default void connect(ChannelHandlerContext ctx, SocketAddress remoteAddress, SocketAddress localAddress,
                         ChannelPromise promise) {
        ctx.connect(remoteAddress, localAddress, promise);
    }

    @Override
    default void disconnect(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.disconnect(promise);
    }

    @Override
    default void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.close(promise);
    }

    @Override
    default void deregister(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.deregister(promise);
    }

    @Override
    default void flush(ChannelHandlerContext ctx) {
        ctx.flush();
    }
}
