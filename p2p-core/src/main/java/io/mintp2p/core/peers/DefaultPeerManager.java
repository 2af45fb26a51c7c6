package io.mintp2p.core.peers;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.time.Cancellable;
import io.mintp2p.core.time.Scheduler;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.AddrListRequest;
import io.mintp2p.core.wire.AddrListResponse;
import io.mintp2p.core.wire.AnnounceAddrRequest;
import io.mintp2p.core.wire.Message;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.Services;
import io.mintp2p.core.wire.WireLimits;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default connection policy (DESIGN.md "Peer manager" and "Discovery", WIRE.md 9-10). Sans-I/O:
 * runs on the node's scheduler, acts through {@link PeerManagerActions}.
 */
final class DefaultPeerManager implements PeerManager {
    private static final Logger log = LoggerFactory.getLogger(DefaultPeerManager.class);

    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration FEELER_PERIOD = Duration.ofMinutes(2);
    static final Duration ROTATION_PERIOD = Duration.ofMinutes(2);
    /** How often learned addresses are saved, so a killed node still finds its peers again. */
    static final Duration SAVE_PERIOD = Duration.ofSeconds(30);
    static final int RELAY_FANOUT = 2;
    static final int SEEN_AS_US_MAX = 16;
    /** How long an outbound peer must stay before its address counts as good. */
    static final Duration STABLE_AFTER = Duration.ofSeconds(30);
    /** Below this many known addresses, and short of outbound peers, the DNS seeds are asked. */
    static final int DNS_SEED_BOOK_SIZE = 64;
    static final int RELAY_MEMORY = 10_000;
    static final int UNEXPECTED_MESSAGE_SCORE = 20;
    static final int ADDRESS_LIST_LIMIT_SCORE = 100;
    /**
     * Peers that a full node serves addresses and then drops all get one cached sample for this
     * long: a flood of such newcomers costs one sample, not one per connection. Kept peers get a
     * fresh sample each (once per connection), so a young network's answers are never stale.
     */
    static final Duration SERVED_ANSWER_TTL = Duration.ofSeconds(30);

    private final P2pConfig config;
    private final String scheme;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final PeerManagerActions actions;
    private final Optional<Path> addressFile;
    private final Optional<Path> banFile;
    private final Optional<Path> anchorFile;

