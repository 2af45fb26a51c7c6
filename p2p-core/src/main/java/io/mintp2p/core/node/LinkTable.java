package io.mintp2p.core.node;

import io.mintp2p.core.peers.PeerId;
import io.mintp2p.core.transport.Connection;
import io.mintp2p.core.transport.FastPathConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the node finds its links: by connection (every link, from the transport's onOpen until the
 * node forgets it), by peer id (accepted peers), and the links the peer manager may still address by
 * id without being peers (served-then-dropped ones, and the one whose handshake it is judging).
 *
 * <p>Threads: the connection map and the accepted map are concurrent (transport threads add and look
 * up, the node thread forgets, any caller's thread reads accepted peers to send); ids, the served
 * links and the judged link are the node thread's alone. Nothing here blocks.
 */
final class LinkTable {
    /**
     * Keyed by the connection object itself (a transport hands the same one to every call): a boxed id
     * per map and peer cost 24 B each (BENCHMARKS.md, memory.idle_peer).
     */
    private final Map<Connection, Link> byConnection = new ConcurrentHashMap<>();
    private final Map<PeerId, Link> accepted = new ConcurrentHashMap<>();
    /** Node thread only: kept so the peer manager's sends never walk every connection to find one. */
    private final Map<PeerId, Link> serving = new HashMap<>();
    private Link judged;
    private long nextPeerId = 1;

    /** Transport thread, onOpen: the link is found by its connection from now on. */
    void add(Link link) {
        byConnection.put(link.connection, link);
        if (link.connection instanceof FastPathConnection fast) {
            fast.attach(link);
        }
    }

    /**
     * The connection's link: attached to the connection where its transport keeps one (no lookup per
     * frame), else from the map; null once forgotten. Any thread.
     */
    Link linkOf(Connection connection) {
        return connection instanceof FastPathConnection fast && fast.attachment() instanceof Link link
                ? link : byConnection.get(connection);
    }

    /** Node thread: the node is done with the connection; its frames go nowhere from now on. */
    Link forget(Connection connection) {
        if (connection instanceof FastPathConnection fast) {
            fast.attach(null);
        }
        return byConnection.remove(connection);
    }

    /** Node thread: the id of the next connection the node takes on. */
    PeerId nextId() {
        return new PeerId(nextPeerId++);
    }

    int size() {
        return byConnection.size();
    }

    boolean isEmpty() {
        return byConnection.isEmpty();
    }

    /** A copy of every link, for walks that close links (and so change the table). */
    List<Link> all() {
        return new ArrayList<>(byConnection.values());
    }

    /** The accepted peer with that id, or null. Any thread. */
    Link accepted(PeerId peer) {
        return accepted.get(peer);
    }

    /** Every accepted peer's link, live view. Any thread. */
    Collection<Link> acceptedLinks() {
        return accepted.values();
    }

    void accept(Link link) {
        accepted.put(link.id, link);
    }

    /** The accepted peer's link, no longer counted or shown; null if it was not accepted. */
    Link removeAccepted(PeerId peer) {
        return accepted.remove(peer);
    }

    /** Node thread: a link being served addresses before it is let go. */
    void serve(Link link) {
        serving.put(link.id, link);
    }

    void unserve(PeerId peer) {
        serving.remove(peer);
    }

    /** Node thread: the link whose handshake the peer manager is judging (its verdict sends the first address messages). */
    void judging(Link link) {
        judged = link;
    }

    void doneJudging() {
        judged = null;
    }

    /** Node thread: a served-then-dropped peer, or the one being judged; null for any other id. */
    Link notAcceptedYet(PeerId peer) {
        if (judged != null && peer.equals(judged.id)) {
            return judged;
        }
        return serving.get(peer);
    }

    /** Snapshots of the accepted peers, by id. Any thread. */
    List<PeerSnapshot> snapshots() {
        List<PeerSnapshot> out = new ArrayList<>();
        for (Link link : accepted.values()) {
            out.add(link.snapshot());
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }
}
