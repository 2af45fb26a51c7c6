package io.mintp2p.core.node;

import io.mintp2p.core.admission.AdmissionLimits;
import io.mintp2p.core.admission.PendingConnections;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.AddressBookEntry;
import io.mintp2p.core.peers.BanEntry;
import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.IdentityPin;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.peers.PeerManager;
import io.mintp2p.core.peers.PeerManagerActions;
import io.mintp2p.core.peers.Verdict;
import io.mintp2p.core.peers.manager.PeerManagers;
import io.mintp2p.core.session.PeerSession;
import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.session.SelfConnectionGuard;
import io.mintp2p.core.session.SessionContext;
import io.mintp2p.core.session.SessionSettings;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.time.TimerHeap;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.ConnectionHandler;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.Listener;
import io.mintp2p.core.transport.SendException;
import io.mintp2p.core.transport.SendFailure;
import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.TransportException;
import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.AddrListResponse;
import io.mintp2p.core.wire.AnnounceAddrRequest;
import io.mintp2p.core.wire.AppMessage;
import io.mintp2p.core.wire.DecodeException;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.Services;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node runtime: binds transports, codec, per-connection {@link PeerSession}s and the
 * {@link PeerManager} together. All protocol state lives on one serial {@link Scheduler}; transport
 * callbacks decode on the transport's thread and hand decoded messages to it.
 */
public final class DefaultP2pNode implements P2pNode {
    private static final Logger log = LoggerFactory.getLogger(DefaultP2pNode.class);
    static final CloseReason SHUTDOWN = CloseReason.of(DisconnectReason.SHUTDOWN);

    private final P2pConfig config;
    private final Map<String, Transport> transports;
    private final MessageCodec codec;
    private final Scheduler scheduler;
    /** What every session shares; its keepalive timers wait on one heap, one scheduler timer for all of them. */
    private final SessionContext sessions;
    private final SharedHellos hellos = new SharedHellos();
    /**
     * Bytes of the message being handled on the node thread whose read budget is still owed, or -1
     * once a handler task took it over. Node thread only, one message at a time: a field of the node,
     * not of each link.
     */
    private int unhandledBytes = -1;
    private final PeerManager peerManager;
    private final StatsCollector stats;
    private final PendingConnections admission;
    private final MessageHandlerExecutor handlerExecutor;
    private final EventLog events;

    /**
     * Every connection's link, from the transport's onOpen until the node forgets the connection (one
     * map for the transport thread's route and the node's record alike). Keyed by the connection
     * object itself (a transport hands the same one to every call): a boxed id per map and peer cost
     * 24 B each (BENCHMARKS.md, memory.idle_peer).
     */
    private final Map<Connection, Link> links = new ConcurrentHashMap<>();
    private final LinkOwner linkOwner = new NodeSide();
    private final ReadLimits readLimits;
    private final Map<PeerId, Link> accepted = new ConcurrentHashMap<>();
    /**
     * The other links the peer manager may address by id, so that it never has to be looked for
     * among every connection (a walk per address message, at 5 000 peers): served-then-dropped ones
     * until they close, and the one whose handshake it is judging (its verdict sends the first
     * address messages). Node thread only.
     */
    private final Map<PeerId, Link> serving = new HashMap<>();
    private Link inVerdict;
    /** Operator dials waiting for their outcome, by address without identity. */
    private final Map<TransportAddress, CompletableFuture<PeerSnapshot>> manualDials = new HashMap<>();
    private final List<Listener> listeners = new ArrayList<>();
    private volatile List<TransportAddress> boundAddresses = List.of();
    private final Map<MessageType<?>, List<MessageHandler<?>>> subscribers = new ConcurrentHashMap<>();
    private final List<Consumer<PeerEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private long nextPeerId = 1;
    private volatile boolean running;
    private volatile boolean stopped;
    private CompletableFuture<Void> stopFuture;
    /** The peer manager's last save at stop: {@link #stop()} completes after it too. */
    private CompletableFuture<Void> peerStateSaved = CompletableFuture.completedFuture(null);

