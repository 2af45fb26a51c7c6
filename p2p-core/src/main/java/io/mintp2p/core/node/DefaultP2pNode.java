package io.mintp2p.core.node;

import io.mintp2p.core.admission.AdmissionLimits;
import io.mintp2p.core.admission.PendingConnections;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.AddressBookEntry;
import io.mintp2p.core.peers.BanEntry;
import io.mintp2p.core.peers.IdentityPin;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.peers.PeerManager;
import io.mintp2p.core.peers.manager.PeerManagers;
import io.mintp2p.core.session.SelfConnectionGuard;
import io.mintp2p.core.session.SessionContext;
import io.mintp2p.core.session.SessionDriver;
import io.mintp2p.core.session.SessionSettings;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.time.TimerHeap;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.Transport;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageType;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.LoggerFactory;

/**
 * The node runtime: a facade that wires the parts and answers the {@link P2pNode} API. The parts, each
 * with one job and its thread said in its class comment: {@link FrameRouter} (transport threads:
 * decode and route), {@link LinkPhases} and {@link HandshakeVerdicts} (node thread: the life of a link),
 * {@link SessionRequests} (what sessions ask), {@link OutboundSender} (caller's thread: sending),
 * {@link HandlerDispatch} (to the handler pool), {@link PeerEventBus}, {@link ManualDials},
 * {@link PeerManagerBridge}, {@link NodeLifecycle}, over the {@link LinkTable}.
 */
public final class DefaultP2pNode implements P2pNode {
    private final P2pConfig config;
    private final NodeTransports transports;
    private final Scheduler scheduler;
    private final PeerManager peerManager;
    private final StatsCollector stats;
    private final PendingConnections admission;
    private final LinkTable links = new LinkTable();
    private final PeerEventBus events = new PeerEventBus();
    private final ManualDials manualDials = new ManualDials(links);
    private final HandlerDispatch dispatch;
    private final OutboundSender sender;
    private final PeerManagerBridge bridge;
    private final NodeLifecycle lifecycle;
    private final RunState run = new RunState();
    private final LinkPhases phases;
    private final ProtocolRuntime protocols;

    /**
     * A node without protocols (their types may still be registered as plain message types). Caller's thread; does not block (nothing starts before {@link #start()}).
     *
     * @param config          the node's configuration
     * @param transports      the transports by scheme
     * @param codec           the message codec, with the registered application types
     * @param scheduler       the node thread: runs the peer state and the timers
     * @param random          the node's randomness (nonces, address choice)
     * @param handlerExecutor runs the message handlers
     */
    public DefaultP2pNode(P2pConfig config, Map<String, Transport> transports, MessageCodec codec,
                          Scheduler scheduler, RandomGenerator random, MessageHandlerExecutor handlerExecutor) {
        this(config, transports, codec, scheduler, random, handlerExecutor, ProtocolSet.EMPTY);
    }

    /** Guice's: with the protocols {@link P2pModule#withProtocols} registered. */
    @Inject
    DefaultP2pNode(P2pConfig config, Map<String, Transport> transports, MessageCodec codec, Scheduler scheduler,
                   RandomGenerator random, MessageHandlerExecutor handlerExecutor, ProtocolSet protocolSet) {
        this.config = config;
        this.transports = new NodeTransports(transports);
        this.scheduler = scheduler;
        this.stats = new StatsCollector(codec.registry());
        EventLog eventLog = new EventLog(LoggerFactory.getLogger(DefaultP2pNode.class), scheduler.clock());
        this.sender = new OutboundSender(links, codec, stats, scheduler);
        this.protocols = new ProtocolRuntime(protocolSet, links, sender, scheduler, run);
        this.dispatch = new HandlerDispatch(eventLog, protocols);
        this.bridge = new PeerManagerBridge(this.transports.byScheme(), scheduler, links, sender, manualDials, stats);
        P2pConfig offered = this.transports.withTheirServices(config);
        this.peerManager = PeerManagers.create(offered, NodeTransports.defaultScheme(config), scheduler, random, bridge);
        this.admission = new PendingConnections(
                AdmissionLimits.forTotal(config.maxPendingInbound(), config.maxPendingPerHost()),
                peerManager::isBanned, peerManager::isDiscouraged);
        SessionContext sessions = new SessionContext(SessionSettings.from(offered, codec.registry().services().bits()),
                scheduler, random, new SelfConnectionGuard(), new TimerHeap(scheduler));
        LinkPhases phases = this.phases = new LinkPhases(links, run, peerManager, admission, stats, eventLog, events, manualDials,
                dispatch, scheduler.clock());
        HandshakeVerdicts verdicts = new HandshakeVerdicts(links, peerManager, admission, stats, eventLog, events,
                manualDials, scheduler, config.handshakeTimeout(), protocols.isEmpty() ? null : protocols);
        ReadLimits readLimits = new ReadLimits(config.maxInFlightMessages(), config.maxInFlightBytes(), stats.readPauses);
        SessionDriver sessionDriver = new SessionDriver(sessions);
        SessionRequests requests = new SessionRequests(sessionDriver, handlerExecutor.executor(), new ReadBudget(readLimits), sender, verdicts, phases,
                peerManager, scheduler);
        FrameRouter router = new FrameRouter(links, run, codec, scheduler, stats, sessions.shared(), admission, phases,
                dispatch, requests);
        bridge.bind(peerManager, router);
        this.lifecycle = new NodeLifecycle(run, scheduler, config.listenAddresses(), this.transports::require,
                this.transports.all(), router, links, peerManager, handlerExecutor, manualDials,
                config.disconnectTimeout());
        config.listenAddresses().forEach(this.transports::require);
    }

