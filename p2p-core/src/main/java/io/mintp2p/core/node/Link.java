package io.mintp2p.core.node;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.session.DrivenSession;
import io.mintp2p.core.session.PeerSession;
import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.session.SessionOutput;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.FastPathConnection;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.ServiceFlags;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The node's record of one connection: transport, session, where it stands with the peer manager,
 * and the per-connection state of the node's inbound path. That state is kept here as plain fields,
 * one object per idle peer, while its logic lives in small collaborators that every link shares:
 * {@link ReadBudget} (read backpressure), {@link TrafficNotice} (coalesced traffic notices),
 * {@link InboundRoute} (direct or through the node thread) and, from the first application message,
 * a {@link HandlerQueue} of its own. An object per concern cost an idle peer a header and a reference
 * each (BENCHMARKS.md, "Where an idle peer's memory goes").
 *
 * <p>Made on the transport thread when the connection opens; the node thread gives it an id
 * ({@link #open}) before anything else of the connection reaches it. It is also the session's
 * output, which it hands to the node with itself ({@link LinkOwner}), and holds its session for the
 * node's {@link io.mintp2p.core.session.SessionDriver} ({@link DrivenSession}): a driver object per
 * peer cost an idle peer 32 B.
 */
final class Link implements SessionOutput, DrivenSession {
    enum Phase {
        /** Handshake not finished. */
        HANDSHAKING,
        /** Accepted by the peer manager: a peer. */
        ACCEPTED,
        /** Not kept, but answering its address request before it is dropped. */
        SERVING,
        /** Refused after the handshake; closing. */
        REJECTED,
        /** Forgotten by the node (closed, or refused at shutdown): what still comes for it goes nowhere. */
        CLOSED
    }

    private static final VarHandle HANDLERS;

    static {
        try {
            HANDLERS = MethodHandles.lookup().findVarHandle(Link.class, "handlers", HandlerQueue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LinkOwner owner;
    final Connection connection;
    /** The address we dialled (outbound) or the remote's address (inbound). */
    final TransportAddress address;
    final Optional<DialPurpose> purpose;
    /** The transport says when a read's run of frames ends: deliveries are handed over per run (asked once, here). */
    final boolean readsInRuns;
    /** Null until {@link #open}; written on the node thread before the link is published to any other. */
    PeerId id;
    /** Driven by the node's {@link io.mintp2p.core.session.SessionDriver} with this link's lock; null until started. */
    PeerSession session;
    /** The session's place on the node's deadline heap, the heap's to write. */
    private int heapIndex = -1;
    Phase phase = Phase.HANDSHAKING;
    RemoteHello remote;
    /** Wall-clock millis of the handshake (an Instant made per snapshot, not kept per peer). */
    long connectedSinceMillis;
    /** The last ping round trip in nanoseconds, -1 before the first (a Duration is made per snapshot). */
    volatile long lastRttNanos = -1;
    CloseReason localCloseReason;
    CloseReason servingReason;

    // ReadBudget's: messages and bytes in flight, and whether reading is paused or the full budget applies.
    volatile int budgetMessages;
    volatile long budgetBytes;
    volatile boolean readPaused;
    volatile boolean fullBudget;
    // TrafficNotice's: pending/useful bits set on the transport thread, the next notice's time on the node thread.
    volatile int notice;
    volatile long nextNoticeNanos = Long.MIN_VALUE;
    // InboundRoute's: frames queued for the node thread, and whether the peer's messages may skip it.
    volatile int queuedForNode;
    volatile boolean direct;
    /**
     * The peer's requests and protocol states, null until accepted (if the node has protocols), then
     * made on first use: only {@link PeerProtocols}' static methods read and write it.
     */
    volatile PeerProtocols protocols;
    /** Null until the first application message; set once (see {@link #handlers()}). */
    private volatile HandlerQueue handlers;

    Link(LinkOwner owner, Connection connection, TransportAddress address, Optional<DialPurpose> purpose) {
        this.owner = owner;
        this.connection = connection;
        this.address = address;
        this.purpose = purpose;
        this.readsInRuns = connection instanceof FastPathConnection fast && fast.signalsReadComplete();
    }

    /**
     * Transport thread, in onOpen, once: the connection's session, started there (a dial's Hello
     * leaves at once, an inbound Hello is answered there, see {@link FrameRouter}). The node thread sees
     * it through the task that takes the link on ({@link #open}).
     */
    void startSession(PeerSession session) {
        this.session = session;
        owner.sessions().start(this);
    }

    /** Node thread, once: the node took the connection on. */
    void open(PeerId id) {
        this.id = id;
    }

    /** Whether the node thread has taken the connection on yet (see {@link #open}). */
    boolean isTakenOn() {
        return id != null;
    }

    Direction direction() {
        return connection.direction();
    }

    /** The peer as its handlers see it now. */
    PeerSnapshot snapshot() {
        return new PeerSnapshot(id, address, connection.direction(), purpose, connection.identity(),
                remote.commonVersion(), remote.userAgent(), remote.softwareVersion(), ServiceFlags.of(remote.services()),
                lastRttNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(lastRttNanos)),
                connection.bytesIn(), connection.bytesOut(), Instant.ofEpochMilli(connectedSinceMillis),
                connection.isWritable(), readPaused);
    }

    // --- the session, driven by the node's driver under this link's lock ------------------------------

    @Override
    public PeerSession session() {
        return session;
    }

    @Override
    public SessionOutput sessionOutput() {
        return this;
    }

    @Override
    public void fire() {
        owner.sessions().fire(this);
    }

    @Override
    public int heapIndex() {
        return heapIndex;
    }

    @Override
    public void heapIndex(int index) {
        heapIndex = index;
    }

    /** A decoded message for the session (handshake, keepalive, or to be passed on). */
    void handle(Message message) {
        owner.sessions().onMessage(this, message);
    }

    /** Ends the connection: WillDisconnect first where the peer's version has it, then close. */
    void disconnect(CloseReason reason) {
        owner.sessions().disconnect(this, reason);
    }

    void transportClosed() {
        owner.sessions().onTransportClosed(this);
    }

    /** Application messages went to the handlers without the session: the connection is not idle. */
    void noteSessionTraffic() {
        owner.sessions().noteTraffic(this);
    }

    boolean isEstablished() {
        return owner.sessions().isEstablished(this);
    }

    boolean awaitsHello() {
        return owner.sessions().awaitsHello(this);
    }

    boolean wasSelfConnection() {
        return owner.sessions().wasSelfConnection(this);
    }

    // --- read budget, traffic notice, route: the shared collaborators' work on this link's fields --------

    void acquire(int size) {
        owner.readBudget().acquire(this, size);
    }

    void release(int size) {
        owner.readBudget().release(this, size);
    }

    void grantFullBudget() {
        owner.readBudget().grantFull(this);
    }

    long recordTraffic(boolean useful, long nowNanos) {
        return TrafficNotice.record(this, useful, nowNanos);
    }

    boolean takeTrafficNotice(long nowNanos) {
        return TrafficNotice.take(this, nowNanos);
    }

    /** Node thread: the peer was accepted, its application messages may skip the node thread. */
    void openDirect() {
        direct = true;
    }

    /** Node thread: the peer is being let go, whatever still comes goes through the node thread. */
    void closeDirect() {
        direct = false;
    }

    boolean nothingQueuedForNode() {
        return InboundRoute.nothingQueuedForNode(this);
    }

    boolean takesDirect() {
        return InboundRoute.takesDirect(this);
    }

    void queuedForNode() {
        InboundRoute.queuedForNode(this);
    }

    void handledByNode() {
        InboundRoute.handledByNode(this);
    }

    // --- the peer's handler queue --------------------------------------------------------------------

    /** Made on first use; the node thread and the transport thread may both come first. */
    private HandlerQueue handlers() {
        HandlerQueue q = handlers;
        if (q == null) {
            q = new HandlerQueue(owner.handlerPool());
            if (!HANDLERS.compareAndSet(this, null, q)) {
                q = handlers;
            }
        }
        return q;
    }

    /** Runs a handler task after the peer's earlier ones, on the handler pool. */
    void execute(Runnable task) {
        handlers().execute(task);
    }

    /** Transport thread: the sender's snapshot for the current read's deliveries. */
    PeerSnapshot batchSender() {
        return handlers().batchSender(this);
    }

    /** Transport thread: a delivery to be handed over with the rest of the read. */
    void addToBatch(Runnable delivery) {
        handlers().addToBatch(delivery);
    }

    /** Transport thread: the read's deliveries go to the handlers now. */
    void flushBatch() {
        HandlerQueue q = handlers;
        if (q != null) {
            q.flushBatch();
        }
    }

    // --- the session's output, handed to the node with this link -----------------------------------------

    @Override
    public void send(Message message) {
        owner.send(this, message);
    }

    @Override
    public void close(CloseReason reason) {
        owner.close(this, reason);
    }

    @Override
    public void handshakeCompleted(RemoteHello remote) {
        owner.handshakeCompleted(this, remote);
    }

    @Override
    public void received(Message message) {
        owner.received(this, message);
    }

    @Override
    public void misbehaved(int score, CloseReason reason) {
        owner.misbehaved(this, score, reason);
    }

    @Override
    public void pingRoundTrip(Duration rtt) {
        owner.pingRoundTrip(this, rtt);
    }
}
