package io.mintp2p.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;

/**
 * The baseline: the same framing (u32 LE length + payload) with nothing but Netty's own codecs,
 * on the same event loop kind (epoll when available) as the mintp2p TCP transport.
 */
final class RawNettyLink implements Link {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(0,
            Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    private final Channel server;
    private final Channel client;

    RawNettyLink(Behaviour behaviour) throws Exception {
        server = new ServerBootstrap().group(group)
                .channel(Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childHandler(pipeline((ctx, frame) -> {
                    behaviour.onServerFrame().run();
                    if (behaviour.echo()) {
                        ctx.writeAndFlush(frame.retain());
                    }
                })).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        client = new Bootstrap().group(group)
                .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
                .handler(pipeline((ctx, frame) -> behaviour.onClientFrame().run()))
                .connect(server.localAddress()).sync().channel();
    }

    private static ChannelInitializer<SocketChannel> pipeline(
            java.util.function.BiConsumer<ChannelHandlerContext, ByteBuf> onFrame) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN, 10 << 20, 0, 4, 0, 4, true));
                ch.pipeline().addLast(new LengthFieldPrepender(ByteOrder.LITTLE_ENDIAN, 4, 0, false));
                ch.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                        onFrame.accept(ctx, msg);
                    }
                });
            }
        };
    }

    @Override
    public CompletableFuture<Void> send(ByteBuf payload) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        client.writeAndFlush(payload).addListener(w -> {
            if (w.isSuccess()) {
                f.complete(null);
            } else {
                f.completeExceptionally(w.cause());
            }
        });
        return f;
    }

    @Override
    public void close() {
        client.close().syncUninterruptibly();
        server.close().syncUninterruptibly();
        group.shutdownGracefully().syncUninterruptibly();
    }
}
