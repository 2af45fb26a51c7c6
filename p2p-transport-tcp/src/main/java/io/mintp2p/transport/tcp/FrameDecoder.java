package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.wire.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into frame payloads (WIRE.md 2). The announced length is checked as soon
 * as the 4 header bytes are in, before any body is read or buffered: an oversized frame closes the
 * connection with ban score 100.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxPayload;
    private final NettyConnection connection;
    private boolean refused;

    FrameDecoder(int maxPayload, NettyConnection connection) {
        this.maxPayload = maxPayload;
        this.connection = connection;
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
            refused = true;
            in.skipBytes(in.readableBytes());
            connection.fail(CloseReason.frameTooLarge(length, maxPayload));
            return;
        }
        if (in.readableBytes() < Frames.HEADER_BYTES + length) {
            return;
        }
        in.skipBytes(Frames.HEADER_BYTES);
        connection.countIn(Frames.HEADER_BYTES + length);
        out.add(in.readRetainedSlice((int) length));
    }
}
