package io.mintp2p.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attack 4: TLS handshake flood against a TLS node, for about 10 s. 200 TCP connections from
 * 127.0.5.1-100 that never send a ClientHello, and 100 connections from 127.0.6.1-50 that complete
 * TLS 1.3 with a self-signed client certificate and never send a Hello; both re-opened as the node
 * closes them. Every connection without a finished Hello/HelloAck is pending, TLS or not, so the
 * attacker sockets the node holds stay near the pending cap; an honest TLS peer (TLS 1.3, client
 * certificate from the TLS module's NodeKeys) still completes TLS + Hello/HelloAck + ping in 2 s.
 */
class TlsHandshakeFloodAttackTest {
    static final Duration ATTACK = Duration.ofSeconds(10);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void honestTlsPeerGetsInDuringAHandshakeFlood() throws Exception {
        try (TargetNode target = TargetNode.tls()) {
            int cap = target.node().config().maxPendingInbound();
            HonestPeer honest = HonestPeer.tls(target.address(), SourceAddresses.honest(4));
            // Reported, not asserted: an honest peer inside the flood's own /16, where only per-host fairness helps.
            HonestPeer neighbour = HonestPeer.tls(target.address(), SourceAddresses.of(99, 4));
            assertThat(honest.attempt().ok()).as("honest TLS peer before the attack").isTrue();

            int maxHeldTogether = 0;
            List<HonestResult> results;
            try (MemoryWatch memory = MemoryWatch.inProcess();
                 AttackerPool silent = AttackerPool.builder().target(target.address())
                         .sources(SourceAddresses.range(5, 1, 100)).sockets(200).refill(true)
                         .connectsPerSecond(500).duration(ATTACK).start();
                 TlsIdlePool tlsIdle = TlsIdlePool.start(target.address(), SourceAddresses.range(6, 1, 50), 100, ATTACK,
                         Duration.ofSeconds(1), Duration.ofMillis(20));
                 HonestProbe probe = HonestProbe.start(honest, Duration.ofMillis(1500), Duration.ofSeconds(2), 5);
                 HonestProbe neighbours = HonestProbe.start(neighbour, Duration.ofMillis(2500), Duration.ofSeconds(2), 4)) {
                long end = System.nanoTime() + ATTACK.toNanos();
                long nextCheckpoint = System.nanoTime() + ATTACK.toNanos() / 2;
                while (System.nanoTime() < end) {
                    maxHeldTogether = Math.max(maxHeldTogether, silent.heldNow() + tlsIdle.heldNow());
                    if (System.nanoTime() > nextCheckpoint) {
                        memory.checkpoint();
                        nextCheckpoint = Long.MAX_VALUE;
                    }
                    Thread.sleep(50);
                }
                results = probe.await(Duration.ofSeconds(15));
                silent.awaitEnd(Duration.ofSeconds(5));
                memory.checkpoint();

                Report.line("tls-flood", HonestProbe.summary(results),
                        "same /16 as the flood: " + HonestProbe.summary(neighbours.await(Duration.ofSeconds(15))),
                        memory.summary(), silent.summary(), tlsIdle.summary(), "held together max " + maxHeldTogether + " (pending cap " + cap + ")",
                        target.admissionSummary());

                assertThat(results).as("honest attempts spread over the attack").hasSize(5);
                assertThat(HonestProbe.slowOrFailed(results, Duration.ofSeconds(2)))
                        .as("honest TLS attempts that failed or took 2 s or more").isEmpty();
                assertThat(maxHeldTogether).as("attacker sockets (no ClientHello, or TLS but no Hello) held open at once "
                        + "(pending cap %d)", cap).isLessThanOrEqualTo(cap + 10);
                assertThat(memory.growth()).as("heap + direct growth").isLessThan(64 * MemoryProbe.MB);
            }
        }
    }
}
