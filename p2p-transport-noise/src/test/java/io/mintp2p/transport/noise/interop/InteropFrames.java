package io.mintp2p.transport.noise.interop;

import io.mintp2p.core.wire.DecodeException;
import io.mintp2p.core.wire.Frames;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * The P2P frames inside an {@link IndependentNoisePeer}'s records, through our public wire API
 * ({@link MessageCodec}, {@link Frames}): frames out as plain bytes, and frames in cut from the
 * decrypted byte stream wherever the records happen to end. One test thread; reads block on the peer.
 */
final class InteropFrames {
    private final IndependentNoisePeer peer;
    private final MessageCodec codec;
    /** Decrypted bytes not yet cut into frames: {@code pending[start, end)} (a plain array: nothing to release). */
    private byte[] pending = new byte[4096];
    private int start;
    private int end;
    private int recordsRead;

    InteropFrames(IndependentNoisePeer peer, MessageCodec codec) {
        this.peer = peer;
        this.codec = codec;
    }

    /** One whole frame (u32 LE length + payload) of {@code message}, as bytes. */
    static byte[] frame(MessageCodec codec, Message message) {
        ByteBuf payload = codec.encode(message, ByteBufAllocator.DEFAULT);
        try {
            byte[] f = new byte[Frames.HEADER_BYTES + payload.readableBytes()];
            ByteBuf out = Unpooled.wrappedBuffer(f).clear();
            Frames.writeHeader(out, payload.readableBytes());
            out.writeBytes(payload);
            return f;
        } finally {
            payload.release();
        }
    }

    /** Sends {@code message} as one frame in as few records as its size allows. */
    void send(Message message) throws IOException, GeneralSecurityException {
        peer.send(frame(codec, message), IndependentNoisePeer.MAX_PLAINTEXT);
    }

    /** The next message, reading records until a whole frame is there; a frame that does not decode throws. */
    Message receive() throws IOException, GeneralSecurityException, DecodeException {
        while (true) {
            if (end - start >= Frames.HEADER_BYTES) {
                ByteBuf view = Unpooled.wrappedBuffer(pending, start, end - start);
                long length = Frames.readLength(view);
                if (Frames.isOversized(length)) {
                    throw new IOException("peer announced a frame of " + length + " bytes");
                }
                if (view.readableBytes() >= length) {
                    Message m = codec.decode(view.readSlice((int) length));
                    start += Frames.HEADER_BYTES + (int) length;
                    return m;
                }
            }
            byte[] record = peer.receiveRecord();
            if (record.length == 0) {
                throw new IOException("peer sent a record with empty plaintext (Mintlayer reads it as end of stream)");
            }
            recordsRead++;
            append(record);
        }
    }

    private void append(byte[] record) {
        if (end + record.length > pending.length) {
            int live = end - start;
            byte[] grown = live + record.length > pending.length ? new byte[Math.max(2 * pending.length, live + record.length)] : pending;
            System.arraycopy(pending, start, grown, 0, live);
            pending = grown;
            start = 0;
            end = live;
        }
        System.arraycopy(record, 0, pending, end, record.length);
        end += record.length;
    }

    /** The peer underneath, to cut the stream into records by hand. */
    IndependentNoisePeer peer() {
        return peer;
    }

    /** Records read so far, to see how the other side cut its stream. */
    int recordsRead() {
        return recordsRead;
    }
}
