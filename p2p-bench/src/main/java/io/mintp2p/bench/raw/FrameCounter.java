package io.mintp2p.bench.raw;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline receiver: delivers each frame to "the application" by reading its first and last
 * byte (so the payload is really there) and counts it. No copy: raw Netty at its best hands the
 * application a slice of the read buffer. Shared by every channel of a run (the counter is atomic).
 */
@ChannelHandler.Sharable
public final class FrameCounter extends ChannelInboundHandlerAdapter {
    private final AtomicLong frames = new AtomicLong();
    private volatile long target = Long.MAX_VALUE;
    private volatile CountDownLatch done = new CountDownLatch(0);
    private volatile long sink;

    /** Starts counting from zero; the latch opens when {@code n} frames arrived (over all channels). */
    public CountDownLatch expect(long n) {
        frames.set(0);
        done = new CountDownLatch(1);
        target = n;
        return done;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf b = (ByteBuf) msg;
        try {
            if (b.isReadable()) {
                sink += b.getByte(b.readerIndex()) + b.getByte(b.writerIndex() - 1);
            }
        } finally {
            b.release();
        }
        if (frames.incrementAndGet() == target) {
            done.countDown();
        }
    }

    public long frames() {
        return frames.get();
    }
}