    @Inject
    public DefaultP2pNode(P2pConfig config, Map<String, Transport> transports, MessageCodec codec,
                          Scheduler scheduler, RandomGenerator random, MessageHandlerExecutor handlerExecutor) {
        this.config = config;
        this.handlerExecutor = handlerExecutor;
        this.events = new EventLog(log, scheduler.clock());
        this.transports = Map.copyOf(transports);
        this.codec = codec;
        this.stats = new StatsCollector(codec.registry());
        this.scheduler = scheduler;
        this.readLimits = new ReadLimits(config.maxInFlightMessages(), config.maxInFlightBytes(), stats.readPauses);
        P2pConfig offered = withTransportServices(config, this.transports.keySet());
        this.sessions = new SessionContext(SessionSettings.from(offered, codec.registry().serviceBits()), scheduler,
                random, new SelfConnectionGuard(), new TimerHeap(scheduler));
        this.peerManager = PeerManagers.create(offered, defaultScheme(config), scheduler, random, new Actions());
        this.admission = new PendingConnections(
                AdmissionLimits.forTotal(config.maxPendingInbound(), config.maxPendingPerHost()),
                peerManager::isBanned, peerManager::isDiscouraged);
        for (TransportAddress a : config.listenAddresses()) {
            requireTransport(a);
        }
    }

    /** A node that can dial onion services says so, and is then sent onion addresses (docs/WIRE-ONION.md). */
    private static P2pConfig withTransportServices(P2pConfig config, Set<String> schemes) {
        if (!schemes.contains(TransportAddress.ONION_SCHEME)) {
            return config;
        }
        return config.toBuilder().services(config.services() | Services.ONION_ADDRESSES).build();
    }

    private static String defaultScheme(P2pConfig config) {
        if (!config.listenAddresses().isEmpty()) {
            return config.listenAddresses().get(0).scheme();
        }
        if (!config.bootNodes().isEmpty()) {
            return config.bootNodes().get(0).scheme();
        }
        return "tcp";
    }

    private Transport requireTransport(TransportAddress address) {
        Transport t = transports.get(address.scheme());
        if (t == null) {
            throw new IllegalArgumentException("no transport for scheme '" + address.scheme() + "' (have "
                    + transports.keySet() + ") in address " + address);
        }
        return t;
    }

    @Override
    public P2pConfig config() {
        return config;
    }

    @Override
    public NodeStats stats() {
        return stats.snapshot(admission.refusals(), admission.evictions(), admission.size(), links.size(),
                peerManager.stats());
    }

