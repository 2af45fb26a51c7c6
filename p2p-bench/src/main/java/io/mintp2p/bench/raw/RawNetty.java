package io.mintp2p.bench.raw;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * The raw-Netty baseline's building blocks, set up the way Netty is at its best on this machine:
 * epoll when it loads, one event-loop thread per side, TCP_NODELAY and the same write water marks as
 * the node's TCP transport, and the node's framing (u32 little-endian length + payload) written as
 * one buffer per frame (header and payload together: one write, no composite).
 */
public final class RawNetty {
    public static final boolean EPOLL = Epoll.isAvailable();
    /** The node's TCP transport water marks (TcpOptions.defaults()), so both queue the same amount. */
    public static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(512 * 1024, 2 * 1024 * 1024);
    static final int MAX_FRAME = 32 * 1024 * 1024;

    private RawNetty() {
    }

    /** One event-loop thread: the node, too, serves one connection on one transport thread. */
    public static EventLoopGroup oneThread(String name) {
        return new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name, true),
                EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    public static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static Class<? extends SocketChannel> clientChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** Socket options shared by both sides. */
    public static void configure(SocketChannel ch) {
        ch.config().setOption(ChannelOption.TCP_NODELAY, true);
        ch.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK);
    }

    /**
     * A listener on 127.0.0.1 (ephemeral port) whose accepted channels get the shared socket options,
     * then {@code pipeline}: every baseline server is set up this way.
     */
    public static Channel listen(EventLoopGroup group, Consumer<SocketChannel> pipeline) throws InterruptedException {
        return new ServerBootstrap().group(group).channel(serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childHandler(initializer(pipeline))
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /** A dialer whose channels get the shared socket options, then {@code pipeline}. */
    public static Bootstrap dialer(EventLoopGroup group, Consumer<SocketChannel> pipeline) {
        return new Bootstrap().group(group).channel(clientChannel()).handler(initializer(pipeline));
    }

    private static ChannelInitializer<SocketChannel> initializer(Consumer<SocketChannel> pipeline) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                configure(ch);
                pipeline.accept(ch);
            }
        };
    }

    /** The framing decoder: 4-byte little-endian length, stripped, payload as a retained slice. */
    public static ChannelHandler frameDecoder() {
        return new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN, MAX_FRAME, 0, 4, 0, 4, true);
    }

    /** One frame in one buffer: length header then a copy of the payload (an application hands us bytes). */
    public static ByteBuf frame(ByteBufAllocator alloc, byte[] payload) {
        ByteBuf out = alloc.directBuffer(4 + payload.length);
        out.writeIntLE(payload.length);
        out.writeBytes(payload);
        return out;
    }
}
