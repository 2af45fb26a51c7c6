package io.mintp2p.transport.noise;

import java.util.Objects;

/**
 * A peer's Noise bytes were refused: the handshake or a record is malformed, forged or out of bounds. The
 * {@link #kind()} says why, for a typed disconnect reason; the message is for logs only. Thrown on the thread that
 * feeds the bytes in (the connection's event loop).
 */
final class NoiseException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the peer's bytes were refused. */
    enum Kind {
        /** A handshake message of the wrong length, with a forged tag, or a low-order public key. */
        BAD_HANDSHAKE_MESSAGE,
        /** A transport record whose authentication tag does not verify (or too short to hold one). */
        BAD_TAG,
        /** A record longer than {@link NoiseSession#MAX_CIPHERTEXT}. */
        RECORD_TOO_LARGE,
        /** A record with no ciphertext or with empty plaintext, which the Mintlayer node takes as end of stream. */
        EMPTY_RECORD,
        /** The 2^64 - 1 nonces of one direction are used up; Noise forbids the last one and there is no rekey. */
        NONCE_EXHAUSTED
    }

    private final Kind kind;

    NoiseException(Kind kind, String detail) {
        super(kind + ": " + detail);
        this.kind = Objects.requireNonNull(kind);
    }

    /** Why the bytes were refused. */
    Kind kind() {
        return kind;
    }
}
