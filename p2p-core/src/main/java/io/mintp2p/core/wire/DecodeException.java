package io.mintp2p.core.wire;

/**
 * A payload that is not valid strict SCALE for a known message. Every decode error is a
 * misbehaviour with ban score 100 (WIRE.md 2 and 9). The message is what goes into
 * "Your message cannot be decoded (...)".
 */
public final class DecodeException extends Exception {
    /** The ban score of every decode error. */
    public static final int BAN_SCORE = 100;

    /**
     * A decode error; no stack trace is captured (a peer can make many).
     *
     * @param message what was wrong, for the peer and the log
     */
    public DecodeException(String message) {
        super(message, null, false, false);
    }

    /**
     * The score the sender gets.
     *
     * @return {@link #BAN_SCORE}
     */
    public int banScore() {
        return BAN_SCORE;
    }
}
