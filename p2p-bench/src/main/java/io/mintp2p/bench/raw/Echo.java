package io.mintp2p.bench.raw;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** The baseline responder: answers each frame with the same payload, framed again, flushed at once. */
@ChannelHandler.Sharable
public final class Echo extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            ByteBuf out = ctx.alloc().directBuffer(4 + in.readableBytes());
            out.writeIntLE(in.readableBytes()).writeBytes(in);
            ctx.writeAndFlush(out, ctx.voidPromise());
        } finally {
            in.release();
        }
    }
}
