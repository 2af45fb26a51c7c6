package io.mintp2p.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mintp2p.core.node.NodeStats;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.peers.EvictionReason;
import io.mintp2p.core.transport.Direction;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** Prometheus metrics of one node, fed by its peer events and counters. */
public final class NodeMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final P2pNode node;
    private final AtomicLong closedBytesIn = new AtomicLong();
    private final AtomicLong closedBytesOut = new AtomicLong();
    private final Set<String> messageCounters = new HashSet<>();
    private volatile NodeStats stats;

    /**
     * Registers the node's gauges and follows its peer events. Caller's thread; does not block.
     *
     * @param node the node to measure
     */
    public NodeMetrics(P2pNode node) {
        this.node = node;
        this.stats = node.stats();
        for (Direction d : Direction.values()) {
            Gauge.builder("mintp2p_peers", node, n -> n.peers().stream().filter(p -> p.direction() == d).count())
                    .tag("direction", d.name().toLowerCase()).description("handshaken peers").register(registry);
        }
        FunctionCounter.builder("mintp2p_bytes", this, m -> m.closedBytesIn.get() + sum(PeerSnapshot::bytesIn))
                .tag("direction", "in").register(registry);
        FunctionCounter.builder("mintp2p_bytes", this, m -> m.closedBytesOut.get() + sum(PeerSnapshot::bytesOut))
                .tag("direction", "out").register(registry);
        FunctionCounter.builder("mintp2p_dials", this, m -> m.stats.dialsOk()).tag("result", "ok").register(registry);
        FunctionCounter.builder("mintp2p_dials", this, m -> m.stats.dialsFailed()).tag("result", "failed").register(registry);
        FunctionCounter.builder("mintp2p_pings", this, m -> m.stats.pingsSent()).register(registry);
        Gauge.builder("mintp2p_ping_rtt_seconds", this, m -> m.meanRttSeconds())
                .description("mean of the last ping round trip of each peer").register(registry);
        // Scrape thread: waits for the node thread's answer, as long as a stuck node's scrape may wait.
        Gauge.builder("mintp2p_bans", node, n -> n.bans().orTimeout(10, TimeUnit.SECONDS).join().size()).register(registry);
        Gauge.builder("mintp2p_pending_inbound", this, m -> m.stats.pendingInbound())
                .description("inbound connections without a finished handshake").register(registry);
        FunctionCounter.builder("mintp2p_read_pauses", this, m -> m.stats.readPauses())
                .description("times a peer's connection stopped reading because its messages piled up").register(registry);
        FunctionCounter.builder("mintp2p_sends_refused", this, m -> m.stats.sendsRefused())
                .description("sends refused because the peer does not read").register(registry);
        FunctionCounter.builder("mintp2p_admission", this, m -> m.stats.admissionRefusals()).tag("result", "refused")
                .description("inbound connections refused or evicted at accept").register(registry);
        FunctionCounter.builder("mintp2p_admission", this, m -> m.stats.admissionEvictions()).tag("result", "evicted")
                .register(registry);
        Gauge.builder("mintp2p_address_book", this, m -> m.stats.discovery().bookNew()).tag("table", "new")
                .description("known addresses").register(registry);
        Gauge.builder("mintp2p_address_book", this, m -> m.stats.discovery().bookTried()).tag("table", "tried")
                .register(registry);
        Gauge.builder("mintp2p_backoff_entries", this, m -> m.stats.discovery().backoffEntries())
                .description("addresses waiting before their next dial").register(registry);
        for (EvictionReason reason : EvictionReason.values()) {
            FunctionCounter.builder("mintp2p_evictions", this, m -> m.stats.discovery().evictions(reason))
                    .tag("reason", reason.label()).description("peers let go to make room or to rotate")
                    .register(registry);
        }
        FunctionCounter.builder("mintp2p_served_and_dropped", this, m -> m.stats.discovery().servedAndDropped())
                .description("inbound peers served addresses and let go: nobody could be evicted").register(registry);
        Gauge.builder("mintp2p_outbound", this, m -> m.stats.discovery().fullRelayOutbound()).tag("slot", "full_relay")
                .description("automatic outbound connections, established or being dialled").register(registry);
        Gauge.builder("mintp2p_outbound", this, m -> m.stats.discovery().blockRelayOutbound()).tag("slot", "block_relay")
                .register(registry);
        Gauge.builder("mintp2p_tried_collisions", this, m -> m.stats.discovery().triedCollisions())
                .description("addresses waiting for a feeler to test the tried entry they collide with").register(registry);
        Gauge.builder("mintp2p_identity_pins", this, m -> m.stats.discovery().identityPins())
                .description("addresses with an identity pinned at first use").register(registry);
        FunctionCounter.builder("mintp2p_identity_mismatches", this, m -> m.stats.discovery().identityMismatches())
                .description("dials refused: the peer presented another identity than the pinned one").register(registry);
        FunctionCounter.builder("mintp2p_feelers", this, m -> m.stats.discovery().feelersOk()).tag("result", "ok")
                .register(registry);
        FunctionCounter.builder("mintp2p_feelers", this, m -> m.stats.discovery().feelersFailed()).tag("result", "failed")
                .register(registry);
        FunctionCounter.builder("mintp2p_dns_seed_lookups", this, m -> m.stats.discovery().dnsLookups())
                .register(registry);
        node.onPeerEvent(this::onEvent);
    }

    private double sum(Function<PeerSnapshot, Long> f) {
        return node.peers().stream().mapToLong(f::apply).sum();
    }

    private double meanRttSeconds() {
        return node.peers().stream().filter(p -> p.lastPingRtt().isPresent())
                .mapToDouble(p -> p.lastPingRtt().get().toNanos() / 1e9).average().orElse(0);
    }

    private void onEvent(PeerEvent event) {
        if (event instanceof PeerEvent.Connected) {
            Counter.builder("mintp2p_handshakes").tag("result", "ok").tag("reason", "accepted")
                    .register(registry).increment();
        } else if (event instanceof PeerEvent.Disconnected d) {
            closedBytesIn.addAndGet(d.snapshot().bytesIn());
            closedBytesOut.addAndGet(d.snapshot().bytesOut());
            Counter.builder("mintp2p_disconnects").tag("reason", d.reason().code().label())
                    .register(registry).increment();
        } else if (event instanceof PeerEvent.HandshakeFailed f) {
            Counter.builder("mintp2p_handshakes").tag("result", "failed")
                    .tag("reason", f.reason().code().label()).register(registry).increment();
        } else if (event instanceof PeerEvent.Misbehaved m) {
            Counter.builder("mintp2p_misbehaviour").register(registry).increment(m.score());
        }
    }

    /**
     * Prometheus text exposition; refreshes the node's counters first. Any thread (the admin server's).
     *
     * @return the text format 0.0.4
     */
    public synchronized String scrape() {
        stats = node.stats();
        registerMessageCounters("in", stats.messagesIn().keySet());
        registerMessageCounters("out", stats.messagesOut().keySet());
        return registry.scrape();
    }

    private void registerMessageCounters(String direction, Set<String> types) {
        for (String type : types) {
            if (messageCounters.add(direction + "/" + type)) {
                FunctionCounter.builder("mintp2p_messages", this, m -> {
                    NodeStats s = m.stats;
                    return ("in".equals(direction) ? s.messagesIn() : s.messagesOut()).getOrDefault(type, 0L);
                }).tag("direction", direction).tag("type", type).register(registry);
            }
        }
    }
}
