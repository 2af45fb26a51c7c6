package io.mintp2p.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mintp2p.core.node.NodeStats;
import io.mintp2p.core.node.P2pNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attack 3: connection churn. Connect + Hello + close as fast as eight threads can from 20 sources
 * (127.0.3.1-20), for about 5 s or 10 000 attempts. Afterwards the node's state must be freed: no
 * peer left, no connection tracked, no pending slot taken (NodeStats gauges), a bounded set of failure
 * reasons in its stats, every pending-handshake slot free again
 * (a fresh set of pending connections as large as the cap is held, none refused), and heap after GC
 * back near where it started.
 */
class ChurnAttackTest {
    static final Duration ATTACK = Duration.ofSeconds(5);
    static final int MAX_ATTEMPTS = 10_000;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void churnLeavesNoStateBehind() throws Exception {
        try (TargetNode target = TargetNode.tcp()) {
            P2pNode node = target.node();
            HonestPeer honest = HonestPeer.tcp(target.address(), SourceAddresses.honest(3));
            assertThat(honest.attempt().ok()).as("honest peer before the attack").isTrue();
            long heapBefore = MemoryProbe.heapAfterGc();
            long heapDuring;
            List<HonestResult> results;
            Churner churn = Churner.start(target.address(), SourceAddresses.range(3, 1, 20), 8, MAX_ATTEMPTS, ATTACK);
            try (churn; HonestProbe probe = HonestProbe.start(honest, Duration.ofSeconds(1), Duration.ofSeconds(1), 4)) {
                Thread.sleep(ATTACK.toMillis() / 2);
                heapDuring = MemoryProbe.heapAfterGc();
                results = probe.await(ATTACK.plus(Duration.ofSeconds(15)));
                churn.await(Duration.ofSeconds(5));
            }

            await("attacker peers gone").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> node.peers().isEmpty());
            await("connections and pending slots freed").atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> node.stats().openConnections() == 0 && node.stats().pendingInbound() == 0);
            NodeStats stats = node.stats();
            long failedHandshakes = stats.handshakesFailedByReason().values().stream().mapToLong(Long::longValue).sum();

            // Every pending slot must be free again: a full cap of fresh idle connections is held. They come
            // from 10 address groups (127.10-19.0.x), one per host, so no per-host or per-group share is exceeded.
            int cap = node.config().maxPendingInbound();
            AttackerPool fresh = AttackerPool.builder().target(target.address())
                    .sources(SourceAddresses.spread(10, 10, (cap + 9) / 10)).sockets(cap).refill(false)
                    .duration(Duration.ofSeconds(2)).holdAge(Duration.ofMillis(500)).start();
            try (fresh) {
                fresh.awaitEnd(Duration.ofSeconds(5));
            }
            await("fresh pending connections gone").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> node.peers().isEmpty());
            long heapAfter = MemoryProbe.heapAfterGc();

            Report.line("churn", HonestProbe.summary(results),
                    "heap before/during/after " + MemoryProbe.mb(heapBefore) + "/" + MemoryProbe.mb(heapDuring) + "/"
                            + MemoryProbe.mb(heapAfter),
                    churn.summary(), "stats handshakesOk=" + stats.handshakesOk() + " failed=" + failedHandshakes
                            + " reasons=" + stats.handshakesFailedByReason().keySet() + " admissionRefusals="
                            + stats.admissionRefusals() + " evictions=" + stats.admissionEvictions() + " open="
                            + stats.openConnections() + " pending=" + stats.pendingInbound(),
                    "fresh " + cap + " pending after churn: held=" + fresh.maxHeld() + " closedByNode=" + fresh.closedByNode());

            assertThat(results).as("honest attempts spread over the attack").hasSize(4);
            assertThat(HonestProbe.slowOrFailed(results, Duration.ofSeconds(2)))
                    .as("honest attempts that failed or took 2 s or more").isEmpty();
            assertThat(churn.attempts()).as("the churn ran").isGreaterThan(100);
            assertThat(node.peers()).as("peers left after the churn").isEmpty();
            assertThat(stats.openConnections()).as("connections the node still tracks after the churn").isZero();
            assertThat(stats.pendingInbound()).as("pending slots still taken after the churn").isZero();
            assertThat(stats.handshakesFailedByReason()).as("distinct handshake failure reasons (a bounded set)")
                    .hasSizeLessThanOrEqualTo(32);
            assertThat(fresh.closedByNode()).as("fresh pending connections refused or evicted after the churn "
                    + "(a pending slot leaked)").isZero();
            assertThat(fresh.maxHeld()).as("fresh pending connections held at once").isEqualTo(cap);
            assertThat(heapAfter - heapBefore).as("heap after GC, after the churn, minus before")
                    .isLessThan(16 * MemoryProbe.MB);
        }
    }
}
