package io.mintp2p.transport.noise;

/**
 * The ChaCha20-Poly1305 implementations. {@link #DEFAULT} is the faster one as measured by
 * {@code p2p-bench-jmh}'s {@code NoiseAeadBenchmark} (BENCHMARKS.md); both give the same bytes.
 */
enum AeadProvider {
    /** BouncyCastle's lightweight {@code org.bouncycastle.crypto.modes.ChaCha20Poly1305}. */
    BOUNCY_CASTLE {
        @Override
        Aead withKey(byte[] key) {
            return new BouncyCastleAead(key);
        }
    },
    /** The JDK's {@code Cipher.getInstance("ChaCha20-Poly1305")} (SunJCE). */
    JDK {
        @Override
        Aead withKey(byte[] key) {
            return new JdkAead(key);
        }
    };

    /** The implementation the Noise sessions use. */
    static final AeadProvider DEFAULT = JDK;

    /** A cipher under the 32-byte {@code key} (copied). */
    abstract Aead withKey(byte[] key);
}
