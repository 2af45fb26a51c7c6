package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.wire.Frames;
import io.mintp2p.core.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into frame payloads (WIRE.md 2). The announced length is checked as soon
 * as the 4 header bytes are in, before any body is read or buffered:
 * <ul>
 *   <li>over the frame limit: the connection closes with ban score 100;</li>
 *   <li>before the handshake, over {@link WireLimits#MAX_PRE_HANDSHAKE_FRAME}: a first frame (it can
 *       only be a Hello or HelloAck) is refused the same way; a later one may legitimately follow a
 *       HelloAck before our side has seen it, so reading stops until the handshake completes (the
 *       handshake timeout ends it otherwise). Either way a stranger never makes us buffer more than
 *       a few KiB.</li>
 * </ul>
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxPayload;
    private final NettyConnection connection;
    private final ReadGate gate;
    private ChannelHandlerContext ctx;
    private boolean refused;
    private boolean handshakeCompleted;
    private boolean firstFrameSeen;
    /** A frame over the pre-handshake limit is waiting, unread, for the handshake. */
    private boolean heldForHandshake;

    FrameDecoder(int maxPayload, NettyConnection connection, ReadGate gate) {
        this.maxPayload = maxPayload;
        this.connection = connection;
        this.gate = gate;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** On the event loop: lift the pre-handshake limit and decode what was held back. */
    void handshakeCompleted() {
        if (handshakeCompleted) {
            return;
        }
        handshakeCompleted = true;
        if (heldForHandshake) {
            heldForHandshake = false;
            gate.resume(ReadGate.Why.AWAITING_HANDSHAKE);
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
        if (length > maxPayload) {
            refuse(in, CloseReason.frameTooLarge(length, maxPayload));
            return;
        }
        if (!handshakeCompleted && length > WireLimits.MAX_PRE_HANDSHAKE_FRAME) {
            if (!firstFrameSeen) {
                refuse(in, CloseReason.frameTooLarge(length, WireLimits.MAX_PRE_HANDSHAKE_FRAME));
            } else {
                heldForHandshake = true;
                gate.pause(ReadGate.Why.AWAITING_HANDSHAKE);
            }
            return;
        }
        if (in.readableBytes() < Frames.HEADER_BYTES + length) {
            return;
        }
        firstFrameSeen = true;
        in.skipBytes(Frames.HEADER_BYTES);
        connection.countIn(Frames.HEADER_BYTES + length);
        out.add(in.readRetainedSlice((int) length));
    }

    private void refuse(ByteBuf in, CloseReason reason) {
        refused = true;
        in.skipBytes(in.readableBytes());
        connection.fail(reason);
    }
}
