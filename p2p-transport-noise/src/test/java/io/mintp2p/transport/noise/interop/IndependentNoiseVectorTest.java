package io.mintp2p.transport.noise.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interop harness proves itself first: noise-java, driven through {@link IndependentHandshake} and
 * {@link IndependentCiphers} exactly as the socket peer drives it, reproduces the published
 * Noise_XX_25519_ChaChaPoly_SHA256 vectors byte for byte (both roles, handshake and transport messages,
 * the handshake hash where the vector has one).
 */
class IndependentNoiseVectorTest {

    @ParameterizedTest
    @ValueSource(strings = {"Noise_XX_25519_ChaChaPoly_SHA256.vec", "snow_XX_SHA256.vec", "noisec_XX_SHA256.vec"})
    void reproducesThePublishedVector(String file) throws Exception {
        PublishedVector v = PublishedVector.load(file);
        assertThat(v.protocolName()).isEqualTo(IndependentHandshake.PROTOCOL);
        IndependentHandshake initiator = IndependentHandshake.fixed(true, v.prologue(), v.initStatic(), v.initEphemeral());
        IndependentHandshake responder = IndependentHandshake.fixed(false, v.prologue(), v.respStatic(), v.respEphemeral());
        List<PublishedVector.Message> msgs = v.messages();
        assertThat(msgs).hasSizeGreaterThan(3);
        for (int i = 0; i < 3; i++) {
            IndependentHandshake writer = i % 2 == 0 ? initiator : responder;
            IndependentHandshake reader = i % 2 == 0 ? responder : initiator;
            assertThat(writer.writesNext()).isTrue();
            byte[] wire = writer.write(msgs.get(i).payload());
            assertThat(wire).as("handshake message %d", i).isEqualTo(msgs.get(i).ciphertext());
            assertThat(reader.read(wire)).isEqualTo(msgs.get(i).payload());
        }
        assertThat(initiator.done()).isTrue();
        assertThat(responder.done()).isTrue();
        assertThat(initiator.handshakeHash()).isEqualTo(responder.handshakeHash());
        v.handshakeHash().ifPresent(h -> assertThat(initiator.handshakeHash()).isEqualTo(h));
        assertThat(initiator.remoteStatic()).isEqualTo(publicKeyOf(v.respStatic()));
        assertThat(responder.remoteStatic()).isEqualTo(publicKeyOf(v.initStatic()));

        IndependentCiphers i = initiator.split();
        IndependentCiphers r = responder.split();
        for (int n = 3; n < msgs.size(); n++) {
            // The alternation goes on after the handshake: message 3 is the responder's.
            IndependentCiphers writer = n % 2 == 0 ? i : r;
            IndependentCiphers reader = n % 2 == 0 ? r : i;
            byte[] pt = msgs.get(n).payload();
            byte[] ct = writer.encrypt(pt, 0, pt.length);
            assertThat(ct).as("transport message %d", n).isEqualTo(msgs.get(n).ciphertext());
            assertThat(reader.decrypt(ct)).isEqualTo(pt);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 17, 47})
    void aFlippedBitInATransportMessageFailsItsTag(int position) throws Exception {
        PublishedVector v = PublishedVector.load("Noise_XX_25519_ChaChaPoly_SHA256.vec");
        IndependentHandshake initiator = IndependentHandshake.fixed(true, v.prologue(), v.initStatic(), v.initEphemeral());
        IndependentHandshake responder = IndependentHandshake.fixed(false, v.prologue(), v.respStatic(), v.respEphemeral());
        responder.read(initiator.write(new byte[0]));
        initiator.read(responder.write(new byte[0]));
        responder.read(initiator.write(new byte[0]));
        IndependentCiphers i = initiator.split();
        IndependentCiphers r = responder.split();
        byte[] ct = i.encrypt(new byte[32], 0, 32);
        ct[position] ^= 1;
        assertThatThrownBy(() -> r.decrypt(ct)).isInstanceOf(GeneralSecurityException.class);
    }

    /** X25519 public key of a private key, computed by noise-java itself (the vectors give private keys). */
    private static byte[] publicKeyOf(byte[] privateKey) throws Exception {
        var dh = com.southernstorm.noise.protocol.Noise.createDH("25519");
        dh.setPrivateKey(privateKey, 0);
        byte[] pub = new byte[32];
        dh.getPublicKey(pub, 0);
        return pub;
    }
}
