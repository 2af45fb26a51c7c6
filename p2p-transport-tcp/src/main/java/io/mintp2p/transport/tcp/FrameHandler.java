package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportException;
import io.mintp2p.core.wire.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.IOException;
import java.util.List;

/**
 * The connection's own handler, the last of its pipeline (behind the proxy and security handlers,
 * if any): it decodes frames and gates reading; the rest it hands to small collaborators. It stays
 * one handler because each handler costs a context of ~64 B per connection, and an idle peer's
 * memory is mostly such per-connection objects (BENCHMARKS.md, memory.idle_peer).
 * <ul>
 *   <li><b>Frames in</b>: the announced length is checked by {@link FrameLengthRule} as soon as the
 *       4 header bytes are in, before any body is read; each payload goes straight to the connection.</li>
 *   <li><b>Read gate</b>: reading stops while any {@link ReadPause} holds. Auto-read goes off and
 *       read requests from the channel are swallowed, so a pause really stops the bytes.</li>
 *   <li><b>Frames out</b>: {@link FrameHeaderEncoder#write}; the other outbound operations pass
 *       through ({@link PassThroughOutbound}).</li>
 *   <li><b>The connection's life</b>: {@link ConnectionOpening} says when it opens; the node's
 *       handler then hears of it, of its frames and read runs, and of its close, once.</li>
 * </ul>
 * Event loop only.
 */
final class FrameHandler extends ByteToMessageDecoder implements PassThroughOutbound {
    private final NettyConnection connection;
    private final int maxPayload;
    private final ConnectionOpening opening;
    private ChannelHandlerContext ctx;
    /** The {@link ReadPause}s that hold, as bits. */
    private int pauses;
    private boolean refused;
    private boolean handshakeCompleted;
    private boolean firstFrameSeen;
    /** A frame over the pre-handshake limit is waiting, unread, for the handshake. */
    private boolean heldForHandshake;
    /** The node's handler heard of the connection ({@code onOpen}); its close ({@code onClosed}). */
    private boolean opened;
    private boolean closedNotified;

    FrameHandler(NettyConnection connection, int maxPayload, ConnectionOpening opening) {
        this.connection = connection;
        this.maxPayload = maxPayload;
        this.opening = opening;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    // --- read gate -------------------------------------------------------------------------------------

    /** Event loop: stops reading until every pause is lifted. */
    void pause(ReadPause why) {
        pauses |= why.bit();
        ctx.channel().config().setAutoRead(false);
    }

    /** Event loop: lifts one pause; reading resumes once none holds. */
    void resume(ReadPause why) {
        pauses &= ~why.bit();
        if (pauses == 0) {
            // Turning auto-read back on issues a read, which now passes the gate.
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void read(ChannelHandlerContext ctx) {
        if (pauses == 0) {
            ctx.read();
        }
    }

    /**
     * Not {@link ByteToMessageDecoder}'s: after a read that decoded nothing it asks for another when
     * auto-read is off, and here auto-read is off only while the gate is closed, so that read would
     * slip past the gate (its request does not pass this handler's own {@link #read}).
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        discardSomeReadBytes();
        if (opened) {
            connection.setup().handler.onReadComplete(connection);
        }
        ctx.fireChannelReadComplete();
    }

    // --- frames in -------------------------------------------------------------------------------------

    /** Event loop: lifts the pre-handshake limit and decodes what was held back. */
    void handshakeCompleted() {
        if (handshakeCompleted) {
            return;
        }
        handshakeCompleted = true;
        if (heldForHandshake) {
            heldForHandshake = false;
            resume(ReadPause.AWAITING_HANDSHAKE);
            if (!refused && ctx.channel().isActive()) {
                // The held-back bytes are already in the cumulation: decode them now, not on the next read.
                try {
                    channelRead(ctx, Unpooled.EMPTY_BUFFER);
                    channelReadComplete(ctx);
                } catch (Exception e) {
                    ctx.fireExceptionCaught(e);
                }
            }
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < Frames.HEADER_BYTES) {
            return;
        }
        long length = in.getUnsignedIntLE(in.readerIndex());
        FrameLengthRule verdict = FrameLengthRule.of(length, maxPayload, handshakeCompleted, firstFrameSeen);
        switch (verdict) {
            case READ -> {
                if (in.readableBytes() < Frames.HEADER_BYTES + length) {
                    return;
                }
                firstFrameSeen = true;
                in.skipBytes(Frames.HEADER_BYTES);
                connection.countIn(Frames.HEADER_BYTES + length);
                ByteBuf payload = in.readRetainedSlice((int) length);
                if (opened) {
                    connection.setup().handler.onFrame(connection, payload);
                } else {
                    payload.release();
                }
            }
            case HOLD_FOR_HANDSHAKE -> {
                heldForHandshake = true;
                pause(ReadPause.AWAITING_HANDSHAKE);
            }
            case OVER_FRAME_LIMIT, OVER_PRE_HANDSHAKE_LIMIT -> {
                refused = true;
                in.skipBytes(in.readableBytes());
                connection.fail(verdict.refusal(length, maxPayload));
            }
        }
    }

    // --- events ----------------------------------------------------------------------------------------

    /**
     * Event loop: the transport is ready (TCP connected, the proxy connected, or TLS handshaken and
     * the remote accepted): the node's handler hears of the connection, and a dial completes. Once.
     */
    void opened() {
        if (opened) {
            return;
        }
        opened = true;
        connection.learnAddresses();
        ConnectionSetup setup = connection.setup();
        setup.handler.onOpen(connection);
        if (setup.dialResult != null) {
            setup.dialResult.complete(connection);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        opening.channelActive(this);
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        opening.userEvent((SocketChannel) ctx.channel(), evt, this, connection);
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        connection.writabilityChanged();
        super.channelWritabilityChanged(ctx);
    }

    /** Frames still in the cumulation are decoded and handed over first, then the connection hears of the close. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        try {
            super.channelInactive(ctx);
        } finally {
            closed();
        }
    }

    /**
     * Event loop: the node's handler hears of the close once; if the connection never opened, a dial fails, and an
     * admitted inbound connection is given back to admission.
     */
    private void closed() {
        if (closedNotified) {
            return;
        }
        closedNotified = true;
        CloseReason reason = connection.channelClosed();
        ConnectionSetup setup = connection.setup();
        if (opened) {
            setup.handler.onClosed(connection, reason);
        } else if (setup.dialResult != null) {
            setup.dialResult.completeExceptionally(new TransportException(reason));
        } else {
            setup.handler.onAdmittedButNeverOpened(connection, reason);
        }
    }

    /**
     * A {@link TransportException} raised by a handler in front (a security layer refusing a record) closes with its
     * typed reason; anything else is an I/O error.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TransportException refused) {
            connection.fail(refused.reason());
            return;
        }
        String message = RootCause.message(cause);
        connection.fail(CloseReason.of(DisconnectReason.IO_ERROR,
                cause instanceof IOException ? message : "pipeline error: " + message));
    }

    // --- frames out ------------------------------------------------------------------------------------

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        FrameHeaderEncoder.write(ctx, msg, promise, connection);
    }
}
