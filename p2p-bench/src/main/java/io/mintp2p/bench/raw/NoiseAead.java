package io.mintp2p.bench.raw;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * ChaCha20-Poly1305 as Noise uses it (RFC 8439; nonce = 4 zero bytes || u64 little-endian counter),
 * one key and one counter: a Noise CipherState. Two engines, so the baseline can run with the faster
 * one: BouncyCastle's low-level engine, or the JDK's {@code ChaCha20-Poly1305} cipher. One instance per
 * direction, used by one thread at a time (the channel's event loop); never blocks.
 */
public final class NoiseAead {
    /** Which implementation does the work. */
    public enum Engine {
        BOUNCY_CASTLE,
        JDK
    }

    public static final int TAG_BYTES = 16;

    private final Engine engine;
    private final byte[] key;
    private final byte[] nonce = new byte[12];
    private final ChaCha20Poly1305 bc;
    private final KeyParameter bcKey;
    private final Cipher jdk;
    private final SecretKeySpec jdkKey;
    private long counter;

    /** A cipher over the 32-byte {@code key} with its counter at zero. */
    public NoiseAead(Engine engine, byte[] key) {
        this.engine = engine;
        this.key = key.clone();
        if (engine == Engine.BOUNCY_CASTLE) {
            bc = new ChaCha20Poly1305();
            bcKey = new KeyParameter(this.key);
            jdk = null;
            jdkKey = null;
        } else {
            bc = null;
            bcKey = null;
            try {
                jdk = Cipher.getInstance("ChaCha20-Poly1305");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JDK has no ChaCha20-Poly1305", e);
            }
            jdkKey = new SecretKeySpec(this.key, "ChaCha20");
        }
    }

    /** The engine this cipher runs on. */
    public Engine engine() {
        return engine;
    }

    private byte[] nextNonce() {
        long n = counter++;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (n >>> (8 * i));
        }
        return nonce;
    }

    /** Encrypts {@code len} bytes of {@code in} from {@code inOff} into {@code out} at {@code outOff}: ciphertext then tag. */
    public void encrypt(byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            if (bc != null) {
                bc.init(true, new AEADParameters(bcKey, TAG_BYTES * 8, nextNonce(), ad));
                int n = bc.processBytes(in, inOff, len, out, outOff);
                bc.doFinal(out, outOff + n);
            } else {
                jdk.init(Cipher.ENCRYPT_MODE, jdkKey, new IvParameterSpec(nextNonce()));
                if (ad != null) {
                    jdk.updateAAD(ad);
                }
                jdk.doFinal(in, inOff, len, out, outOff);
            }
        } catch (InvalidCipherTextException | GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /**
     * Decrypts {@code len} bytes (ciphertext and tag) of {@code in} into {@code out}; returns the
     * plaintext length.
     *
     * @throws GeneralSecurityException when the tag does not match
     */
    public int decrypt(byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff) throws GeneralSecurityException {
        if (len < TAG_BYTES) {
            throw new javax.crypto.AEADBadTagException("ciphertext shorter than a tag");
        }
        if (bc != null) {
            bc.init(false, new AEADParameters(bcKey, TAG_BYTES * 8, nextNonce(), ad));
            int n = bc.processBytes(in, inOff, len, out, outOff);
            try {
                return n + bc.doFinal(out, outOff + n);
            } catch (InvalidCipherTextException e) {
                throw new javax.crypto.AEADBadTagException(e.getMessage());
            }
        }
        jdk.init(Cipher.DECRYPT_MODE, jdkKey, new IvParameterSpec(nextNonce()));
        if (ad != null) {
            jdk.updateAAD(ad);
        }
        return jdk.doFinal(in, inOff, len, out, outOff);
    }
}
