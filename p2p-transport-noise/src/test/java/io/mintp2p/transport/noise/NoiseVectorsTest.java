package io.mintp2p.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published Noise_XX_25519_ChaChaPoly_SHA256 vectors (cacophony/snow, snow, noise-c), with both AEAD
 * implementations: each handshake message's bytes, the handshake hash, then the transport messages after split, for
 * the writer's and the reader's role alike.
 */
class NoiseVectorsTest {

    static Stream<Arguments> vectors() {
        List<Arguments> all = new ArrayList<>();
        for (String file : NoiseVector.SHA256_FILES) {
            for (AeadProvider provider : AeadProvider.values()) {
                all.add(Arguments.of(NoiseVector.load(file), provider));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("vectors")
    void handshakeAndTransportMatchTheVector(NoiseVector v, AeadProvider provider) throws NoiseException {
        NoiseHandshake initiator = v.initiator(provider);
        NoiseHandshake responder = v.responder(provider);
        for (int i = 0; i < 3; i++) {
            NoiseHandshake writer = i % 2 == 0 ? initiator : responder;
            NoiseHandshake reader = i % 2 == 0 ? responder : initiator;
            assertThat(writer.isMyTurn()).isTrue();
            assertThat(reader.isMyTurn()).isFalse();
            byte[] message = writer.writeMessage(v.payloads().get(i));
            assertThat(message).as("message %d", i).isEqualTo(v.ciphertexts().get(i));
            assertThat(reader.readMessage(message)).as("payload %d", i).isEqualTo(v.payloads().get(i));
        }
        assertThat(initiator.isComplete()).isTrue();
        assertThat(responder.isComplete()).isTrue();
        assertThat(initiator.handshakeHash()).isEqualTo(responder.handshakeHash());
        if (v.handshakeHash() != null) {
            assertThat(initiator.handshakeHash()).isEqualTo(v.handshakeHash());
        }
        assertThat(initiator.remoteStatic()).isEqualTo(NoiseKeyPair.fromPrivate(v.respStatic()).publicKey());
        assertThat(responder.remoteStatic()).isEqualTo(NoiseKeyPair.fromPrivate(v.initStatic()).publicKey());

        NoiseSession initSession = initiator.split();
        NoiseSession respSession = responder.split();
        for (int i = 3; i < v.payloads().size(); i++) {
            NoiseSession writer = i % 2 == 0 ? initSession : respSession;
            NoiseSession reader = i % 2 == 0 ? respSession : initSession;
            byte[] payload = v.payloads().get(i);
            ByteBuf plain = Unpooled.wrappedBuffer(payload);
            ByteBuf sealed = Unpooled.buffer();
            ByteBuf opened = Unpooled.buffer();
            try {
                writer.encrypt(plain, payload.length, sealed);
                assertThat(plain.isReadable()).isFalse();
                assertThat(ByteBufUtil.getBytes(sealed)).as("message %d", i).isEqualTo(v.ciphertexts().get(i));
                reader.decrypt(sealed, sealed.readableBytes(), opened);
                assertThat(sealed.isReadable()).isFalse();
                assertThat(ByteBufUtil.getBytes(opened)).isEqualTo(payload);
            } finally {
                plain.release();
                sealed.release();
                opened.release();
            }
        }
    }
}
