package io.mintp2p.core.peers.eviction;

import io.mintp2p.core.peers.connections.ConnectedPeer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Which inbound peer makes room for a newcomer, after Bitcoin Core and the Mintlayer node's
 * {@code peers_eviction}: a discouraged peer goes first; otherwise a few peers are protected for
 * qualities an attacker cannot cheaply fake (distinct address groups, the lowest ping times, recent
 * useful application messages, the first few newcomers still in their grace period, then the
 * longest-connected half), and of the rest the youngest
 * peer of the address group with the most connections goes; a group that holds more connections
 * than any other loses its youngest peer not protected by group, ping or usefulness. So many attackers spread over many
 * groups still cannot hold every slot: a victim is found unless every peer is protected. Each
 * protection covers at most an eighth of the peers, so small nodes can evict too.
 * <p>Node thread only; nothing blocks.
 */
public final class InboundEviction {
    static final int PROTECT_BY_GROUP = 4;
    static final int PROTECT_BY_PING = 8;
    static final int PROTECT_BY_USEFUL = 4;
    static final int PROTECT_NEWCOMERS = 4;
    /**
     * How long a newcomer is shielded (if among the first few to arrive in that time): without it the
     * youngest-goes rule makes each honest arrival the next one's victim while an attacker's long-held
     * connections sit behind the uptime protection, and redialling attackers decide who stays.
     */
    static final long NEWCOMER_GRACE_MILLIS = 5 * 60_000L;

    private final ToLongFunction<String> groupKey;

    /** @param groupKey a secret, per-node ordering of address groups, so attackers cannot pick protected groups */
    public InboundEviction(ToLongFunction<String> groupKey) {
        this.groupKey = groupKey;
    }

    /**
     * @param candidates     inbound peers that count against the bound and are not reserved
     * @param newcomerGroup  the group of the peer that wants in: it counts towards its group's size
     * @param nowMillis      the monotonic time of {@code connectedAtMillis}, for the newcomers' grace
     * @param firstArrival   whether a peer may have the newcomers' grace (not one this node evicted lately)
     */
    Optional<ConnectedPeer> choose(List<ConnectedPeer> candidates, Predicate<ConnectedPeer> discouraged,
                                   String newcomerGroup, long nowMillis, Predicate<ConnectedPeer> firstArrival) {
        Optional<ConnectedPeer> bad = candidates.stream().filter(discouraged)
                .max(Comparator.comparingLong(p -> p.connectedAtMillis));
        if (bad.isPresent()) {
            return bad;
        }
        List<ConnectedPeer> left = new ArrayList<>(candidates);
        // With few slots Bitcoin's fixed counts (4 + 8 + 4) would protect everyone: no category
        // protects more than an eighth of the peers, so a flood can always be pushed out.
        int share = Math.max(1, candidates.size() / 8);
        protectDistinctGroups(left, Math.min(PROTECT_BY_GROUP, share));
        protect(left, Math.min(PROTECT_BY_PING, share), p -> p.bestPingMillis() >= 0,
                Comparator.comparingLong(p -> p.bestPingMillis()));
        protect(left, Math.min(PROTECT_BY_USEFUL, share), p -> p.lastUsefulMillis() > 0,
                Comparator.comparingLong((ConnectedPeer p) -> p.lastUsefulMillis()).reversed());
        // The earliest first arrivals of the grace period, not the latest, and no evictee that came
        // back: neither a stream of fresh connections nor redialling can push a newcomer out of it.
        protect(left, Math.min(PROTECT_NEWCOMERS, share),
                p -> nowMillis - p.connectedAtMillis < NEWCOMER_GRACE_MILLIS && firstArrival.test(p),
                Comparator.comparingLong((ConnectedPeer p) -> p.connectedAtMillis));
        Map<String, Integer> sizes = connectionsPerGroup(candidates);
        sizes.merge(newcomerGroup, 1, Integer::sum);
        Optional<ConnectedPeer> fromTheCrowd = youngestOfADominantGroup(left, sizes);
        if (fromTheCrowd.isPresent()) {
            return fromTheCrowd;
        }
        left.sort(Comparator.comparingLong(p -> p.connectedAtMillis));
        left.subList(0, left.size() / 2).clear();
        return youngestOfTheLargestGroup(left, sizes);
    }

