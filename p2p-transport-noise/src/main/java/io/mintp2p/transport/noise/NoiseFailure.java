package io.mintp2p.transport.noise;

import io.mintp2p.core.transport.CloseReason;

/**
 * Why the Noise handshake failed, carried to the TCP transport's opening logic in the handshake-completion event.
 * No stack trace: a flood of failing handshakes should not cost one each. Made on the event loop; immutable.
 */
final class NoiseFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient CloseReason reason;

    NoiseFailure(CloseReason reason) {
        super(reason.message(), null, false, false);
        this.reason = reason;
    }

    /** The typed reason the connection closes with. */
    CloseReason reason() {
        return reason;
    }
}
