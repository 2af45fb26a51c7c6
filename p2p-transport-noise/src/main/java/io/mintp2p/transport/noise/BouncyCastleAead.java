package io.mintp2p.transport.noise;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** ChaCha20-Poly1305 by BouncyCastle's lightweight API. One thread at a time. */
final class BouncyCastleAead implements Aead {
    private final KeyParameter key;
    private final ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
    private final byte[] nonce = new byte[12];

    BouncyCastleAead(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a ChaCha20-Poly1305 key has 32 bytes, not " + key.length);
        }
        this.key = new KeyParameter(key.clone());
    }

    @Override
    public int seal(long n, byte[] ad, byte[] in, int inOff, int length, byte[] out, int outOff) {
        init(true, n, ad);
        int written = cipher.processBytes(in, inOff, length, out, outOff);
        try {
            return written + cipher.doFinal(out, outOff + written);
        } catch (InvalidCipherTextException impossible) {
            throw new IllegalStateException("encryption cannot fail a tag check", impossible);
        }
    }

    @Override
    public int open(long n, byte[] ad, byte[] in, int inOff, int length, byte[] out, int outOff) {
        init(false, n, ad);
        int written = cipher.processBytes(in, inOff, length, out, outOff);
        try {
            return written + cipher.doFinal(out, outOff + written);
        } catch (InvalidCipherTextException badTag) {
            return -1;
        }
    }

    private void init(boolean encrypt, long n, byte[] ad) {
        Aead.nonce(n, nonce);
        cipher.init(encrypt, new AEADParameters(key, TAG_BYTES * 8, nonce, ad));
    }
}
