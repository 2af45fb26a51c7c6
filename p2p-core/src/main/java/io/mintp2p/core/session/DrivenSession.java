package io.mintp2p.core.session;

import io.mintp2p.core.time.TimerHeap;

/**
 * One session as a {@link SessionDriver} drives it: the session, where its outputs go, and its place
 * on the deadline heap. The driver locks this object while it runs the session, so an implementation
 * must not hold its own monitor for anything else. A node keeps these fields in its per-connection
 * record rather than in an object of their own (an idle peer's bytes count).
 */
public interface DrivenSession extends TimerHeap.Timer {
    /** The session, once it exists; never replaced. */
    PeerSession session();

    /** Where the session's outputs go. */
    SessionOutput sessionOutput();
}