    /** Guice, once, before the node is handed out: the event loop {@link P2pModule} made for this node. */
    @Inject
    void ownedScheduler(OwnedScheduler owned) {
        lifecycle.closeAfterStop(owned);
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

    @Override
    public CompletableFuture<Void> start() {
        return lifecycle.start();
    }

    @Override
    public CompletableFuture<Void> stop() {
        protocols.stop();
        return lifecycle.stop();
    }

    @Override
    public List<TransportAddress> listenAddresses() {
        return lifecycle.boundAddresses();
    }

    @Override
    public CompletableFuture<PeerSnapshot> connect(TransportAddress address) {
        CompletableFuture<PeerSnapshot> result = new CompletableFuture<>();
        try {
            transports.require(address);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        scheduler.execute(() -> {
            if (!run.isRunning()) {
                result.completeExceptionally(new IllegalStateException("node is not running"));
                return;
            }
            if (manualDials.connect(address, result)) {
                peerManager.connectManually(address);
            }
        });
        return result;
    }

    @Override
    public void disconnect(PeerId peer, String detail) {
        scheduler.execute(() -> bridge.disconnect(peer, CloseReason.of(DisconnectReason.MANUAL, detail)));
    }

    @Override
    public void misbehaving(PeerId peer, int score, String reason) {
        Objects.requireNonNull(peer, "peer");
        if (score < 0) {
            throw new IllegalArgumentException("score must be >= 0, got " + score);
        }
        CloseReason why = CloseReason.of(DisconnectReason.MISBEHAVIOUR, reason); // sanitised and bounded
        scheduler.execute(() -> phases.applicationReport(peer, score, why));
    }

    @Override
    public List<PeerSnapshot> peers() {
        return links.snapshots();
    }

    @Override
    public CompletableFuture<List<AddressBookEntry>> addresses() {
        return LoopQueries.later(scheduler, peerManager::addresses);
    }

    @Override
    public <T> CompletableFuture<Void> send(PeerId peer, MessageType<T> type, T message) {
        return sender.send(peer, type, message);
    }

    @Override
    public <T> SendResult trySend(PeerId peer, MessageType<T> type, T message) {
        return sender.trySend(peer, type, message);
    }

    @Override
    public CompletableFuture<Void> whenWritable(PeerId peer) {
        return sender.whenWritable(peer);
    }

    @Override
    public <T> int broadcast(MessageType<T> type, T message, PeerId... exclude) {
        return sender.broadcast(type, message, exclude);
    }

    @Override
    public <T> Subscription subscribe(MessageType<T> type, MessageHandler<T> handler) {
        sender.requireRegistered(type);
        return dispatch.subscribe(type, handler);
    }

    @Override
    public <Q, R> CompletableFuture<R> request(PeerId peer, RequestType<Q, R> type, Q request, Duration timeout) {
        return protocols.request(peer, type, request, timeout);
    }

    @Override
    public <Q, R> Subscription serve(RequestType<Q, R> type, RequestHandler<Q, R> handler) {
        return protocols.serve(type, handler);
    }

    @Override
    public <S> ProtocolPeers<S> attach(Protocol protocol, ProtocolHooks<S> hooks) {
        return protocols.attach(protocol, hooks);
    }

    @Override
    public Subscription onPeerEvent(Consumer<PeerEvent> listener) {
        return events.subscribe(listener);
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
    public CompletableFuture<List<BanEntry>> bans() {
        return LoopQueries.later(scheduler, peerManager::bans);
    }

    @Override
    public CompletableFuture<List<IdentityPin>> identityPins() {
        return LoopQueries.later(scheduler, peerManager::pins);
    }

    @Override
    public CompletableFuture<Boolean> unpin(TransportAddress address) {
        return CompletableFuture.supplyAsync(() -> peerManager.unpin(address), scheduler).thenCompose(f -> f);
    }
}
