package io.mintp2p.transport.noise;

/**
 * The ChaCha20-Poly1305 implementations; both give the same bytes. {@link #DEFAULT} is the faster one as measured by
 * {@code p2p-bench-jmh}'s {@code NoiseAeadBenchmark} on JDK 17 (2026-12-07, shared 2-core machine under load, so
 * wide error bars; ns per record, JDK / BouncyCastle): seal 1 KiB 5 400 / 7 600, open 1 KiB 6 200 / 8 400,
 * seal 64 KiB 431 000 / 486 000, open 64 KiB 296 000 / 416 000. The JDK was ahead in every 1 KiB case of two runs.
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
