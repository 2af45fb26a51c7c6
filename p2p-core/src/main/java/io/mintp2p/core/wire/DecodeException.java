package io.mintp2p.core.wire;

/**
 * A payload that is not valid strict SCALE for a known message. Every decode error is a
 * misbehaviour with ban score 100 (WIRE.md 2 and 9). The message is what goes into
 * "Your message cannot be decoded (...)".
 */
public final class DecodeException extends Exception {
    public static final int BAN_SCORE = 100;

    public DecodeException(String message) {
        super(message, null, false, false);
    }

    public int banScore() {
        return BAN_SCORE;
    }
}
