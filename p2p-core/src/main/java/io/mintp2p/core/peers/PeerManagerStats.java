package io.mintp2p.core.peers;

import java.util.Map;

/**
 * What the peer manager holds and did, for metrics. Refreshed once a second on the node thread and
 * read from anywhere.
 *
 * @param bookNew            addresses heard of, never kept
 * @param bookTried          addresses whose peer stayed
 * @param backoffEntries     addresses waiting before the next dial
 * @param evictions          peers let go to make room or to rotate, by reason
 * @param servedAndDropped   inbound peers served addresses and let go because nobody could be evicted
 * @param feelersOk          feeler connections that reached a node
 * @param feelersFailed      feeler connections that did not
 * @param dnsLookups         DNS seed lookups started
 * @param triedCollisions    addresses waiting for a feeler to test the tried entry they collide with
 * @param identityPins       addresses with an identity pinned at first use
 * @param identityMismatches dials refused because the peer presented another identity than the pinned one
 * @param fullRelayOutbound  full-relay outbound connections, established or being dialled
 * @param blockRelayOutbound block-relay outbound connections, established or being dialled
 */
public record PeerManagerStats(int bookNew, int bookTried, int backoffEntries, Map<EvictionReason, Long> evictions,
                               long servedAndDropped, long feelersOk, long feelersFailed, long dnsLookups,
                               int triedCollisions, int identityPins, long identityMismatches,
                               int fullRelayOutbound, int blockRelayOutbound) {
    /** Every count zero: before the first refresh. */
    public static final PeerManagerStats NONE = new PeerManagerStats(0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Copies the map.
     *
     * @param bookNew            addresses heard of, never kept
     * @param bookTried          addresses whose peer stayed
     * @param backoffEntries     addresses waiting before the next dial
     * @param evictions          peers let go, by reason
     * @param servedAndDropped   inbound peers served addresses and let go
     * @param feelersOk          feeler connections that reached a node
     * @param feelersFailed      feeler connections that did not
     * @param dnsLookups         DNS seed lookups started
     * @param triedCollisions    addresses waiting for a feeler
     * @param identityPins       addresses with a pinned identity
     * @param identityMismatches dials refused for another identity than the pinned one
     * @param fullRelayOutbound  full-relay outbound connections
     * @param blockRelayOutbound block-relay outbound connections
     */
    public PeerManagerStats {
        evictions = Map.copyOf(evictions);
    }

    /**
     * Evictions of every reason together.
     *
     * @return the sum
     */
    public long evictionsTotal() {
        return evictions.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Evictions of one reason.
     *
     * @param reason the reason
     * @return the count
     */
    public long evictions(EvictionReason reason) {
        return evictions.getOrDefault(reason, 0L);
    }
}
