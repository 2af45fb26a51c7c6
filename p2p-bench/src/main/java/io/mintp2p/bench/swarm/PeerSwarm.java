package io.mintp2p.bench.swarm;

import io.mintp2p.bench.raw.RawNetty;
import io.mintp2p.core.wire.Hello;
import io.mintp2p.core.wire.HelloAck;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.PingRequest;
import io.mintp2p.core.wire.PingResponse;
import io.mintp2p.core.wire.ProtocolVersion;
import io.mintp2p.core.wire.SemVer;
import io.mintp2p.core.wire.Services;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The far ends of the idle-peer memory test, in a process of their own so that only the measured
 * side's memory is in the measuring JVM: {@code count} connections to {@code host:port}, in waves
 * (the node admits a bounded number of unfinished handshakes). Each sends a node's Hello first; with
 * {@code hello} it does the node's handshake (HelloAck back; later pings are answered, so the peer
 * stays a good one), with {@code raw} it waits for any one frame back (the raw server echoes the
 * Hello: the least a handshake is, one frame read and one answered on each side, so both measured
 * sides have read from every connection). Prints {@code READY <n>} and stays until stdin closes.
 */
public final class PeerSwarm {
    private static final int WAVE = 200;
    /** Set when the parent lets us go: closes from then on are ours, not worth a line each. */
    private static volatile boolean leaving;

    private PeerSwarm() {
    }

    public static void main(String[] args) throws Exception {
        boolean hello = args[0].equals("hello");
        InetSocketAddress target = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
        int count = Integer.parseInt(args[3]);
        EventLoopGroup group = RawNetty.oneThread("swarm");
        MessageCodec codec = MessageCodec.controlOnly();
        List<Channel> channels = new ArrayList<>(count);
        try {
            Bootstrap b = new Bootstrap().group(group).channel(RawNetty.clientChannel());
            for (int done = 0; done < count; ) {
                int wave = Math.min(WAVE, count - done);
                CountDownLatch ready = new CountDownLatch(wave);
                List<ChannelFuture> connects = new ArrayList<>(wave);
                for (int i = 0; i < wave; i++) {
                    connects.add(b.clone().handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            RawNetty.configure(ch);
                            ch.pipeline().addLast(RawNetty.frameDecoder(), new Peer(codec, hello, ready));
                        }
                    }).connect(target));
                }
                for (ChannelFuture f : connects) {
                    channels.add(f.sync().channel());
                }
                if (!ready.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("handshakes of a wave did not finish; " + ready.getCount() + " missing");
                }
                done += wave;
            }
            long open = channels.stream().filter(Channel::isActive).count();
            System.out.println("READY " + open);
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // Wait for the parent to close our stdin.
            }
            leaving = true;
        } finally {
            channels.forEach(Channel::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** One connection's protocol: say Hello, count the answer (HelloAck, or the raw echo), answer pings. */
    private static final class Peer extends ChannelInboundHandlerAdapter {
        private final MessageCodec codec;
        private final boolean hello;
        private final CountDownLatch ready;

        Peer(MessageCodec codec, boolean hello, CountDownLatch ready) {
            this.codec = codec;
            this.hello = hello;
            this.ready = ready;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            // As a node's Hello: with the receiver address (how we see the node), which the node may keep.
            InetSocketAddress node = (InetSocketAddress) ctx.channel().remoteAddress();
            send(ctx, new Hello(ProtocolVersion.OURS, Network.REGTEST.magic(), Services.PEER_ADDRESSES, "mintp2p-swarm",
                    new SemVer(0, 1, 0), Optional.of(new PeerAddress(node.getAddress(), node.getPort())),
                    System.currentTimeMillis() / 1000, ThreadLocalRandom.current().nextLong()));
        }

        private void send(ChannelHandlerContext ctx, Message m) {
            ByteBuf payload = codec.encode(m, ctx.alloc());
            ByteBuf frame = ctx.alloc().directBuffer(4 + payload.readableBytes());
            frame.writeIntLE(payload.readableBytes()).writeBytes(payload);
            payload.release();
            ctx.writeAndFlush(frame, ctx.voidPromise());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            ByteBuf b = (ByteBuf) msg;
            try {
                if (!hello) {
                    ready.countDown();
                    return;
                }
                Message m = codec.decode(b);
                if (m instanceof HelloAck) {
                    ready.countDown();
                } else if (m instanceof PingRequest p) {
                    send(ctx, new PingResponse(p.nonce()));
                }
            } finally {
                b.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!leaving) {
                System.err.println("swarm: the node closed " + ctx.channel());
            }
        }
    }
}
