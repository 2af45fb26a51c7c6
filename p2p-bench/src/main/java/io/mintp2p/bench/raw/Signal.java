package io.mintp2p.bench.raw;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.CountDownLatch;

/** The baseline requester's receiving end: each frame that comes back opens the current latch. */
@ChannelHandler.Sharable
public final class Signal extends ChannelInboundHandlerAdapter {
    private volatile CountDownLatch next = new CountDownLatch(1);

    /** Arms a fresh latch before a request goes out. */
    public CountDownLatch arm() {
        CountDownLatch l = new CountDownLatch(1);
        next = l;
        return l;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ((ByteBuf) msg).release();
        next.countDown();
    }
}
