package io.mintp2p.transport.noise;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Objects;

/**
 * The transport phase after a Noise handshake: one CipherState per direction, each with its own nonce counter and
 * no rekey. Works on record bodies only; the u16 LE length before each record is {@link NoiseFrames}' job. One
 * thread at a time (the connection's event loop); nothing blocks.
 */
final class NoiseSession {
    /** Most ciphertext bytes in one record (the u16 length's range). */
    static final int MAX_CIPHERTEXT = 65535;
    /** Bytes of the authentication tag at the end of each record. */
    static final int TAG = Aead.TAG_BYTES;
    /** Most plaintext bytes in one record. */
    static final int MAX_PLAINTEXT = MAX_CIPHERTEXT - TAG;

    private final CipherState send;
    private final CipherState receive;
    /**
     * Heap copies for buffers without an accessible array (direct buffers): per thread, not per session, so that a
     * connection costs no 128 KiB; a call uses them only while it runs.
     */
    private static final FastThreadLocal<byte[][]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[][] initialValue() {
            return new byte[][] {new byte[MAX_CIPHERTEXT], new byte[MAX_CIPHERTEXT]};
        }
    };

    NoiseSession(CipherState send, CipherState receive) {
        this.send = Objects.requireNonNull(send);
        this.receive = Objects.requireNonNull(receive);
    }

    /**
     * Encrypts the next {@code length} readable bytes of {@code plaintext} (1 to {@link #MAX_PLAINTEXT}; an empty
     * record would read as end of stream at a Mintlayer node) and appends ciphertext and tag ({@code length + 16}
     * bytes) to {@code out}. Advances {@code plaintext}'s reader index; releases neither buffer. Throws
     * NONCE_EXHAUSTED after 2^64 - 1 records.
     */
    void encrypt(ByteBuf plaintext, int length, ByteBuf out) throws NoiseException {
        if (length < 1 || length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("a record holds 1 to " + MAX_PLAINTEXT + " bytes of plaintext, not " + length);
        }
        if (plaintext.readableBytes() < length) {
            throw new IllegalArgumentException(length + " bytes asked, " + plaintext.readableBytes() + " readable");
        }
        seal(plaintext, length, out);
        plaintext.skipBytes(length);
    }

    /**
     * Checks and decrypts the next {@code length} readable bytes of {@code ciphertext} (a whole record body) and
     * appends the plaintext ({@code length - 16} bytes) to {@code out}. Advances {@code ciphertext}'s reader index
     * past the record (also when refused); releases neither buffer. Refuses: an empty record or one with empty
     * plaintext (EMPTY_RECORD), one over {@link #MAX_CIPHERTEXT} (RECORD_TOO_LARGE), a short or forged one
     * (BAD_TAG), and any after 2^64 - 1 records (NONCE_EXHAUSTED). After a refusal the session must be dropped.
     */
    void decrypt(ByteBuf ciphertext, int length, ByteBuf out) throws NoiseException {
        if (ciphertext.readableBytes() < length || length < 0) {
            throw new IllegalArgumentException(length + " bytes asked, " + ciphertext.readableBytes() + " readable");
        }
        try {
            if (length == 0 || length == TAG) {
                throw new NoiseException(NoiseException.Kind.EMPTY_RECORD, "a record of " + length + " bytes has no plaintext");
            }
            if (length > MAX_CIPHERTEXT) {
                throw new NoiseException(NoiseException.Kind.RECORD_TOO_LARGE, length + " bytes of ciphertext");
            }
            if (length < TAG) {
                throw new NoiseException(NoiseException.Kind.BAD_TAG, "a record of " + length + " bytes cannot hold a tag");
            }
            open(ciphertext, length, out);
        } finally {
            ciphertext.skipBytes(length);
        }
    }

    /** The array holding {@code in}'s next {@code length} bytes: its own, or this thread's scratch with a copy. */
    private static byte[] readable(ByteBuf in, int length) {
        if (in.hasArray()) {
            return in.array();
        }
        byte[] scratch = SCRATCH.get()[0];
        in.getBytes(in.readerIndex(), scratch, 0, length);
        return scratch;
    }

    private void seal(ByteBuf in, int length, ByteBuf out) throws NoiseException {
        byte[] outScratch = SCRATCH.get()[1];
        byte[] src = readable(in, length);
        int srcOff = in.hasArray() ? in.arrayOffset() + in.readerIndex() : 0;
        int sealed = length + TAG;
        out.ensureWritable(sealed);
        if (out.hasArray()) {
            send.encrypt(null, src, srcOff, length, out.array(), out.arrayOffset() + out.writerIndex());
            out.writerIndex(out.writerIndex() + sealed);
        } else {
            send.encrypt(null, src, srcOff, length, outScratch, 0);
            out.writeBytes(outScratch, 0, sealed);
        }
    }

    private void open(ByteBuf in, int length, ByteBuf out) throws NoiseException {
        byte[] outScratch = SCRATCH.get()[1];
        byte[] src = readable(in, length);
        int srcOff = in.hasArray() ? in.arrayOffset() + in.readerIndex() : 0;
        int plain = length - TAG;
        out.ensureWritable(plain);
        // Plaintext lands past out's writer index and counts only once the tag verifies: a forged record adds nothing.
        byte[] dst = out.hasArray() ? out.array() : outScratch;
        int dstOff = out.hasArray() ? out.arrayOffset() + out.writerIndex() : 0;
        if (receive.decrypt(null, src, srcOff, length, dst, dstOff) < 0) {
            throw new NoiseException(NoiseException.Kind.BAD_TAG, "a record of " + length + " bytes fails its tag");
        }
        if (out.hasArray()) {
            out.writerIndex(out.writerIndex() + plain);
        } else {
            out.writeBytes(outScratch, 0, plain);
        }
    }

    /** The send direction's next nonce (unsigned), for tests and metrics. */
    long sendNonce() {
        return send.nonce();
    }

    /** The receive direction's next nonce (unsigned), for tests and metrics. */
    long receiveNonce() {
        return receive.nonce();
    }

    /** For tests of nonce exhaustion: sets both directions' next nonce. */
    void setNoncesForTest(long sendNonce, long receiveNonce) {
        send.setNonce(sendNonce);
        receive.setNonce(receiveNonce);
    }
}
