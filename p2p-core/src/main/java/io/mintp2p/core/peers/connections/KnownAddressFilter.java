package io.mintp2p.core.peers.connections;

/**
 * The addresses one peer is known to know (it told us, or we told it), as salted 32-bit
 * fingerprints in a ring of {@link #CAPACITY}: the oldest is overwritten, so the filter never grows,
 * whatever the peer sends. It only saves sends (an address is not relayed to a peer that knows it):
 * a fingerprint collision or a forgotten entry costs one redundant or one missing relay, never
 * correctness. The ring is allocated at the first address, so a peer that takes no part in address
 * relay costs a null reference. Node thread only.
 */
final class KnownAddressFilter {
    /** Enough for the announcements of a few minutes at the relay's rate; 256 B a peer. */
    static final int CAPACITY = 64;
    /** Marks an empty cell; a fingerprint equal to it is stored as {@link #ZERO_STAND_IN}. */
    private static final int EMPTY = 0;
    private static final int ZERO_STAND_IN = 1;

    private int[] ring;
    private int next;

    boolean contains(int fingerprint) {
        if (ring == null) {
            return false;
        }
        int f = stored(fingerprint);
        for (int cell : ring) {
            if (cell == f) {
                return true;
            }
        }
        return false;
    }

    void add(int fingerprint) {
        if (contains(fingerprint)) {
            return;
        }
        if (ring == null) {
            ring = new int[CAPACITY];
        }
        ring[next] = stored(fingerprint);
        next = (next + 1) % CAPACITY;
    }

    /** Cells in use: at most {@link #CAPACITY}. */
    int size() {
        if (ring == null) {
            return 0;
        }
        int n = 0;
        for (int cell : ring) {
            if (cell != EMPTY) {
                n++;
            }
        }
        return n;
    }

    private static int stored(int fingerprint) {
        return fingerprint == EMPTY ? ZERO_STAND_IN : fingerprint;
    }
}
