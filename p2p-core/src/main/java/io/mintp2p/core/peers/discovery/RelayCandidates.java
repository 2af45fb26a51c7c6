package io.mintp2p.core.peers.discovery;

import io.mintp2p.core.peers.connections.ConnectedPeer;
import io.mintp2p.core.peers.connections.PeerTable;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.Services;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Picks the random peers an address announcement is relayed to. The peers that take part in
 * address relay at all (counted, not block-relay, offering addresses: all fixed at the handshake)
 * are kept in an array in the peer table's order, rebuilt only when a peer joins or leaves; a pick
 * then filters that array instead of walking the table's map twice. A well-connected node relays
 * many announcements a second in a large network, and the walks were a tenth of a simulation's CPU.
 *
 * <p>Node thread only; nothing blocks. Bounded: the array holds at most the table's peers.
 */
final class RelayCandidates {
    private static final ConnectedPeer[] NONE = new ConnectedPeer[0];

    private final PeerTable table;
    private final RandomGenerator random;
    private ConnectedPeer[] relaying = NONE;
    /**
     * The scheme every peer in {@link #relaying} came over, or null when they differ (or there are
     * none): nearly always one, and then an announcement over it reaches every cached peer but its
     * announcer, with no peer's address to read (a cache miss per peer in a large simulation).
     */
    private String sharedScheme;
    /**
     * Whether {@link #sharedScheme} is worked out for the array as it is: only at the first pick
     * after a rebuild, as peers may come and go many times between two announcements to relay.
     */
    private boolean schemeKnown;
    /** The table's {@link PeerTable#membershipChanges()} when {@link #relaying} was built; -1: never. */
    private long builtAt = -1;
    // Scratch for one pick (node thread only).
    private final int[] drawnRanks;
    private final int[] taken;

    RelayCandidates(PeerTable table, RandomGenerator random, int fanout) {
        this.table = table;
        this.random = random;
        this.drawnRanks = new int[fanout];
        this.taken = new int[fanout];
    }

    /**
     * Up to {@code fanout} random peers that take part in address relay over the announcer's scheme
     * (for onions: those that take them), the announcer excluded; null where there are fewer. Draws
     * as taking the candidates, in table order, out of a list one at a time would
     * ({@code remove(nextInt(left))}), so the choice is the same as that list's for the same random.
     *
     * @param from    the announcer
     * @param address what is announced
     * @return a new array of {@code fanout} slots
     */
    ConnectedPeer[] pick(ConnectedPeer from, PeerAddress address) {
        ConnectedPeer[] peers = relaying();
        // All reach it but the announcer when they share its scheme: the announcer's place is all there is to find.
        boolean allButFrom = !address.isOnion() && sharedScheme(peers) != null
                && sharedScheme.equals(from.address.scheme());
        int fromAt = -1;
        int candidates = 0;
        if (allButFrom) {
            for (int i = 0; i < peers.length && fromAt < 0; i++) {
                if (peers[i] == from) {
                    fromAt = i;
                }
            }
            candidates = fromAt < 0 ? peers.length : peers.length - 1;
        } else {
            for (ConnectedPeer p : peers) {
                if (reaches(p, from, address)) {
                    candidates++;
                }
            }
        }
        int fanout = drawnRanks.length;
        int drawn = 0;
        while (drawn < fanout && drawn < candidates) {
            int rank = random.nextInt(candidates - drawn);
            int at = 0;
            // A rank among those left is one among all once each taken one at or before it is stepped over.
            while (at < drawn && taken[at] <= rank) {
                rank++;
                at++;
            }
            System.arraycopy(taken, at, taken, at + 1, drawn - at);
            taken[at] = rank;
            drawnRanks[drawn++] = rank;
        }
        ConnectedPeer[] chosen = new ConnectedPeer[fanout];
        if (allButFrom) {
            for (int d = 0; d < drawn; d++) {
                int rank = drawnRanks[d];
                chosen[d] = peers[fromAt >= 0 && rank >= fromAt ? rank + 1 : rank];
            }
            return chosen;
        }
        int rank = 0;
        for (int i = 0; i < peers.length && drawn > 0; i++) {
            if (reaches(peers[i], from, address)) {
                for (int d = 0; d < drawn; d++) {
                    if (drawnRanks[d] == rank) {
                        chosen[d] = peers[i];
                    }
                }
                rank++;
            }
        }
        return chosen;
    }

    /** The peers taking part in address relay, in table order, rebuilt if the table changed since. */
    private ConnectedPeer[] relaying() {
        long changes = table.membershipChanges();
        if (changes != builtAt) {
            ConnectedPeer[] all = new ConnectedPeer[table.all().size()];
            int n = 0;
            for (ConnectedPeer p : table.all()) {
                if (p.counted && p.exchangesAddresses() && Services.has(p.services, Services.PEER_ADDRESSES)) {
                    all[n++] = p;
                }
            }
            relaying = n == 0 ? NONE : Arrays.copyOf(all, n);
            schemeKnown = false;
            builtAt = changes;
        }
        return relaying;
    }

    /** The scheme all the cached peers share, or null; worked out once per rebuild. */
    private String sharedScheme(ConnectedPeer[] peers) {
        if (!schemeKnown) {
            sharedScheme = peers.length == 0 ? null : peers[0].address.scheme();
            for (int i = 1; i < peers.length && sharedScheme != null; i++) {
                if (!sharedScheme.equals(peers[i].address.scheme())) {
                    sharedScheme = null;
                }
            }
            schemeKnown = true;
        }
        return sharedScheme;
    }

    private static boolean reaches(ConnectedPeer p, ConnectedPeer from, PeerAddress address) {
        if (p == from) {
            return false;
        }
        return address.isOnion() ? Services.has(p.services, Services.ONION_ADDRESSES)
                : p.address.scheme().equals(from.address.scheme());
    }

    /** How many peers the cache holds, as of the last pick (tests). */
    int cached() {
        return relaying.length;
    }
}
