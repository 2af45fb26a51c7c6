package io.mintp2p.transport.noise;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ChaCha20-Poly1305 of one Noise record by each {@link AeadProvider} (BouncyCastle lightweight vs the JDK's
 * {@code Cipher}), sealing and opening 1 KiB and a full record (65 519 bytes of plaintext). The faster one is
 * {@link AeadProvider#DEFAULT}. In p2p-transport-noise's package to reach its package-private cipher (this module
 * runs on the class path). Run: {@code java -jar p2p-bench-jmh/target/benchmarks.jar NoiseAeadBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NoiseAeadBenchmark {
    /** Records opened in turn: the JDK refuses two inits in a row with the same key and nonce. */
    private static final int SEALED = 16;
    private static final byte[] NO_AD = new byte[0];

    @Param({"BOUNCY_CASTLE", "JDK"})
    public String impl;

    @Param({"1024", "65519"})
    public int size;

    private Aead sealer;
    private Aead opener;
    private byte[] plain;
    private byte[] out;
    private byte[][] sealed;
    private long nonce;
    private int next;

    /** A random key and plaintext, and {@value #SEALED} records sealed with nonces 0 to 15 for {@link #open}. */
    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(1);
        byte[] key = new byte[32];
        random.nextBytes(key);
        plain = new byte[size];
        random.nextBytes(plain);
        out = new byte[size + Aead.TAG_BYTES];
        AeadProvider provider = AeadProvider.valueOf(impl);
        sealer = provider.withKey(key);
        opener = provider.withKey(key);
        sealed = new byte[SEALED][size + Aead.TAG_BYTES];
        for (int i = 0; i < SEALED; i++) {
            sealer.seal(i, NO_AD, plain, 0, size, sealed[i], 0);
        }
        nonce = SEALED;
    }

    /** Encrypts one record with the next nonce. */
    @Benchmark
    public byte[] seal() {
        sealer.seal(nonce++, NO_AD, plain, 0, size, out, 0);
        return out;
    }

    /** Checks and decrypts one record (nonces cycle through the prepared ones). */
    @Benchmark
    public int open() {
        int i = next;
        next = (i + 1) % SEALED;
        int n = opener.open(i, NO_AD, sealed[i], 0, size + Aead.TAG_BYTES, out, 0);
        if (n != size) {
            throw new IllegalStateException("record " + i + " did not open");
        }
        return n;
    }
}
