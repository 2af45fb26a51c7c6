package io.mintp2p.core.peers;

/** A node-local handle of one connection/peer, unique for the life of the node process. */
public record PeerId(long value) implements Comparable<PeerId> {
    @Override
    public int compareTo(PeerId o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return "peer-" + value;
    }
}
