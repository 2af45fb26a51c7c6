package io.mintp2p.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The Mintlayer shape of the handshake (empty prologue and payloads) and refused messages. */
class NoiseHandshakeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] EMPTY = new byte[0];

    @Test
    void emptyPayloadsGiveMessagesOf32And96And64Bytes() throws NoiseException {
        NoiseKeyPair is = NoiseKeyPair.generate(RANDOM);
        NoiseKeyPair rs = NoiseKeyPair.generate(RANDOM);
        NoiseHandshake initiator = NoiseHandshake.initiator(is);
        NoiseHandshake responder = NoiseHandshake.responder(rs);

        assertThat(initiator.nextMessageLength()).isEqualTo(32);
        byte[] m1 = initiator.writeMessage(EMPTY);
        assertThat(m1).hasSize(32);
        assertThat(responder.readMessage(m1)).isEmpty();
        assertThat(responder.nextMessageLength()).isEqualTo(96);
        byte[] m2 = responder.writeMessage(EMPTY);
        assertThat(m2).hasSize(96);
        assertThat(initiator.readMessage(m2)).isEmpty();
        assertThat(initiator.remoteStatic()).isEqualTo(rs.publicKey());
        assertThat(initiator.nextMessageLength()).isEqualTo(64);
        byte[] m3 = initiator.writeMessage(EMPTY);
        assertThat(m3).hasSize(64);
        assertThat(responder.readMessage(m3)).isEmpty();
        assertThat(responder.remoteStatic()).isEqualTo(is.publicKey());
        assertThat(initiator.isComplete()).isTrue();
        assertThat(responder.isComplete()).isTrue();
        assertThat(initiator.isMyTurn()).isFalse();
        assertThat(responder.isMyTurn()).isFalse();
        assertThat(initiator.handshakeHash()).isEqualTo(responder.handshakeHash());

        NoiseSession a = initiator.split();
        NoiseSession b = responder.split();
        assertThat(roundTrip(a, b, "hello")).isEqualTo("hello");
        assertThat(roundTrip(b, a, "hello ack")).isEqualTo("hello ack");
        assertThat(a.sendNonce()).isEqualTo(1);
        assertThat(a.receiveNonce()).isEqualTo(1);
    }

    @Test
    void everyFlippedBitOfMessages2And3IsRefused() throws NoiseException {
        NoiseKeyPair is = NoiseKeyPair.generate(RANDOM);
        NoiseKeyPair rs = NoiseKeyPair.generate(RANDOM);
        NoiseKeyPair ie = NoiseKeyPair.generate(RANDOM);
        NoiseKeyPair re = NoiseKeyPair.generate(RANDOM);
        for (int message = 1; message <= 2; message++) {
            byte[] good = transcript(is, ie, rs, re)[message];
            for (int bit = 0; bit < good.length * 8; bit++) {
                byte[] bad = good.clone();
                bad[bit / 8] ^= (byte) (1 << (bit % 8));
                NoiseHandshake reader = readerOf(message, is, ie, rs, re);
                assertThatThrownBy(() -> reader.readMessage(bad))
                        .as("message %d bit %d", message + 1, bit)
                        .isInstanceOfSatisfying(NoiseException.class,
                                e -> assertThat(e.kind()).isEqualTo(NoiseException.Kind.BAD_HANDSHAKE_MESSAGE));
                assertThatThrownBy(() -> reader.readMessage(good)).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Test
    void truncatedMessagesAreRefused() throws NoiseException {
        NoiseKeyPair is = NoiseKeyPair.generate(RANDOM);
        NoiseKeyPair rs = NoiseKeyPair.generate(RANDOM);
        NoiseKeyPair ie = NoiseKeyPair.generate(RANDOM);
        NoiseKeyPair re = NoiseKeyPair.generate(RANDOM);
        byte[][] t = transcript(is, ie, rs, re);
        for (int message = 0; message <= 2; message++) {
            for (int length = 0; length < t[message].length; length++) {
                byte[] cut = java.util.Arrays.copyOf(t[message], length);
                NoiseHandshake reader = readerOf(message, is, ie, rs, re);
                assertThatThrownBy(() -> reader.readMessage(cut))
                        .as("message %d cut to %d", message + 1, length)
                        .isInstanceOfSatisfying(NoiseException.class,
                                e -> assertThat(e.kind()).isEqualTo(NoiseException.Kind.BAD_HANDSHAKE_MESSAGE));
            }
        }
    }

    @Test
    void aLowOrderEphemeralKeyIsRefused() {
        NoiseHandshake responder = NoiseHandshake.responder(NoiseKeyPair.generate(RANDOM));
        byte[] m1 = new byte[32]; // the point 0 has order 1 (is accepted by readMessage 1: no DH yet)
        assertThatThrownBy(() -> {
            responder.readMessage(m1);
            responder.writeMessage(EMPTY);
        }).isInstanceOf(IllegalStateException.class);

        NoiseHandshake initiator = NoiseHandshake.initiator(NoiseKeyPair.generate(RANDOM));
        initiator.writeMessage(EMPTY);
        byte[] m2 = new byte[96]; // e = 0: ee gives all zeros
        assertThatThrownBy(() -> initiator.readMessage(m2))
                .isInstanceOfSatisfying(NoiseException.class,
                        e -> assertThat(e.kind()).isEqualTo(NoiseException.Kind.BAD_HANDSHAKE_MESSAGE));
    }

    @Test
    void outOfTurnCallsAndEarlySplitAreProgrammingErrors() throws NoiseException {
        NoiseHandshake initiator = NoiseHandshake.initiator(NoiseKeyPair.generate(RANDOM));
        NoiseHandshake responder = NoiseHandshake.responder(NoiseKeyPair.generate(RANDOM));
        assertThatThrownBy(() -> initiator.readMessage(new byte[96])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> responder.writeMessage(EMPTY)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(initiator::split).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(initiator::remoteStatic).isInstanceOf(IllegalStateException.class);
        responder.readMessage(initiator.writeMessage(EMPTY));
        initiator.readMessage(responder.writeMessage(EMPTY));
        responder.readMessage(initiator.writeMessage(EMPTY));
        responder.split();
        assertThatThrownBy(responder::split).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> responder.writeMessage(EMPTY)).isInstanceOf(IllegalStateException.class);
    }

    private static byte[][] transcript(NoiseKeyPair is, NoiseKeyPair ie, NoiseKeyPair rs, NoiseKeyPair re) throws NoiseException {
        NoiseHandshake i = NoiseHandshake.forTest(true, is, ie, EMPTY, AeadProvider.DEFAULT);
        NoiseHandshake r = NoiseHandshake.forTest(false, rs, re, EMPTY, AeadProvider.DEFAULT);
        byte[] m1 = i.writeMessage(EMPTY);
        r.readMessage(m1);
        byte[] m2 = r.writeMessage(EMPTY);
        i.readMessage(m2);
        byte[] m3 = i.writeMessage(EMPTY);
        return new byte[][] {m1, m2, m3};
    }

    /** The side that reads message {@code index} (0-based), brought to just before it with the same keys. */
    private static NoiseHandshake readerOf(int index, NoiseKeyPair is, NoiseKeyPair ie, NoiseKeyPair rs, NoiseKeyPair re)
            throws NoiseException {
        NoiseHandshake i = NoiseHandshake.forTest(true, is, ie, EMPTY, AeadProvider.DEFAULT);
        NoiseHandshake r = NoiseHandshake.forTest(false, rs, re, EMPTY, AeadProvider.DEFAULT);
        if (index == 0) {
            return r;
        }
        r.readMessage(i.writeMessage(EMPTY));
        if (index == 1) {
            return i;
        }
        i.readMessage(r.writeMessage(EMPTY));
        i.writeMessage(EMPTY);
        return r;
    }

    private static String roundTrip(NoiseSession from, NoiseSession to, String text) throws NoiseException {
        ByteBuf plain = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        ByteBuf sealed = Unpooled.buffer();
        ByteBuf opened = Unpooled.buffer();
        try {
            from.encrypt(plain, plain.readableBytes(), sealed);
            to.decrypt(sealed, sealed.readableBytes(), opened);
            return new String(ByteBufUtil.getBytes(opened), StandardCharsets.UTF_8);
        } finally {
            plain.release();
            sealed.release();
            opened.release();
        }
    }
}
