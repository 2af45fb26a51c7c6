package io.mintp2p.core.node;

import io.mintp2p.core.admission.AdmissionLimits;
import io.mintp2p.core.admission.PendingConnections;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.session.PeerSession;
import io.mintp2p.core.session.RemoteHello;
import io.mintp2p.core.session.SelfConnectionGuard;
import io.mintp2p.core.session.SessionContext;
import io.mintp2p.core.session.SessionDriver;
import io.mintp2p.core.session.SessionSettings;
import io.mintp2p.core.time.TimerHeap;
import io.mintp2p.core.time.VirtualTimeScheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.MessageRegistry;
import io.mintp2p.core.wire.SemVer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.LoggerFactory;

/**
 * The node-thread parts of a node wired as {@link DefaultP2pNode} wires them, on virtual time, with a
 * recording peer manager and links over {@link FakeConnection}s: no transport, no thread.
 */
final class NodeParts {
    static final Duration SERVING_TIME = Duration.ofSeconds(10);

    final VirtualTimeScheduler time = new VirtualTimeScheduler();
    final LinkTable links = new LinkTable();
    final RunState run = new RunState();
    final RecordingPeerManager peerManager = new RecordingPeerManager();
    final StatsCollector stats;
    final PeerEventBus events = new PeerEventBus();
    final List<PeerEvent> published = new ArrayList<>();
    final ManualDials manualDials = new ManualDials(links);
    final PendingConnections admission = new PendingConnections(AdmissionLimits.forTotal(100, 4), ip -> false, ip -> false);
    final EventLog eventLog = new EventLog(LoggerFactory.getLogger(NodeParts.class), time.clock());
    final HandlerDispatch dispatch = new HandlerDispatch(eventLog);
    final SessionDriver sessions = new SessionDriver(new SessionContext(
            SessionSettings.from(P2pConfig.builder().build(), 0), time, new SplittableRandom(7),
            new SelfConnectionGuard(), new TimerHeap(time)));
    final LinkPhases phases;
    final HandshakeVerdicts verdicts;
    final Owner owner = new Owner();

    NodeParts() {
        this(MessageRegistry.empty());
    }

    /** @param registry the application message types the node's counters know */
    NodeParts(MessageRegistry registry) {
        stats = new StatsCollector(registry);
        phases = new LinkPhases(links, run, peerManager, admission, stats, eventLog, events, manualDials, dispatch,
                time.clock());
        verdicts = new HandshakeVerdicts(links, peerManager, admission, stats, eventLog, events, manualDials, time,
                SERVING_TIME);
        run.running(true);
        events.subscribe(published::add);
    }

    /** A link taken on by the node thread, its session made but not started (no handshake bytes). */
    Link link(String ip, Direction direction, Optional<DialPurpose> purpose) {
        FakeConnection connection = new FakeConnection(ip, direction);
        Link link = new Link(owner, connection, connection.remote, purpose);
        links.add(link);
        link.session = new PeerSession(sessions.shared(), direction, Optional.empty());
        phases.opened(connection);
        return link;
    }

    static RemoteHello hello() {
        return new RemoteHello(3, 3, 1, "peer", new SemVer(1, 0, 0), Optional.empty());
    }

    /** What the links ask of the node: closes and sends are recorded on the connection. */
    final class Owner implements LinkOwner {
        final ReadBudget budget = new ReadBudget(new ReadLimits(100, 1 << 20, new LongAdder()));

        @Override public SessionDriver sessions() { return sessions; }
        @Override public Executor handlerPool() { return time; }
        @Override public ReadBudget readBudget() { return budget; }
        @Override public void send(Link link, Message message) { ((FakeConnection) link.connection).calls.add("send " + message.typeName()); }
        @Override public void close(Link link, CloseReason reason) {
            link.localCloseReason = reason;
            link.connection.close(reason);
        }
        @Override public void handshakeCompleted(Link link, RemoteHello remote) { verdicts.handshakeCompleted(link, remote); }
        @Override public void received(Link link, Message message) { }
        @Override public void misbehaved(Link link, int score, CloseReason reason) { phases.reportMisbehaviour(link, score, reason); }
        @Override public void pingRoundTrip(Link link, Duration rtt) { }
    }
}
