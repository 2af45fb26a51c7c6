package io.mintp2p.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attack 2: unfinished large frames. 40 connections from 40 sources each send a header announcing
 * 10 MiB - 1 (under the wire maximum, so the length check alone does not stop it) and then 9 MiB of
 * body, never the rest, and never a Hello. Before the handshake only a few KiB may be buffered, so
 * the node's heap + direct memory must grow by less than 64 MB, and an honest peer still gets in.
 */
class LargeFrameAttackTest {
    static final int SOCKETS = 40;
    static final long ANNOUNCED = 10L * 1024 * 1024 - 1;
    static final long BODY = 9L * 1024 * 1024;
    static final Duration ATTACK = Duration.ofSeconds(8);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void unfinishedLargeFramesDoNotGrowMemory() throws Exception {
        try (TargetNode target = TargetNode.tcp()) {
            HonestPeer honest = HonestPeer.tcp(target.address(), SourceAddresses.honest(2));
            assertThat(honest.attempt().ok()).as("honest peer before the attack").isTrue();

            try (MemoryWatch memory = MemoryWatch.inProcess();
                 AttackerPool pool = AttackerPool.builder().target(target.address())
                         .sources(SourceAddresses.range(2, 1, SOCKETS)).sockets(SOCKETS)
                         .payload(new AttackerPool.Payload(WireSocket.header(ANNOUNCED), BODY))
                         .refill(false).duration(ATTACK).start();
                 HonestProbe probe = HonestProbe.start(honest, Duration.ofMillis(1500), Duration.ofMillis(1500), 4)) {
                for (int i = 0; i < 3; i++) {
                    Thread.sleep(ATTACK.toMillis() / 4);
                    memory.checkpoint();
                }
                List<HonestResult> results = probe.await(ATTACK.plus(Duration.ofSeconds(15)));
                pool.awaitEnd(Duration.ofSeconds(5));
                memory.checkpoint();

                Report.line("large-frames", HonestProbe.summary(results), memory.summary(), pool.summary(),
                        "closed by node " + pool.closedByNode() + "/" + SOCKETS,
                        target.admissionSummary());

                assertThat(results).as("honest attempts spread over the attack").hasSize(4);
                assertThat(HonestProbe.slowOrFailed(results, Duration.ofSeconds(2)))
                        .as("honest attempts that failed or took 2 s or more").isEmpty();
                assertThat(memory.growth()).as("heap + direct growth under %d x %d MiB unfinished frames",
                        SOCKETS, BODY >> 20).isLessThan(64 * MemoryProbe.MB);
            }
        }
    }
}
