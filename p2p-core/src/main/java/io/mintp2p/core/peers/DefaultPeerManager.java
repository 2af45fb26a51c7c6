package io.mintp2p.core.peers;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.time.Cancellable;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.Message;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default connection policy (DESIGN.md "Peer manager" and "Discovery", WIRE.md 9-10), a small
 * coordinator over parts with one job each: the {@link AddressBook}, the {@link OutboundPolicy}, the
 * {@link InboundPolicy}, the {@link AddressRelay}, the {@link BanList}, {@link Backoff} and
 * {@link IdentityPins}; {@link PeerTable} is what they share. Sans-I/O: runs on the node's
 * scheduler, acts through {@link PeerManagerActions}.
 */
final class DefaultPeerManager implements PeerManager {
    private static final Logger log = LoggerFactory.getLogger(DefaultPeerManager.class);

    static final Duration TICK = Duration.ofSeconds(1);
    /** How often learned addresses are saved, so a killed node still finds its peers again. */
    static final Duration SAVE_PERIOD = Duration.ofSeconds(30);
    /** How long an outbound peer must stay before its address counts as good. */
    static final Duration STABLE_AFTER = Duration.ofSeconds(30);

    private final P2pConfig config;
    private final Scheduler scheduler;
    private final PeerManagerActions actions;
    private final Optional<Path> addressFile;
    private final Optional<Path> banFile;
    private final Optional<Path> anchorFile;
    private final Optional<Path> pinFile;
    private final Set<TransportAddress> wellKnown = new HashSet<>();

    private final AddressBook book;
    private final BanList bans;
    private final IdentityPins pins;
    private final Backoff backoff;
    private final DnsSeeds dnsSeeds;
    private final PeerTable table;
    private final OutboundPolicy outbound;
    private final InboundPolicy inbound;
    private final AddressRelay relay;

    /**
     * Outbound peers not yet {@link #STABLE_AFTER} old, oldest first (they are added as they connect):
     * the tick looks at the head only, instead of at every peer of every node every second. Peers
     * that left are skipped when they come up.
     */
    private final Deque<ConnectedPeer> awaitingStability = new ArrayDeque<>();
    private final Map<EvictionReason, Long> evictions = new EnumMap<>(EvictionReason.class);
    /** An immutable copy of {@link #evictions}, made when one happens rather than on every tick's stats. */
    private Map<EvictionReason, Long> evictionsSoFar = Map.of();
    private long feelersOk;
    private long feelersFailed;
    private long identityMismatches;
    private long lastSaveMillis;
    private Cancellable tickTimer = Cancellable.NONE;
    private volatile PeerManagerStats stats = PeerManagerStats.NONE;
    private boolean running;

    DefaultPeerManager(P2pConfig config, String scheme, Scheduler scheduler, RandomGenerator random,
                       PeerManagerActions actions) {
        this(config, scheme, scheduler, random, actions, DnsSeeds.Resolver.SYSTEM, null);
    }

    /** Loads the persisted state (address book, bans, pins) from the data dir, if there is one. */
    DefaultPeerManager(P2pConfig config, String scheme, Scheduler scheduler, RandomGenerator random,
                       PeerManagerActions actions, DnsSeeds.Resolver resolver, Executor lookups) {
        this.config = config;
        this.scheduler = scheduler;
        this.actions = actions;
        this.addressFile = config.dataDir().map(d -> d.resolve("peers.txt"));
        this.banFile = config.dataDir().map(d -> d.resolve("bans.txt"));
        this.anchorFile = config.dataDir().map(d -> d.resolve("anchors.txt"));
        this.pinFile = config.dataDir().map(d -> d.resolve("pins.txt"));
        config.bootNodes().forEach(a -> wellKnown.add(a.withoutIdentity()));
        config.reservedPeers().forEach(a -> wellKnown.add(a.withoutIdentity()));
        AddressBook.Tables tables = new AddressBook.Tables(config.addressBookNewBuckets(), config.addressBookTriedBuckets());
        this.book = addressFile.map(f -> AddressBook.load(f, tables, random, this::group, this::now))
                .orElseGet(() -> new AddressBook(tables, random, this::group, this::now));
        this.bans = banFile.map(f -> BanList.load(f, scheduler.clock())).orElseGet(() -> new BanList(scheduler.clock()));
        this.pins = pinFile.map(IdentityPins::load).orElseGet(IdentityPins::new);
        this.backoff = new Backoff(random);
        this.table = new PeerTable(this::group);
        this.relay = new AddressRelay(config, table, book, random, actions, this::misbehave);
        this.dnsSeeds = new DnsSeeds(config.dnsSeeds(), scheme, config.network().defaultPort(), scheduler, resolver,
                lookups, relay::learnedFromDnsSeed);
        this.outbound = new OutboundPolicy(config, table, book, dnsSeeds, this::group, random, new OutboundActions(),
                now());
        this.inbound = new InboundPolicy(config, table, bans, new InboundEviction(new GroupOrder(random.nextLong())),
                this::group, victim -> evict(victim, EvictionReason.INBOUND_FULL, DisconnectReason.EVICTED));
    }

