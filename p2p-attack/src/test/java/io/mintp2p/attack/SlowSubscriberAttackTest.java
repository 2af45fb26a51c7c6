package io.mintp2p.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageRegistry;
import io.mintp2p.core.wire.Services;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attack 7: a slow subscriber. The node's application handler sleeps 200 ms per message while a
 * handshaken attacker (127.0.9.1) floods 1 KiB application messages for about 5 s (at most 50 000).
 * Application handlers must run off the protocol thread and reading must stop (autoRead off) when
 * decoded messages pile up: the honest peer's handshake + ping still takes under 2 s, and memory
 * stays bounded.
 */
class SlowSubscriberAttackTest {
    static final Duration ATTACK = Duration.ofSeconds(5);
    static final int MAX_MESSAGES = 50_000;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void slowHandlerDoesNotStallTheProtocol() throws Exception {
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicLong handled = new AtomicLong();
        try (TargetNode target = TargetNode.tcp(Blob.TYPE)) {
            P2pNode node = target.node();
            node.subscribe(Blob.TYPE, (from, body) -> {
                handled.incrementAndGet();
                if (!stopping.get()) {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            HonestPeer honest = HonestPeer.tcp(target.address(), SourceAddresses.honest(7));
            assertThat(honest.attempt().ok()).as("honest peer before the attack").isTrue();
            MessageCodec codec = new MessageCodec(MessageRegistry.builder().register(Blob.TYPE).build());
            byte[] frame = WireSocket.frame(codec, Blob.TYPE.message(new byte[1024]));
            byte[] burst = new byte[frame.length * 50];
            for (int i = 0; i < 50; i++) {
                System.arraycopy(frame, 0, burst, i * frame.length, frame.length);
            }

            AtomicLong sent = new AtomicLong();
            WireSocket attacker = HandshakenPeer.open(target.address(), SourceAddresses.of(9, 1),
                    Services.PEER_ADDRESSES | Blob.SERVICE.bits(), Dialer.plain(), codec, 2000);
            long deadline = System.nanoTime() + ATTACK.toNanos();
            Thread flooder = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline && sent.get() < MAX_MESSAGES) {
                        attacker.sendRaw(burst);
                        sent.addAndGet(50);
                        HandshakenPeer.drain(attacker);
                    }
                } catch (IOException e) {
                    // dropped by the node, or closed by the test at the deadline
                }
            }, "flooder");
            flooder.setDaemon(true);
            List<HonestResult> results;
            try (attacker;
                 MemoryWatch memory = MemoryWatch.inProcess();
                 HonestProbe probe = HonestProbe.start(honest, Duration.ofSeconds(1), Duration.ofSeconds(1), 4)) {
                flooder.start();
                Thread.sleep(ATTACK.toMillis() / 2);
                memory.checkpoint();
                flooder.join(ATTACK.toMillis());
                memory.checkpoint();
                attacker.close();
                flooder.join(5000);
                results = probe.await(Duration.ofSeconds(30));
                memory.checkpoint();

                Report.line("slow-subscriber", HonestProbe.summary(results), memory.summary(),
                        "attacker sent=" + sent + " handled=" + handled + " (200 ms each)");

                assertThat(results).as("honest attempts spread over the attack").hasSize(4);
                assertThat(HonestProbe.slowOrFailed(results, Duration.ofSeconds(2)))
                        .as("honest attempts that failed or took 2 s or more").isEmpty();
                assertThat(memory.growth()).as("heap + direct growth").isLessThan(64 * MemoryProbe.MB);
            } finally {
                stopping.set(true);
            }
        }
    }
}
