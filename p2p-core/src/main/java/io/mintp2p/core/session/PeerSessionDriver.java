package io.mintp2p.core.session;

import io.mintp2p.core.time.Clock;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.time.TimerHeap;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.PeerAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The I/O shell around one {@link PeerSession}: it reads the clock, hands the session's outputs to
 * the connection's {@link SessionOutput}, and keeps the session's deadline armed on the node's
 * shared {@link TimerHeap}, whose wake-up on the scheduler calls the session back.
 *
 * <p>Threads: the node starts a session on the connection's transport thread and answers an inbound
 * Hello there, while the scheduler's thread may fire the session's deadline or disconnect it (a node
 * shutting down). Every method therefore holds this driver's lock while it runs the session; the
 * outputs are delivered under it, on the calling thread, and none blocks beyond that lock. Once the
 * handshake is over only the scheduler's thread drives it and the lock is never contended. The heap
 * is the scheduler's: a call on another thread re-arms the deadline through the scheduler.
 *
 * <p>Kept per peer for the connection's life, with only the references that differ between peers.
 */
public final class PeerSessionDriver implements TimerHeap.Timer {
    private final SessionContext context;
    private final PeerSession session;
    private final SessionOutput out;
    /** The session's place in the heap, the heap's to write (see {@link TimerHeap.Timer}). */
    private int heapIndex = -1;

    /** A session of a node whose sessions share {@code context}; it acts through {@code out}. */
    public PeerSessionDriver(SessionContext context, Direction direction, Optional<PeerAddress> remoteAddress,
                             SessionOutput out) {
        this.context = Objects.requireNonNull(context);
        this.session = new PeerSession(context.shared(), direction, remoteAddress);
        this.out = Objects.requireNonNull(out);
    }

    public synchronized PeerSession.State state() {
        return session.state();
    }

    /** An inbound session that has not had the peer's Hello yet. */
    public synchronized boolean awaitsHello() {
        return session.awaitsHello();
    }

    public synchronized boolean isEstablished() {
        return session.isEstablished();
    }

    /** The version agreed on while established, 0 before (round trips go to {@link SessionOutput#pingRoundTrip}). */
    public synchronized int commonVersion() {
        return session.commonVersion();
    }

    /** True when the connection was our own dial reaching ourselves (outbound side). */
    public synchronized boolean wasSelfConnection() {
        return session.wasSelfConnection();
    }

    /** The connection is open: the handshake clock starts and a dialer says Hello. Any thread, once. */
    public synchronized void start() {
        session.start(clock().monotonicNanos(), clock().unixSeconds(), out);
        armDeadline();
    }

    /** A decoded message from the peer. Any thread. */
    public synchronized void onMessage(Message message) {
        session.handle(clock().monotonicNanos(), clock().unixSeconds(), message, out);
        armDeadline();
    }

    /** Messages came that the node delivered without this session: the connection is not idle. */
    public synchronized void noteTraffic() {
        session.noteTraffic(clock().monotonicNanos());
    }

    /**
     * The transport is gone (whoever closed it): the deadline is dropped, and a dial's nonce goes
     * back to the self-connection guard on the scheduler, after the node has asked
     * {@link #wasSelfConnection()} on it.
     */
    public synchronized void onTransportClosed() {
        if (session.transportClosed()) {
            scheduler().execute(session::releaseDialNonce);
        }
        armDeadline();
    }

    /** Our decision to end the connection: WillDisconnect first when the peer's version has it, then close. */
    public synchronized void disconnect(CloseReason reason) {
        session.disconnect(reason, out);
        armDeadline();
    }

    /** Sends a post-handshake message (application or address exchange); throws unless established. */
    public synchronized void sendEstablished(Message message) {
        session.sendEstablished(clock().monotonicNanos(), message, out);
    }

    // --- the deadline on the heap ----------------------------------------------------------------------

    /** The heap's wake-up: the session's deadline (or an older one it has moved from) has come. */
    @Override
    public synchronized void fire() {
        session.handleTimeout(clock().monotonicNanos(), out);
        armDeadline();
    }

    @Override
    public int heapIndex() {
        return heapIndex;
    }

    @Override
    public void heapIndex(int index) {
        heapIndex = index;
    }

    /**
     * Makes the heap hold the session's current deadline. Off the scheduler's thread (a transport
     * thread at the handshake) that is left to the scheduler, which asks the session again then.
     */
    private void armDeadline() {
        Scheduler scheduler = scheduler();
        if (!scheduler.inLoop()) {
            scheduler.execute(this::armDeadlineInLoop);
            return;
        }
        TimerHeap timers = context.timers();
        long deadline = session.pollTimeout();
        if (deadline == Long.MAX_VALUE) {
            timers.cancel(this);
        } else if (timers.dueAt(this) != deadline) {
            timers.scheduleAt(this, deadline);
        }
    }

    private synchronized void armDeadlineInLoop() {
        armDeadline();
    }

    private Scheduler scheduler() {
        return context.scheduler();
    }

    private Clock clock() {
        return context.scheduler().clock();
    }
}