    /** Monotonic: every duration the manager measures. */
    private long now() {
        return scheduler.clock().monotonicMillis();
    }

    /** Wall clock: only for what is persisted. */
    private long wallNow() {
        return scheduler.clock().wallMillis();
    }

    private String group(TransportAddress a) {
        return AddressGroup.of(a, config.allowPrivateAddresses());
    }

    // --- life cycle ------------------------------------------------------------------------------------

    @Override
    public void start() {
        running = true;
        lastSaveMillis = now();
        for (TransportAddress reserved : config.reservedPeers()) {
            dial(reserved, DialPurpose.RESERVED);
        }
        List<TransportAddress> anchors = anchorFile.map(Anchors::load).orElse(List.of());
        Set<String> anchorGroups = new HashSet<>();
        for (TransportAddress anchor : anchors) {
            if (anchorGroups.size() < config.targetOutbound() && anchorGroups.add(group(anchor))) {
                dial(anchor, DialPurpose.ANCHOR);
            }
        }
        if (anchorGroups.isEmpty()) {
            for (TransportAddress boot : config.bootNodes()) {
                dial(boot, DialPurpose.BOOT);
            }
        }
        scheduleTick();
    }

    @Override
    public void onListening(List<TransportAddress> boundAddresses) {
        relay.onListening(boundAddresses);
    }

    @Override
    public void stop() {
        running = false;
        dnsSeeds.stop();
        tickTimer.cancel();
        persist(true);
    }

    /** Saves the book, bans, anchors and pins: synchronously at stop, else in the background (see {@link StateWriter}). */
    private void persist(boolean now) {
        save(addressFile, book::serialize, now);
        save(banFile, bans::serialize, now);
        save(anchorFile, () -> Anchors.serialize(anchorCandidates()), now);
        save(pinFile, pins::serialize, now);
    }

    /** The content is made only when there is a file to write: a node without a data dir writes none. */
    private static void save(Optional<Path> file, Supplier<String> content, boolean now) {
        file.ifPresent(f -> {
            if (now) {
                StateWriter.writeNow(f, content.get());
            } else {
                StateWriter.writeLater(f, content.get());
            }
        });
    }

    /** Automatic outbound peers that stayed, block-relay ones first (as Bitcoin Core's anchors): what a restart dials first. */
    private List<TransportAddress> anchorCandidates() {
        List<TransportAddress> out = new ArrayList<>();
        for (OutboundSlot slot : List.of(OutboundSlot.BLOCK_RELAY, OutboundSlot.FULL_RELAY)) {
            for (ConnectedPeer p : table.established(slot)) {
                if (p.stable && !p.isReserved()) {
                    out.add(p.address);
                }
            }
        }
        return out;
    }

    private void scheduleTick() {
        tickTimer = scheduler.schedule(TICK, () -> {
            if (running) {
                tick();
                scheduleTick();
            }
        });
    }

    /** Periodic upkeep: expire bans, keep reserved peers, run the outbound policy, save now and then. */
    void tick() {
        long now = now();
        bans.expire();
        backoff.prune(now);
        for (TransportAddress reserved : config.reservedPeers()) {
            if (!table.isConnectedOrPending(reserved) && backoff.mayDial(reserved.withoutIdentity(), now)) {
                dial(reserved, DialPurpose.RESERVED);
            }
        }
        promoteStablePeers(now);
        outbound.tick(now);
        refreshStats();
        if (config.dataDir().isPresent() && now - lastSaveMillis >= SAVE_PERIOD.toMillis()) {
            lastSaveMillis = now;
            persist(false);
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
            if (isBannedOrDiscouraged(a)) {
                return false;
            }
            return !table.isConnectedOrPending(a) && backoff.mayDial(a.withoutIdentity(), now) && !relay.isOwn(a);
        }
    }

