package io.mintp2p.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attack 1: pending-handshake flood. 400 idle TCP connections from 200 sources (127.0.1.1-200),
 * re-opened as the node closes them, for about 10 s. The node must keep serving an honest peer from
 * a clean address, keep the connections it holds without a handshake near its pending cap, and not
 * grow in memory.
 */
class PendingFloodAttackTest {
    static final int SOCKETS = 400;
    static final Duration ATTACK = Duration.ofSeconds(10);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void honestPeerGetsInDuringAPendingFlood() throws Exception {
        try (TargetNode target = TargetNode.tcp()) {
            int cap = target.node().config().maxPendingInbound();
            HonestPeer honest = HonestPeer.tcp(target.address(), SourceAddresses.honest(1));
            // Reported, not asserted: an honest peer inside the flood's own /16, where only per-host fairness helps.
            HonestPeer neighbour = HonestPeer.tcp(target.address(), SourceAddresses.of(99, 1));
            assertThat(honest.attempt().ok()).as("honest peer before the attack").isTrue();

            try (MemoryWatch memory = MemoryWatch.inProcess();
                 AttackerPool pool = AttackerPool.builder().target(target.address())
                         .sources(SourceAddresses.range(1, 1, 200)).sockets(SOCKETS).refill(true)
                         .duration(ATTACK).start();
                 HonestProbe probe = HonestProbe.start(honest, Duration.ofMillis(1500), Duration.ofSeconds(2), 5);
                 HonestProbe neighbours = HonestProbe.start(neighbour, Duration.ofMillis(2500), Duration.ofSeconds(2), 4)) {
                Thread.sleep(ATTACK.toMillis() / 2);
                memory.checkpoint();
                List<HonestResult> results = probe.await(ATTACK.plus(Duration.ofSeconds(15)));
                memory.checkpoint();
                pool.awaitEnd(Duration.ofSeconds(5));
                memory.checkpoint();

                Report.line("pending-flood", HonestProbe.summary(results),
                        "same /16 as the flood: " + HonestProbe.summary(neighbours.await(Duration.ofSeconds(15))),
                        memory.summary(), pool.summary(), "pending cap " + cap, target.admissionSummary());

                assertThat(results).as("honest attempts spread over the attack").hasSize(5);
                assertThat(HonestProbe.slowOrFailed(results, Duration.ofSeconds(2)))
                        .as("honest attempts that failed or took 2 s or more").isEmpty();
                assertThat(pool.maxHeld()).as("attacker sockets held open without a handshake (pending cap %d)", cap)
                        .isLessThanOrEqualTo(cap + 10);
                assertThat(memory.growth()).as("heap + direct growth").isLessThan(64 * MemoryProbe.MB);
            }
        }
    }
}