    /**
     * One group holding more inbound connections than any other is what a flood from one network
     * looks like: it loses its youngest unprotected peer even if that one has been here long (the
     * uptime protection would otherwise shield a flood's early arrivals and evict younger honest peers).
     */
    private static Optional<ConnectedPeer> youngestOfADominantGroup(List<ConnectedPeer> left, Map<String, Integer> sizes) {
        int largest = sizes.values().stream().max(Integer::compare).orElse(0);
        List<String> atLargest = sizes.entrySet().stream().filter(e -> e.getValue() == largest).map(Map.Entry::getKey).toList();
        if (largest < 2 || atLargest.size() != 1) {
            return Optional.empty();
        }
        return left.stream().filter(p -> p.group.equals(atLargest.get(0)))
                .max(Comparator.comparingLong(p -> p.connectedAtMillis));
    }

    /** Inbound connections per group, protected ones included: a flood's group is large however it is protected. */
    private static Map<String, Integer> connectionsPerGroup(List<ConnectedPeer> candidates) {
        Map<String, Integer> counts = new HashMap<>();
        for (ConnectedPeer p : candidates) {
            counts.merge(p.group, 1, Integer::sum);
        }
        return counts;
    }

    /**
     * One peer (the longest connected; of equals, the first) of each of the first groups in the
     * secret order (of groups whose keys collide, the one whose such peer came longest ago, then
     * first). Found without sorting the peers: a full node asks this for every newcomer, and a sort
     * looking up each peer's group key in every comparison was most of an inbound admission's cost.
     */
    private void protectDistinctGroups(List<ConnectedPeer> left, int count) {
        Map<String, Integer> longestOfGroup = new HashMap<>();
        for (int i = 0; i < left.size(); i++) {
            ConnectedPeer p = left.get(i);
            Integer known = longestOfGroup.putIfAbsent(p.group, i);
            if (known != null && p.connectedAtMillis < left.get(known).connectedAtMillis) {
                longestOfGroup.put(p.group, i);
            }
        }
        int groups = longestOfGroup.size();
        long[] keys = new long[groups];
        int[] peers = new int[groups];
        int g = 0;
        for (Map.Entry<String, Integer> e : longestOfGroup.entrySet()) {
            keys[g] = groupKey.applyAsLong(e.getKey()); // a hash per group
            peers[g++] = e.getValue();
        }
        Set<ConnectedPeer> protectedOnes = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int n = 0; n < Math.min(count, groups); n++) {
            int first = -1;
            for (int i = 0; i < groups; i++) {
                if (peers[i] >= 0 && (first < 0 || comesBefore(keys[i], left.get(peers[i]), peers[i],
                        keys[first], left.get(peers[first]), peers[first]))) {
                    first = i;
                }
            }
            protectedOnes.add(left.get(peers[first]));
            peers[first] = -1;
        }
        left.removeIf(protectedOnes::contains);
    }

    /** Order of {@link #protectDistinctGroups}: group key, then connected longest, then place in the list. */
    private static boolean comesBefore(long keyA, ConnectedPeer a, int placeA, long keyB, ConnectedPeer b, int placeB) {
        if (keyA != keyB) {
            return keyA < keyB;
        }
        if (a.connectedAtMillis != b.connectedAtMillis) {
            return a.connectedAtMillis < b.connectedAtMillis;
        }
        return placeA < placeB;
    }

    private static void protect(List<ConnectedPeer> left, int count, Predicate<ConnectedPeer> eligible,
                                Comparator<ConnectedPeer> best) {
        left.stream().filter(eligible).sorted(best).limit(count).toList().forEach(left::remove);
    }

    /**
     * Of the unprotected peers, the youngest of the group with the most inbound connections (of
     * equally large groups, the one whose youngest is youngest; a tie keeps the group met first).
     * Each group's youngest is found once: a full node asks this for every newcomer.
     */
    private static Optional<ConnectedPeer> youngestOfTheLargestGroup(List<ConnectedPeer> left, Map<String, Integer> sizes) {
        Map<String, ConnectedPeer> youngestByGroup = new HashMap<>();
        for (ConnectedPeer p : left) {
            youngestByGroup.merge(p.group, p, (known, next) -> next.connectedAtMillis > known.connectedAtMillis ? next : known);
        }
        ConnectedPeer chosen = null;
        int chosenSize = 0;
        for (Map.Entry<String, ConnectedPeer> e : youngestByGroup.entrySet()) {
            int size = sizes.getOrDefault(e.getKey(), 0);
            ConnectedPeer youngest = e.getValue();
            if (chosen == null || size > chosenSize
                    || size == chosenSize && youngest.connectedAtMillis > chosen.connectedAtMillis) {
                chosen = youngest;
                chosenSize = size;
            }
        }
        return Optional.ofNullable(chosen);
    }
}
