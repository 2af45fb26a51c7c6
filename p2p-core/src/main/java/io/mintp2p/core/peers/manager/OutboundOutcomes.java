package io.mintp2p.core.peers.manager;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.HandshakeResult;
import io.mintp2p.core.peers.Verdict;
import io.mintp2p.core.peers.book.AddressBook;
import io.mintp2p.core.peers.connections.ConnectedPeer;
import io.mintp2p.core.peers.connections.PeerTable;
import io.mintp2p.core.peers.discovery.AddressRelay;
import io.mintp2p.core.peers.pins.IdentityPins;
import io.mintp2p.core.time.Clock;
import io.mintp2p.core.transport.CloseReason;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What our dials come to: a failure backs the address off and counts against it in the book; a
 * handshake is checked (pinned identity, feeler, services, duplicate) and accepted; a peer that
 * stays {@link #STABLE_AFTER} makes its address "tried". Node thread only.
 */
final class OutboundOutcomes {
    private static final Logger log = LoggerFactory.getLogger(OutboundOutcomes.class);
    /** How long an outbound peer must stay before its address counts as good. */
    static final Duration STABLE_AFTER = Duration.ofSeconds(30);

    private final P2pConfig config;
    private final Clock clock;
    private final PeerTable table;
    private final AddressBook book;
    private final IdentityPins pins;
    private final Backoff backoff;
    private final AddressRelay relay;
    private final Function<TransportAddress, String> groupOf;
    /** Boot nodes and reserved peers: backed off less (see {@link Backoff#failed}). */
    private final Set<TransportAddress> wellKnown = new HashSet<>();
    /**
     * Outbound peers not yet {@link #STABLE_AFTER} old, oldest first (they are added as they connect):
     * the tick looks at the head only, instead of at every peer of every node every second. Peers
     * that left are skipped when they come up.
     */
    private final Deque<ConnectedPeer> awaitingStability = new ArrayDeque<>();
    private long feelersOk;
    private long feelersFailed;
    private long identityMismatches;

    OutboundOutcomes(P2pConfig config, Clock clock, PeerTable table, AddressBook book, IdentityPins pins,
                     Backoff backoff, AddressRelay relay, Function<TransportAddress, String> groupOf) {
        this.config = config;
        this.clock = clock;
        this.table = table;
        this.book = book;
        this.pins = pins;
        this.backoff = backoff;
        this.relay = relay;
        this.groupOf = groupOf;
        config.bootNodes().forEach(a -> wellKnown.add(a.withoutIdentity()));
        config.reservedPeers().forEach(a -> wellKnown.add(a.withoutIdentity()));
    }

    void onFailed(TransportAddress dialled, DialPurpose purpose, CloseReason reason) {
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

    /** The verdict on an outbound handshake. */
    Verdict onHandshake(HandshakeResult r, long now) {
        TransportAddress address = r.address().withoutIdentity();
        DialPurpose purpose = r.purpose().orElse(DialPurpose.MANUAL);
        table.removePending(address);
        if (pins.check(address, r.identity(), Instant.ofEpochMilli(clock.wallMillis())) == IdentityPins.Check.MISMATCH) {
            // The transport refuses a pinned mismatch already; this covers transports that do not.
            reportIdentityMismatch(address, CloseReason.of(DisconnectReason.IDENTITY_MISMATCH));
            backOff(address);
            return Verdict.reject(DisconnectReason.IDENTITY_MISMATCH);
        }
        if (purpose == DialPurpose.FEELER) {
            // A feeler only tests that the address answers: it did.
            feelersOk++;
            backoff.succeeded(address);
            book.markSuccess(address, clock.wallMillis());
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
        ConnectedPeer peer = new ConnectedPeer(r, groupOf.apply(address), now, true);
        table.add(peer);
        awaitingStability.add(peer);
        // Known from now on (a boot node, an anchor); "tried" only once it stayed.
        book.add(address, "outbound");
        relay.onOutboundAccepted(peer, r.receiverAddress());
        return Verdict.accept();
    }

    /** An accepted outbound peer left: if it did not stay {@link #STABLE_AFTER}, that counts as a failure. */
    void onLeft(ConnectedPeer p, CloseReason reason) {
        if (!p.isStable()) {
            backOff(p.address);
            log.debug("{} {} did not last ({}): backing off", p.id, p.address, reason);
        }
    }

    /**
     * Outbound peers that stayed {@link #STABLE_AFTER} are a success: their address leaves back-off
     * and becomes "tried". Not before: a peer that takes us and drops us at once (full, evicting,
     * discouraging us) must not be redialled every second.
     */
    void promoteStablePeers(long now) {
        while (!awaitingStability.isEmpty() && now - awaitingStability.peek().connectedAtMillis >= STABLE_AFTER.toMillis()) {
            ConnectedPeer p = awaitingStability.poll();
            if (table.get(p.id).orElse(null) == p) {
                p.markStable();
                backoff.succeeded(p.address);
                book.markSuccess(p.address, clock.wallMillis());
            }
        }
    }

    private void reportIdentityMismatch(TransportAddress address, CloseReason reason) {
        identityMismatches++;
        log.warn("{} presented another identity than the one pinned at first use ({}); refused. "
                + "If its key changed on purpose, unpin it (admin API / CLI 'unpin').", address, reason.detail());
    }

    /** A dial that failed, or a connection that did not last: the address waits before the next try. */
    private void backOff(TransportAddress address) {
        backoff.failed(address, clock.monotonicMillis(), wellKnown.contains(address));
        book.markFailure(address);
    }

    long feelersOk() {
        return feelersOk;
    }

    long feelersFailed() {
        return feelersFailed;
    }

    long identityMismatches() {
        return identityMismatches;
    }
}
