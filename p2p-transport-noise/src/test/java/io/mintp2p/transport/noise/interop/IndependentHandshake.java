package io.mintp2p.transport.noise.interop;

import com.southernstorm.noise.protocol.CipherStatePair;
import com.southernstorm.noise.protocol.HandshakeState;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * Noise_XX_25519_ChaChaPoly_SHA256 handshake done by an independent implementation (noise-java, the
 * Signal fork of rweather's), never by our module's code: the other side of every interop test. Holds
 * one handshake's state; not thread-safe (one test thread drives it); never blocks.
 */
final class IndependentHandshake {
    static final String PROTOCOL = "Noise_XX_25519_ChaChaPoly_SHA256";
    /** The largest Noise message, handshake or transport (the u16 length prefix's reach). */
    static final int MAX_MESSAGE = 65_535;

    private final HandshakeState state;

    private IndependentHandshake(HandshakeState state) {
        this.state = state;
    }

    /** As the Mintlayer node does it: empty prologue, a fresh random static key. */
    static IndependentHandshake fresh(boolean initiator) {
        HandshakeState hs = newState(initiator);
        hs.getLocalKeyPair().generateKeyPair();
        hs.start();
        return new IndependentHandshake(hs);
    }

    /** With a vector's prologue and fixed keys, to check the implementation against published bytes. */
    static IndependentHandshake fixed(boolean initiator, byte[] prologue, byte[] staticKey, byte[] ephemeralKey) {
        HandshakeState hs = newState(initiator);
        hs.setPrologue(prologue, 0, prologue.length);
        hs.getLocalKeyPair().setPrivateKey(staticKey, 0);
        hs.getFixedEphemeralKey().setPrivateKey(ephemeralKey, 0);
        hs.start();
        return new IndependentHandshake(hs);
    }

    private static HandshakeState newState(boolean initiator) {
        try {
            return new HandshakeState(PROTOCOL, initiator ? HandshakeState.INITIATOR : HandshakeState.RESPONDER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("noise-java lacks " + PROTOCOL, e);
        }
    }

    /** True when this side writes the next handshake message. */
    boolean writesNext() {
        return state.getAction() == HandshakeState.WRITE_MESSAGE;
    }

    /** True once all three messages went through and the ciphers may be taken. */
    boolean done() {
        return state.getAction() == HandshakeState.SPLIT;
    }

    /** The next handshake message carrying {@code payload} (empty in Mintlayer's use). */
    byte[] write(byte[] payload) throws GeneralSecurityException {
        byte[] out = new byte[MAX_MESSAGE];
        int n = state.writeMessage(out, 0, payload, 0, payload.length);
        return Arrays.copyOf(out, n);
    }

    /** Reads the peer's handshake message; returns its payload; throws when it does not authenticate. */
    byte[] read(byte[] message) throws GeneralSecurityException {
        byte[] payload = new byte[MAX_MESSAGE];
        int n = state.readMessage(message, 0, message.length, payload, 0);
        return Arrays.copyOf(payload, n);
    }

    /** The handshake hash (the channel binding); only once {@link #done()}. */
    byte[] handshakeHash() {
        return state.getHandshakeHash();
    }

    /** The static key the peer sent (XX sends it encrypted in message 2 or 3). */
    byte[] remoteStatic() {
        byte[] key = new byte[32];
        state.getRemotePublicKey().getPublicKey(key, 0);
        return key;
    }

    /** Ends the handshake: the two transport ciphers, this side's sender first. */
    IndependentCiphers split() {
        CipherStatePair pair = state.split();
        return new IndependentCiphers(pair.getSender(), pair.getReceiver());
    }
}
