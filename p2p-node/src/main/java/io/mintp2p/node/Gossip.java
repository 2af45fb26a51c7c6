package io.mintp2p.node;

import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerSnapshot;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Floods {@link GossipMessage}s: each new id is kept, handed to every peer but the one it came
 * from, and forgotten once {@link #SEEN_CAPACITY} newer ids were seen. Received messages are kept
 * for {@code /messages}, newest first, at most {@link #KEPT}.
 */
public final class Gossip {
    static final int SEEN_CAPACITY = 10_000;
    static final int KEPT = 1000;

    /**
     * One message as this node received (or sent) it.
     *
     * @param message    the message as it arrived first
     * @param receivedAt when it arrived, on the wall clock
     */
    public record Received(GossipMessage message, Instant receivedAt) {
    }

    private final P2pNode node;
    private final String origin;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SEEN_CAPACITY;
        }
    };
    private final Deque<Received> kept = new ArrayDeque<>();

    /**
     * Subscribes to {@link GossipMessage#TYPE} on {@code node}. Caller's thread; does not block.
     *
     * @param node   the node to flood through; it must have the type registered
     * @param origin how this node names itself in the messages it publishes
     */
    public Gossip(P2pNode node, String origin) {
        this.node = node;
        this.origin = origin;
        node.subscribe(GossipMessage.TYPE, this::onGossip);
    }

    private void onGossip(PeerSnapshot from, GossipMessage message) {
        if (!remember(message)) {
            return;
        }
        if (message.hops() < GossipMessage.MAX_HOPS) {
            node.broadcast(GossipMessage.TYPE, message.nextHop(), from.id());
        }
    }

    /**
     * Starts a new message from this node; says how many peers it was queued for. Caller's thread; does not block.
     *
     * @param payload the text, at most {@link GossipMessage#MAX_TEXT} bytes in UTF-8 (peers refuse a longer one)
     * @return the new message's id and how many peers it went to
     */
    public Published publish(String payload) {
        byte[] id = new byte[32];
        random.nextBytes(id);
        GossipMessage message = new GossipMessage(HexFormat.of().formatHex(id), origin, 0, payload);
        remember(message);
        return new Published(message.idHex(), node.broadcast(GossipMessage.TYPE, message));
    }

    /**
     * The id of a published message and how many peers it went to.
     *
     * @param id     the message's id in hex
     * @param sentTo how many peers it was queued for
     */
    public record Published(String id, int sentTo) {
    }

    private synchronized boolean remember(GossipMessage message) {
        if (seen.putIfAbsent(message.idHex(), Boolean.TRUE) != null) {
            return false;
        }
        kept.addFirst(new Received(message, Instant.now()));
        while (kept.size() > KEPT) {
            kept.removeLast();
        }
        return true;
    }

    /**
     * The messages kept for {@code /messages}. Any thread.
     *
     * @return a copy, newest first, at most {@link #KEPT}
     */
    public synchronized List<Received> messages() {
        return new ArrayList<>(kept);
    }

    /**
     * Whether this node has received (or sent) a message. Any thread.
     *
     * @param id the message's id in hex
     * @return true if the id is among the last {@link #SEEN_CAPACITY} seen
     */
    public synchronized boolean hasSeen(String id) {
        return seen.containsKey(id);
    }
}
