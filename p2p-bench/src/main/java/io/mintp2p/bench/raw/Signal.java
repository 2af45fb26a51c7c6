package io.mintp2p.bench.raw;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/**
 * The baseline requester's receiving end: each frame that comes back opens the current latch, on the
 * event loop, or from an executor when given one (the hand-off a node's handler pool makes).
 */
@ChannelHandler.Sharable
public final class Signal extends ChannelInboundHandlerAdapter {
    private final Executor signalOn;
    private volatile CountDownLatch next = new CountDownLatch(1);

    public Signal() {
        this(Runnable::run);
    }

    public Signal(Executor signalOn) {
        this.signalOn = signalOn;
    }

    /** Arms a fresh latch before a request goes out. */
    public CountDownLatch arm() {
        CountDownLatch l = new CountDownLatch(1);
        next = l;
        return l;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ((ByteBuf) msg).release();
        CountDownLatch answered = next;
        signalOn.execute(answered::countDown);
    }
}
