package io.mintp2p.core.peers.manager;

import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.EvictionReason;
import io.mintp2p.core.peers.OutboundSlot;
import io.mintp2p.core.peers.book.AddressBook;
import io.mintp2p.core.peers.connections.ConnectedPeer;
import io.mintp2p.core.peers.connections.PeerTable;
import io.mintp2p.core.peers.discovery.DnsSeeds;
import io.mintp2p.core.transport.TransportAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Which outbound connections to open and which to let go, after the Mintlayer node's peer manager
 * (itself after Bitcoin Core): {@code targetOutbound} full-relay and {@code blockRelayOutbound}
 * block-relay peers, each in a distinct address group; every {@link #EXTRA_BLOCK_RELAY_PERIOD} one
 * extra block-relay connection (the surplus is evicted once it had time to prove useful, so the
 * slots rotate and a healed partition finds its way back); one extra full-relay connection while
 * the node seems cut off (application messages flow, but none came from an outbound peer for
 * {@link #STALE_AFTER}) or while two outbound peers share a group; a feeler every
 * {@link #FEELER_PERIOD} that tests a new address or the old side of a tried-table collision;
 * short of full-relay peers with nothing to dial, a few forgotten addresses a minute come back on
 * probation (after a partition or an outage they may be all the node can reach).
 * There is no periodic replacement of healthy full-relay peers: every such swap is a fresh draw
 * from the book, more exposure to an eclipse, for nothing the rotating extra does not give.
 */
final class OutboundPolicy {
    static final Duration FEELER_PERIOD = Duration.ofMinutes(2);
    /** How often one extra block-relay peer is tried (Bitcoin Core: 5 minutes). */
    static final Duration EXTRA_BLOCK_RELAY_PERIOD = Duration.ofMinutes(5);
    /** A surplus outbound peer younger than this is left alone: it gets time to prove useful. */
    static final Duration MIN_AGE_BEFORE_EVICTION = Duration.ofMinutes(2);
    /**
     * Useful application messages flow (some peer sent one), but none came from an outbound peer for
     * this long: the node may be cut off. A network without application traffic never looks cut off.
     */
    static final Duration STALE_AFTER = Duration.ofMinutes(30);
    static final int EXTRA_BLOCK_RELAY = 1;
    static final int EXTRA_FULL_RELAY = 1;
    /**
     * Short of full-relay peers with nothing to dial, at most {@link #TAKE_BACK_AT_ONCE} forgotten
     * addresses are taken back per this period: a book of dead addresses costs a few dials a minute.
     */
    static final Duration TAKE_BACK_PERIOD = Duration.ofMinutes(1);
    static final int TAKE_BACK_AT_ONCE = 8;
    /** Below this many known addresses, and short of outbound peers, the DNS seeds are asked. */
    static final int DNS_SEED_BOOK_SIZE = 64;

    /** What the policy asks the coordinator to do. */
    interface Actions {
        void dial(TransportAddress address, DialPurpose purpose);

        void evict(ConnectedPeer peer, EvictionReason reason);

        /** Not banned, discouraged, connected, dialling, backing off, nor ourselves. */
        boolean isDialable(TransportAddress address, long nowMillis);
    }

    private final P2pConfig config;
    private final PeerTable table;
    private final AddressBook book;
    private final DnsSeeds dnsSeeds;
    private final Function<TransportAddress, String> groupOf;
    private final RandomGenerator random;
    private final Actions actions;
    /** Boot nodes without their pinned identity, as the book holds them. */
    private final Set<TransportAddress> bootNodes;
    private long nextFeelerMillis;
    private long nextTakeBackMillis;
    private long nextExtraBlockRelayMillis;
    private long lastUsefulOutboundMillis;
    private boolean usefulTrafficSeen;
    /**
     * By slot: the surplus check found too few mature peers to let one go among the slot's peers as
     * they stood at this {@link PeerTable#establishedChanges} count, and none of them comes of age
     * before this time.
     */
    private final long[] noSurplusBefore = new long[OutboundSlot.values().length];
    private final long[] noSurplusAmongChanges = new long[OutboundSlot.values().length];

    OutboundPolicy(P2pConfig config, PeerTable table, AddressBook book, DnsSeeds dnsSeeds,
                   Function<TransportAddress, String> groupOf, RandomGenerator random, Actions actions, long nowMillis) {
        this.config = config;
        this.table = table;
        this.book = book;
        this.dnsSeeds = dnsSeeds;
        this.groupOf = groupOf;
        this.random = random;
        this.actions = actions;
        this.bootNodes = config.bootNodes().stream().map(TransportAddress::withoutIdentity).collect(Collectors.toSet());
        this.lastUsefulOutboundMillis = nowMillis;
        this.nextFeelerMillis = nowMillis + feelerDelay();
        this.nextExtraBlockRelayMillis = nowMillis + EXTRA_BLOCK_RELAY_PERIOD.toMillis();
    }

    /** A peer delivered an application message the node builder counts as useful. */
    void onUsefulMessage(boolean fromOutbound, long nowMillis) {
        usefulTrafficSeen = true;
        if (fromOutbound) {
            lastUsefulOutboundMillis = nowMillis;
        }
    }

    /** Once a second: fill the slots, test an address now and then, let surplus peers go. */
    void tick(long now) {
        fillFullRelay(now);
        fillBlockRelay(now);
        maybeFeeler(now);
        evictSurplus(OutboundSlot.FULL_RELAY, config.targetOutbound(), now);
        evictSurplus(OutboundSlot.BLOCK_RELAY, config.blockRelayOutbound(), now);
    }

    boolean seemsCutOff(long now) {
        return usefulTrafficSeen && now - lastUsefulOutboundMillis > STALE_AFTER.toMillis();
    }

    // --- opening ---------------------------------------------------------------------------------------

    /**
     * Whether no outbound slot waits to be filled now (dials under way count as filled): the
     * manager then ticks at its idle pace. Changes nothing; the block-relay extra is due by time
     * and waits for the next tick.
     */
    boolean isSettled(long now) {
        return table.count(OutboundSlot.FULL_RELAY) >= fullRelayTarget(now)
                && table.count(OutboundSlot.BLOCK_RELAY) >= config.blockRelayOutbound();
    }

    /** The target, one more while the node seems cut off or two outbound peers share a group. */
    private int fullRelayTarget(long now) {
        int target = config.targetOutbound();
        int have = table.count(OutboundSlot.FULL_RELAY);
        if (target > 0 && have >= target && (seemsCutOff(now) || sameGroupPeers().isPresent())) {
            target += EXTRA_FULL_RELAY;
        }
        return target;
    }

    private void fillFullRelay(long now) {
        int have = table.count(OutboundSlot.FULL_RELAY);
        int missing = fullRelayTarget(now) - have;
        if (missing <= 0) {
            return; // the common case, every tick: no group set to build
        }
        Set<String> usedGroups = table.outboundGroups();
        if (have == 0) {
            // Cut off from everyone (a restart, a partition, a network change): learned addresses may
            // all be stale, so try the boot nodes first, alongside them.
            missing -= dialBootNodes(now, usedGroups, missing);
        }
        missing -= dialFromBook(now, usedGroups, missing, DialPurpose.OUTBOUND);
        if (missing > 0) {
            // Nothing learned is dialable: go back to the boot nodes (they help newcomers even when full).
            missing -= dialBootNodes(now, usedGroups, missing);
        }
        if (missing > 0 && now >= nextTakeBackMillis) {
            // Not even those (connected, or backing off): what was forgotten may be all there is now.
            // A few such addresses come back on probation, to be dialled from the next tick.
            nextTakeBackMillis = now + TAKE_BACK_PERIOD.toMillis();
            book.takeBackForgotten(TAKE_BACK_AT_ONCE, a -> actions.isDialable(a, now));
        }
        if (missing > 0 && book.size() < DNS_SEED_BOOK_SIZE) {
            dnsSeeds.queryDue(now);
        }
    }

    private void fillBlockRelay(long now) {
        if (config.blockRelayOutbound() == 0) {
            return;
        }
        int target = config.blockRelayOutbound();
        int have = table.count(OutboundSlot.BLOCK_RELAY);
        if (have >= target && now >= nextExtraBlockRelayMillis) {
            nextExtraBlockRelayMillis = now + EXTRA_BLOCK_RELAY_PERIOD.toMillis();
            target += EXTRA_BLOCK_RELAY;
        }
        // Never a boot node: everyone knows it, so as a block-relay peer it hides nothing, and the link
        // would take the place of the full-relay one a node needs to learn addresses through. (A node
        // whose links all died in a partition, its boot node the only one it can still reach, would
        // otherwise end up with it as a block-relay peer, a book of dead addresses and no way out.)
        if (have >= target) {
            return;
        }
        dialFromBook(now, table.outboundGroups(), target - have, DialPurpose.BLOCK_RELAY,
                a -> !bootNodes.contains(a.withoutIdentity()));
    }

    private int dialFromBook(long now, Set<String> usedGroups, int max, DialPurpose purpose) {
        return dialFromBook(now, usedGroups, max, purpose, a -> true);
    }

    private int dialFromBook(long now, Set<String> usedGroups, int max, DialPurpose purpose,
                             Predicate<TransportAddress> allowed) {
        int dialled = 0;
        while (dialled < max) {
            Optional<TransportAddress> next = book.select(a -> allowed.test(a) && !usedGroups.contains(groupOf.apply(a))
                    && actions.isDialable(a, now));
            if (next.isEmpty()) {
                break;
            }
            usedGroups.add(groupOf.apply(next.get()));
            actions.dial(next.get(), purpose);
            dialled++;
        }
        return dialled;
    }

    /** Dials up to {@code max} boot nodes that are not connected, pending or backing off; returns how many. */
    private int dialBootNodes(long now, Set<String> usedGroups, int max) {
        int dialled = 0;
        for (TransportAddress boot : config.bootNodes()) {
            if (dialled < max && !usedGroups.contains(groupOf.apply(boot)) && actions.isDialable(boot, now)) {
                usedGroups.add(groupOf.apply(boot));
                actions.dial(boot, DialPurpose.BOOT);
                dialled++;
            }
        }
        return dialled;
    }

    private void maybeFeeler(long now) {
        if (now < nextFeelerMillis || table.count(OutboundSlot.FULL_RELAY) < config.targetOutbound()) {
            return;
        }
        nextFeelerMillis = now + feelerDelay();
        Optional<TransportAddress> collision = book.collisionToTest().filter(a -> actions.isDialable(a, now));
        if (collision.isPresent()) {
            actions.dial(collision.get(), DialPurpose.FEELER);
            return;
        }
        Set<String> usedGroups = table.outboundGroups();
        book.selectNew(a -> !usedGroups.contains(groupOf.apply(a)) && actions.isDialable(a, now))
                .ifPresent(a -> actions.dial(a, DialPurpose.FEELER));
    }

    private long feelerDelay() {
        return FEELER_PERIOD.toMillis() + (long) (random.nextDouble() * FEELER_PERIOD.toMillis() / 4);
    }

    // --- letting go ------------------------------------------------------------------------------------

    /**
     * Over the target (the rotating extra, or an extra opened because the node seemed cut off or two
     * peers shared a group), a mature non-reserved peer goes: first the youngest of a shared group,
     * then the youngest that never delivered anything useful, else the one useful longest ago.
     */
    private void evictSurplus(OutboundSlot slot, int target, long now) {
        // Nearly every node is at or under its target nearly every tick: it builds no list.
        if (table.establishedCount(slot) <= target || nothingMaturedSinceLastCheck(slot, now)) {
            return;
        }
        List<ConnectedPeer> peers = table.established(slot);
        long reserved = peers.stream().filter(ConnectedPeer::isReserved).count();
        List<ConnectedPeer> mature = peers.stream()
                .filter(p -> !p.isReserved() && now - p.connectedAtMillis >= MIN_AGE_BEFORE_EVICTION.toMillis())
                .toList();
        // More reserved peers than the target leave no room at all, not a negative one.
        if (mature.size() <= Math.max(0, target - reserved)) {
            noSurplusBefore[slot.ordinal()] = nextToMature(peers, now);
            noSurplusAmongChanges[slot.ordinal()] = table.establishedChanges(slot);
            return;
        }
        Comparator<ConnectedPeer> youngestFirst = Comparator.comparingLong((ConnectedPeer p) -> p.connectedAtMillis).reversed();
        Optional<String> shared = sameGroupPeers();
        Optional<ConnectedPeer> sameGroup = shared.flatMap(g -> mature.stream().filter(p -> p.group.equals(g))
                .min(youngestFirst));
        if (sameGroup.isPresent()) {
            actions.evict(sameGroup.get(), EvictionReason.OUTBOUND_SAME_GROUP);
            return;
        }
        Optional<ConnectedPeer> neverUseful = mature.stream().filter(p -> p.lastUsefulMillis() == 0).min(youngestFirst);
        ConnectedPeer victim = neverUseful.orElseGet(() -> mature.stream()
                .min(Comparator.comparingLong((ConnectedPeer p) -> p.lastUsefulMillis())).orElseThrow());
        actions.evict(victim, EvictionReason.OUTBOUND_SURPLUS);
    }

    /**
     * Whether the slot's peers are the ones the last check found too young to let any go, and none
     * of them has come of age since: the answer would be the same. (The rotating extra block-relay
     * peer keeps every node over its target for two minutes in five, and walking its peers every
     * second for that was a twentieth of a 10 000-node simulation.)
     */
    private boolean nothingMaturedSinceLastCheck(OutboundSlot slot, long now) {
        return table.establishedChanges(slot) == noSurplusAmongChanges[slot.ordinal()] && now < noSurplusBefore[slot.ordinal()];
    }

    /** When the first of these peers that is still too young to go comes of age. */
    private static long nextToMature(List<ConnectedPeer> peers, long now) {
        long next = Long.MAX_VALUE;
        for (ConnectedPeer p : peers) {
            long matures = p.connectedAtMillis + MIN_AGE_BEFORE_EVICTION.toMillis();
            if (!p.isReserved() && matures > now) {
                next = Math.min(next, matures);
            }
        }
        return next;
    }

    /** An address group held by two automatic outbound peers, if any (anchors and boot nodes can cause it). */
    private Optional<String> sameGroupPeers() {
        return table.sharedOutboundGroup();
    }
}
