package io.mintp2p.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One round of {@link SwarmProbe}: every address {@code tasks.<service>} gave, with that replica's
 * {@code /peers} answer, or a null JSON node when it did not answer. Immutable; any thread.
 */
record SwarmRound(Map<String, JsonNode> nodes) {
    /** Dial purposes that fill a full-relay outbound slot (DialPurpose.slot() == FULL_RELAY). */
    private static final Set<String> FULL_RELAY = Set.of("BOOT", "OUTBOUND", "ANCHOR", "RESERVED");
    private static final Set<String> BLOCK_RELAY = Set.of("BLOCK_RELAY");

    SwarmRound {
        nodes = Map.copyOf(nodes);
    }

    /** Parses one line the probe printed ({@code {"nodes":{"<ip>":<peers>|null}}}). */
    static SwarmRound parse(JsonNode line) {
        Map<String, JsonNode> nodes = new TreeMap<>();
        line.get("nodes").fields().forEachRemaining(e -> nodes.put(e.getKey(), e.getValue()));
        return new SwarmRound(nodes);
    }

    Set<String> addresses() {
        return new TreeSet<>(nodes.keySet());
    }

    /** Exactly {@code replicas} addresses, every one answering. */
    boolean allAnswer(int replicas) {
        return nodes.size() == replicas && nodes.values().stream().allMatch(JsonNode::isArray);
    }

    /**
     * Exactly {@code replicas} addresses, every one answering with every outbound slot filled (at least
     * {@code fullRelay} full-relay and {@code blockRelay} block-relay outbound peers), and every peer of
     * every replica one of these addresses (no link to a replica that is gone is still counted).
     */
    boolean converged(int replicas, int fullRelay, int blockRelay) {
        return allAnswer(replicas)
                && nodes.values().stream().allMatch(p -> outbound(p, FULL_RELAY) >= fullRelay && outbound(p, BLOCK_RELAY) >= blockRelay)
                && nodes.values().stream().allMatch(peers -> nodes.keySet().containsAll(remoteIps(peers)));
    }

    /** Whether every address reaches every other over the peer links, taken in either direction. */
    boolean connected() {
        Map<String, Set<String>> links = new HashMap<>();
        nodes.forEach((ip, peers) -> {
            for (String remote : remoteIps(peers)) {
                if (nodes.containsKey(remote)) {
                    links.computeIfAbsent(ip, k -> new HashSet<>()).add(remote);
                    links.computeIfAbsent(remote, k -> new HashSet<>()).add(ip);
                }
            }
        });
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(nodes.keySet().stream().limit(1).toList());
        while (!todo.isEmpty()) {
            String ip = todo.pop();
            if (seen.add(ip)) {
                todo.addAll(links.getOrDefault(ip, Set.of()));
            }
        }
        return seen.equals(nodes.keySet());
    }

    /** Outbound peers per address as "full-relay+block-relay", "-" where the replica did not answer. */
    Map<String, String> outbound() {
        Map<String, String> out = new TreeMap<>();
        nodes.forEach((ip, peers) -> out.put(ip, !peers.isArray() ? "-" : outbound(peers, FULL_RELAY) + "+" + outbound(peers, BLOCK_RELAY)));
        return out;
    }

    /** All peers (either direction) per address, -1 where the replica did not answer. */
    Map<String, Long> peers() {
        Map<String, Long> out = new TreeMap<>();
        nodes.forEach((ip, peers) -> out.put(ip, peers.isArray() ? (long) peers.size() : -1));
        return out;
    }

    private static long outbound(JsonNode peers, Set<String> purposes) {
        long n = 0;
        for (JsonNode p : peers) {
            n += p.path("direction").asText().equals("OUTBOUND") && purposes.contains(p.path("purpose").asText()) ? 1 : 0;
        }
        return n;
    }

    /** The IP addresses of a replica's peers (noise://10.0.0.3:23031 -> 10.0.0.3); none if it did not answer. */
    static Set<String> remoteIps(JsonNode peers) {
        Set<String> ips = new TreeSet<>();
        if (peers != null && peers.isArray()) {
            for (JsonNode p : peers) {
                String host = p.path("address").asText().replaceFirst("^\\w+://", "").replaceFirst("#.*$", "")
                        .replaceFirst(":\\d+$", "");
                ips.add(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            }
        }
        return ips;
    }
}
