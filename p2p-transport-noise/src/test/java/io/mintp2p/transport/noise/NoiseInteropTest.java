package io.mintp2p.transport.noise;

import static org.assertj.core.api.Assertions.assertThat;

import com.southernstorm.noise.protocol.CipherState;
import com.southernstorm.noise.protocol.CipherStatePair;
import com.southernstorm.noise.protocol.HandshakeState;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Against an independent implementation, {@code org.signal.forks:noise-java} (Trevor Perrin's noise-java fork), with
 * fresh random keys, empty prologue and payloads (the Mintlayer shape), in both roles and with both AEADs: the
 * handshake completes with the same hash and keys, and records of 1 byte up to a full record pass both ways.
 */
class NoiseInteropTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] EMPTY = new byte[0];

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void weInteroperateInEitherRole(boolean weInitiate) throws Exception {
        for (AeadProvider provider : AeadProvider.values()) {
            NoiseKeyPair ours = NoiseKeyPair.generate(RANDOM);
            NoiseHandshake us = NoiseHandshake.forTest(weInitiate, ours, NoiseKeyPair.generate(RANDOM), EMPTY, provider);
            HandshakeState them = new HandshakeState(NoiseHandshake.PROTOCOL_NAME,
                    weInitiate ? HandshakeState.RESPONDER : HandshakeState.INITIATOR);
            them.getLocalKeyPair().generateKeyPair();
            them.start();

            for (int i = 0; i < 3; i++) {
                if (us.isMyTurn()) {
                    byte[] m = us.writeMessage(EMPTY);
                    assertThat(them.getAction()).isEqualTo(HandshakeState.READ_MESSAGE);
                    assertThat(them.readMessage(m, 0, m.length, new byte[m.length], 0)).isZero();
                } else {
                    assertThat(them.getAction()).isEqualTo(HandshakeState.WRITE_MESSAGE);
                    byte[] buf = new byte[200];
                    int n = them.writeMessage(buf, 0, EMPTY, 0, 0);
                    assertThat(n).isEqualTo(us.nextMessageLength());
                    assertThat(us.readMessage(Arrays.copyOf(buf, n))).isEmpty();
                }
            }
            assertThat(us.isComplete()).isTrue();
            assertThat(them.getAction()).isEqualTo(HandshakeState.SPLIT);
            assertThat(us.handshakeHash()).isEqualTo(them.getHandshakeHash());
            byte[] theirStatic = new byte[32];
            them.getLocalKeyPair().getPublicKey(theirStatic, 0);
            assertThat(us.remoteStatic()).isEqualTo(theirStatic);
            byte[] ourStaticSeen = new byte[32];
            them.getRemotePublicKey().getPublicKey(ourStaticSeen, 0);
            assertThat(ourStaticSeen).isEqualTo(ours.publicKey());

            NoiseSession session = us.split();
            CipherStatePair pair = them.split();
            for (int size : new int[] {1, 1024, NoiseSession.MAX_PLAINTEXT}) {
                byte[] data = new byte[size];
                RANDOM.nextBytes(data);
                assertThat(theirOpen(pair.getReceiver(), NoiseSessionTest.seal(session, data))).isEqualTo(data);
                assertThat(NoiseSessionTest.open(session, theirSeal(pair.getSender(), data))).isEqualTo(data);
            }
        }
    }

    private static byte[] theirSeal(CipherState c, byte[] data) throws Exception {
        byte[] out = new byte[data.length + 16];
        int n = c.encryptWithAd(null, data, 0, out, 0, data.length);
        return Arrays.copyOf(out, n);
    }

    private static byte[] theirOpen(CipherState c, byte[] sealed) throws Exception {
        byte[] out = new byte[sealed.length];
        int n = c.decryptWithAd(null, sealed, 0, out, 0, sealed.length);
        return Arrays.copyOf(out, n);
    }
}
