package io.mintp2p.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mintp2p.core.wire.Frames;
import io.mintp2p.core.wire.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Byte stream to frames to messages (WIRE.md 2). Input: one byte choosing the chunk size the stream
 * arrives in (0 = all at once), then the stream. The frames must not depend on the chunking, must
 * account for every byte, and each payload must decode to a message or a DecodeException.
 */
class FrameFuzzTest {
    private static final MessageCodec CODEC = TestMessages.codec();

    @FuzzTest(maxDuration = "5m")
    void split(byte[] data) {
        if (data.length == 0) {
            return;
        }
        byte[] stream = Arrays.copyOfRange(data, 1, data.length);
        Split whole = split(stream, stream.length);
        Split chunked = split(stream, data[0] & 0xFF);
        if (!whole.equals(chunked)) {
            throw new AssertionError("chunks of " + (data[0] & 0xFF) + " give " + chunked + ", one piece " + whole);
        }
        checkAccounting(stream, whole);
        for (byte[] payload : whole.payloads) {
            CodecChecks.decodeArbitrary(CODEC, payload);
        }
    }

    /** The frames are the start of the stream; after them comes an incomplete frame or the oversized header that stopped it. */
    private static void checkAccounting(byte[] stream, Split s) {
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        for (byte[] payload : s.payloads) {
            ByteBuf header = Unpooled.buffer(Frames.HEADER_BYTES);
            Frames.writeHeader(header, payload.length);
            rebuilt.writeBytes(ByteBufUtil.getBytes(header));
            rebuilt.writeBytes(payload);
        }
        int consumed = rebuilt.size();
        if (!Arrays.equals(rebuilt.toByteArray(), Arrays.copyOf(stream, consumed))) {
            throw new AssertionError("frames are not the start of the stream: " + s);
        }
        long announced = consumed + Frames.HEADER_BYTES <= stream.length
                ? Frames.readLength(Unpooled.wrappedBuffer(stream, consumed, Frames.HEADER_BYTES)) : -1;
        boolean ok = s.refusedLength >= 0
                ? s.pending == 0 && s.refusedLength == announced && Frames.isOversized(announced)
                : consumed + s.pending == stream.length && (announced < 0 || s.pending < Frames.HEADER_BYTES + announced);
        if (!ok) {
            throw new AssertionError("stopped at " + consumed + " of " + stream.length + " with " + s
                    + ", next header announces " + announced);
        }
    }

    private static Split split(byte[] stream, int chunkSize) {
        int step = chunkSize == 0 ? Math.max(1, stream.length) : chunkSize;
        List<byte[]> payloads = new ArrayList<>();
        try (FrameSplitter splitter = new FrameSplitter()) {
            for (int from = 0; from < stream.length; from += step) {
                for (ByteBuf payload : splitter.offer(Arrays.copyOfRange(stream, from, Math.min(stream.length, from + step)))) {
                    payloads.add(ByteBufUtil.getBytes(payload));
                    payload.release();
                }
            }
            Split s = new Split(payloads, splitter.pending(), splitter.refusedLength());
            if (!splitter.release()) {
                throw new AssertionError("a payload slice was not released");
            }
            return s;
        }
    }

    private record Split(List<byte[]> payloads, int pending, long refusedLength) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Split s && pending == s.pending && refusedLength == s.refusedLength
                    && payloads.size() == s.payloads.size()
                    && java.util.stream.IntStream.range(0, payloads.size())
                            .allMatch(i -> Arrays.equals(payloads.get(i), s.payloads.get(i)));
        }

        @Override
        public int hashCode() {
            return pending;
        }

        @Override
        public String toString() {
            return payloads.size() + " frames, " + pending + " bytes pending, refused length " + refusedLength;
        }
    }
}
