package io.mintp2p.core.peers;

/**
 * What the peer manager holds and did, for metrics. Refreshed once a second on the node thread and
 * read from anywhere.
 *
 * @param bookNew          addresses heard of, never kept
 * @param bookTried        addresses whose peer stayed
 * @param backoffEntries   addresses waiting before the next dial
 * @param evictions        inbound peers evicted to make room for a newcomer
 * @param servedAndDropped inbound peers served addresses and let go because nobody could be evicted
 * @param feelersOk        feeler connections that reached a node
 * @param feelersFailed    feeler connections that did not
 * @param dnsLookups       DNS seed lookups started
 */
public record PeerManagerStats(int bookNew, int bookTried, int backoffEntries, long evictions, long servedAndDropped,
                               long feelersOk, long feelersFailed, long dnsLookups) {
    public static final PeerManagerStats NONE = new PeerManagerStats(0, 0, 0, 0, 0, 0, 0, 0);
}
