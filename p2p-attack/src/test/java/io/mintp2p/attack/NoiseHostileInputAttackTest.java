package io.mintp2p.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attack: hostile Noise input against a noise:// node for about 10 s, from 226 sources in four /24s of
 * 127.0.0.0/16: non-Noise bytes (an HTTP request, whose first two bytes announce a 17 735-byte message 1),
 * truncated message 1 (10 of 32 bytes, then silence), a flood of half-open handshakes (a genuine message 1,
 * then never message 3), and peers that finish the handshake and then send an empty record or a record with
 * a forged tag. The node must keep the sockets it holds for them near its pending cap, close every record
 * abuser, not grow in memory, and still let an honest Noise peer (an independent implementation, noise-java)
 * through the handshake, Hello/HelloAck and a ping in 2 s; its handshake times go on the report line.
 * (Each case's typed close reason is tested in p2p-transport-noise.)
 */
class NoiseHostileInputAttackTest {
    static final Duration ATTACK = Duration.ofSeconds(10);

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void honestNoisePeerGetsInDuringHostileNoiseInput() throws Exception {
        try (TargetNode target = TargetNode.noise()) {
            int cap = target.node().config().maxPendingInbound();
            HonestPeer honest = new HonestPeer(target.address(), SourceAddresses.honest(20), NoiseSocket.dialer(),
                    Duration.ofSeconds(3));
            HonestResult before = honest.attempt();
            assertThat(before.ok()).as("honest Noise peer before the attack: %s", before).isTrue();

            byte[] notNoise = "GET / HTTP/1.1\r\nHost: node\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] truncated = Arrays.copyOf(NoiseSocket.message1(), 2 + 10);
            int maxHeldTogether = 0;
            List<HonestResult> results;
            try (MemoryWatch memory = MemoryWatch.inProcess();
                 AttackerPool garbage = pool(target, 20, 50, 100, notNoise);
                 AttackerPool cutShort = pool(target, 21, 50, 100, truncated);
                 AttackerPool halfOpen = pool(target, 22, 100, 200, NoiseSocket.message1());
                 NoiseRecordAbusers abusers = NoiseRecordAbusers.start(target.address(), SourceAddresses.range(23, 1, 26), ATTACK);
                 HonestProbe probe = HonestProbe.start(honest, Duration.ofMillis(1500), Duration.ofSeconds(2), 5)) {
                long end = System.nanoTime() + ATTACK.toNanos();
                long nextCheckpoint = System.nanoTime() + ATTACK.toNanos() / 2;
                while (System.nanoTime() < end) {
                    maxHeldTogether = Math.max(maxHeldTogether, garbage.heldNow() + cutShort.heldNow() + halfOpen.heldNow());
                    if (System.nanoTime() > nextCheckpoint) {
                        memory.checkpoint();
                        nextCheckpoint = Long.MAX_VALUE;
                    }
                    Thread.sleep(50);
                }
                results = probe.await(Duration.ofSeconds(15));
                abusers.await(Duration.ofSeconds(10));
                halfOpen.awaitEnd(Duration.ofSeconds(5));
                memory.checkpoint();

                Report.line("noise-hostile", "honest Noise peer (handshake = TCP + Noise XX + Hello/HelloAck): "
                                + HonestProbe.summary(results), "before the attack: " + before,
                        memory.summary(), "not-noise " + garbage.summary(), "truncated " + cutShort.summary(),
                        "half-open " + halfOpen.summary(), abusers.summary(),
                        "held together max " + maxHeldTogether + " (pending cap " + cap + ")", target.admissionSummary());

                assertThat(results).as("honest attempts spread over the attack").hasSize(5);
                assertThat(HonestProbe.slowOrFailed(results, Duration.ofSeconds(2)))
                        .as("honest Noise attempts that failed or took 2 s or more").isEmpty();
                assertThat(maxHeldTogether).as("sockets with unfinished or broken Noise handshakes held open at once "
                        + "(pending cap %d)", cap).isLessThanOrEqualTo(cap + 10);
                assertThat(abusers.handshakes()).as("record abusers that got through the handshake").isPositive();
                assertThat(abusers.leftOpen()).as("connections left open after an empty record or a forged tag").isZero();
                assertThat(memory.growth()).as("heap + direct growth").isLessThan(64 * MemoryProbe.MB);
            }
        }
    }

    private static AttackerPool pool(TargetNode target, int third, int sources, int sockets, byte[] payload) throws Exception {
        return AttackerPool.builder().target(target.address()).sources(SourceAddresses.range(third, 1, sources))
                .sockets(sockets).payload(new AttackerPool.Payload(payload, 0)).refill(true)
                .connectsPerSecond(300).duration(ATTACK).start();
    }
}