    /** Parses the address only if some address is banned or discouraged: the book asks this for every candidate. */
    private boolean isBannedOrDiscouraged(TransportAddress a) {
        if (bans.isEmpty()) {
            return false;
        }
        Optional<InetAddress> ip = a.ipLiteral();
        return ip.isPresent() && (bans.isBanned(ip.get()) || bans.isDiscouraged(ip.get()));
    }

    /** Dials, with the identity pinned for the address if it has one (the transport refuses another key). */
    private void dial(TransportAddress address, DialPurpose purpose) {
        if (!running || table.isPending(address) || relay.isOwn(address)) {
            return;
        }
        table.addPending(address, purpose);
        book.markAttempt(address.withoutIdentity(), wallNow());
        actions.dial(pins.withPin(address), purpose);
    }

    private void evict(ConnectedPeer victim, EvictionReason why, DisconnectReason reason) {
        evictions.merge(why, 1L, Long::sum);
        evictionsSoFar = Map.copyOf(evictions);
        table.remove(victim.id);
        actions.disconnect(victim.id, CloseReason.of(reason));
        log.debug("evicting {} {} ({})", victim.id, victim.address, why.label());
    }

    /**
     * Outbound peers that stayed {@link #STABLE_AFTER} are a success: their address leaves back-off
     * and becomes "tried". Not before: a peer that takes us and drops us at once (full, evicting,
     * discouraging us) must not be redialled every second.
     */
    private void promoteStablePeers(long now) {
        while (!awaitingStability.isEmpty() && now - awaitingStability.peek().connectedAtMillis >= STABLE_AFTER.toMillis()) {
            ConnectedPeer p = awaitingStability.poll();
            if (table.get(p.id).orElse(null) == p) {
                p.stable = true;
                backoff.succeeded(p.address);
                book.markSuccess(p.address, wallNow());
            }
        }
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
        TransportAddress address = dialled.withoutIdentity();
        table.removePending(address);
        if (purpose == DialPurpose.FEELER) {
            feelersFailed++;
            book.resolveCollision(address, false);
        }
        if (reason.code() == DisconnectReason.SELF_CONNECTION) {
            relay.onSelfConnection(address);
            return;
        }
        if (reason.code() == DisconnectReason.IDENTITY_MISMATCH) {
            reportIdentityMismatch(dialled, reason);
        }
        backOff(address);
        log.debug("dial {} ({}) failed: {}", address, purpose, reason);
    }

    private void reportIdentityMismatch(TransportAddress address, CloseReason reason) {
        identityMismatches++;
        log.warn("{} presented another identity than the one pinned at first use ({}); refused. "
                + "If its key changed on purpose, unpin it (admin API / CLI 'unpin').", address, reason.detail());
    }

    /** A dial that failed, or a connection that did not last: the address waits before the next try. */
    private void backOff(TransportAddress address) {
        backoff.failed(address, now(), wellKnown.contains(address));
        book.markFailure(address);
    }

    @Override
    public Verdict onHandshakeCompleted(HandshakeResult r) {
        long now = now();
        if (r.direction() == Direction.INBOUND) {
            relay.onInboundHandshake(r);
            return inbound.admit(r, now);
        }
        TransportAddress address = r.address().withoutIdentity();
        DialPurpose purpose = r.purpose().orElse(DialPurpose.MANUAL);
        table.removePending(address);
        if (pins.check(address, r.identity(), Instant.ofEpochMilli(wallNow())) == IdentityPins.Check.MISMATCH) {
            // The transport refuses a pinned mismatch already; this covers transports that do not.
            reportIdentityMismatch(address, CloseReason.of(DisconnectReason.IDENTITY_MISMATCH));
            backOff(address);
            return Verdict.reject(DisconnectReason.IDENTITY_MISMATCH);
        }
        if (purpose == DialPurpose.FEELER) {
            // A feeler only tests that the address answers: it did.
            feelersOk++;
            backoff.succeeded(address);
            book.markSuccess(address, wallNow());
            book.resolveCollision(address, true);
            return Verdict.reject(DisconnectReason.FEELER);
        }
        if ((r.remoteServices() & config.services().bits()) == 0 && config.services().bits() != 0) {
            backOff(address);
            return Verdict.reject(DisconnectReason.NO_COMMON_SERVICES);
        }
        if (table.hasOutboundTo(address)) {
            return Verdict.reject(DisconnectReason.ALREADY_CONNECTED);
        }
        ConnectedPeer peer = new ConnectedPeer(r, group(address), now, true);
        table.add(peer);
        awaitingStability.add(peer);
        // Known from now on (a boot node, an anchor); "tried" only once it stayed.
        book.add(address, "outbound");
        relay.onOutboundAccepted(peer, r.receiverAddress());
        return Verdict.accept();
    }

