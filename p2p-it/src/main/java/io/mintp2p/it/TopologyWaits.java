package io.mintp2p.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.wait.strategy.WaitStrategy;

/**
 * Waiting on running nodes until something holds, with the reason on timeout: convergence of the
 * peer graph, a broadcast reaching every node (both polling the stock node's admin API), or any
 * Testcontainers wait on each node. Each method runs on the caller's thread and blocks until the
 * condition holds or the timeout has passed (then it throws an {@link AssertionError} that says what
 * was missing, or the wait's own exception).
 */
final class TopologyWaits {
    private static final Logger log = LoggerFactory.getLogger(Topology.class);
    private static final Duration CONVERGENCE_POLL = Duration.ofMillis(500);
    private static final Duration BROADCAST_POLL = Duration.ofMillis(250);

    private TopologyWaits() {
    }

    /** Until every node of {@code among} has {@code minOutbound} outbound peers (capped at the others' count) and all are one component. */
    static Duration awaitConverged(Collection<P2pNodeContainer> among, int minOutbound, Duration timeout) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        int need = Math.min(minOutbound, among.size() - 1);
        String missing = "";
        while (true) {
            try {
                Map<String, String> lacking = new TreeMap<>();
                for (P2pNodeContainer n : among) {
                    long out = PeerGraph.outbound(n);
                    if (out < need) {
                        lacking.put(n.name(), out + "/" + need + " outbound");
                    }
                }
                List<Set<String>> parts = PeerGraph.componentSets(among);
                if (lacking.isEmpty() && parts.size() == 1) {
                    Duration took = since(t0);
                    log.info("{} nodes converged in {} ms", among.size(), took.toMillis());
                    return took;
                }
                missing = (lacking.isEmpty() ? "" : "nodes lacking peers: " + lacking + "; ")
                        + parts.size() + " component(s): " + parts;
            } catch (Exception e) {
                missing = "asking the nodes failed: " + e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not converged within " + timeout.toSeconds() + " s: " + missing
                        + "; what each node sees:\n" + String.join("\n", among.stream().map(PeerGraph::describe).toList()));
            }
            sleep(CONVERGENCE_POLL);
        }
    }

    /** Broadcasts {@code payload} once from {@code from}, then until every node of {@code among} has it; never sends again. */
    static Duration awaitBroadcastReaches(P2pNodeContainer from, Collection<P2pNodeContainer> among, String payload,
            Duration timeout) {
        long t0 = System.nanoTime();
        String id;
        try {
            id = from.admin().post("broadcast", Map.of("payload", payload)).get("id").asText();
        } catch (Exception e) {
            throw new AssertionError("broadcast from " + from.name() + " failed: " + e, e);
        }
        long deadline = t0 + timeout.toNanos();
        Map<String, String> missed = new LinkedHashMap<>();
        while (true) {
            missed.clear();
            for (P2pNodeContainer n : among) {
                try {
                    if (!hasMessage(n, id)) {
                        missed.put(n.name(), "not received");
                    }
                } catch (Exception e) {
                    missed.put(n.name(), "did not answer: " + e.getMessage());
                }
            }
            if (missed.isEmpty()) {
                Duration took = since(t0);
                log.info("broadcast '{}' from {} reached {} nodes in {} ms", shortened(payload), from.name(), among.size(),
                        took.toMillis());
                return took;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("broadcast '" + shortened(payload) + "' (" + id + ") from " + from.name() + " missed "
                        + missed.size() + " of " + among.size() + " nodes within " + timeout.toMillis() + " ms: " + missed);
            }
            sleep(BROADCAST_POLL);
        }
    }

    private static String shortened(String payload) {
        return payload.length() <= 60 ? payload : payload.substring(0, 40) + "... (" + payload.length() + " characters)";
    }

    private static boolean hasMessage(P2pNodeContainer n, String id) throws Exception {
        for (JsonNode m : n.admin().get("messages")) {
            if (m.get("id").asText().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** {@code condition} for each of {@code nodes}, one after the other, within {@code timeout} in all; how long it took. */
    static Duration awaitEach(List<? extends NodeContainer<?>> nodes, WaitStrategy condition, Duration timeout) {
        long t0 = System.nanoTime();
        for (NodeContainer<?> n : nodes) {
            Duration left = timeout.minus(since(t0));
            condition.withStartupTimeout(left.isNegative() ? Duration.ZERO : left).waitUntilReady(n);
        }
        Duration took = since(t0);
        log.info("{} nodes met {} in {} ms", nodes.size(), condition.getClass().getSimpleName(), took.toMillis());
        return took;
    }

    /** {@code nodes} as stock nodes, whose admin API the waits read; fails for a node of another kind. */
    static List<P2pNodeContainer> stockNodes(List<? extends NodeContainer<?>> nodes) {
        List<P2pNodeContainer> stock = new ArrayList<>();
        for (NodeContainer<?> n : nodes) {
            if (!(n instanceof P2pNodeContainer p)) {
                throw new UnsupportedOperationException(n.name() + " is a " + n.getClass().getSimpleName()
                        + ", not the stock node: its peers cannot be read; wait with awaitEach(WaitStrategy, Duration)");
            }
            stock.add(p);
        }
        return stock;
    }

    /** Whether every node of {@code among} lists the gossip message {@code id} now; asks once, does not wait. */
    static boolean allReceived(Collection<P2pNodeContainer> among, String id) throws Exception {
        for (P2pNodeContainer n : among) {
            if (!hasMessage(n, id)) {
                return false;
            }
        }
        return true;
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
