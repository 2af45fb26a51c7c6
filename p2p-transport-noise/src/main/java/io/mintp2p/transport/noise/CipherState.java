package io.mintp2p.transport.noise;

/**
 * Noise's CipherState: a key (or none yet) and the 64-bit nonce counter of one direction. One thread at a time.
 * The counter is unsigned; 2^64 - 1 is reserved by Noise, so a state that reaches it refuses to go on.
 */
final class CipherState {
    private static final byte[] NO_AD = new byte[0];
    private static final long LAST_NONCE = -1L; // 2^64 - 1 unsigned

    private final AeadProvider provider;
    private Aead aead;
    private long nonce;

    CipherState(AeadProvider provider) {
        this.provider = provider;
    }

    /** A state with {@code key} and nonce 0. */
    static CipherState withKey(AeadProvider provider, byte[] key) {
        CipherState s = new CipherState(provider);
        s.initializeKey(key);
        return s;
    }

    /** Noise InitializeKey: a new key, nonce back to 0. */
    void initializeKey(byte[] key) {
        aead = provider.withKey(key);
        nonce = 0;
    }

    /** Whether a key is set (before the first MixKey of a handshake, there is none and payloads go in clear). */
    boolean hasKey() {
        return aead != null;
    }

    /** The next nonce to use (unsigned). */
    long nonce() {
        return nonce;
    }

    /** For tests of exhaustion: sets the next nonce. */
    void setNonce(long n) {
        nonce = n;
    }

    /**
     * Noise EncryptWithAd into {@code out[outOff..)}; returns the bytes written. Copies the plaintext when there is
     * no key. Throws NONCE_EXHAUSTED when the counter is used up.
     */
    int encrypt(byte[] ad, byte[] in, int inOff, int length, byte[] out, int outOff) throws NoiseException {
        if (!hasKey()) {
            System.arraycopy(in, inOff, out, outOff, length);
            return length;
        }
        checkNonce();
        int n = aead.seal(nonce, ad == null ? NO_AD : ad, in, inOff, length, out, outOff);
        nonce++;
        return n;
    }

    /**
     * Noise DecryptWithAd into {@code out[outOff..)}; returns the plaintext bytes, or -1 when the tag does not
     * verify (the nonce then stays as it was). Without a key, copies. {@code length} must be at least 16 with a key.
     */
    int decrypt(byte[] ad, byte[] in, int inOff, int length, byte[] out, int outOff) throws NoiseException {
        if (!hasKey()) {
            System.arraycopy(in, inOff, out, outOff, length);
            return length;
        }
        checkNonce();
        if (length < Aead.TAG_BYTES) {
            return -1;
        }
        int n = aead.open(nonce, ad == null ? NO_AD : ad, in, inOff, length, out, outOff);
        if (n >= 0) {
            nonce++;
        }
        return n;
    }

    private void checkNonce() throws NoiseException {
        if (nonce == LAST_NONCE) {
            throw new NoiseException(NoiseException.Kind.NONCE_EXHAUSTED, "nonce 2^64-1 is reserved and there is no rekey");
        }
    }
}
