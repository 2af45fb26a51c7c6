package io.mintp2p.core.session;

import io.mintp2p.core.time.Clock;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.time.TimerHeap;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.wire.Message;

/**
 * The I/O shell around a node's {@link PeerSession}s, one per node: it reads the clock, hands a
 * session's outputs to its {@link SessionOutput}, and keeps each session's deadline armed on the
 * node's shared {@link TimerHeap}, whose wake-up on the scheduler calls the session back.
 *
 * <p>Threads: the node starts a session on the connection's transport thread and answers an inbound
 * Hello there, while the scheduler's thread may fire the session's deadline or disconnect it (a node
 * shutting down). Every method therefore holds the {@link DrivenSession}'s lock while it runs the
 * session; the outputs are delivered under it, on the calling thread, and none blocks beyond that lock.
 * Once the handshake is over only the scheduler's thread drives a session and the lock is never
 * contended. The heap is the scheduler's: a call on another thread re-arms the deadline through the
 * scheduler.
 */
public final class SessionDriver {
    private final SessionContext context;

    public SessionDriver(SessionContext context) {
        this.context = context;
    }

    /** What the sessions themselves share, to make a {@link PeerSession} with. */
    public SessionShared shared() {
        return context.shared();
    }

    public PeerSession.State state(DrivenSession s) {
        synchronized (s) {
            return s.session().state();
        }
    }

    /** An inbound session that has not had the peer's Hello yet. */
    public boolean awaitsHello(DrivenSession s) {
        synchronized (s) {
            return s.session().awaitsHello();
        }
    }

    public boolean isEstablished(DrivenSession s) {
        synchronized (s) {
            return s.session().isEstablished();
        }
    }

    /** The version agreed on while established, 0 before. */
    public int commonVersion(DrivenSession s) {
        synchronized (s) {
            return s.session().commonVersion();
        }
    }

    /** True when the connection was our own dial reaching ourselves (outbound side). */
    public boolean wasSelfConnection(DrivenSession s) {
        synchronized (s) {
            return s.session().wasSelfConnection();
        }
    }

    /** The connection is open: the handshake clock starts and a dialer says Hello. Any thread, once. */
    public void start(DrivenSession s) {
        synchronized (s) {
            s.session().start(clock().monotonicNanos(), clock().unixSeconds(), s.sessionOutput());
            armDeadline(s);
        }
    }

    /** A decoded message from the peer. Any thread. */
    public void onMessage(DrivenSession s, Message message) {
        synchronized (s) {
            s.session().handle(clock().monotonicNanos(), clock().unixSeconds(), message, s.sessionOutput());
            armDeadline(s);
        }
    }

    /** Messages came that the node delivered without the session: the connection is not idle. */
    public void noteTraffic(DrivenSession s) {
        synchronized (s) {
            s.session().noteTraffic(clock().monotonicNanos());
        }
    }

    /**
     * The transport is gone (whoever closed it): the deadline is dropped, and a dial's nonce goes
     * back to the self-connection guard on the scheduler, after the node has asked
     * {@link #wasSelfConnection} on it.
     */
    public void onTransportClosed(DrivenSession s) {
        synchronized (s) {
            PeerSession session = s.session();
            if (session.transportClosed()) {
                scheduler().execute(session::releaseDialNonce);
            }
            armDeadline(s);
        }
    }

    /** Our decision to end the connection: WillDisconnect first when the peer's version has it, then close. */
    public void disconnect(DrivenSession s, CloseReason reason) {
        synchronized (s) {
            s.session().disconnect(reason, s.sessionOutput());
            armDeadline(s);
        }
    }

    /** Sends a post-handshake message (application or address exchange); throws unless established. */
    public void sendEstablished(DrivenSession s, Message message) {
        synchronized (s) {
            s.session().sendEstablished(clock().monotonicNanos(), message, s.sessionOutput());
        }
    }

    /** The heap's wake-up: the session's deadline (or an older one it has moved from) has come. */
    public void fire(DrivenSession s) {
        synchronized (s) {
            s.session().handleTimeout(clock().monotonicNanos(), s.sessionOutput());
            armDeadline(s);
        }
    }

    /**
     * Makes the heap hold the session's current deadline. Off the scheduler's thread (a transport
     * thread at the handshake) that is left to the scheduler, which asks the session again then.
     */
    private void armDeadline(DrivenSession s) {
        Scheduler scheduler = scheduler();
        if (!scheduler.inLoop()) {
            scheduler.execute(() -> armDeadlineInLoop(s));
            return;
        }
        TimerHeap timers = context.timers();
        long deadline = s.session().pollTimeout();
        if (deadline == Long.MAX_VALUE) {
            timers.cancel(s);
        } else if (timers.dueAt(s) != deadline) {
            timers.scheduleAt(s, deadline);
        }
    }

    private void armDeadlineInLoop(DrivenSession s) {
        synchronized (s) {
            armDeadline(s);
        }
    }

    private Scheduler scheduler() {
        return context.scheduler();
    }

    private Clock clock() {
        return context.scheduler().clock();
    }
}
