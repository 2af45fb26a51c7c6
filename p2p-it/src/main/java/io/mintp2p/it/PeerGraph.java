package io.mintp2p.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The peer graph of running nodes as their admin APIs report it: connected components, outbound
 * counts, and a one-line description of a node for failure messages. Every method asks the nodes
 * over HTTP on the caller's thread and blocks until they have answered.
 */
final class PeerGraph {
    private PeerGraph() {
    }

    /** The components among {@code among}, as sets of node names; a peer outside {@code among} is ignored. */
    static List<Set<String>> componentSets(Collection<P2pNodeContainer> among) throws Exception {
        Map<String, String> ipToName = new HashMap<>();
        for (P2pNodeContainer n : among) {
            for (String ip : n.ipAddresses()) {
                ipToName.put(ip, n.name());
            }
        }
        Map<String, String> parent = new HashMap<>();
        among.forEach(n -> parent.put(n.name(), n.name()));
        for (P2pNodeContainer n : among) {
            for (JsonNode p : n.admin().get("peers")) {
                String host = host(p.get("address").asText());
                String other = ipToName.getOrDefault(host, parent.containsKey(host) ? host : null);
                if (other != null) {
                    parent.put(find(parent, n.name()), find(parent, other));
                }
            }
        }
        Map<String, Set<String>> byRoot = new TreeMap<>();
        for (String k : parent.keySet()) {
            byRoot.computeIfAbsent(find(parent, k), r -> new TreeSet<>()).add(k);
        }
        return new ArrayList<>(byRoot.values());
    }

    /** The host of an address as the admin API prints it ({@code tcp://host:port#identity}). */
    static String host(String address) {
        return address.replaceFirst("^\\w+://", "").replaceFirst(":\\d+(#.*)?$", "");
    }

    private static String find(Map<String, String> parent, String x) {
        while (!parent.get(x).equals(x)) {
            x = parent.get(x);
        }
        return x;
    }

    /** How many outbound peers {@code n} lists now. */
    static long outbound(P2pNodeContainer n) throws Exception {
        long count = 0;
        for (JsonNode p : n.admin().get("peers")) {
            if (p.get("direction").asText().equals("OUTBOUND")) {
                count++;
            }
        }
        return count;
    }

    /**
     * One line on what a node sees, for failure messages (CI keeps only the end of the output): its
     * addresses, its links with their purpose, its address book and the addresses it refuses. Never
     * throws: a node that does not answer is described as such.
     */
    static String describe(P2pNodeContainer n) {
        try {
            StringBuilder b = new StringBuilder(n.name()).append(' ').append(n.ipAddresses()).append(": links [");
            for (JsonNode p : n.admin().get("peers")) {
                b.append(p.get("direction").asText().startsWith("OUT") ? "out " : "in ")
                        .append(p.path("purpose").asText("-")).append(' ').append(p.get("address").asText()).append(", ");
            }
            b.append("]; book [");
            for (JsonNode e : n.admin().get("addresses").get("entries")) {
                b.append(e.get("address").asText()).append(e.get("tried").asBoolean() ? " tried" : " new")
                        .append(" failures ").append(e.get("failures").asInt()).append(", ");
            }
            b.append("]; refused [");
            for (JsonNode ban : n.admin().get("bans")) {
                b.append(ban.get("address").asText()).append(" (").append(ban.get("reason").asText()).append("), ");
            }
            return b.append(']').toString();
        } catch (Exception e) {
            return n.name() + ": did not answer (" + e.getMessage() + ")";
        }
    }
}
