package io.mintp2p.transport.tcp;

/** Why a connection's {@link FrameHandler} stops reading; reading resumes once none holds. */
enum ReadPause {
    /** The node's read budget for this peer is used up. */
    NODE_BACKPRESSURE,
    /** A frame over the pre-handshake limit must wait until the handshake completes. */
    AWAITING_HANDSHAKE;

    /** This reason's bit in a set of pauses held as an int (no EnumSet per connection). */
    int bit() {
        return 1 << ordinal();
    }
}
