package io.mintp2p.core.fuzz;

import io.mintp2p.core.wire.DecodeException;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The codec's contract, checked on one input: a payload decodes to a {@link Message} or fails with a
 * {@link DecodeException} of ban score 100 and nothing else; decoding is strict, so a decoded message
 * re-encodes to exactly the same bytes; the codec never keeps or frees a buffer it was given.
 * Reference counts are checked directly: Netty's leak detector is far too slow per fuzz input.
 */
public final class CodecChecks {
    /** Heap buffers without leak tracking: the reference-count checks below stand in for it. */
    static final ByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false, true);

    private CodecChecks() {
    }

    /** Decodes arbitrary payload bytes; a message that comes out must survive the round trip. */
    public static Optional<Message> decodeArbitrary(MessageCodec codec, byte[] payload) {
        ByteBuf in = Unpooled.wrappedBuffer(payload);
        Optional<Message> decoded = decodeOrEmpty(codec, in);
        if (in.refCnt() != 1 || in.readerIndex() != 0) {
            throw new AssertionError("decode touched its input: refCnt " + in.refCnt() + ", readerIndex " + in.readerIndex());
        }
        in.release();
        decoded.ifPresent(m -> {
            byte[] again = encode(codec, m);
            if (!Arrays.equals(again, payload)) {
                throw new AssertionError("strict decoding is not canonical: " + hex(payload) + " decoded to " + m
                        + ", which encodes to " + hex(again));
            }
            roundTrip(codec, m);
        });
        return decoded;
    }

    /** decode(encode(m)) equals m, and the encoding fits in a frame. */
    public static byte[] roundTrip(MessageCodec codec, Message m) {
        byte[] bytes = encode(codec, m);
        if (bytes.length > WireLimits.MAX_FRAME_PAYLOAD) {
            throw new AssertionError("encoding of " + m.typeName() + " is over the frame limit");
        }
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            Message back = codec.decode(in);
            if (!back.equals(m)) {
                throw new AssertionError("round trip changed " + m + " into " + back);
            }
        } catch (DecodeException e) {
            throw new AssertionError("encoding of " + m + " does not decode: " + hex(bytes), e);
        } finally {
            in.release();
        }
        return bytes;
    }

    static Optional<Message> decodeOrEmpty(MessageCodec codec, ByteBuf in) {
        try {
            Message m = codec.decode(in);
            if (m == null) {
                throw new AssertionError("decode returned null");
            }
            return Optional.of(m);
        } catch (DecodeException expected) {
            if (expected.banScore() != DecodeException.BAN_SCORE) {
                throw new AssertionError("decode error with ban score " + expected.banScore(), expected);
            }
            return Optional.empty();
        }
    }

    static byte[] encode(MessageCodec codec, Message m) {
        ByteBuf out = codec.encode(m, ALLOC);
        byte[] bytes = ByteBufUtil.getBytes(out);
        if (!out.release()) {
            throw new AssertionError("encode returned a buffer with more than one reference");
        }
        return bytes;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b, 0, Math.min(b.length, 512));
    }
}
