package io.mintp2p.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.wire.AppMessage;
import io.mintp2p.core.wire.DecodeException;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.MessageRegistry;
import io.mintp2p.core.wire.Services;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attack 6: peers that never read while the node broadcasts. 10 attackers (127.0.8.1-10) handshake
 * advertising the application message's service bit, with a 4 KiB receive buffer, and then never
 * read. The node broadcasts 1 KiB application messages in a loop for about 5 s. Sends to a peer that
 * does not read must fail fast instead of queueing, so the node's memory stays bounded, broadcasts
 * keep completing and keep reaching an honest subscriber that reads, and the honest peer is fine.
 */
class NonReaderAttackTest {
    static final Duration ATTACK = Duration.ofSeconds(5);
    static final int ATTACKERS = 10;
    static final int MAX_BROADCASTS = 300_000;
    static final int BATCH = 200;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void nonReadingPeersDoNotMakeTheNodeQueueBroadcasts() throws Exception {
        try (TargetNode target = TargetNode.tcp(Blob.TYPE)) {
            P2pNode node = target.node();
            HonestPeer honest = HonestPeer.tcp(target.address(), SourceAddresses.honest(6));
            assertThat(honest.attempt().ok()).as("honest peer before the attack").isTrue();
            MessageCodec codec = new MessageCodec(MessageRegistry.builder().register(Blob.TYPE).build());

            List<WireSocket> attackers = new ArrayList<>();
            try {
                for (int i = 1; i <= ATTACKERS; i++) {
                    attackers.add(HandshakenPeer.open(target.address(), SourceAddresses.of(8, i),
                            Services.PEER_ADDRESSES | Blob.SERVICE.bits(), Dialer.plain(4096), codec, 2000));
                }
                // An honest subscriber that reads: broadcasts must keep reaching it.
                WireSocket reader = HandshakenPeer.open(target.address(), SourceAddresses.honest(16),
                        Services.PEER_ADDRESSES | Blob.SERVICE.bits(), Dialer.plain(), codec, 2000);
                attackers.add(reader);
                AtomicLong readerGot = new AtomicLong();
                Thread readerThread = new Thread(() -> {
                    long stop = System.nanoTime() + ATTACK.toNanos() + 3_000_000_000L;
                    try {
                        while (System.nanoTime() < stop) {
                            if (reader.read(1000) instanceof AppMessage<?>) {
                                readerGot.incrementAndGet();
                            }
                        }
                    } catch (java.net.SocketTimeoutException e) {
                        // nothing more came
                    } catch (IOException | DecodeException e) {
                        // closed by the node, or by the test
                    }
                }, "honest-reader");
                readerThread.setDaemon(true);
                readerThread.start();
                byte[] payload = new byte[1024];
                long broadcasts = 0;
                long deliveries = 0;
                int stuck = 0;
                List<HonestResult> results;
                try (MemoryWatch memory = MemoryWatch.inProcess();
                     HonestProbe probe = HonestProbe.start(honest, Duration.ofSeconds(1), Duration.ofSeconds(1), 4)) {
                    long end = System.nanoTime() + ATTACK.toNanos();
                    long nextCheckpoint = System.nanoTime() + ATTACK.toNanos() / 2;
                    while (System.nanoTime() < end && broadcasts < MAX_BROADCASTS) {
                        for (int i = 0; i < BATCH; i++) {
                            long before = System.nanoTime();
                            deliveries += node.broadcast(Blob.TYPE, payload);
                            broadcasts++;
                            if (System.nanoTime() - before > TimeUnit.SECONDS.toNanos(5)) {
                                stuck++; // broadcast does not wait on peers: one that takes this long is a bug
                            }
                        }
                        if (stuck > 0) {
                            break;
                        }
                        if (System.nanoTime() > nextCheckpoint) {
                            memory.checkpoint();
                            nextCheckpoint = Long.MAX_VALUE;
                        }
                    }
                    memory.checkpoint();
                    results = probe.await(Duration.ofSeconds(15));
                    readerThread.join(5000);
                    boolean readerConnected = node.peers().stream()
                            .anyMatch(p -> p.address().host().equals(SourceAddresses.honest(16).getHostAddress()));
                    int attackersLeft = (int) node.peers().stream()
                            .filter(p -> p.address().host().startsWith("127.0.8.")).count();

                    Report.line("non-reader", HonestProbe.summary(results), memory.summary(),
                            "broadcasts=" + broadcasts + " deliveries=" + deliveries + " stuck=" + stuck,
                            "non-readers still connected " + attackersLeft + "/" + ATTACKERS,
                            "honest reader got " + readerGot + " (connected " + readerConnected + ")",
                            "node sendsRefused=" + node.stats().sendsRefused() + " disconnects="
                                    + node.stats().disconnectsByReason());

                    assertThat(results).as("honest attempts spread over the attack").hasSize(4);
                    assertThat(HonestProbe.slowOrFailed(results, Duration.ofSeconds(2)))
                            .as("honest attempts that failed or took 2 s or more").isEmpty();
                    assertThat(stuck).as("broadcast calls that took over 5 s").isZero();
                    assertThat(broadcasts).as("broadcasts completed").isGreaterThan(1000);
                    assertThat(readerGot.get()).as("broadcasts that reached the honest reader").isGreaterThan(1000);
                    assertThat(memory.growth()).as("heap + direct growth with %d peers that never read", ATTACKERS)
                            .isLessThan(64 * MemoryProbe.MB);
                }
            } finally {
                attackers.forEach(WireSocket::close);
            }
        }
    }

}
