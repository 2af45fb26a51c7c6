package io.mintp2p.bench.raw;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The baseline's own Noise_XX_25519_ChaChaPoly_SHA256 handshake, written straight on BouncyCastle's
 * primitives (X25519, SHA-256, HMAC) and {@link NoiseAead}: the three messages (32, 96 and 64 bytes with
 * empty payloads), then {@link #split()}. Not the module's code: the baseline is the reference it is
 * measured against. One handshake per instance, driven by one thread (the channel's event loop); never blocks.
 */
final class NoiseXX {
    static final byte[] PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY = 32;

    private final boolean initiator;
    private final NoiseAead.Engine engine;
    private final byte[] staticPrivate;
    private final byte[] staticPublic = new byte[KEY];
    private final byte[] ephemeralPrivate;
    private final byte[] ephemeralPublic = new byte[KEY];
    private final byte[] remoteEphemeral = new byte[KEY];
    private final byte[] remoteStatic = new byte[KEY];
    private byte[] ck;
    private byte[] h;
    private NoiseAead k;
    private int step;

    /** A handshake with a fresh random static and ephemeral key (as Mintlayer does per connection) and an empty prologue. */
    NoiseXX(boolean initiator, NoiseAead.Engine engine) {
        this(initiator, engine, new byte[0], randomKey(), randomKey());
    }

    /** With fixed keys and a prologue (test vectors). */
    NoiseXX(boolean initiator, NoiseAead.Engine engine, byte[] prologue, byte[] staticPrivate, byte[] ephemeralPrivate) {
        this.initiator = initiator;
        this.engine = engine;
        this.staticPrivate = staticPrivate.clone();
        this.ephemeralPrivate = ephemeralPrivate.clone();
        X25519.generatePublicKey(this.staticPrivate, 0, staticPublic, 0);
        X25519.generatePublicKey(this.ephemeralPrivate, 0, ephemeralPublic, 0);
        // The name is exactly 32 bytes, so it is h as it is.
        h = PROTOCOL_NAME.clone();
        ck = h.clone();
        mixHash(prologue);
    }

    private static byte[] randomKey() {
        byte[] k = new byte[KEY];
        X25519.generatePrivateKey(RANDOM, k);
        return k;
    }

    /** True when this side writes the next message. */
    boolean writesNext() {
        return step < 3 && (step % 2 == 0) == initiator;
    }

    /** True once the three messages went through. */
    boolean done() {
        return step == 3;
    }

    /** The next handshake message with {@code payload} (empty for Mintlayer). */
    byte[] write(byte[] payload) {
        if (!writesNext()) {
            throw new IllegalStateException("not this side's turn");
        }
        byte[] out;
        if (step == 0) {
            mixHash(ephemeralPublic);
            out = concat(ephemeralPublic, encryptAndHash(payload));
        } else if (step == 1) {
            mixHash(ephemeralPublic);
            mixKey(dh(ephemeralPrivate, remoteEphemeral));
            byte[] s = encryptAndHash(staticPublic);
            mixKey(dh(staticPrivate, remoteEphemeral));
            out = concat(ephemeralPublic, s, encryptAndHash(payload));
        } else {
            byte[] s = encryptAndHash(staticPublic);
            mixKey(dh(staticPrivate, remoteEphemeral));
            out = concat(s, encryptAndHash(payload));
        }
        step++;
        return out;
    }

    /**
     * Reads the peer's message; returns its payload.
     *
     * @throws GeneralSecurityException when it is malformed or does not authenticate
     */
    byte[] read(byte[] message) throws GeneralSecurityException {
        if (writesNext() || done()) {
            throw new GeneralSecurityException("unexpected handshake message");
        }
        byte[] payload;
        if (step == 0) {
            need(message, KEY);
            System.arraycopy(message, 0, remoteEphemeral, 0, KEY);
            mixHash(remoteEphemeral);
            payload = decryptAndHash(Arrays.copyOfRange(message, KEY, message.length));
        } else if (step == 1) {
            need(message, KEY + KEY + NoiseAead.TAG_BYTES + NoiseAead.TAG_BYTES);
            System.arraycopy(message, 0, remoteEphemeral, 0, KEY);
            mixHash(remoteEphemeral);
            mixKey(dh(ephemeralPrivate, remoteEphemeral));
            System.arraycopy(decryptAndHash(Arrays.copyOfRange(message, KEY, 2 * KEY + NoiseAead.TAG_BYTES)), 0, remoteStatic, 0, KEY);
            mixKey(dh(ephemeralPrivate, remoteStatic));
            payload = decryptAndHash(Arrays.copyOfRange(message, 2 * KEY + NoiseAead.TAG_BYTES, message.length));
        } else {
            need(message, KEY + NoiseAead.TAG_BYTES + NoiseAead.TAG_BYTES);
            System.arraycopy(decryptAndHash(Arrays.copyOfRange(message, 0, KEY + NoiseAead.TAG_BYTES)), 0, remoteStatic, 0, KEY);
            mixKey(dh(ephemeralPrivate, remoteStatic));
            payload = decryptAndHash(Arrays.copyOfRange(message, KEY + NoiseAead.TAG_BYTES, message.length));
        }
        step++;
        return payload;
    }

    /** The handshake hash, once {@link #done()}. */
    byte[] handshakeHash() {
        return h.clone();
    }

    /** The peer's static public key, once it was read. */
    byte[] remoteStatic() {
        return remoteStatic.clone();
    }

    /** The transport ciphers once {@link #done()}: [0] this side's sender, [1] its receiver. */
    NoiseAead[] split() {
        if (!done()) {
            throw new IllegalStateException("handshake not finished");
        }
        byte[][] keys = hkdf(ck, new byte[0]);
        NoiseAead first = new NoiseAead(engine, keys[0]);
        NoiseAead second = new NoiseAead(engine, keys[1]);
        return initiator ? new NoiseAead[] {first, second} : new NoiseAead[] {second, first};
    }

    private static void need(byte[] message, int length) throws GeneralSecurityException {
        if (message.length < length) {
            throw new GeneralSecurityException("handshake message of " + message.length + " bytes, need " + length);
        }
    }

    private static byte[] dh(byte[] privateKey, byte[] publicKey) {
        byte[] shared = new byte[KEY];
        if (!X25519.calculateAgreement(privateKey, 0, publicKey, 0, shared, 0)) {
            throw new IllegalStateException("X25519 with a low-order point");
        }
        return shared;
    }

    private void mixHash(byte[] data) {
        SHA256Digest d = new SHA256Digest();
        d.update(h, 0, h.length);
        d.update(data, 0, data.length);
        h = new byte[KEY];
        d.doFinal(h, 0);
    }

    private void mixKey(byte[] ikm) {
        byte[][] out = hkdf(ck, ikm);
        ck = out[0];
        k = new NoiseAead(engine, out[1]);
    }

    private byte[] encryptAndHash(byte[] plaintext) {
        byte[] c;
        if (k == null) {
            c = plaintext.clone();
        } else {
            c = new byte[plaintext.length + NoiseAead.TAG_BYTES];
            k.encrypt(h, plaintext, 0, plaintext.length, c, 0);
        }
        mixHash(c);
        return c;
    }

    private byte[] decryptAndHash(byte[] ciphertext) throws GeneralSecurityException {
        byte[] p;
        if (k == null) {
            p = ciphertext.clone();
        } else {
            p = new byte[Math.max(0, ciphertext.length - NoiseAead.TAG_BYTES)];
            k.decrypt(h, ciphertext, 0, ciphertext.length, p, 0);
        }
        mixHash(ciphertext);
        return p;
    }

    private static byte[][] hkdf(byte[] chainingKey, byte[] ikm) {
        byte[] temp = hmac(chainingKey, ikm);
        byte[] o1 = hmac(temp, new byte[] {1});
        byte[] o2 = hmac(temp, concat(o1, new byte[] {2}));
        return new byte[][] {o1, o2};
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[KEY];
        mac.doFinal(out, 0);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, off, p.length);
            off += p.length;
        }
        return all;
    }
}
