package io.mintp2p.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The transport phase: record bounds, forged and empty records, nonces, heap and direct buffers. */
class NoiseSessionTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** [initiator's session, responder's session] after a handshake with empty payloads. */
    static NoiseSession[] pair(AeadProvider provider) throws NoiseException {
        byte[] empty = new byte[0];
        NoiseHandshake i = NoiseHandshake.forTest(true, NoiseKeyPair.generate(RANDOM), NoiseKeyPair.generate(RANDOM), empty, provider);
        NoiseHandshake r = NoiseHandshake.forTest(false, NoiseKeyPair.generate(RANDOM), NoiseKeyPair.generate(RANDOM), empty, provider);
        r.readMessage(i.writeMessage(empty));
        i.readMessage(r.writeMessage(empty));
        r.readMessage(i.writeMessage(empty));
        return new NoiseSession[] {i.split(), r.split()};
    }

    @ParameterizedTest
    @EnumSource(AeadProvider.class)
    void fullRecordsRoundTripInHeapAndDirectBuffers(AeadProvider provider) throws NoiseException {
        NoiseSession[] s = pair(provider);
        byte[] data = new byte[NoiseSession.MAX_PLAINTEXT];
        RANDOM.nextBytes(data);
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuf plain = direct ? Unpooled.directBuffer(data.length) : Unpooled.buffer(data.length);
            ByteBuf sealed = direct ? Unpooled.directBuffer() : Unpooled.buffer();
            ByteBuf opened = direct ? Unpooled.directBuffer() : Unpooled.buffer();
            try {
                plain.writeBytes(data);
                s[0].encrypt(plain, data.length, sealed);
                assertThat(sealed.readableBytes()).isEqualTo(NoiseSession.MAX_CIPHERTEXT);
                s[1].decrypt(sealed, sealed.readableBytes(), opened);
                assertThat(ByteBufUtil.getBytes(opened)).isEqualTo(data);
            } finally {
                plain.release();
                sealed.release();
                opened.release();
            }
        }
    }

    @Test
    void bothImplementationsSealTheSameBytes() throws NoiseException {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        byte[] data = new byte[1000];
        RANDOM.nextBytes(data);
        byte[] a = new byte[data.length + 16];
        byte[] b = new byte[data.length + 16];
        CipherState.withKey(AeadProvider.JDK, key).encrypt(null, data, 0, data.length, a, 0);
        CipherState.withKey(AeadProvider.BOUNCY_CASTLE, key).encrypt(null, data, 0, data.length, b, 0);
        assertThat(a).isEqualTo(b);
    }

    @ParameterizedTest
    @EnumSource(AeadProvider.class)
    void everyFlippedBitIsRefusedAsBadTagAndAddsNothing(AeadProvider provider) throws NoiseException {
        NoiseSession[] s = pair(provider);
        byte[] good = seal(s[0], new byte[] {1, 2, 3, 4, 5});
        for (int bit = 0; bit < good.length * 8; bit++) {
            byte[] bad = good.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            ByteBuf in = Unpooled.wrappedBuffer(bad);
            ByteBuf out = Unpooled.buffer();
            try {
                assertThatThrownBy(() -> s[1].decrypt(in, bad.length, out)).isInstanceOfSatisfying(NoiseException.class,
                        e -> assertThat(e.kind()).isEqualTo(NoiseException.Kind.BAD_TAG));
                assertThat(out.readableBytes()).isZero();
                assertThat(in.readableBytes()).isZero();
            } finally {
                in.release();
                out.release();
            }
        }
        assertThat(open(s[1], good)).containsExactly(1, 2, 3, 4, 5); // the nonce did not move on refusals
    }

    @Test
    void aReplayedOrReorderedRecordIsRefused() throws NoiseException {
        NoiseSession[] s = pair(AeadProvider.DEFAULT);
        byte[] first = seal(s[0], new byte[] {1});
        byte[] second = seal(s[0], new byte[] {2});
        assertThatThrownBy(() -> open(s[1], second)).isInstanceOfSatisfying(NoiseException.class,
                e -> assertThat(e.kind()).isEqualTo(NoiseException.Kind.BAD_TAG));
        assertThat(open(s[1], first)).containsExactly(1);
        assertThatThrownBy(() -> open(s[1], first)).isInstanceOfSatisfying(NoiseException.class,
                e -> assertThat(e.kind()).isEqualTo(NoiseException.Kind.BAD_TAG));
    }

    @Test
    void emptyShortAndOversizedRecordsAreRefusedWithTheirKind() throws NoiseException {
        NoiseSession[] s = pair(AeadProvider.DEFAULT);
        assertKind(s[1], 0, NoiseException.Kind.EMPTY_RECORD);
        assertKind(s[1], 16, NoiseException.Kind.EMPTY_RECORD);
        assertKind(s[1], 15, NoiseException.Kind.BAD_TAG);
        assertKind(s[1], 1, NoiseException.Kind.BAD_TAG);
        assertKind(s[1], NoiseSession.MAX_CIPHERTEXT + 1, NoiseException.Kind.RECORD_TOO_LARGE);
    }

    @Test
    void anEmptyOrOversizedPlaintextIsNotSent() throws NoiseException {
        NoiseSession[] s = pair(AeadProvider.DEFAULT);
        ByteBuf plain = Unpooled.buffer().writeZero(NoiseSession.MAX_PLAINTEXT + 1);
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> s[0].encrypt(plain, 0, out)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s[0].encrypt(plain, NoiseSession.MAX_PLAINTEXT + 1, out))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(out.readableBytes()).isZero();
            assertThat(s[0].sendNonce()).isZero();
        } finally {
            plain.release();
            out.release();
        }
    }

    @Test
    void theLastNonceIsNeverUsed() throws NoiseException {
        NoiseSession[] s = pair(AeadProvider.DEFAULT);
        s[0].setNoncesForTest(-2L, 0);
        s[1].setNoncesForTest(0, -2L);
        assertThat(open(s[1], seal(s[0], new byte[] {7}))).containsExactly(7); // nonce 2^64 - 2 is the last one used
        assertThatThrownBy(() -> seal(s[0], new byte[] {8})).isInstanceOfSatisfying(NoiseException.class,
                e -> assertThat(e.kind()).isEqualTo(NoiseException.Kind.NONCE_EXHAUSTED));
        assertThatThrownBy(() -> open(s[1], new byte[17])).isInstanceOfSatisfying(NoiseException.class,
                e -> assertThat(e.kind()).isEqualTo(NoiseException.Kind.NONCE_EXHAUSTED));
    }

    @Test
    void theNonceIsLittleEndianAfterFourZeroBytes() {
        byte[] twelve = new byte[12];
        Aead.nonce(0x0102030405060708L, twelve);
        assertThat(twelve).containsExactly(0, 0, 0, 0, 8, 7, 6, 5, 4, 3, 2, 1);
    }

    private static void assertKind(NoiseSession s, int length, NoiseException.Kind kind) {
        ByteBuf in = Unpooled.buffer().writeZero(length);
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> s.decrypt(in, length, out)).as("%d bytes", length)
                    .isInstanceOfSatisfying(NoiseException.class, e -> assertThat(e.kind()).isEqualTo(kind));
            assertThat(in.readableBytes()).isZero();
            assertThat(out.readableBytes()).isZero();
        } finally {
            in.release();
            out.release();
        }
    }

    static byte[] seal(NoiseSession s, byte[] plain) throws NoiseException {
        ByteBuf in = Unpooled.wrappedBuffer(plain);
        ByteBuf out = Unpooled.buffer();
        try {
            s.encrypt(in, plain.length, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            in.release();
            out.release();
        }
    }

    static byte[] open(NoiseSession s, byte[] sealed) throws NoiseException {
        ByteBuf in = Unpooled.wrappedBuffer(Arrays.copyOf(sealed, sealed.length));
        ByteBuf out = Unpooled.buffer();
        try {
            s.decrypt(in, sealed.length, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            in.release();
            out.release();
        }
    }
}
