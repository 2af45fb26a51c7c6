package io.mintp2p.transport.noise;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * An X25519 key pair, a Noise static or ephemeral key. Immutable; the accessors return copies, so any thread may
 * use one. Nothing here blocks (beyond the {@link SecureRandom} given to {@link #generate}).
 */
final class NoiseKeyPair {
    /** Bytes of a private and of a public X25519 key. */
    static final int KEY_BYTES = 32;

    private final X25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;

    private NoiseKeyPair(X25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey().getEncoded();
    }

    /** A fresh key pair from {@code random}. */
    static NoiseKeyPair generate(SecureRandom random) {
        return new NoiseKeyPair(new X25519PrivateKeyParameters(Objects.requireNonNull(random)));
    }

    /** The key pair of a 32-byte private key (clamped by X25519 when used, as RFC 7748 says). */
    static NoiseKeyPair fromPrivate(byte[] privateKey) {
        if (privateKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("an X25519 private key has 32 bytes, not " + privateKey.length);
        }
        return new NoiseKeyPair(new X25519PrivateKeyParameters(privateKey, 0));
    }

    /** The 32-byte public key. */
    byte[] publicKey() {
        return publicKey.clone();
    }

    /** The 32-byte private key, as given or generated. */
    byte[] privateKey() {
        return privateKey.getEncoded();
    }

    /**
     * X25519 of this private key and the peer's public key into {@code out[0..32)}; false when the result is all
     * zeros (the peer's key has a small order), which Noise lets an implementation refuse and this one does.
     */
    boolean agree(byte[] peerPublic, byte[] out) {
        try {
            privateKey.generateSecret(new X25519PublicKeyParameters(peerPublic, 0), out, 0);
            return true;
        } catch (IllegalStateException allZero) {
            Arrays.fill(out, (byte) 0);
            return false;
        }
    }
}
