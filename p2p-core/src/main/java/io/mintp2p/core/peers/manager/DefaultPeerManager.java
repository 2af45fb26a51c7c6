package io.mintp2p.core.peers.manager;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.AddressBookEntry;
import io.mintp2p.core.peers.AddressGroup;
import io.mintp2p.core.peers.BanEntry;
import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.EvictionReason;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.IdentityPin;
import io.mintp2p.core.peers.OutboundSlot;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.peers.PeerManager;
import io.mintp2p.core.peers.PeerManagerActions;
import io.mintp2p.core.peers.PeerManagerStats;
import io.mintp2p.core.peers.Verdict;
import io.mintp2p.core.peers.bans.BanList;
import io.mintp2p.core.peers.bans.Discouragements;
import io.mintp2p.core.peers.book.AddressBook;
import io.mintp2p.core.peers.connections.ConnectedPeer;
import io.mintp2p.core.peers.connections.PeerTable;
import io.mintp2p.core.peers.discovery.AddressRelay;
import io.mintp2p.core.peers.discovery.DnsSeeds;
import io.mintp2p.core.peers.eviction.GroupOrder;
import io.mintp2p.core.peers.eviction.InboundEviction;
import io.mintp2p.core.peers.eviction.InboundPolicy;
import io.mintp2p.core.peers.persistence.StateStorage;
import io.mintp2p.core.peers.pins.IdentityPins;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.PeerIdentity;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.AnnounceAddrRequest;
import io.mintp2p.core.wire.Message;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default connection policy (DESIGN.md "Peer manager" and "Discovery", WIRE.md 9-10), a small
 * coordinator over parts with one job each: the {@link AddressBook}, the {@link OutboundPolicy}
 * (how many peers, which to dial or rotate), {@link OutboundOutcomes} (what dials come to), the
 * {@link InboundPolicy}, the {@link AddressRelay}, {@link Discipline} (misbehaviour and bans),
 * {@link Backoff}, {@link IdentityPins} and {@link PeerState} (what outlives a run, saved on its
 * own thread); {@link PeerTable} is what they share. Sans-I/O: every method runs on the node's
 * scheduler thread and none blocks; it acts through {@link PeerManagerActions}.
 */
final class DefaultPeerManager implements PeerManager {
    private static final Logger log = LoggerFactory.getLogger(DefaultPeerManager.class);

    /** How often learned addresses are saved, so a killed node still finds its peers again. */
    static final Duration SAVE_PERIOD = Duration.ofSeconds(30);

    private final P2pConfig config;
    private final Scheduler scheduler;
    private final PeerManagerActions actions;

    private final PeerState state;
    private final AddressBook book;
    private final BanList bans;
    private final IdentityPins pins;
    private final Backoff backoff;
    private final DnsSeeds dnsSeeds;
    private final PeerTable table;
    private final OutboundPolicy outbound;
    private final InboundPolicy inbound;
    private final AddressRelay relay;
    private final Discipline discipline;
    private final OutboundOutcomes outcomes;

    private final Map<EvictionReason, Long> evictions = new EnumMap<>(EvictionReason.class);
    /** An immutable copy of {@link #evictions}, made when one happens rather than on every tick's stats. */
    private Map<EvictionReason, Long> evictionsSoFar = Map.of();
    private long lastSaveMillis;
    private final UpkeepPace upkeep;
    private volatile PeerManagerStats stats = PeerManagerStats.NONE;
    private boolean running;

    /**
     * Takes the state {@code storage} holds (address book, bans, pins, anchors): blocking reads, on
     * the thread that builds the node.
     */
    DefaultPeerManager(P2pConfig config, String scheme, Scheduler scheduler, RandomGenerator random,
                       PeerManagerActions actions, StateStorage storage, DnsSeeds.Resolver resolver, Executor lookups) {
        this.config = config;
        this.scheduler = scheduler;
        this.actions = actions;
        AddressBook.Tables tables = new AddressBook.Tables(config.addressBookNewBuckets(), config.addressBookTriedBuckets());
        this.state = new PeerState(storage, tables, random, this::group, scheduler.clock(), this::anchorCandidates,
                config.nodeName());
        this.book = state.book;
        this.bans = state.bans;
        this.pins = state.pins;
        this.backoff = new Backoff(random);
        this.table = new PeerTable(this::group);
        this.discipline = new Discipline(config, table, state,
                new Discouragements(scheduler.clock(), Discouragements.MAX_DISCOURAGED), actions);
        this.relay = new AddressRelay(config, table, book, random, actions, discipline::misbehave);
        this.outcomes = new OutboundOutcomes(config, scheduler.clock(), table, book, pins, backoff, relay, this::group);
        this.dnsSeeds = new DnsSeeds(config.dnsSeeds(), scheme, config.network().defaultPort(), scheduler, resolver,
                lookups, relay::learnedFromDnsSeed, config.nodeName());
        this.outbound = new OutboundPolicy(config, table, book, dnsSeeds, this::group, random, new OutboundActions(),
                now());
        this.upkeep = new UpkeepPace(scheduler, this::tick, this::isSettled);
        this.inbound = new InboundPolicy(config, table, bans, new InboundEviction(new GroupOrder(random.nextLong())),
                this::group, victim -> evict(victim, EvictionReason.INBOUND_FULL, DisconnectReason.EVICTED));
    }

