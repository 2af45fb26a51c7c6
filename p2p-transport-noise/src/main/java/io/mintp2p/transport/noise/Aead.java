package io.mintp2p.transport.noise;

/**
 * ChaCha20-Poly1305 (RFC 8439) under one fixed key, with Noise's nonce: 4 zero bytes then the 64-bit counter
 * little-endian. Two implementations ({@link AeadProvider}), picked by measurement. An instance keeps cipher state
 * between calls: one thread at a time (the connection's event loop).
 */
interface Aead {
    /** Bytes of the authentication tag appended to every ciphertext. */
    int TAG_BYTES = 16;

    /**
     * Encrypts {@code in[inOff, inOff + length)} with associated data {@code ad} and writes ciphertext and tag to
     * {@code out[outOff, outOff + length + 16)}; {@code out} must not overlap the input. Returns the bytes written.
     */
    int seal(long nonce, byte[] ad, byte[] in, int inOff, int length, byte[] out, int outOff);

    /**
     * Checks and decrypts {@code in[inOff, inOff + length)} (ciphertext then tag, {@code length >= 16}) into
     * {@code out[outOff, outOff + length - 16)}; {@code out} must not overlap the input. Returns the plaintext
     * bytes, or -1 when the tag does not verify (then {@code out} may hold garbage and must not be used).
     */
    int open(long nonce, byte[] ad, byte[] in, int inOff, int length, byte[] out, int outOff);

    /** Writes Noise's 12-byte ChaChaPoly nonce for counter {@code n}: 4 zero bytes, then n little-endian. */
    static void nonce(long n, byte[] twelve) {
        twelve[0] = 0;
        twelve[1] = 0;
        twelve[2] = 0;
        twelve[3] = 0;
        for (int i = 0; i < 8; i++) {
            twelve[4 + i] = (byte) (n >>> (8 * i));
        }
    }
}
