package io.mintp2p.transport.tcp;

import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.wire.WireLimits;

/**
 * What may follow a frame header (WIRE.md 2), decided on the announced length alone, before any of
 * the body is read or buffered: over the frame limit the connection closes (ban score 100). Before
 * the handshake, over {@link WireLimits#MAX_PRE_HANDSHAKE_FRAME}, a first frame (it can only be a
 * Hello or HelloAck) is refused the same way; a later one may legitimately follow a HelloAck before
 * our side has seen it, so it waits, unread, for the handshake. Either way a stranger never makes us
 * buffer more than a few KiB. Stateless; allocates nothing unless it refuses.
 */
enum FrameLengthRule {
    /** The frame may be read. */
    READ,
    /** Over the frame limit: close. */
    OVER_FRAME_LIMIT,
    /** A stranger's first frame over the pre-handshake limit: close. */
    OVER_PRE_HANDSHAKE_LIMIT,
    /** A later frame over the pre-handshake limit: stop reading until the handshake completes. */
    HOLD_FOR_HANDSHAKE;

    /** The verdict on a header announcing {@code length} payload bytes. Any thread. */
    static FrameLengthRule of(long length, int maxPayload, boolean handshakeCompleted, boolean firstFrameSeen) {
        if (length > maxPayload) {
            return OVER_FRAME_LIMIT;
        }
        if (!handshakeCompleted && length > WireLimits.MAX_PRE_HANDSHAKE_FRAME) {
            return firstFrameSeen ? HOLD_FOR_HANDSHAKE : OVER_PRE_HANDSHAKE_LIMIT;
        }
        return READ;
    }

    /** Why the connection closes, for the two refusing verdicts. Any thread. */
    CloseReason refusal(long length, int maxPayload) {
        return switch (this) {
            case OVER_FRAME_LIMIT -> CloseReason.frameTooLarge(length, maxPayload);
            case OVER_PRE_HANDSHAKE_LIMIT -> CloseReason.frameTooLarge(length, WireLimits.MAX_PRE_HANDSHAKE_FRAME);
            case READ, HOLD_FOR_HANDSHAKE -> throw new IllegalStateException(this + " refuses nothing");
        };
    }
}
