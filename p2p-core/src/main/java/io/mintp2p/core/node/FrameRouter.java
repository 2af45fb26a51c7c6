package io.mintp2p.core.node;

import io.mintp2p.core.admission.PendingConnections;
import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.session.PeerSession;
import io.mintp2p.core.session.SessionShared;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.AppMessage;
import io.mintp2p.core.wire.DecodeException;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageCodec;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.Optional;

/**
 * The transport callbacks of every connection: decode on the transport's thread and route there.
 * An accepted peer's application messages go straight to its handlers ({@link InboundRoute}); an
 * inbound connection's Hello is answered here; everything else goes to the node thread
 * ({@link LinkPhases}) in order, handled at once when the transport's thread is the node's serial
 * context (a simulation) and nothing of the link waits there.
 *
 * <p>Thread: the transport's thread of each connection (its serial callbacks), except
 * {@link #forListener} and {@link #forDial}, which any thread may call. Nothing blocks.
 */
final class FrameRouter {
    private final LinkTable links;
    private final RunState run;
    private final MessageCodec codec;
    private final Scheduler scheduler;
    private final StatsCollector stats;
    private final SessionShared sessions;
    private final PendingConnections admission;
    private final LinkPhases phases;
    private final HandlerDispatch dispatch;
    private final LinkOwner linkOwner;

    FrameRouter(LinkTable links, RunState run, MessageCodec codec, Scheduler scheduler, StatsCollector stats,
                SessionShared sessions, PendingConnections admission, LinkPhases phases, HandlerDispatch dispatch,
                LinkOwner linkOwner) {
        this.links = links;
        this.run = run;
        this.codec = codec;
        this.scheduler = scheduler;
        this.stats = stats;
        this.sessions = sessions;
        this.admission = admission;
        this.phases = phases;
        this.dispatch = dispatch;
        this.linkOwner = linkOwner;
    }

    /** The handler of a listener's accepted connections: admission control first, before any work. */
    ConnectionHandler forListener() {
        return new InboundHandler();
    }

    /** The handler of one dial of {@code address}. */
    ConnectionHandler forDial(DialPurpose purpose, TransportAddress address) {
        return new LinkHandler(Optional.of(purpose), address);
    }

    private final class InboundHandler extends LinkHandler {
        InboundHandler() {
            super(Optional.empty(), null);
        }

        @Override
        public Optional<CloseReason> admit(Connection pending) {
            if (!run.isRunning()) {
                return Optional.of(LinkPhases.SHUTDOWN);
            }
            return admission.admit(pending);
        }

        /** Its pending slot would otherwise stay taken: only an opened connection's close releases one. */
        @Override
        public void onAdmittedButNeverOpened(Connection connection, CloseReason reason) {
            admission.release(connection.id());
        }
    }

    private class LinkHandler implements ConnectionHandler {
        private final Optional<DialPurpose> purpose;
        private final TransportAddress dialled;

        LinkHandler(Optional<DialPurpose> purpose, TransportAddress dialled) {
            this.purpose = purpose;
            this.dialled = dialled;
        }

        @Override
        public void onOpen(Connection connection) {
            Link link = new Link(linkOwner, connection,
                    connection.direction() == Direction.INBOUND ? connection.remote() : dialled, purpose);
            links.add(link);
            if (run.isRunning()) {
                startSession(link);
            }
            scheduler.execute(() -> phases.opened(connection));
        }

        @Override
        public void onFrame(Connection connection, ByteBuf payload) {
            route(connection, payload);
        }

        @Override
        public void onReadComplete(Connection connection) {
            flushBatch(connection);
        }

        @Override
        public void onClosed(Connection connection, CloseReason reason) {
            flushBatch(connection);
            scheduler.execute(() -> phases.closed(connection, reason));
        }
    }

    /**
     * The session starts on the transport thread, so a dial's Hello leaves at once and an inbound Hello
     * is answered here ({@link #answersHelloHere}). Through the node thread each took two thread
     * hand-overs before its first byte left: four of the seven hand-overs of a connect (connect.tcp,
     * BENCHMARKS.md). Once the handshake is over, only the node thread drives the session.
     */
    private void startSession(Link link) {
        link.startSession(new PeerSession(sessions, link.direction(), link.connection.remote().toPeerAddress()));
    }

    /**
     * An inbound connection's frames go to its session here, not through the node thread, while it
     * waits for the peer's Hello and nothing of the connection waits for the node thread (nothing is
     * overtaken). The Hello is checked and the HelloAck sent from here.
     */
    private static boolean answersHelloHere(Link link) {
        return link.session != null && link.nothingQueuedForNode() && link.awaitsHello();
    }

    private void route(Connection connection, ByteBuf payload) {
        int size = payload.readableBytes();
        Link link = links.linkOf(connection);
        Message message;
        try {
            message = codec.decode(payload);
        } catch (DecodeException e) {
            queueForNode(link, () -> phases.decodeFailed(connection, e));
            return;
        } finally {
            payload.release();
        }
        if (link == null) {
            LinkPhases.releaseBody(message);
            return;
        }
        link.acquire(size);
        if (answersHelloHere(link)) {
            stats.messageIn(message);
            try {
                link.handle(message);
            } finally {
                link.release(size);
                LinkPhases.releaseBody(message);
            }
            return;
        }
        if (message instanceof AppMessage<?> app && link.takesDirect()) {
            receivedDirect(link, app, size);
            return;
        }
        link.flushBatch();
        if (scheduler.inLoop() && link.isTakenOn() && link.nothingQueuedForNode()) {
            // Already on the node's serial context (one thread for transport and node, as in a
            // simulation) with nothing of this link waiting there: a hand-over would only add a task.
            phases.received(link, message, size);
            return;
        }
        queueForNode(link, () -> phases.received(link, message, size));
    }

    /** Runs the task on the node thread; until it has run, the link's later frames queue behind it. */
    private void queueForNode(Link link, Runnable task) {
        if (link == null) {
            scheduler.execute(task);
            return;
        }
        link.queuedForNode();
        scheduler.execute(() -> {
            try {
                task.run();
            } finally {
                link.handledByNode();
            }
        });
    }

    /**
     * An application message from an accepted peer, handed to its handlers without the node thread;
     * the node thread hears of the traffic in one coalesced notice (see {@link TrafficNotice}).
     */
    private void receivedDirect(Link link, AppMessage<?> app, int size) {
        stats.messageIn(app);
        long noticeIn = link.recordTraffic(app.type().countsAsUseful(), scheduler.clock().monotonicNanos());
        if (noticeIn == 0) {
            scheduler.execute(() -> phases.noteTraffic(link));
        } else if (noticeIn > 0) {
            scheduler.schedule(Duration.ofNanos(noticeIn), () -> phases.noteTraffic(link));
        }
        dispatch.deliver(link, app, size, link.readsInRuns);
    }

    /** The messages of the connection's current read go to its handlers now. */
    private void flushBatch(Connection connection) {
        Link link = links.linkOf(connection);
        if (link != null) {
            link.flushBatch();
        }
    }
}