    // --- life cycle ------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> start() {
        CompletableFuture<Void> started = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (running || stopped) {
                started.completeExceptionally(new IllegalStateException("node already started or stopped"));
                return;
            }
            running = true;
            List<CompletableFuture<Listener>> binds = new ArrayList<>();
            for (TransportAddress address : config.listenAddresses()) {
                binds.add(requireTransport(address).listen(address, new InboundHandler()));
            }
            CompletableFuture.allOf(binds.toArray(CompletableFuture[]::new)).whenComplete((ok, error) ->
                    scheduler.execute(() -> {
                        if (error != null) {
                            binds.stream().filter(f -> !f.isCompletedExceptionally()).forEach(f -> f.thenAccept(Listener::close));
                            running = false;
                            started.completeExceptionally(error instanceof java.util.concurrent.CompletionException
                                    && error.getCause() != null ? error.getCause() : error);
                            return;
                        }
                        List<TransportAddress> bound = new ArrayList<>();
                        for (CompletableFuture<Listener> f : binds) {
                            Listener l = f.join();
                            listeners.add(l);
                            bound.add(l.localAddress());
                            log.info("listening on {}", l.localAddress());
                        }
                        boundAddresses = List.copyOf(bound);
                        peerManager.onListening(boundAddresses);
                        peerManager.start();
                        started.complete(null);
                    }));
        });
        return started;
    }

    @Override
    public synchronized CompletableFuture<Void> stop() {
        if (stopFuture != null) {
            return stopFuture;
        }
        stopFuture = new CompletableFuture<>();
        stopped = true;
        scheduler.execute(() -> {
            running = false;
            listeners.forEach(Listener::close);
            listeners.clear();
            for (Link link : new ArrayList<>(links.values())) {
                if (link.isTakenOn()) { // the others are refused when the node thread comes to them
                    link.session.disconnect(SHUTDOWN);
                }
            }
            peerStateSaved = peerManager.stop();
            awaitLinksClosed(scheduler.clock().monotonicMillis() + config.disconnectTimeout().toMillis());
        });
        return stopFuture;
    }

    /** Completes {@link #stop()} once every connection reported closed, or at the deadline. */
    private void awaitLinksClosed(long deadlineMillis) {
        if (links.isEmpty() || scheduler.clock().monotonicMillis() >= deadlineMillis) {
            for (Link link : new ArrayList<>(links.values())) {
                link.connection.close(SHUTDOWN);
            }
            transports.values().forEach(Transport::close);
            handlerExecutor.shutdownIfOwned();
            manualDials.values().forEach(f -> f.completeExceptionally(new IllegalStateException("node stopped")));
            manualDials.clear();
            peerStateSaved.whenComplete((saved, error) -> stopFuture.complete(null));
            return;
        }
        scheduler.schedule(Duration.ofMillis(20), () -> awaitLinksClosed(deadlineMillis));
    }

    @Override
    public List<TransportAddress> listenAddresses() {
        return boundAddresses;
    }

    // --- connections -----------------------------------------------------------------------------------

    /** Accepted connections of our listeners: admission control first, before any work. */
    private final class InboundHandler extends LinkHandler {
        InboundHandler() {
            super(Optional.empty(), null);
        }

        @Override
        public Optional<CloseReason> admit(Connection pending) {
            if (!running) {
                return Optional.of(SHUTDOWN);
            }
            return admission.admit(pending);
        }
    }

    /**
     * Transport callbacks of one connection (or of a listener's connections). Runs on the transport's
     * thread: decodes there, hands everything else to the node scheduler in order.
     */
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
            links.put(connection, link);
            connection.attach(link);
            if (running) {
                startSession(link);
            }
            scheduler.execute(() -> opened(connection));
        }

        /**
         * Transport thread: the session starts here, so a dial's Hello leaves at once and an inbound
         * Hello is answered here ({@link #answersHelloHere}). Through the node thread each took two
         * thread hand-overs (to the node thread, back to the I/O thread) before its first byte left:
         * four of the seven hand-overs of a connect (connect.tcp, BENCHMARKS.md). What the session then
         * asks of the node (the handshake's outcome, a misbehaviour) goes to the node thread
         * ({@link NodeSide}); once the handshake is over, only the node thread drives the session.
         */
        private void startSession(Link link) {
            PeerSession session = new PeerSession(sessions, link.direction(),
                    link.connection.remote().toPeerAddress(), link);
            link.startedSession(session);
            session.start();
        }

        /**
         * Transport thread: an inbound connection's frames go to its session here, not through the
         * node thread, while it waits for the peer's Hello and nothing of the connection waits for the
         * node thread (nothing is overtaken). The Hello is checked and the HelloAck sent from here.
         */
        private boolean answersHelloHere(Link link) {
            return link.session != null && link.nothingQueuedForNode() && link.session.awaitsHello();
        }

        @Override
        public void onFrame(Connection connection, ByteBuf payload) {
            int size = payload.readableBytes();
            Link link = linkOf(connection);
            Message message;
            try {
                message = codec.decode(payload);
            } catch (DecodeException e) {
                scheduler.execute(() -> decodeFailed(connection, e));
                return;
            } finally {
                payload.release();
            }
            if (link == null) {
                releaseBody(message);
                return;
            }
            link.acquire(size);
            if (answersHelloHere(link)) {
                stats.messageIn(message);
                try {
                    link.session.onMessage(message);
                } finally {
                    link.release(size);
                    releaseBody(message);
                }
                return;
            }
            if (message instanceof AppMessage<?> app && link.takesDirect()) {
                receivedDirect(link, app, size);
                return;
            }
            link.flushBatch();
            link.queuedForNode();
            scheduler.execute(() -> {
                try {
                    received(link, message, size);
                } finally {
                    link.handledByNode();
                }
            });
        }

        @Override
        public void onReadComplete(Connection connection) {
            flushBatch(connection);
        }

        @Override
        public void onClosed(Connection connection, CloseReason reason) {
            flushBatch(connection);
            scheduler.execute(() -> closed(connection, reason));
        }

        /** Transport thread: the messages of the connection's current read go to its handlers now. */
        private void flushBatch(Connection connection) {
            Link link = linkOf(connection);
            if (link != null) {
                link.flushBatch();
            }
        }
    }

    /** The node takes on a connection whose session started on its transport thread (onOpen). */
    private void opened(Connection connection) {
        Link link = links.get(connection);
        if (!running || link == null || link.session == null) {
            // Forgotten at once: whatever still comes from the connection goes nowhere.
            forget(connection);
            if (link != null) {
                link.phase = Link.Phase.CLOSED;
            }
            if (link != null && link.session != null) {
                link.session.onTransportClosed();
            }
            connection.close(SHUTDOWN);
            return;
        }
        link.open(new PeerId(nextPeerId++));
        if (connection.direction() == Direction.OUTBOUND) {
            stats.dial(true);
        }
    }

    /**
     * A decoded message, on the node thread. Its read budget is given back once it is handled: here
     * for control messages, by the handler task for application messages (see {@link #deliver}).
     */
    private void received(Link link, Message message, int size) {
        if (link.phase == Link.Phase.CLOSED) {
            // Forgotten (closed, or refused at shutdown): the node is done with it.
            link.release(size);
            releaseBody(message);
            return;
        }
        stats.messageIn(message);
        unhandledBytes = size;
        try {
            link.session.onMessage(message);
        } finally {
            if (unhandledBytes >= 0) {
                // Not handed to handlers (not a peer yet, or a control message): done with it here.
                link.release(unhandledBytes);
                releaseBody(message);
            }
            unhandledBytes = -1;
        }
    }

    /** A received message nobody will handle: a body that holds part of the frame goes back. */
    private static void releaseBody(Message message) {
        if (message instanceof AppMessage<?> app) {
            app.releaseBody();
        }
    }

    /**
     * Transport thread: an application message from an accepted peer, handed to its handlers without
     * the node thread (see {@link InboundRoute}); the node thread hears of the traffic in one coalesced
     * notice (see {@link TrafficNotice}).
     */
    private void receivedDirect(Link link, AppMessage<?> app, int size) {
        stats.messageIn(app);
        long noticeIn = link.recordTraffic(app.type().countsAsUseful(), scheduler.clock().monotonicNanos());
        if (noticeIn == 0) {
            scheduler.execute(() -> noteTraffic(link));
        } else if (noticeIn > 0) {
            scheduler.schedule(Duration.ofNanos(noticeIn), () -> noteTraffic(link));
        }
        deliver(link, app, size, link.connection.signalsReadComplete());
    }

    /** Node thread: messages came without passing here; the session is not idle, the peer may be useful. */
    private void noteTraffic(Link link) {
        boolean useful = link.takeTrafficNotice(scheduler.clock().monotonicNanos());
        link.session.noteTraffic();
        if (useful && link.phase == Link.Phase.ACCEPTED) {
            peerManager.onUsefulMessage(link.id);
        }
    }

    /**
     * The connection's link: attached to the connection where its transport keeps one (no lookup
     * per frame), else from {@link #links}; null once forgotten.
     */
    private Link linkOf(Connection connection) {
        return connection.attachment() instanceof Link link ? link : links.get(connection);
    }

    /** The node is done with the connection: its frames go nowhere from now on. */
    private Link forget(Connection connection) {
        connection.attach(null);
        return links.remove(connection);
    }

    private void decodeFailed(Connection connection, DecodeException e) {
        Link link = links.get(connection);
        if (link == null || !link.isTakenOn()) {
            return;
        }
        CloseReason reason = CloseReason.of(DisconnectReason.DECODE_ERROR, e.getMessage());
        reportMisbehaviour(link, e.banScore(), reason);
        link.session.disconnect(reason);
    }

    private void closed(Connection connection, CloseReason closeReason) {
        admission.release(connection.id());
        Link link = forget(connection);
        if (link == null || !link.isTakenOn()) {
            // Refused before a link existed (shutting down): nothing to undo.
            return;
        }
        link.session.onTransportClosed();
        if (closeReason.banScore() > 0) {
            reportMisbehaviour(link, closeReason.banScore(), closeReason);
        }
        CloseReason reason = link.localCloseReason != null ? link.localCloseReason : closeReason;
        Link.Phase phase = link.phase;
        link.phase = Link.Phase.CLOSED;
        switch (phase) {
            case HANDSHAKING -> handshakeFailed(link, reason);
            case ACCEPTED -> {
                accepted.remove(link.id);
                link.closeDirect();
                stats.disconnected(reason.code());
                peerManager.onPeerDisconnected(link.id, reason);
                events.info("disconnected", "{} {} {} disconnected: {}", link.id,
                        link.direction().name().toLowerCase(), link.address, reason);
                publish(new PeerEvent.Disconnected(link.id, link.snapshot(), reason));
            }
            case SERVING -> {
                serving.remove(link.id);
                peerManager.onPeerDisconnected(link.id, reason);
            }
            case REJECTED -> {
                stats.handshakeFailed(reason.code());
                failManualDial(link, reason);
                publish(new PeerEvent.HandshakeFailed(link.id, link.address.toString(), reason));
            }
            case CLOSED -> throw new IllegalStateException(link.id + " closed twice");
        }
    }

    private void handshakeFailed(Link link, CloseReason reason) {
        if (link.direction() == Direction.OUTBOUND) {
            CloseReason why = link.session.wasSelfConnection() ? CloseReason.of(DisconnectReason.SELF_CONNECTION) : reason;
            peerManager.onOutboundFailed(link.address, link.purpose.orElse(DialPurpose.MANUAL), why);
            failManualDial(link, why);
            reason = why;
        }
        stats.handshakeFailed(reason.code());
        log.debug("{} {} handshake failed: {}", link.id, link.address, reason);
        publish(new PeerEvent.HandshakeFailed(link.id, link.address.toString(), reason));
    }

    private void failManualDial(Link link, CloseReason reason) {
        if (link.purpose.orElse(null) == DialPurpose.MANUAL) {
            CompletableFuture<PeerSnapshot> f = manualDials.remove(link.address.withoutIdentity());
            if (f != null) {
                f.completeExceptionally(new IllegalStateException("connection to " + link.address + " failed: " + reason));
            }
        }
    }

    private void reportMisbehaviour(Link link, int score, CloseReason reason) {
        if (link.direction() == Direction.OUTBOUND && link.phase == Link.Phase.HANDSHAKING) {
            // Whatever answered a dial of ours before the handshake is not a peer: the address may be
            // stale or planted in our book (anything at all listens there, a web server, a proxy that
            // answers every address). Discouraging its IP would refuse an honest node that connects
            // from it; the dial fails with this reason and the address backs off instead.
            return;
        }
        Optional<PeerId> peer = link.phase == Link.Phase.ACCEPTED || link.phase == Link.Phase.SERVING
                ? Optional.of(link.id) : Optional.empty();
        link.connection.remote().ipLiteral().ifPresent(ip -> peerManager.onMisbehaviour(peer, ip, score, reason));
        publish(new PeerEvent.Misbehaved(link.id, link.address.toString(), score, reason));
    }

    /** What the links ask of the node: their sessions' output, and what all of them share. */
    private final class NodeSide implements LinkOwner {
        @Override
        public Executor handlerPool() {
            return handlerExecutor.executor();
        }

        @Override
        public ReadLimits readLimits() {
            return readLimits;
        }

        @Override
        public void send(Link link, Message message) {
            sendOn(link, message);
        }

        @Override
        public void close(Link link, CloseReason reason) {
            link.localCloseReason = reason;
            link.connection.close(reason);
        }

        @Override
        public void handshakeCompleted(Link link, RemoteHello remote) {
            if (!onNodeThread(link, () -> handshakeCompleted(link, remote))) {
                return;
            }
            // The peer manager hears the receiver address now; the link keeps the rest for the peer's life,
            // shared with the peers that sent the same.
            link.remote = hellos.share(remote.withoutReceiverAddress());
            link.connectedSinceMillis = scheduler.clock().wallMillis();
            stats.handshakeOk();
            Verdict verdict;
            inVerdict = link;
            try {
                verdict = peerManager.onHandshakeCompleted(new HandshakeResult(link.id, link.address,
                        link.direction(), link.purpose, link.connection.identity(), remote.commonVersion(),
                        remote.services(), remote.userAgent(), remote.softwareVersion(), remote.receiverAddress()));
            } finally {
                inVerdict = null;
            }
            switch (verdict.kind()) {
                case ACCEPT -> accept(link);
                case REJECT -> {
                    link.phase = Link.Phase.REJECTED;
                    events.info("refused", "{} {} refused after handshake: {}", link.id, link.address,
                            verdict.closeReason());
                    link.session.disconnect(verdict.closeReason());
                }
                case SERVE_ADDRESSES_THEN_DISCONNECT -> {
                    // Keeps its pending slot until it is gone: served peers are not free either.
                    link.phase = Link.Phase.SERVING;
                    serving.put(link.id, link);
                    link.servingReason = verdict.closeReason();
                    scheduler.schedule(config.handshakeTimeout(), () -> link.session.disconnect(verdict.closeReason()));
                }
            }
        }

        @Override
        public void received(Link link, Message message) {
            if (message instanceof AddrListRequest || message instanceof AddrListResponse
                    || message instanceof AnnounceAddrRequest) {
                if (link.phase == Link.Phase.ACCEPTED || link.phase == Link.Phase.SERVING) {
                    peerManager.onMessage(link.id, message);
                }
            } else if (message instanceof AppMessage<?> app && link.phase == Link.Phase.ACCEPTED) {
                if (app.type().countsAsUseful()) {
                    peerManager.onUsefulMessage(link.id);
                }
                int size = Math.max(0, unhandledBytes);
                unhandledBytes = -1;
                deliver(link, app, size);
            }
        }

        @Override
        public void misbehaved(Link link, int score, CloseReason reason) {
            if (onNodeThread(link, () -> misbehaved(link, score, reason))) {
                reportMisbehaviour(link, score, reason);
            }
        }

        /**
         * True on the node thread once it has taken the link on; else {@code task} is queued for it and
         * false returned: an inbound session answers the Hello on its transport thread, but the peer
         * manager lives on the node thread. Queued behind the task that takes the link on, and before
         * any later frame of the connection.
         */
        private boolean onNodeThread(Link link, Runnable task) {
            if (scheduler.inLoop() && link.isTakenOn()) {
                return true;
            }
            scheduler.execute(task);
            return false;
        }

        @Override
        public void pingRoundTrip(Link link, Duration rtt) {
            link.lastRttNanos = rtt.toNanos();
            if (link.phase == Link.Phase.ACCEPTED) {
                peerManager.onPingRoundTrip(link.id, rtt);
            }
        }
    }

    private void accept(Link link) {
        link.phase = Link.Phase.ACCEPTED;
        accepted.put(link.id, link);
        link.openDirect();
        admission.release(link.connection.id());
        link.connection.handshakeCompleted();
        link.grantFullBudget();
        PeerSnapshot snapshot = link.snapshot();
        events.info("connected", "{} {} {} connected ({} v{} services {})", link.id, link.direction().name().toLowerCase(),
                link.address, link.remote.userAgent(), link.remote.commonVersion(), link.remote.services());
        if (link.purpose.orElse(null) == DialPurpose.MANUAL) {
            CompletableFuture<PeerSnapshot> f = manualDials.remove(link.address.withoutIdentity());
            if (f != null) {
                f.complete(snapshot);
            }
        }
        publish(new PeerEvent.Connected(link.id, snapshot));
    }

    private CompletableFuture<Void> sendOn(Link link, Message message) {
        ByteBuf payload;
        try {
            payload = codec.encode(message, ByteBufAllocator.DEFAULT);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sendEncoded(link, message, payload);
    }

    /** Sends {@code message}, already encoded as {@code payload} (whose ownership passes to the transport). */
    private CompletableFuture<Void> sendEncoded(Link link, Message message, ByteBuf payload) {
        stats.messageOut(message);
        CompletableFuture<Void> sent = link.connection.send(payload);
        if (sent.isCompletedExceptionally()) {
            sendRefused(link, message, sent);
        }
        if (message instanceof AddrListResponse && link.phase == Link.Phase.SERVING) {
            // A full node helped a newcomer: now it lets it go.
            link.session.disconnect(link.servingReason);
        }
        return sent;
    }

    /**
     * A send the transport refused at once. A full queue means the peer does not read: an application
     * message is simply not sent (the caller's future says why), but a control message we owe the
     * peer (a pong, an address answer) cannot be dropped, so such a peer is let go.
     */
    private void sendRefused(Link link, Message message, CompletableFuture<Void> sent) {
        sent.exceptionally(e -> {
            if (e instanceof SendException refused && refused.failure() == SendFailure.QUEUE_FULL) {
                stats.sendRefused();
                if (!(message instanceof AppMessage<?>)) {
                    scheduler.execute(() -> link.session.disconnect(CloseReason.of(DisconnectReason.SLOW_READER)));
                }
            }
            return null;
        });
    }

    /**
     * Hands an application message to its handlers on the peer's serial executor, off the node
     * thread; the message's read budget comes back when they are done.
     */
    @SuppressWarnings("unchecked")
    private <T> void deliver(Link link, AppMessage<T> app, int size) {
        deliver(link, app, size, false);
    }

    /** @param batched on the transport thread of a connection that signals read completion: hand over with the read */
    private <T> void deliver(Link link, AppMessage<T> app, int size, boolean batched) {
        List<MessageHandler<?>> handlers = subscribers.get(app.type());
        if (handlers == null || handlers.isEmpty()) {
            link.release(size);
            app.releaseBody();
            return;
        }
        PeerSnapshot from = batched ? link.batchSender() : link.snapshot();
        Runnable delivery = () -> {
            try {
                for (MessageHandler<?> h : handlers) {
                    try {
                        ((MessageHandler<T>) h).onMessage(from, app.body());
                    } catch (RuntimeException e) {
                        events.info("handler-failed", "handler for {} failed on a message from {}: {}", app.type(),
                                from.id(), e.toString());
                    }
                }
            } finally {
                link.release(size);
                app.releaseBody();
            }
        };
        if (batched) {
            link.addToBatch(delivery);
        } else {
            link.execute(delivery);
        }
    }

    private void publish(PeerEvent event) {
        for (Consumer<PeerEvent> l : eventListeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.warn("peer event listener failed on {}", event, e);
            }
        }
    }

    /** The peer manager's hands. */
    private final class Actions implements PeerManagerActions {
        @Override
        public void dial(TransportAddress address, DialPurpose purpose) {
            Transport transport = transports.get(address.scheme());
            if (transport == null) {
                scheduler.execute(() -> peerManager.onOutboundFailed(address, purpose,
                        CloseReason.of(DisconnectReason.NO_TRANSPORT, address.scheme())));
                return;
            }
            transport.dial(address, new LinkHandler(Optional.of(purpose), address)).whenComplete((c, error) -> {
                if (error != null) {
                    scheduler.execute(() -> {
                        stats.dial(false);
                        peerManager.onOutboundFailed(address, purpose, dialFailure(error));
                        if (purpose == DialPurpose.MANUAL) {
                            CompletableFuture<PeerSnapshot> f = manualDials.remove(address.withoutIdentity());
                            if (f != null) {
                                f.completeExceptionally(error);
                            }
                        }
                    });
                }
            });
        }

        @Override
        public void disconnect(PeerId peer, CloseReason reason) {
            // A peer being let go is no longer counted or shown, even before its close completes.
            Link link = accepted.remove(peer);
            if (link != null) {
                link.closeDirect();
            } else {
                link = notAcceptedYet(peer);
            }
            if (link != null) {
                link.session.disconnect(reason);
            }
        }

        @Override
        public void send(PeerId peer, Message message) {
            Link link = accepted.get(peer);
            if (link == null) {
                link = notAcceptedYet(peer);
            }
            if (link != null && link.session.isEstablished()) {
                sendOn(link, message);
            }
        }

        /** A served-then-dropped peer, or the one being judged; null for any other id (gone, or never a peer). */
        private Link notAcceptedYet(PeerId peer) {
            if (inVerdict != null && peer.equals(inVerdict.id)) {
                return inVerdict;
            }
            return serving.get(peer);
        }
    }

    // --- public API ------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<PeerSnapshot> connect(TransportAddress address) {
        CompletableFuture<PeerSnapshot> result = new CompletableFuture<>();
        try {
            requireTransport(address);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        scheduler.execute(() -> {
            if (!running) {
                result.completeExceptionally(new IllegalStateException("node is not running"));
                return;
            }
            manualDials.put(address.withoutIdentity(), result); // the peer manager may add a pinned identity
            peerManager.connectManually(address);
        });
        return result;
    }

    /** The typed reason of a failed dial. */
    private static CloseReason dialFailure(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof TransportException t) {
            return t.reason();
        }
        return CloseReason.of(DisconnectReason.CONNECT_FAILED, String.valueOf(cause.getMessage()));
    }

    @Override
    public void disconnect(PeerId peer, String detail) {
        scheduler.execute(() -> new Actions().disconnect(peer, CloseReason.of(DisconnectReason.MANUAL, detail)));
    }

    @Override
    public List<PeerSnapshot> peers() {
        List<PeerSnapshot> out = new ArrayList<>();
        for (Link link : accepted.values()) {
            out.add(link.snapshot());
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    @Override
    public List<AddressBookEntry> addresses() {
        return onLoop(peerManager::addresses);
    }

    /**
     * Straight from the caller's thread to the connection, whose transport hands it to its I/O thread:
     * the node thread has nothing to decide for an application message to an accepted peer (its
     * HelloAck went out before it was accepted, so nothing overtakes it), and a hop through it per
     * message cost more than the rest of the path (BENCHMARKS.md).
     */
    @Override
    public <T> CompletableFuture<Void> send(PeerId peer, MessageType<T> type, T message) {
        Link link = accepted.get(peer);
        SendResult refused = refusal(link, type);
        if (refused == null) {
            return sendOn(link, type.message(message));
        }
        return CompletableFuture.failedFuture(switch (refused) {
            case NOT_CONNECTED -> new IllegalStateException(peer + " is not connected");
            case SERVICE_NOT_OFFERED -> new IllegalStateException(peer + " does not offer the service of "
                    + type.name() + " (bit " + Long.numberOfTrailingZeros(type.serviceBit()) + ")");
            default -> new SendException(SendFailure.QUEUE_FULL,
                    peer + " does not read fast enough: its queue is above the high-water mark");
        });
    }

    /**
     * Why an application message of {@code type} cannot go to {@code link} now (not accepted, service
     * not offered, queue above its high-water mark), or null if it can: what send and trySend check alike.
     */
    private SendResult refusal(Link link, MessageType<?> type) {
        if (link == null) {
            return SendResult.NOT_CONNECTED;
        }
        if ((link.remote.services() & type.serviceBit()) == 0) {
            return SendResult.SERVICE_NOT_OFFERED;
        }
        if (!link.connection.isWritable()) {
            stats.sendRefused();
            return SendResult.QUEUE_FULL;
        }
        return null;
    }

    /** As {@link #send}, with the outcome as a value instead of a future per message. */
    @Override
    public <T> SendResult trySend(PeerId peer, MessageType<T> type, T message) {
        Link link = accepted.get(peer);
        SendResult refused = refusal(link, type);
        if (refused == SendResult.SERVICE_NOT_OFFERED) {
            requireRegistered(type);
        }
        if (refused != null) {
            return refused;
        }
        Message m = type.message(message);
        ByteBuf payload;
        try {
            payload = codec.encode(m, ByteBufAllocator.DEFAULT);
        } catch (IllegalArgumentException e) {
            requireRegistered(type);
            return SendResult.TOO_LARGE;
        }
        return enqueue(link, m, payload);
    }

    /** An application message, encoded as {@code payload} (whose ownership passes to the transport), without a future. */
    private SendResult enqueue(Link link, Message m, ByteBuf payload) {
        stats.messageOut(m);
        Optional<SendFailure> refused = link.connection.enqueue(payload);
        if (refused.isEmpty()) {
            return SendResult.QUEUED;
        }
        return switch (refused.get()) {
            case QUEUE_FULL -> {
                stats.sendRefused();
                yield SendResult.QUEUE_FULL;
            }
            case TOO_LARGE -> SendResult.TOO_LARGE;
            case CLOSED -> SendResult.CLOSED;
        };
    }

    /** A caller's mistake, not a peer's state (sends check it only once they failed, off the hot path). */
    private void requireRegistered(MessageType<?> type) {
        if (!codec.registry().contains(type)) {
            throw new IllegalArgumentException("message type " + type + " is not registered with this node");
        }
    }

    @Override
    public CompletableFuture<Void> whenWritable(PeerId peer) {
        Link link = accepted.get(peer);
        return link == null ? CompletableFuture.completedFuture(null) : link.connection.whenWritable();
    }

    /** Encoded once on the caller's thread and shared: every peer's queue holds a view of the same bytes, queued without a future each. */
    @Override
    public <T> CompletableFuture<Integer> broadcast(MessageType<T> type, T message, PeerId... exclude) {
        List<PeerId> excluded = Arrays.asList(exclude);
        Message m = type.message(message);
        ByteBuf encoded;
        try {
            encoded = codec.encode(m, ByteBufAllocator.DEFAULT);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        int count = 0;
        try {
            for (Link link : accepted.values()) {
                if (!excluded.contains(link.id) && (link.remote.services() & type.serviceBit()) != 0
                        && link.connection.isWritable() && enqueue(link, m, encoded.retainedDuplicate()).isQueued()) {
                    count++;
                }
            }
        } finally {
            encoded.release();
        }
        return CompletableFuture.completedFuture(count);
    }

    @Override
    public <T> Subscription subscribe(MessageType<T> type, MessageHandler<T> handler) {
        requireRegistered(type);
        List<MessageHandler<?>> list = subscribers.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>());
        list.add(handler);
        return () -> list.remove(handler);
    }

    @Override
    public Subscription onPeerEvent(Consumer<PeerEvent> listener) {
        eventListeners.add(listener);
        return () -> eventListeners.remove(listener);
    }

    @Override
    public CompletableFuture<Void> ban(InetAddress address, Duration duration, String reason) {
        return CompletableFuture.supplyAsync(() -> peerManager.ban(address, duration, reason), scheduler).thenCompose(f -> f);
    }

    @Override
    public CompletableFuture<Void> unban(InetAddress address) {
        return CompletableFuture.supplyAsync(() -> peerManager.unban(address), scheduler).thenCompose(f -> f);
    }

    @Override
    public List<BanEntry> bans() {
        return onLoop(peerManager::bans);
    }

    @Override
    public List<IdentityPin> identityPins() {
        return onLoop(peerManager::pins);
    }

    @Override
    public CompletableFuture<Boolean> unpin(TransportAddress address) {
        return CompletableFuture.supplyAsync(() -> peerManager.unpin(address), scheduler).thenCompose(f -> f);
    }

    /** Reads loop-owned state: directly when already on the loop, else by handing over and waiting. */
    private <T> T onLoop(Supplier<T> query) {
        if (scheduler.inLoop()) {
            return query.get();
        }
        try {
            return CompletableFuture.supplyAsync(query, scheduler).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("node did not answer: " + e, e);
        }
    }
}