    @Override
    public void onPingRoundTrip(PeerId peer, Duration rtt) {
        table.get(peer).ifPresent(p -> {
            if (p.bestPingMillis < 0 || rtt.toMillis() < p.bestPingMillis) {
                p.bestPingMillis = rtt.toMillis();
            }
        });
    }

    @Override
    public void onUsefulMessage(PeerId peer) {
        table.get(peer).ifPresent(p -> {
            long now = Math.max(1, now());
            p.lastUsefulMillis = now;
            outbound.onUsefulMessage(p.direction == Direction.OUTBOUND, now);
        });
    }

    @Override
    public void onPeerDisconnected(PeerId peer, CloseReason reason) {
        table.remove(peer).ifPresent(p -> {
            if (p.direction == Direction.OUTBOUND && !p.stable) {
                backOff(p.address);
                log.debug("{} {} did not last ({}): backing off", p.id, p.address, reason);
            }
        });
    }

    @Override
    public void onMessage(PeerId peerId, Message message) {
        table.get(peerId).ifPresent(peer -> relay.onMessage(peer, message, now()));
    }

    // --- misbehaviour, bans, pins ----------------------------------------------------------------------

    private void misbehave(ConnectedPeer peer, int score, DisconnectReason reason) {
        peer.address.ipLiteral().ifPresent(ip -> onMisbehaviour(Optional.of(peer.id), ip, score, CloseReason.of(reason)));
    }

    @Override
    public void onMisbehaviour(Optional<PeerId> peerId, InetAddress address, int score, CloseReason reason) {
        int total = score;
        Optional<ConnectedPeer> p = peerId.flatMap(table::get);
        if (p.isPresent()) {
            p.get().misbehaviour += score;
            total = p.get().misbehaviour;
        }
        log.debug("misbehaviour by {} {}: +{} ({} in total): {}", peerId.map(Object::toString).orElse("-"), address,
                score, total, reason);
        if (total < config.discouragementThreshold()) {
            return;
        }
        if (config.whitelistLoopback() && address.isLoopbackAddress()) {
            return;
        }
        bans.discourage(address, config.discouragementDuration(), reason.message());
        disconnectAll(address, DisconnectReason.DISCOURAGED);
    }

    /** Disconnects every peer the ban key of {@code address} covers (its IPv6 /64 too). */
    private void disconnectAll(InetAddress address, DisconnectReason reason) {
        BanKey key = BanKey.of(address);
        for (ConnectedPeer p : table.snapshot()) {
            if (p.address.ipLiteral().map(ip -> BanKey.of(ip).equals(key)).orElse(false)) {
                actions.disconnect(p.id, CloseReason.of(reason));
            }
        }
    }

    @Override
    public void connectManually(TransportAddress address) {
        table.removePending(address);
        table.addPending(address, DialPurpose.MANUAL);
        actions.dial(pins.withPin(address), DialPurpose.MANUAL);
    }

    @Override
    public void ban(InetAddress address, Duration duration, String reason) {
        bans.ban(address, duration, reason);
        disconnectAll(address, DisconnectReason.BANNED);
        persist(false);
    }

    @Override
    public void unban(InetAddress address) {
        if (bans.unban(address)) {
            persist(false);
        }
    }

    @Override
    public List<BanEntry> bans() {
        bans.expire();
        return bans.entries();
    }

    @Override
    public boolean unpin(TransportAddress address) {
        boolean removed = pins.unpin(address);
        if (removed) {
            backoff.succeeded(address.withoutIdentity());
            persist(false);
        }
        return removed;
    }

    @Override
    public List<IdentityPin> pins() {
        return pins.entries();
    }

    private void refreshStats() {
        int tried = book.triedCount();
        stats = new PeerManagerStats(book.size() - tried, tried, backoff.size(), evictionsSoFar,
                inbound.servedAndDropped(), feelersOk, feelersFailed, dnsSeeds.lookups(), book.collisionCount(),
                pins.size(), identityMismatches, table.count(OutboundSlot.FULL_RELAY),
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
