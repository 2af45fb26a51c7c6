package io.mintp2p.transport.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Feeds a byte stream, in chunks, to a responder as a Netty handler would: {@link NoiseRecordReader}, then
 * {@link NoiseHandshake} for the three messages (empty payloads), then {@link NoiseSession#decrypt} for records.
 * Keys are fixed (the cacophony vector's), so a genuine initiator's bytes are the same on every run. For the fuzz
 * targets and their tests.
 */
final class NoiseStreamDriver {
    private static final byte[] EMPTY = new byte[0];
    private static final HexFormat HEX = HexFormat.of();
    /**
     * Not leak-tracked: at the tests' PARANOID level every access to a tracked buffer records a stack trace, which
     * made a byte-by-byte feed of a full record take a second. {@link #respond} checks its buffers' counts instead.
     */
    private static final ByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false, true);
    static final NoiseKeyPair INIT_STATIC = key("e61ef9919cde45dd5f82166404bd08e38bceb5dfdfded0a34c8df7ed542214d1");
    static final NoiseKeyPair INIT_EPHEMERAL = key("893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a");
    static final NoiseKeyPair RESP_STATIC = key("4a3acbfdb163dec651dfa3194dece676d437029c62a408b4c5ea9114246e4893");
    static final NoiseKeyPair RESP_EPHEMERAL = key("bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b");

    /** What the responder made of a stream. */
    record Outcome(int handshakeMessagesRead, List<byte[]> plaintexts, NoiseException.Kind refusal, int leftOver) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome x && handshakeMessagesRead == x.handshakeMessagesRead && refusal == x.refusal
                    && leftOver == x.leftOver && plaintexts.size() == x.plaintexts.size()
                    && java.util.stream.IntStream.range(0, plaintexts.size())
                            .allMatch(i -> Arrays.equals(plaintexts.get(i), x.plaintexts.get(i)));
        }

        @Override
        public int hashCode() {
            return Objects.hash(handshakeMessagesRead, refusal, leftOver, plaintexts.size());
        }

        @Override
        public String toString() {
            return handshakeMessagesRead + " handshake messages, " + plaintexts.size() + " records, refusal " + refusal
                    + ", " + leftOver + " bytes left";
        }
    }

    private NoiseStreamDriver() {
    }

    /** A genuine initiator's wire bytes (framed): message 1, message 3, then one record per plaintext. */
    static byte[] genuineInitiator(int handshakeMessages, byte[]... plaintexts) {
        try {
            NoiseHandshake i = NoiseHandshake.forTest(true, INIT_STATIC, INIT_EPHEMERAL, EMPTY, AeadProvider.DEFAULT);
            NoiseHandshake r = NoiseHandshake.forTest(false, RESP_STATIC, RESP_EPHEMERAL, EMPTY, AeadProvider.DEFAULT);
            List<byte[]> wire = new ArrayList<>();
            byte[] m1 = i.writeMessage(EMPTY);
            r.readMessage(m1);
            i.readMessage(r.writeMessage(EMPTY));
            byte[] m3 = i.writeMessage(EMPTY);
            if (handshakeMessages >= 1) {
                wire.add(NoiseRecordReaderTest.frame(m1));
            }
            if (handshakeMessages >= 2) {
                wire.add(NoiseRecordReaderTest.frame(m3));
                NoiseSession s = i.split();
                for (byte[] p : plaintexts) {
                    wire.add(NoiseRecordReaderTest.frame(NoiseSessionTest.seal(s, p)));
                }
            }
            return NoiseRecordReaderTest.concat(wire.toArray(new byte[0][]));
        } catch (NoiseException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Runs {@code stream} through a fresh responder, {@code chunk} bytes per feed (0: all at once). Throws
     * AssertionError when the reader buffers more than one incomplete message after a drained feed, or on any
     * exception other than a NoiseException.
     */
    static Outcome respond(byte[] stream, int chunk) {
        int step = chunk == 0 ? Math.max(1, stream.length) : chunk;
        NoiseHandshake responder = NoiseHandshake.forTest(false, RESP_STATIC, RESP_EPHEMERAL, EMPTY, AeadProvider.DEFAULT);
        NoiseRecordReader reader = new NoiseRecordReader(ALLOC);
        ByteBuf out = ALLOC.buffer();
        List<byte[]> plaintexts = new ArrayList<>();
        List<ByteBuf> handedOut = new ArrayList<>();
        NoiseSession session = null;
        int read = 0;
        try {
            for (int from = 0; from < stream.length; from += step) {
                NoiseRecordReaderTest.feed(reader, Arrays.copyOfRange(stream, from, Math.min(stream.length, from + step)));
                while (true) {
                    if (session == null) {
                        ByteBuf m = reader.nextHandshakeMessage(responder.nextMessageLength());
                        if (m == null) {
                            break;
                        }
                        handedOut.add(m);
                        responder.readMessage(NoiseRecordReaderTest.take(m));
                        read++;
                        if (responder.isMyTurn()) {
                            responder.writeMessage(EMPTY);
                        }
                        if (responder.isComplete()) {
                            session = responder.split();
                        }
                    } else {
                        ByteBuf body = reader.nextRecord();
                        if (body == null) {
                            break;
                        }
                        handedOut.add(body);
                        try {
                            session.decrypt(body, body.readableBytes(), out);
                        } finally {
                            body.release();
                        }
                        plaintexts.add(ByteBufUtil.getBytes(out));
                        out.clear();
                    }
                }
                if (reader.buffered() > NoiseFrames.LENGTH_BYTES + NoiseFrames.MAX_LENGTH) {
                    throw new AssertionError("drained reader holds " + reader.buffered() + " bytes");
                }
            }
            return new Outcome(read, plaintexts, null, reader.buffered());
        } catch (NoiseException refused) {
            return new Outcome(read, plaintexts, refused.kind(), -1);
        } finally {
            reader.release();
            out.release();
            for (ByteBuf b : handedOut) {
                if (b.refCnt() != 0) {
                    throw new AssertionError("a message body or the reader's buffer was not released");
                }
            }
        }
    }

    private static NoiseKeyPair key(String hex) {
        return NoiseKeyPair.fromPrivate(HEX.parseHex(hex));
    }
}