    /** Monotonic: every duration the manager measures. */
    private long now() {
        return scheduler.clock().monotonicMillis();
    }

    private String group(TransportAddress a) {
        return AddressGroup.of(a, config.allowPrivateAddresses());
    }

    // --- life cycle ------------------------------------------------------------------------------------

    @Override
    public void start() {
        running = true;
        state.start();
        lastSaveMillis = now();
        for (TransportAddress reserved : config.reservedPeers()) {
            dial(reserved, DialPurpose.RESERVED);
        }
        Set<String> anchorGroups = new HashSet<>();
        for (TransportAddress anchor : state.savedAnchors) {
            if (anchorGroups.size() < config.targetOutbound() && anchorGroups.add(group(anchor))) {
                dial(anchor, DialPurpose.ANCHOR);
            }
        }
        if (anchorGroups.isEmpty()) {
            for (TransportAddress boot : config.bootNodes()) {
                dial(boot, DialPurpose.BOOT);
            }
        }
        upkeep.start();
    }

    @Override
    public void onListening(List<TransportAddress> boundAddresses) {
        relay.onListening(boundAddresses);
    }

    @Override
    public CompletableFuture<Void> stop() {
        running = false;
        dnsSeeds.stop();
        upkeep.stop();
        return state.stop();
    }

    /** Automatic outbound peers that stayed, block-relay ones first (as Bitcoin Core's anchors): what a restart dials first. */
    private List<TransportAddress> anchorCandidates() {
        outcomes.promoteStablePeers(now());
        List<TransportAddress> out = new ArrayList<>();
        for (OutboundSlot slot : List.of(OutboundSlot.BLOCK_RELAY, OutboundSlot.FULL_RELAY)) {
            for (ConnectedPeer p : table.established(slot)) {
                if (p.isStable() && !p.isReserved()) {
                    out.add(p.address);
                }
            }
        }
        return out;
    }

    /** Nothing for the next tick to start: every slot filled, no dial under way, every reserved peer here. */
    private boolean isSettled() {
        if (table.hasPending() || !outbound.isSettled(now())) {
            return false;
        }
        for (TransportAddress reserved : config.reservedPeers()) {
            if (!table.isConnectedOrPending(reserved)) {
                return false;
            }
        }
        return true;
    }

    /** Periodic upkeep: expire bans, keep reserved peers, run the outbound policy, save now and then. */
    void tick() {
        long now = now();
        bans.expire();
        discipline.expire();
        backoff.prune(now);
        for (TransportAddress reserved : config.reservedPeers()) {
            if (!table.isConnectedOrPending(reserved) && backoff.mayDial(reserved.withoutIdentity(), now)) {
                dial(reserved, DialPurpose.RESERVED);
            }
        }
        outcomes.promoteStablePeers(now);
        outbound.tick(now);
        refreshStats();
        if (now - lastSaveMillis >= SAVE_PERIOD.toMillis()) {
            lastSaveMillis = now;
            state.saveAll();
        }
    }

    /** What the outbound policy may do: dial, evict, and ask whether an address may be dialled. */
    private final class OutboundActions implements OutboundPolicy.Actions {
        @Override
        public void dial(TransportAddress address, DialPurpose purpose) {
            DefaultPeerManager.this.dial(address, purpose);
        }

        @Override
        public void evict(ConnectedPeer peer, EvictionReason reason) {
            DefaultPeerManager.this.evict(peer, reason, DisconnectReason.ROTATED);
        }

        @Override
        public boolean isDialable(TransportAddress a, long now) {
            return !discipline.isBannedOrDiscouraged(pins.withPin(a)) && !table.isConnectedOrPending(a) && backoff.mayDial(a.withoutIdentity(), now) && !relay.isOwn(a);
        }
    }

    /**
     * Dials, with the identity pinned for the address if it has one (the transport refuses another
     * key). Every automatic dial comes here, so a banned or discouraged address or identity (reserved
     * and boot nodes too) is skipped until its time is up; {@link #connectManually} does not.
     */
    private void dial(TransportAddress address, DialPurpose purpose) {
        TransportAddress pinned = pins.withPin(address);
        if (!running || table.isPending(address) || relay.isOwn(address) || discipline.isBannedOrDiscouraged(pinned)) {
            return;
        }
        table.addPending(address, purpose);
        book.markAttempt(address.withoutIdentity(), scheduler.clock().wallMillis()); // wall: it is saved
        actions.dial(pinned, purpose);
    }