    private AddressBook book;
    private BanList bans;
    private final Backoff backoff;
    private final DnsSeeds dnsSeeds;
    private final InboundEviction eviction;
    private final Map<PeerId, ConnectedPeer> peers = new LinkedHashMap<>();
    private final Map<TransportAddress, DialPurpose> pendingOutbound = new HashMap<>();
    private final Set<TransportAddress> selfAddresses = new HashSet<>();
    private final Set<TransportAddress> seenAsUs = new LinkedHashSet<>();
    private final Map<PeerAddress, Long> recentlyRelayed = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PeerAddress, Long> eldest) {
            return size() > RELAY_MEMORY;
        }
    };
    private List<TransportAddress> ownAddresses = List.of();
    private List<PeerAddress> cachedAnswer = List.of();
    private long cachedAnswerUntilMillis = Long.MIN_VALUE;
    private long lastFeelerMillis;
    private long lastSaveMillis;
    private long nextRotationMillis;
    private Cancellable tickTimer = Cancellable.NONE;
    private long evictions;
    private long servedAndDropped;
    private long feelersOk;
    private long feelersFailed;
    private volatile PeerManagerStats stats = PeerManagerStats.NONE;
    private boolean running;

    DefaultPeerManager(P2pConfig config, String scheme, Scheduler scheduler, RandomGenerator random,
                       PeerManagerActions actions) {
        this(config, scheme, scheduler, random, actions, DnsSeeds.Resolver.SYSTEM, null);
    }

    DefaultPeerManager(P2pConfig config, String scheme, Scheduler scheduler, RandomGenerator random,
                       PeerManagerActions actions, DnsSeeds.Resolver resolver, Executor lookups) {
        this.config = config;
        this.scheme = scheme;
        this.scheduler = scheduler;
        this.random = random;
        this.actions = actions;
        this.addressFile = config.dataDir().map(d -> d.resolve("peers.txt"));
        this.banFile = config.dataDir().map(d -> d.resolve("bans.txt"));
        this.anchorFile = config.dataDir().map(d -> d.resolve("anchors.txt"));
        this.book = new AddressBook(random, this::group);
        this.bans = new BanList(scheduler.clock());
        this.backoff = new Backoff(random);
        this.eviction = new InboundEviction(new GroupOrder(random.nextLong()));
        this.dnsSeeds = new DnsSeeds(config.dnsSeeds(), scheme, config.network().defaultPort(), scheduler, resolver,
                lookups, this::learnedFromDnsSeed);
    }

    /** Monotonic: every duration the manager measures. */
    private long now() {
        return scheduler.clock().monotonicMillis();
    }

    /** Wall clock: only for what the address book persists. */
    private long wallNow() {
        return scheduler.clock().wallMillis();
    }

    // --- life cycle ------------------------------------------------------------------------------------

    @Override
    public void start() {
        addressFile.ifPresent(f -> book = AddressBook.load(f, random, this::group));
        banFile.ifPresent(f -> bans = BanList.load(f, scheduler.clock()));
        running = true;
        lastFeelerMillis = now();
        lastSaveMillis = now();
        nextRotationMillis = now() + rotationDelay();
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
        ownAddresses = List.copyOf(boundAddresses);
    }

    @Override
    public void stop() {
        running = false;
        dnsSeeds.stop();
        tickTimer.cancel();
        persist(true);
    }

    /** Saves the address book and bans: synchronously at stop, else in the background (see {@link StateWriter}). */
    private void persist(boolean now) {
        String addresses = book.serialize();
        String banned = bans.serialize();
        String anchors = Anchors.serialize(anchorCandidates());
        if (now) {
            addressFile.ifPresent(f -> StateWriter.writeNow(f, addresses));
            banFile.ifPresent(f -> StateWriter.writeNow(f, banned));
            anchorFile.ifPresent(f -> StateWriter.writeNow(f, anchors));
        } else {
            addressFile.ifPresent(f -> StateWriter.writeLater(f, addresses));
            banFile.ifPresent(f -> StateWriter.writeLater(f, banned));
            anchorFile.ifPresent(f -> StateWriter.writeLater(f, anchors));
        }
    }

    /** Automatic outbound peers that stayed: what a restart dials first. */
    private List<TransportAddress> anchorCandidates() {
        List<TransportAddress> out = new ArrayList<>();
        for (ConnectedPeer p : peers.values()) {
            if (p.stable && p.isAutomaticOutbound() && p.purpose.orElse(null) != DialPurpose.RESERVED) {
                out.add(p.address);
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

    /** Periodic upkeep: expire bans, keep reserved peers, fill outbound slots, run a feeler now and then. */
    void tick() {
        long now = now();
        bans.expire();
        backoff.prune(now);
        for (TransportAddress reserved : config.reservedPeers()) {
            if (!isConnectedOrPending(reserved) && backoff.mayDial(reserved, now)) {
                dial(reserved, DialPurpose.RESERVED);
            }
        }
        promoteStablePeers(now);
        fillOutbound(now);
        maybeFeeler(now);
        maybeRotate(now);
        refreshStats();
        if (config.dataDir().isPresent() && now - lastSaveMillis >= SAVE_PERIOD.toMillis()) {
            lastSaveMillis = now;
            persist(false);
        }
    }

    private void fillOutbound(long now) {
        int missing = config.targetOutbound() - automaticOutboundCount();
        Set<String> usedGroups = outboundGroups();
        if (missing > 0 && automaticOutboundCount() == 0) {
            // Cut off from everyone (a restart, a partition, a network change): learned addresses may
            // all be stale, so try the boot nodes first, alongside them.
            missing -= dialBootNodes(now, usedGroups, missing);
        }
        while (missing > 0) {
            Optional<TransportAddress> next = book.select(a -> isDialable(a, now) && !usedGroups.contains(group(a)));
            if (next.isEmpty()) {
                break;
            }
            usedGroups.add(group(next.get()));
            dial(next.get(), DialPurpose.OUTBOUND);
            missing--;
        }
        if (missing > 0) {
            // Nothing learned is dialable: go back to the boot nodes (they help newcomers even when full).
            missing -= dialBootNodes(now, usedGroups, missing);
        }
        if (missing > 0 && book.size() < DNS_SEED_BOOK_SIZE) {
            dnsSeeds.queryDue(now);
        }
    }

    /** Addresses a DNS seed gave: heard of, from a source group of their own. */
    private void learnedFromDnsSeed(String seed, List<TransportAddress> addresses) {
        for (TransportAddress a : addresses) {
            if (!isOwn(a) && a.toPeerAddress().map(this::isDiscoverable).orElse(false)) {
                book.add(a, "dns:" + seed);
            }
        }
    }

    /** Dials up to {@code max} boot nodes that are not connected, pending or backing off; returns how many. */
    private int dialBootNodes(long now, Set<String> usedGroups, int max) {
        int dialled = 0;
        for (TransportAddress boot : config.bootNodes()) {
            if (dialled < max && isDialable(boot, now) && !usedGroups.contains(group(boot))) {
                usedGroups.add(group(boot));
                dial(boot, DialPurpose.BOOT);
                dialled++;
            }
        }
        return dialled;
    }

    private void maybeFeeler(long now) {
        if (now - lastFeelerMillis < FEELER_PERIOD.toMillis() || automaticOutboundCount() < config.targetOutbound()) {
            return;
        }
        lastFeelerMillis = now;
        Set<String> usedGroups = outboundGroups();
        book.selectNew(a -> isDialable(a, now) && !usedGroups.contains(group(a)))
                .ifPresent(a -> dial(a, DialPurpose.FEELER));
    }

    private long rotationDelay() {
        return ROTATION_PERIOD.toMillis() + (long) (random.nextDouble() * ROTATION_PERIOD.toMillis() / 2);
    }

    /** Make-before-break: dial one fresh address; when it is accepted it replaces an old outbound peer. */
    private void maybeRotate(long now) {
        if (now < nextRotationMillis) {
            return;
        }
        nextRotationMillis = now + rotationDelay();
        if (pendingOutbound.containsValue(DialPurpose.ROTATION) || automaticOutboundCount() < config.targetOutbound()
                || rotationVictim().isEmpty()) {
            return;
        }
        Set<String> usedGroups = outboundGroups();
        book.select(a -> isDialable(a, now) && !usedGroups.contains(group(a)))
                .ifPresent(a -> dial(a, DialPurpose.ROTATION));
    }

    /** A random automatic outbound peer that may be replaced (never a reserved or manual one). */
    private Optional<ConnectedPeer> rotationVictim() {
        List<ConnectedPeer> candidates = new ArrayList<>();
        for (ConnectedPeer p : peers.values()) {
            if (p.counted && p.isAutomaticOutbound() && p.purpose.orElse(null) != DialPurpose.RESERVED) {
                candidates.add(p);
            }
        }
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(random.nextInt(candidates.size())));
    }

    private void dial(TransportAddress address, DialPurpose purpose) {
        if (!running || pendingOutbound.containsKey(address) || selfAddresses.contains(address)) {
            return;
        }
        pendingOutbound.put(address, purpose);
        book.markAttempt(address, wallNow());
        actions.dial(address, purpose);
    }

    private boolean isDialable(TransportAddress a, long now) {
        Optional<InetAddress> ip = a.ipLiteral();
        if (ip.isPresent() && (bans.isBanned(ip.get()) || bans.isDiscouraged(ip.get()))) {
            return false;
        }
        return !isConnectedOrPending(a) && backoff.mayDial(a, now) && !selfAddresses.contains(a)
                && !ownAddresses.contains(a);
    }

    private boolean isConnectedOrPending(TransportAddress a) {
        if (pendingOutbound.containsKey(a)) {
            return true;
        }
        for (ConnectedPeer p : peers.values()) {
            if (p.direction == Direction.OUTBOUND && p.address.equals(a)) {
                return true;
            }
        }
        return false;
    }

    /** Automatic outbound connections, established or being dialled: what targetOutbound bounds. */
    private int automaticOutboundCount() {
        int n = 0;
        for (ConnectedPeer p : peers.values()) {
            if (p.counted && p.isAutomaticOutbound()) {
                n++;
            }
        }
        for (DialPurpose purpose : pendingOutbound.values()) {
            if (purpose == DialPurpose.OUTBOUND || purpose == DialPurpose.BOOT || purpose == DialPurpose.RESERVED
                    || purpose == DialPurpose.ANCHOR) {
                n++;
            }
        }
        return n;
    }

    private Set<String> outboundGroups() {
        Set<String> groups = new HashSet<>();
        for (ConnectedPeer p : peers.values()) {
            if (p.direction == Direction.OUTBOUND) {
                groups.add(p.group);
            }
        }
        for (TransportAddress a : pendingOutbound.keySet()) {
            groups.add(group(a));
        }
        return groups;
    }

    private int inboundCount() {
        int n = 0;
        for (ConnectedPeer p : peers.values()) {
            if (p.counted && p.direction == Direction.INBOUND) {
                n++;
            }
        }
        return n;
    }

    private String group(TransportAddress a) {
        return AddressGroup.of(a, config.allowPrivateAddresses());
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
    public void onOutboundFailed(TransportAddress address, DialPurpose purpose, CloseReason reason) {
        pendingOutbound.remove(address);
        if (purpose == DialPurpose.FEELER) {
            feelersFailed++;
        }
        if (reason.code() == DisconnectReason.SELF_CONNECTION) {
            selfAddresses.add(address);
            book.remove(address);
            return;
        }
        backOff(address, purpose);
        log.debug("dial {} ({}) failed: {}", address, purpose, reason);
    }

    /** A dial that failed, or a connection that did not last: the address waits before the next try. */
    private void backOff(TransportAddress address, DialPurpose purpose) {
        boolean wellKnown = purpose == DialPurpose.BOOT || purpose == DialPurpose.RESERVED
                || config.bootNodes().contains(address) || config.reservedPeers().contains(address);
        backoff.failed(address, now(), wellKnown);
        book.markFailure(address);
    }

    /**
     * Outbound peers that stayed {@link #STABLE_AFTER} are a success: their address leaves back-off
     * and becomes "tried". Not before: a peer that takes us and drops us at once (full, evicting,
     * discouraging us) must not be redialled every second.
     */
    private void promoteStablePeers(long now) {
        for (ConnectedPeer p : peers.values()) {
            if (p.direction == Direction.OUTBOUND && !p.stable && now - p.connectedAtMillis >= STABLE_AFTER.toMillis()) {
                p.stable = true;
                backoff.succeeded(p.address);
                book.markSuccess(p.address, wallNow());
            }
        }
    }


    @Override
    public Verdict onHandshakeCompleted(HandshakeResult r) {
        long now = now();
        if (r.direction() == Direction.INBOUND) {
            rememberHowWeWereReached(r);
            return admitInbound(r, now);
        }
        DialPurpose purpose = r.purpose().orElse(DialPurpose.MANUAL);
        pendingOutbound.remove(r.address());
        if (purpose == DialPurpose.FEELER) {
            // A feeler only tests that the address answers: it did.
            feelersOk++;
            backoff.succeeded(r.address());
            book.markSuccess(r.address(), wallNow());
            return Verdict.reject(DisconnectReason.FEELER);
        }
        if ((r.remoteServices() & config.services()) == 0 && config.services() != 0) {
            backOff(r.address(), purpose);
            return Verdict.reject(DisconnectReason.NO_COMMON_SERVICES);
        }
        for (ConnectedPeer p : peers.values()) {
            if (p.direction == Direction.OUTBOUND && p.address.equals(r.address())) {
                return Verdict.reject(DisconnectReason.ALREADY_CONNECTED);
            }
        }
        if (purpose == DialPurpose.ROTATION && automaticOutboundCount() >= config.targetOutbound()) {
            // Make-before-break: the new peer takes the place of an old one. (If a slot freed up
            // meanwhile, it simply fills the gap.)
            rotationVictim().ifPresent(victim -> {
                peers.remove(victim.id);
                actions.disconnect(victim.id, CloseReason.of(DisconnectReason.ROTATED));
            });
        }
        ConnectedPeer peer = new ConnectedPeer(r, group(r.address()), now, true);
        peers.put(r.peer(), peer);
        // Known from now on (a boot node, an anchor); "tried" only once it stayed.
        book.add(r.address(), "outbound");
        peer.addressesRequested = true;
        actions.send(r.peer(), new AddrListRequest());
        announceOurselves(peer, r.receiverAddress());
        return Verdict.accept();
    }

    private Verdict admitInbound(HandshakeResult r, long now) {
        Optional<InetAddress> ip = r.address().ipLiteral();
        if (ip.isPresent() && bans.isBanned(ip.get())) {
            return Verdict.reject(DisconnectReason.BANNED);
        }
        if (config.services() != 0 && (r.remoteServices() & config.services()) == 0) {
            return Verdict.reject(DisconnectReason.NO_COMMON_SERVICES);
        }
        boolean discouraged = ip.isPresent() && bans.isDiscouraged(ip.get());
        if (inboundCount() >= config.maxInbound()) {
            if (discouraged) {
                return Verdict.reject(DisconnectReason.INBOUND_FULL_DISCOURAGED);
            }
            Optional<ConnectedPeer> victim = evictionCandidate(group(r.address()));
            if (victim.isEmpty()) {
                peers.put(r.peer(), new ConnectedPeer(r, group(r.address()), now, false));
                servedAndDropped++;
                return Verdict.serveAddressesThenDisconnect(DisconnectReason.INBOUND_FULL);
            }
            evictions++;
            actions.disconnect(victim.get().id, CloseReason.of(DisconnectReason.EVICTED));
            peers.remove(victim.get().id);
        }
        peers.put(r.peer(), new ConnectedPeer(r, group(r.address()), now, true));
        return Verdict.accept();
    }

    /**
     * Bitcoin-style eviction, simplified: the longer-connected half of the inbound peers is protected;
     * among the rest, a peer from the address group with the most inbound connections goes, youngest
     * first. When every group has a single peer there is nobody worse to evict: diversity wins.
     */
    private Optional<ConnectedPeer> evictionCandidate(String newcomerGroup) {
        List<ConnectedPeer> inbound = new ArrayList<>();
        for (ConnectedPeer p : peers.values()) {
            if (p.counted && p.direction == Direction.INBOUND && !isReserved(p)) {
                inbound.add(p);
            }
        }
        return eviction.choose(inbound, p -> p.address.ipLiteral().map(bans::isDiscouraged).orElse(false),
                newcomerGroup);
    }

    /**
     * A reserved peer, matched by IP (an inbound peer's port is ephemeral, never its listen port) and,
     * where the reserved address pins one, by identity.
     */
    private boolean isReserved(ConnectedPeer p) {
        for (TransportAddress r : config.reservedPeers()) {
            boolean sameHost = r.ipLiteral().isPresent() ? r.ipLiteral().equals(p.address.ipLiteral())
                    : r.host().equalsIgnoreCase(p.address.host());
            if (sameHost && (r.pinnedIdentity().isEmpty() || r.pinnedIdentity().equals(p.identity))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onPingRoundTrip(PeerId peer, Duration rtt) {
        ConnectedPeer p = peers.get(peer);
        if (p != null && (p.bestPingMillis < 0 || rtt.toMillis() < p.bestPingMillis)) {
            p.bestPingMillis = rtt.toMillis();
        }
    }

    @Override
    public void onUsefulMessage(PeerId peer) {
        ConnectedPeer p = peers.get(peer);
        if (p != null) {
            p.lastUsefulMillis = Math.max(1, now());
        }
    }

    private void announceOurselves(ConnectedPeer peer, Optional<PeerAddress> howTheySeeUs) {
        for (TransportAddress own : ownAddresses) {
            if (!own.scheme().equals(scheme)) {
                continue;
            }
            Optional<PeerAddress> announced = own.toPeerAddress()
                    .flatMap(a -> a.ip().isAnyLocalAddress()
                            ? howTheySeeUs.map(seen -> new PeerAddress(seen.ip(), own.port()))
                            : Optional.of(a));
            if (announced.isPresent() && isDiscoverable(announced.get())) {
                actions.send(peer.id, new AnnounceAddrRequest(announced.get()));
                return;
            }
        }
    }

    @Override
    public void onPeerDisconnected(PeerId peer, CloseReason reason) {
        ConnectedPeer p = peers.remove(peer);
        if (p != null && p.direction == Direction.OUTBOUND && !p.stable) {
            backOff(p.address, p.purpose.orElse(DialPurpose.MANUAL));
            log.debug("{} {} did not last ({}): backing off", p.id, p.address, reason);
        }
    }

    // --- address exchange ------------------------------------------------------------------------------

    @Override
    public void onMessage(PeerId peerId, Message message) {
        ConnectedPeer peer = peers.get(peerId);
        if (peer == null) {
            return;
        }
        if (message instanceof AddrListRequest) {
            answerAddressRequest(peer);
        } else if (message instanceof AddrListResponse response) {
            acceptAddressList(peer, response);
        } else if (message instanceof AnnounceAddrRequest announce) {
            acceptAnnouncement(peer, announce.address());
        }
    }

    private void answerAddressRequest(ConnectedPeer peer) {
        if (peer.direction != Direction.INBOUND || peer.addressesAnswered) {
            log.debug("ignoring address request from {} ({}, answered before: {})", peer.id, peer.direction,
                    peer.addressesAnswered);
            return;
        }
        peer.addressesAnswered = true;
        actions.send(peer.id, new AddrListResponse(peer.counted ? addressSample() : servedAnswer()));
    }

    /** The sample for served-and-dropped peers, refreshed at most every {@link #SERVED_ANSWER_TTL}. */
    private List<PeerAddress> servedAnswer() {
        long now = now();
        if (now >= cachedAnswerUntilMillis) {
            cachedAnswer = addressSample();
            cachedAnswerUntilMillis = now + SERVED_ANSWER_TTL.toMillis();
        }
        return cachedAnswer;
    }

    private List<PeerAddress> addressSample() {
        List<PeerAddress> sample = new ArrayList<>();
        for (TransportAddress a : book.sample(WireLimits.MAX_ADDR_LIST_RESPONSE, a -> a.scheme().equals(scheme))) {
            a.toPeerAddress().filter(this::isDiscoverable).ifPresent(sample::add);
        }
        return List.copyOf(sample);
    }

    private void acceptAddressList(ConnectedPeer peer, AddrListResponse response) {
        if (peer.direction != Direction.OUTBOUND || !peer.addressesRequested) {
            misbehave(peer, UNEXPECTED_MESSAGE_SCORE, DisconnectReason.UNSOLICITED_ADDRESSES);
            return;
        }
        peer.addressesRequested = false;
        if (response.addresses().size() > WireLimits.MAX_ADDR_LIST_RESPONSE) {
            misbehave(peer, ADDRESS_LIST_LIMIT_SCORE, DisconnectReason.ADDRESS_LIST_TOO_LONG);
            return;
        }
        for (PeerAddress a : response.addresses()) {
            TransportAddress learned = TransportAddress.of(scheme, a);
            if (isDiscoverable(a) && !isOwn(learned)) {
                book.add(learned, peer.group);
            }
        }
    }

    private void acceptAnnouncement(ConnectedPeer peer, PeerAddress address) {
        long now = now();
        if (!peer.announceLimiter.tryAcquire(now) || !isDiscoverable(address)) {
            return;
        }
        TransportAddress ta = TransportAddress.of(scheme, address);
        if (!isOwn(ta)) {
            book.add(ta, peer.group);
        }
        if (recentlyRelayed.containsKey(address)) {
            return;
        }
        recentlyRelayed.put(address, now);
        List<ConnectedPeer> targets = new ArrayList<>();
        for (ConnectedPeer p : peers.values()) {
            if (p != peer && p.counted && Services.has(p.services, Services.PEER_ADDRESSES)) {
                targets.add(p);
            }
        }
        for (int i = 0; i < RELAY_FANOUT && !targets.isEmpty(); i++) {
            ConnectedPeer target = targets.remove(random.nextInt(targets.size()));
            actions.send(target.id, new AnnounceAddrRequest(address));
        }
    }

    /**
     * Whether the address is this node: a bound listen address, one a dial found to be ourselves,
     * or one an inbound peer said it dialled to reach us. Never stored in the book.
     */
    private boolean isOwn(TransportAddress a) {
        return ownAddresses.contains(a) || selfAddresses.contains(a) || seenAsUs.contains(a);
    }

    /** An inbound peer's Hello says which address of ours it dialled (bounded: a peer could lie). */
    private void rememberHowWeWereReached(HandshakeResult r) {
        r.receiverAddress().filter(a -> a.port() != 0).ifPresent(a -> {
            seenAsUs.add(TransportAddress.of(scheme, a));
            if (seenAsUs.size() > SEEN_AS_US_MAX) {
                seenAsUs.remove(seenAsUs.iterator().next());
            }
            book.remove(TransportAddress.of(scheme, a));
        });
    }

    /** Whether an address may be exchanged: a real port, and private/loopback only where allowed. */
    private boolean isDiscoverable(PeerAddress a) {
        if (a.port() == 0 || a.ip().isAnyLocalAddress() || a.ip().isMulticastAddress()) {
            return false;
        }
        return config.allowPrivateAddresses() || !AddressGroup.isPrivate(a.ip());
    }

    // --- misbehaviour and bans -------------------------------------------------------------------------

    private void misbehave(ConnectedPeer peer, int score, DisconnectReason reason) {
        peer.address.ipLiteral().ifPresent(ip -> onMisbehaviour(Optional.of(peer.id), ip, score, CloseReason.of(reason)));
    }

    @Override
    public void onMisbehaviour(Optional<PeerId> peerId, InetAddress address, int score, CloseReason reason) {
        int total = score;
        if (peerId.isPresent() && peers.containsKey(peerId.get())) {
            ConnectedPeer p = peers.get(peerId.get());
            p.misbehaviour += score;
            total = p.misbehaviour;
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
        for (ConnectedPeer p : new ArrayList<>(peers.values())) {
            if (p.address.ipLiteral().map(ip -> BanKey.of(ip).equals(key)).orElse(false)) {
                actions.disconnect(p.id, CloseReason.of(reason));
            }
        }
    }

    @Override
    public void connectManually(TransportAddress address) {
        pendingOutbound.remove(address);
        pendingOutbound.put(address, DialPurpose.MANUAL);
        actions.dial(address, DialPurpose.MANUAL);
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

    private void refreshStats() {
        int tried = book.triedCount();
        stats = new PeerManagerStats(book.size() - tried, tried, backoff.size(), evictions, servedAndDropped,
                feelersOk, feelersFailed, dnsSeeds.lookups());
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
