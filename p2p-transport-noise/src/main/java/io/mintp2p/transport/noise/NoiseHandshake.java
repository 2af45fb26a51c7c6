package io.mintp2p.transport.noise;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The Noise_XX_25519_ChaChaPoly_SHA256 handshake as a state machine with no I/O and no framing:
 * <pre>
 *   -> e
 *   <- e, ee, s, es
 *   -> s, se
 * </pre>
 * The caller alternates {@link #writeMessage} and {@link #readMessage} as {@link #isMyTurn()} says, then takes the
 * transport keys with {@link #split()}. With empty payloads (the Mintlayer node's) the three messages have
 * {@link #MESSAGE_1_BYTES}, {@link #MESSAGE_2_BYTES} and {@link #MESSAGE_3_BYTES} bytes.
 *
 * <p>One thread at a time (the connection's event loop); nothing blocks. A refused message leaves the handshake
 * failed: every later call throws {@link IllegalStateException}.
 */
final class NoiseHandshake {
    /** The protocol name, hashed into the handshake. */
    static final String PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256";
    /** Bytes of message 1 (-> e) with an empty payload. */
    static final int MESSAGE_1_BYTES = 32;
    /** Bytes of message 2 (<- e, ee, s, es) with an empty payload. */
    static final int MESSAGE_2_BYTES = 32 + 48 + 16;
    /** Bytes of message 3 (-> s, se) with an empty payload. */
    static final int MESSAGE_3_BYTES = 48 + 16;
    /** Noise's bound on any message. */
    static final int MAX_MESSAGE_BYTES = 65535;

    private static final int KEY = NoiseKeyPair.KEY_BYTES;
    private static final int[] EMPTY_PAYLOAD_SIZES = {MESSAGE_1_BYTES, MESSAGE_2_BYTES, MESSAGE_3_BYTES};

    private static final class Randomness {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    private final boolean initiator;
    private final NoiseKeyPair s;
    private final NoiseKeyPair e;
    private final SymmetricState state;
    private byte[] re;
    private byte[] rs;
    /** Index of the next message: 0, 1, 2; 3 when complete. */
    private int next;
    private boolean failed;
    private boolean split;

    private NoiseHandshake(boolean initiator, NoiseKeyPair s, NoiseKeyPair e, byte[] prologue, AeadProvider provider) {
        this.initiator = initiator;
        this.s = Objects.requireNonNull(s, "static key");
        this.e = Objects.requireNonNull(e, "ephemeral key");
        this.state = new SymmetricState(PROTOCOL_NAME, provider);
        state.mixHash(prologue);
    }

    /** The dialler's side, with static key {@code s}, a fresh ephemeral key and the empty prologue. */
    static NoiseHandshake initiator(NoiseKeyPair s) {
        return new NoiseHandshake(true, s, NoiseKeyPair.generate(Randomness.RANDOM), new byte[0], AeadProvider.DEFAULT);
    }

    /** The listener's side, with static key {@code s}, a fresh ephemeral key and the empty prologue. */
    static NoiseHandshake responder(NoiseKeyPair s) {
        return new NoiseHandshake(false, s, NoiseKeyPair.generate(Randomness.RANDOM), new byte[0], AeadProvider.DEFAULT);
    }

    /** For test vectors only: a side with a given ephemeral key, prologue and AEAD implementation. */
    static NoiseHandshake forTest(boolean initiator, NoiseKeyPair s, NoiseKeyPair e, byte[] prologue, AeadProvider provider) {
        return new NoiseHandshake(initiator, s, e, prologue.clone(), provider);
    }

    /** Whether this side writes the next message (false once complete). */
    boolean isMyTurn() {
        return !isComplete() && (next % 2 == 0) == initiator;
    }

    /** Whether all three messages have been written or read. */
    boolean isComplete() {
        return next == 3;
    }

    /** Bytes of the next message (either side's) when its payload is empty, as the Mintlayer node sends it. */
    int nextMessageLength() {
        requireUsable();
        if (isComplete()) {
            throw new IllegalStateException("the handshake is complete");
        }
        return EMPTY_PAYLOAD_SIZES[next];
    }

    /** Writes this side's next message carrying {@code payload} (empty for Mintlayer) and returns it. */
    byte[] writeMessage(byte[] payload) {
        requireUsable();
        if (!isMyTurn()) {
            throw new IllegalStateException("not this side's turn to write (message " + (next + 1) + ")");
        }
        byte[] out = new byte[messageLength(payload.length)];
        if (out.length > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("a Noise message holds at most 65535 bytes; payload " + payload.length);
        }
        int at = 0;
        try {
            switch (next) {
                case 0 -> {
                    at = writeEphemeral(out, at);
                }
                case 1 -> {
                    at = writeEphemeral(out, at);
                    mixDh(e, re); // ee
                    at += state.encryptAndHash(s.publicKey(), out, at); // s
                    mixDh(s, re); // es
                }
                default -> {
                    at += state.encryptAndHash(s.publicKey(), out, at); // s
                    mixDh(s, re); // se
                }
            }
            at += state.encryptAndHash(payload, out, at);
        } catch (NoiseException ex) {
            // only nonce exhaustion, impossible with the handshake's fresh keys
            failed = true;
            throw new IllegalStateException(ex);
        } catch (RuntimeException ex) {
            failed = true;
            throw ex;
        }
        assert at == out.length;
        next++;
        return out;
    }

    /**
     * Reads the peer's next message and returns its payload; a message that is too short, fails its tag or carries
     * a low-order key is refused with {@link NoiseException.Kind#BAD_HANDSHAKE_MESSAGE} and fails the handshake.
     */
    byte[] readMessage(byte[] message) throws NoiseException {
        requireUsable();
        if (isComplete() || isMyTurn()) {
            throw new IllegalStateException("not the peer's turn to write (message " + (next + 1) + ")");
        }
        try {
            byte[] payload = read(message);
            next++;
            return payload;
        } catch (NoiseException | RuntimeException ex) {
            failed = true;
            throw ex;
        }
    }

    private byte[] read(byte[] m) throws NoiseException {
        if (m.length > MAX_MESSAGE_BYTES) {
            throw bad("message " + (next + 1) + " of " + m.length + " bytes is over Noise's 65535");
        }
        int at = 0;
        switch (next) {
            case 0 -> {
                at = readEphemeral(m, at);
            }
            case 1 -> {
                at = readEphemeral(m, at);
                mixDh(e, re); // ee
                at = readStatic(m, at);
                mixDh(e, rs); // es
            }
            default -> {
                at = readStatic(m, at);
                mixDh(e, rs); // se
            }
        }
        byte[] payload = state.decryptAndHash(m, at, m.length - at);
        if (payload == null) {
            throw bad("message " + (next + 1) + ": payload of " + (m.length - at) + " bytes fails its tag");
        }
        return payload;
    }

    /** The peer's static public key, known after message 2 (initiator) or 3 (responder). */
    byte[] remoteStatic() {
        if (rs == null) {
            throw new IllegalStateException("the peer's static key is not known yet");
        }
        return rs.clone();
    }

    /** The handshake hash h: after completion, a value both sides share (channel binding). */
    byte[] handshakeHash() {
        return state.handshakeHash();
    }

    /** The transport session, once: the initiator sends with the first key, the responder with the second. */
    NoiseSession split() {
        requireUsable();
        if (!isComplete()) {
            throw new IllegalStateException("the handshake is not complete");
        }
        if (split) {
            throw new IllegalStateException("already split");
        }
        split = true;
        CipherState[] pair = state.split();
        return initiator ? new NoiseSession(pair[0], pair[1]) : new NoiseSession(pair[1], pair[0]);
    }

    private int messageLength(int payloadLength) {
        return switch (next) {
            case 0 -> KEY + payloadLength; // no key yet: the payload goes in clear
            case 1 -> KEY + KEY + Aead.TAG_BYTES + payloadLength + Aead.TAG_BYTES;
            default -> KEY + Aead.TAG_BYTES + payloadLength + Aead.TAG_BYTES;
        };
    }

    private int writeEphemeral(byte[] out, int at) {
        byte[] pub = e.publicKey();
        System.arraycopy(pub, 0, out, at, KEY);
        state.mixHash(pub);
        return at + KEY;
    }

    private int readEphemeral(byte[] m, int at) throws NoiseException {
        if (m.length - at < KEY) {
            throw bad("message " + (next + 1) + " of " + m.length + " bytes has no ephemeral key");
        }
        re = Arrays.copyOfRange(m, at, at + KEY);
        state.mixHash(re);
        return at + KEY;
    }

    private int readStatic(byte[] m, int at) throws NoiseException {
        int sealed = KEY + Aead.TAG_BYTES;
        if (m.length - at < sealed) {
            throw bad("message " + (next + 1) + " of " + m.length + " bytes has no static key");
        }
        byte[] key = state.decryptAndHash(m, at, sealed);
        if (key == null) {
            throw bad("message " + (next + 1) + ": static key fails its tag");
        }
        rs = key;
        return at + sealed;
    }

    private void mixDh(NoiseKeyPair local, byte[] remote) throws NoiseException {
        byte[] shared = new byte[KEY];
        try {
            if (!local.agree(remote, shared)) {
                throw bad("message " + (next + 1) + ": the peer's key has a small order");
            }
            state.mixKey(shared);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    private void requireUsable() {
        if (failed) {
            throw new IllegalStateException("the handshake failed");
        }
    }

    private static NoiseException bad(String detail) {
        return new NoiseException(NoiseException.Kind.BAD_HANDSHAKE_MESSAGE, detail);
    }
}
