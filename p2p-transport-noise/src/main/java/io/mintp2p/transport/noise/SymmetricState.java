package io.mintp2p.transport.noise;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Noise's SymmetricState for SHA-256: chaining key, handshake hash and the handshake's CipherState. One thread at a
 * time (the handshake's owner).
 */
final class SymmetricState {
    static final int HASH_BYTES = 32;

    private final AeadProvider provider;
    private final CipherState cipher;
    private final SHA256Digest digest = new SHA256Digest();
    private final HMac hmac = new HMac(new SHA256Digest());
    private final byte[] ck;
    private final byte[] h;

    /** InitializeSymmetric(protocolName): h = name padded to 32 bytes (or its hash if longer), ck = h. */
    SymmetricState(String protocolName, AeadProvider provider) {
        this.provider = provider;
        this.cipher = new CipherState(provider);
        byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
        if (name.length <= HASH_BYTES) {
            h = Arrays.copyOf(name, HASH_BYTES);
        } else {
            h = new byte[HASH_BYTES];
            digest.update(name, 0, name.length);
            digest.doFinal(h, 0);
        }
        ck = h.clone();
    }

    /** MixHash(data): h = SHA-256(h || data). */
    void mixHash(byte[] data, int off, int length) {
        digest.update(h, 0, HASH_BYTES);
        digest.update(data, off, length);
        digest.doFinal(h, 0);
    }

    void mixHash(byte[] data) {
        mixHash(data, 0, data.length);
    }

    /** MixKey(ikm): ck, k = HKDF(ck, ikm, 2); the cipher gets k with nonce 0. */
    void mixKey(byte[] ikm) {
        byte[][] out = hkdf(ikm);
        System.arraycopy(out[0], 0, ck, 0, HASH_BYTES);
        cipher.initializeKey(out[1]);
        Arrays.fill(out[0], (byte) 0);
        Arrays.fill(out[1], (byte) 0);
    }

    /** EncryptAndHash: seals {@code plain} (or copies it before the first MixKey) into out, then MixHash(ciphertext). */
    int encryptAndHash(byte[] plain, byte[] out, int outOff) throws NoiseException {
        int n = cipher.encrypt(h, plain, 0, plain.length, out, outOff);
        mixHash(out, outOff, n);
        return n;
    }

    /**
     * DecryptAndHash of {@code in[off, off + length)}: the plaintext, or null when the tag does not verify.
     */
    byte[] decryptAndHash(byte[] in, int off, int length) throws NoiseException {
        int plainLength = cipher.hasKey() ? length - Aead.TAG_BYTES : length;
        if (plainLength < 0) {
            return null;
        }
        byte[] plain = new byte[plainLength];
        if (cipher.decrypt(h, in, off, length, plain, 0) < 0) {
            return null;
        }
        mixHash(in, off, length);
        return plain;
    }

    /** The handshake hash h (a copy). */
    byte[] handshakeHash() {
        return h.clone();
    }

    /** Split(): the two transport CipherStates, initiator-to-responder first. Wipes the chaining key. */
    CipherState[] split() {
        byte[][] out = hkdf(new byte[0]);
        CipherState[] pair = {CipherState.withKey(provider, out[0]), CipherState.withKey(provider, out[1])};
        Arrays.fill(out[0], (byte) 0);
        Arrays.fill(out[1], (byte) 0);
        Arrays.fill(ck, (byte) 0);
        return pair;
    }

    /** Noise HKDF with two outputs: temp = HMAC(ck, ikm); o1 = HMAC(temp, 0x01); o2 = HMAC(temp, o1 || 0x02). */
    private byte[][] hkdf(byte[] ikm) {
        byte[] temp = hmac(ck, ikm, null, (byte) 0);
        byte[] o1 = hmac(temp, new byte[0], null, (byte) 1);
        byte[] o2 = hmac(temp, new byte[0], o1, (byte) 2);
        Arrays.fill(temp, (byte) 0);
        return new byte[][] {o1, o2};
    }

    private byte[] hmac(byte[] key, byte[] data, byte[] prefix, byte suffix) {
        hmac.init(new KeyParameter(key));
        if (prefix != null) {
            hmac.update(prefix, 0, prefix.length);
        }
        hmac.update(data, 0, data.length);
        if (suffix != 0) {
            hmac.update(suffix);
        }
        byte[] out = new byte[HASH_BYTES];
        hmac.doFinal(out, 0);
        return out;
    }
}
