package io.mintp2p.core.peers.connections;

import io.mintp2p.core.peers.DialPurpose;
import io.mintp2p.core.peers.OutboundSlot;
import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Who the node is connected to or dialling, and what for: the one place the peer manager's parts
 * ask "how many", "which groups" and "already connected?". Addresses are kept without a pinned
 * identity, so a dial made with a pin and its result meet the same entry.
 * <p>Node thread only (the peer manager's scheduler); nothing blocks.
 */
public final class PeerTable {
    private final Map<PeerId, ConnectedPeer> peers = new LinkedHashMap<>();
    /** See {@link #membershipChanges()}. */
    private long membershipChanges;
    private final Map<TransportAddress, DialPurpose> pending = new HashMap<>();
    private final Map<TransportAddress, Integer> outboundAddresses = new HashMap<>();
    private final Function<TransportAddress, String> groupOf;
    /**
     * {@link #count} by slot, kept as peers and dials come and go: the policies ask it several times
     * a tick, and walking the maps of thousands of idle simulated nodes every second cost more than
     * anything else the tick did.
     */
    private final int[] countedBySlot = new int[OutboundSlot.values().length];
    /** The established part of {@link #countedBySlot}: what the surplus check asks every tick. */
    private final int[] establishedBySlot = new int[OutboundSlot.values().length];
    /** Bumped whenever an established peer joins or leaves the slot. */
    private final long[] establishedChangesBySlot = new long[OutboundSlot.values().length];
    /** Automatic, non-reserved outbound peers per address group, and how many groups hold two or more. */
    private final Map<String, Integer> automaticOutboundPerGroup = new HashMap<>();
    private int sharedGroups;

    public PeerTable(Function<TransportAddress, String> groupOf) {
        this.groupOf = groupOf;
    }

    // --- connected peers -------------------------------------------------------------------------------

    public Optional<ConnectedPeer> get(PeerId id) {
        return Optional.ofNullable(peers.get(id));
    }

    /**
     * Bumped whenever a peer joins or leaves (or is replaced): whoever keeps something derived from
     * {@link #all()} knows when to rebuild it.
     */
    public long membershipChanges() {
        return membershipChanges;
    }

    public void add(ConnectedPeer peer) {
        membershipChanges++;
        ConnectedPeer replaced = peers.put(peer.id, peer);
        if (replaced != null) {
            uncount(replaced);
        }
        if (peer.counted) {
            countedBySlot[peer.slot().ordinal()]++;
            establishedBySlot[peer.slot().ordinal()]++;
            establishedChangesBySlot[peer.slot().ordinal()]++;
        }
        if (isDiversityBound(peer) && automaticOutboundPerGroup.merge(peer.group, 1, Integer::sum) == 2) {
            sharedGroups++;
        }
        if (peer.direction == Direction.OUTBOUND) {
            outboundAddresses.merge(peer.address, 1, Integer::sum);
        }
    }

    public Optional<ConnectedPeer> remove(PeerId id) {
        ConnectedPeer p = peers.remove(id);
        if (p != null) {
            membershipChanges++;
            uncount(p);
        }
        return Optional.ofNullable(p);
    }

    private void uncount(ConnectedPeer p) {
        if (p.counted) {
            countedBySlot[p.slot().ordinal()]--;
            establishedBySlot[p.slot().ordinal()]--;
            establishedChangesBySlot[p.slot().ordinal()]++;
        }
        if (isDiversityBound(p)) {
            int left = automaticOutboundPerGroup.merge(p.group, -1, Integer::sum);
            if (left == 1) {
                sharedGroups--;
            } else if (left == 0) {
                automaticOutboundPerGroup.remove(p.group);
            }
        }
        if (p.direction == Direction.OUTBOUND) {
            outboundAddresses.computeIfPresent(p.address, (a, n) -> n == 1 ? null : n - 1);
        }
    }

    public Collection<ConnectedPeer> all() {
        return peers.values();
    }

    /** A snapshot, for loops that may disconnect peers. */
    public List<ConnectedPeer> snapshot() {
        return new ArrayList<>(peers.values());
    }

    // --- dials in flight -------------------------------------------------------------------------------

    public void addPending(TransportAddress address, DialPurpose purpose) {
        DialPurpose replaced = pending.put(address.withoutIdentity(), purpose);
        if (replaced != null) {
            countedBySlot[replaced.slot().ordinal()]--;
        }
        countedBySlot[purpose.slot().ordinal()]++;
    }

    public Optional<DialPurpose> removePending(TransportAddress address) {
        DialPurpose removed = pending.remove(address.withoutIdentity());
        if (removed != null) {
            countedBySlot[removed.slot().ordinal()]--;
        }
        return Optional.ofNullable(removed);
    }

    /** Whether a dial is under way to any address. */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    public boolean isPending(TransportAddress address) {
        return pending.containsKey(address.withoutIdentity());
    }

    // --- questions the policies ask --------------------------------------------------------------------

    public boolean hasOutboundTo(TransportAddress address) {
        return outboundAddresses.containsKey(address.withoutIdentity());
    }

    public boolean isConnectedOrPending(TransportAddress address) {
        return isPending(address) || hasOutboundTo(address);
    }

    /** Connections (established or being dialled) filling the slot; served-then-dropped peers excluded. */
    public int count(OutboundSlot slot) {
        return countedBySlot[slot.ordinal()];
    }

    /** Established peers filling the slot: {@link #established} without the walk. */
    public int establishedCount(OutboundSlot slot) {
        return establishedBySlot[slot.ordinal()];
    }

    /** Changes whenever the set of {@link #established} peers of the slot changes, and only then. */
    public long establishedChanges(OutboundSlot slot) {
        return establishedChangesBySlot[slot.ordinal()];
    }

    /** The peers that must each be in an address group of their own. */
    private static boolean isDiversityBound(ConnectedPeer p) {
        return p.counted && p.isAutomaticOutbound() && !p.isReserved();
    }

    /**
     * The first group (in connection order) held by two automatic, non-reserved outbound peers, if
     * any. Asked every tick of every full node: answered without a walk while no group is shared.
     */
    public Optional<String> sharedOutboundGroup() {
        if (sharedGroups == 0) {
            return Optional.empty();
        }
        Set<String> seen = new HashSet<>();
        for (ConnectedPeer p : peers.values()) {
            if (isDiversityBound(p) && !seen.add(p.group)) {
                return Optional.of(p.group);
            }
        }
        throw new IllegalStateException("a group counted as shared is held by one peer");
    }

    /** Established peers filling the slot. */
    public List<ConnectedPeer> established(OutboundSlot slot) {
        List<ConnectedPeer> out = new ArrayList<>();
        for (ConnectedPeer p : peers.values()) {
            if (p.counted && p.slot() == slot) {
                out.add(p);
            }
        }
        return out;
    }

    /** Address groups of every outbound connection, established or being dialled. */
    public Set<String> outboundGroups() {
        Set<String> groups = new HashSet<>();
        for (ConnectedPeer p : peers.values()) {
            if (p.direction == Direction.OUTBOUND) {
                groups.add(p.group);
            }
        }
        for (TransportAddress a : pending.keySet()) {
            groups.add(groupOf.apply(a));
        }
        return groups;
    }

    public int inboundCount() {
        int n = 0;
        for (ConnectedPeer p : peers.values()) {
            if (p.counted && p.direction == Direction.INBOUND) {
                n++;
            }
        }
        return n;
    }
}