    private void evict(ConnectedPeer victim, EvictionReason why, DisconnectReason reason) {
        evictions.merge(why, 1L, Long::sum);
        evictionsSoFar = Map.copyOf(evictions);
        table.remove(victim.id);
        actions.disconnect(victim.id, CloseReason.of(reason));
        log.debug("evicting {} {} ({})", victim.id, victim.address, why.label());
    }

    // --- connection events -----------------------------------------------------------------------------

    @Override
    public boolean isBanned(InetAddress address) {
        return bans.isBanned(address);
    }

    @Override
    public boolean isDiscouraged(InetAddress address) {
        return bans.isDiscouraged(address);
    }

    @Override
    public void onOutboundFailed(TransportAddress dialled, DialPurpose purpose, CloseReason reason) {
        outcomes.onFailed(dialled, purpose, reason);
    }

    @Override
    public Verdict onHandshakeCompleted(HandshakeResult r) {
        long now = now();
        if (r.direction() == Direction.INBOUND) {
            relay.onInboundHandshake(r);
            return discipline.isDiscouraged(r) ? Verdict.reject(DisconnectReason.DISCOURAGED) : inbound.admit(r, now);
        }
        if (r.purpose().orElse(DialPurpose.MANUAL) != DialPurpose.MANUAL && discipline.isDiscouraged(r)) {
            // Dialled before the discouragement, or another address of a discouraged identity.
            table.removePending(r.address().withoutIdentity());
            return Verdict.reject(DisconnectReason.DISCOURAGED);
        }
        return outcomes.onHandshake(r, now);
    }

    @Override
    public void onPingRoundTrip(PeerId peer, Duration rtt) {
        table.get(peer).ifPresent(p -> p.recordPing(rtt.toMillis()));
    }

    @Override
    public void onUsefulMessage(PeerId peer) {
        long now = Math.max(1, now()); // 0 means "never useful"
        table.get(peer).ifPresent(p -> {
            p.markUseful(now);
            outbound.onUsefulMessage(p.direction == Direction.OUTBOUND, now);
        });
    }

    @Override
    public void onPeerDisconnected(PeerId peer, CloseReason reason) {
        // Stability is a matter of time, not of when the last tick ran: one that stayed long enough leaves as a success.
        outcomes.promoteStablePeers(now());
        table.remove(peer).filter(p -> p.direction == Direction.OUTBOUND).ifPresent(p -> {
            outcomes.onLeft(p, reason);
            upkeep.wake();
        });
    }

    @Override
    public void onMessage(PeerId peerId, Message message) {
        table.get(peerId).ifPresent(peer -> {
            if (message instanceof AnnounceAddrRequest announce && discipline.refusesSelfAnnouncement(peer, announce.address())) {
                return;
            }
            relay.onMessage(peer, message, now());
        });
    }

    // --- misbehaviour, bans, pins ----------------------------------------------------------------------

    @Override
    public void onMisbehaviour(Optional<PeerId> peerId, TransportAddress remote, Optional<PeerIdentity> identity,
                               int score, CloseReason reason) {
        discipline.onMisbehaviour(peerId, remote, identity, score, reason);
    }

    @Override
    public void connectManually(TransportAddress address) {
        table.removePending(address);
        table.addPending(address, DialPurpose.MANUAL);
        actions.dial(pins.withPin(address), DialPurpose.MANUAL);
    }

    @Override
    public CompletableFuture<Void> ban(InetAddress address, Duration duration, String reason) {
        return discipline.ban(address, duration, reason);
    }

    @Override
    public CompletableFuture<Void> unban(InetAddress address) {
        return discipline.unban(address);
    }

    @Override
    public List<BanEntry> bans() {
        return discipline.bans();
    }

    @Override
    public CompletableFuture<Boolean> unpin(TransportAddress address) {
        if (!pins.unpin(address)) {
            return CompletableFuture.completedFuture(false);
        }
        backoff.succeeded(address.withoutIdentity());
        return state.savePins().thenApply(written -> true);
    }

    @Override
    public List<IdentityPin> pins() {
        return pins.entries();
    }

    private void refreshStats() {
        int tried = book.triedCount();
        stats = new PeerManagerStats(book.size() - tried, tried, backoff.size(), evictionsSoFar,
                inbound.servedAndDropped(), outcomes.feelersOk(), outcomes.feelersFailed(), dnsSeeds.lookups(),
                book.collisionCount(), pins.size(), outcomes.identityMismatches(), table.count(OutboundSlot.FULL_RELAY),
                table.count(OutboundSlot.BLOCK_RELAY));
    }

    @Override
    public PeerManagerStats stats() {
        return stats;
    }

    @Override
    public List<AddressBookEntry> addresses() {
        return book.view();
    }
}
