package io.mintp2p.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cutting the u16-LE framed stream: splits, several messages per feed, bytes after message 3, refused lengths. */
class NoiseRecordReaderTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] EMPTY = new byte[0];
    private final NoiseRecordReader reader = new NoiseRecordReader(PooledByteBufAllocator.DEFAULT);

    @AfterEach
    void release() {
        reader.release();
    }

    @Test
    void aHelloInTheSameReadAsMessage3IsKeptForTheTransportPhase() throws NoiseException {
        NoiseHandshake i = NoiseHandshake.initiator(NoiseKeyPair.generate(RANDOM));
        NoiseHandshake r = NoiseHandshake.responder(NoiseKeyPair.generate(RANDOM));
        NoiseRecordReader atInitiator = new NoiseRecordReader(PooledByteBufAllocator.DEFAULT);
        try {
            feed(reader, frame(i.writeMessage(EMPTY)));
            r.readMessage(take(reader.nextHandshakeMessage(r.nextMessageLength())));
            assertThat(reader.buffered()).isZero();
            feed(atInitiator, frame(r.writeMessage(EMPTY)));
            i.readMessage(take(atInitiator.nextHandshakeMessage(i.nextMessageLength())));
            byte[] m3 = i.writeMessage(EMPTY);
            NoiseSession initiatorSession = i.split();
            byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
            byte[] ack = "world".getBytes(StandardCharsets.US_ASCII);
            feed(reader, concat(frame(m3), frame(NoiseSessionTest.seal(initiatorSession, hello)),
                    frame(NoiseSessionTest.seal(initiatorSession, ack))));

            r.readMessage(take(reader.nextHandshakeMessage(r.nextMessageLength())));
            NoiseSession responderSession = r.split();
            assertThat(NoiseSessionTest.open(responderSession, take(reader.nextRecord()))).isEqualTo(hello);
            assertThat(NoiseSessionTest.open(responderSession, take(reader.nextRecord()))).isEqualTo(ack);
            assertThat(reader.nextRecord()).isNull();
            assertThat(reader.buffered()).isZero();
        } finally {
            atInitiator.release();
        }
    }

    @Test
    void recordsSplitAcrossFeedsAtEveryByteComeOutWhole() throws NoiseException {
        byte[] a = random(1);
        byte[] b = random(300);
        byte[] c = random(NoiseFrames.MAX_LENGTH);
        byte[] stream = concat(frame(a), frame(b), frame(c));
        for (int chunk : new int[] {1, 2, 3, 7, 301, 65536, stream.length}) {
            NoiseRecordReader r = new NoiseRecordReader(PooledByteBufAllocator.DEFAULT);
            try {
                List<byte[]> records = new ArrayList<>();
                for (int from = 0; from < stream.length; from += chunk) {
                    feed(r, Arrays.copyOfRange(stream, from, Math.min(stream.length, from + chunk)));
                    for (ByteBuf body = r.nextRecord(); body != null; body = r.nextRecord()) {
                        records.add(take(body));
                    }
                    assertThat(r.buffered()).isLessThanOrEqualTo(NoiseFrames.LENGTH_BYTES + NoiseFrames.MAX_LENGTH);
                }
                assertThat(records).as("chunks of %d", chunk).containsExactly(a, b, c);
                assertThat(r.buffered()).isZero();
            } finally {
                r.release();
            }
        }
    }

    @Test
    void aHeldBodyStaysIntactWhileMoreIsFed() throws NoiseException {
        byte[] a = random(100);
        byte[] b = random(100);
        feed(reader, concat(frame(a), Arrays.copyOf(frame(b), 50)));
        ByteBuf held = reader.nextRecord();
        try {
            for (int k = 0; k < 1000; k++) {
                feed(reader, new byte[0]);
            }
            feed(reader, Arrays.copyOfRange(frame(b), 50, 102));
            assertThat(take(reader.nextRecord())).isEqualTo(b);
            assertThat(ByteBufUtil.getBytes(held)).isEqualTo(a);
        } finally {
            held.release();
        }
    }

    @Test
    void aHandshakeLengthOtherThanExpectedIsRefusedBeforeItsBodyArrives() {
        for (int wrong : new int[] {0, 31, 33, 64, 96, 0xFFFF}) {
            NoiseRecordReader r = new NoiseRecordReader(PooledByteBufAllocator.DEFAULT);
            try {
                feed(r, new byte[] {(byte) wrong, (byte) (wrong >>> 8)});
                assertThatThrownBy(() -> r.nextHandshakeMessage(NoiseHandshake.MESSAGE_1_BYTES))
                        .isInstanceOfSatisfying(NoiseException.class,
                                e -> assertThat(e.kind()).isEqualTo(NoiseException.Kind.BAD_HANDSHAKE_MESSAGE));
            } finally {
                r.release();
            }
        }
    }

    @Test
    void aLengthIsLittleEndian() throws NoiseException {
        feed(reader, new byte[] {0x20, 0x00});
        assertThat(reader.nextHandshakeMessage(32)).isNull();
        ByteBuf out = Unpooled.buffer();
        NoiseFrames.writeLength(out, 0x0160);
        assertThat(ByteBufUtil.getBytes(out)).containsExactly(0x60, 0x01);
        out.release();
        assertThatThrownBy(() -> NoiseFrames.writeLength(Unpooled.buffer(), 0x10000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aZeroRecordLengthIsRefusedAfterTheHandshake() throws NoiseException {
        feed(reader, concat(frame(random(5)), new byte[] {0, 0}));
        take(reader.nextRecord());
        assertThatThrownBy(reader::nextRecord).isInstanceOfSatisfying(NoiseException.class,
                e -> assertThat(e.kind()).isEqualTo(NoiseException.Kind.EMPTY_RECORD));
    }

    @Test
    void aPeerDrippingOneByteAtATimeNeverMakesTheReaderHoldMoreThanOneRecord() throws NoiseException {
        byte[] header = {(byte) 0xFF, (byte) 0xFF};
        feed(reader, header);
        for (int k = 0; k < NoiseFrames.MAX_LENGTH - 1; k++) {
            feed(reader, new byte[] {1});
            assertThat(reader.nextRecord()).isNull();
        }
        assertThat(reader.buffered()).isEqualTo(NoiseFrames.LENGTH_BYTES + NoiseFrames.MAX_LENGTH - 1);
        feed(reader, new byte[] {1, 0x01});
        assertThat(take(reader.nextRecord())).hasSize(NoiseFrames.MAX_LENGTH);
        assertThat(reader.buffered()).isEqualTo(1);
    }

    @Test
    void theRestCanBeTakenOutAndAReleasedReaderRefusesUse() {
        NoiseRecordReader r = new NoiseRecordReader(PooledByteBufAllocator.DEFAULT);
        feed(r, new byte[] {5, 0, 1, 2});
        ByteBuf rest = r.takeRemainingAndRelease();
        assertThat(ByteBufUtil.getBytes(rest)).containsExactly(5, 0, 1, 2);
        rest.release();
        assertThat(r.buffered()).isZero();
        assertThatThrownBy(r::nextRecord).isInstanceOf(IllegalStateException.class);
        r.release();
    }

    static void feed(NoiseRecordReader r, byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            r.feed(in);
            assertThat(in.isReadable()).isFalse();
        } finally {
            in.release();
        }
    }

    static byte[] frame(byte[] body) {
        return concat(new byte[] {(byte) body.length, (byte) (body.length >>> 8)}, body);
    }

    static byte[] take(ByteBuf body) {
        assertThat(body).isNotNull();
        try {
            return ByteBufUtil.getBytes(body);
        } finally {
            body.release();
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
