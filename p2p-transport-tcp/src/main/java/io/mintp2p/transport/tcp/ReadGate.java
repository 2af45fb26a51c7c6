package io.mintp2p.transport.tcp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;

/**
 * Stops reading from the socket while any of its reasons holds: the node has too many of this
 * peer's messages in hand, or a frame too large for a stranger waits for the handshake. It turns
 * auto-read off and also swallows explicit read requests from the handlers behind it (a
 * {@code ByteToMessageDecoder} that decoded nothing asks for more), so a pause really stops the
 * bytes. Event loop only.
 */
final class ReadGate extends ChannelOutboundHandlerAdapter {
    enum Why {
        /** The node's read budget for this peer is used up. */
        NODE_BACKPRESSURE,
        /** A frame over the pre-handshake limit must wait until the handshake completes. */
        AWAITING_HANDSHAKE
    }

    private int reasons;
    private ChannelHandlerContext ctx;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    void pause(Why why) {
        reasons |= 1 << why.ordinal();
        ctx.channel().config().setAutoRead(false);
    }

    void resume(Why why) {
        reasons &= ~(1 << why.ordinal());
        if (reasons == 0) {
            // Turning auto-read back on issues a read, which now passes the gate.
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (reasons == 0) {
            ctx.read();
        }
    }
}
