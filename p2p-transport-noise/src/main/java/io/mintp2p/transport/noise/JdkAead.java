package io.mintp2p.transport.noise;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** ChaCha20-Poly1305 by the JDK's {@code Cipher} ("ChaCha20-Poly1305", SunJCE, Java 11+). One thread at a time. */
final class JdkAead implements Aead {
    private final SecretKeySpec key;
    private final Cipher cipher;
    private final byte[] nonce = new byte[12];

    JdkAead(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a ChaCha20-Poly1305 key has 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "ChaCha20");
        try {
            this.cipher = Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no ChaCha20-Poly1305", e);
        }
    }

    @Override
    public int seal(long n, byte[] ad, byte[] in, int inOff, int length, byte[] out, int outOff) {
        try {
            init(Cipher.ENCRYPT_MODE, n, ad);
            return cipher.doFinal(in, inOff, length, out, outOff);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("no room for " + (length + TAG_BYTES) + " bytes of ciphertext", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
        }
    }

    @Override
    public int open(long n, byte[] ad, byte[] in, int inOff, int length, byte[] out, int outOff) {
        try {
            init(Cipher.DECRYPT_MODE, n, ad);
            return cipher.doFinal(in, inOff, length, out, outOff);
        } catch (AEADBadTagException badTag) {
            return -1;
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("no room for " + (length - TAG_BYTES) + " bytes of plaintext", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
        }
    }

    private void init(int mode, long n, byte[] ad) throws GeneralSecurityException {
        Aead.nonce(n, nonce);
        cipher.init(mode, key, new IvParameterSpec(nonce));
        if (ad.length > 0) {
            cipher.updateAAD(ad);
        }
    }
}
