package io.mintp2p.core.session;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What the {@link PeerSession}s of one node share and use: its settings, its randomness (handshake
 * and ping nonces) and its self-connection guard. One reference per session instead of three.
 *
 * @param random drawn from by whichever thread drives a session (a dial's Hello is made on its
 *               transport thread, pings on the node thread), in the order the sessions are driven
 */
public record SessionShared(SessionSettings settings, RandomGenerator random, SelfConnectionGuard selfGuard) {
    public SessionShared {
        Objects.requireNonNull(settings);
        Objects.requireNonNull(random);
        Objects.requireNonNull(selfGuard);
    }
}
