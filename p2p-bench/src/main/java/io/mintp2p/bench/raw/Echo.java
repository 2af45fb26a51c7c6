package io.mintp2p.bench.raw;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.Executor;

/**
 * The baseline responder: answers each frame with the same payload, framed again, flushed at once,
 * on the event loop, or from an executor when given one (the hand-offs a node's handler pool makes:
 * to a pool thread, and back to the event loop for the write).
 */
@ChannelHandler.Sharable
public final class Echo extends ChannelInboundHandlerAdapter {
    private final Executor answerOn;

    public Echo() {
        this(Runnable::run);
    }

    public Echo(Executor answerOn) {
        this.answerOn = answerOn;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        answerOn.execute(() -> {
            try {
                ByteBuf out = ctx.alloc().directBuffer(4 + in.readableBytes());
                out.writeIntLE(in.readableBytes()).writeBytes(in);
                ctx.writeAndFlush(out, ctx.voidPromise());
            } finally {
                in.release();
            }
        });
    }
}
