package io.mintp2p.attack;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.config.DiscourageBy;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.peers.AddressBookEntry;
import io.mintp2p.core.peers.BanEntry;
import io.mintp2p.core.wire.AddrListResponse;
import io.mintp2p.core.wire.AnnounceAddrRequest;
import io.mintp2p.core.wire.MessageCodec;
import io.mintp2p.core.wire.PeerAddress;
import io.mintp2p.core.wire.Services;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attack 5: address flood. 20 handshaken attackers (127.0.7.1-20) repeatedly send bursts of
 * AnnounceAddrRequest (each a new address) and unsolicited AddrListResponse with 1000 addresses, for
 * about 5 s, reconnecting when dropped. WIRE.md 10: announcements are rate-limited (bucket of 10, 1 at
 * first, 0.1/s) and excess ones dropped; an AddrListResponse on an inbound connection is unexpected
 * (score 20), so the fifth one discourages the IP and disconnects it. The address book must stay
 * bounded and hold none of the unsolicited addresses; the honest peer is fine. The target keys
 * discouragement by IP ({@code discourageBy=IP}): in the default AUTO mode an unauthenticated inbound
 * flooder that announces no listen address is keyed by its ephemeral port, and its next connection is
 * not recognised; keeping such sources away is what the IP mode is for.
 *
 * <p>Announced addresses are 127.201-220.x.y:9 and listed ones 127.100-101.x.y:9: if the node dials
 * them, it reaches closed ports on loopback and nothing else.
 */
class AddressFloodAttackTest {
    static final Duration ATTACK = Duration.ofSeconds(5);
    static final int ATTACKERS = 20;
    static final int ANNOUNCES_PER_ROUND = 20;
    static final int MAX_ROUNDS = 300;
    static final int MAX_CONNECTIONS_PER_ATTACKER = 30;

    private final AtomicLong handshakes = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong announcesSent = new AtomicLong();
    private final AtomicLong listsSent = new AtomicLong();

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void addressFloodKeepsTheBookBoundedAndDiscouragesTheFlooders() throws Exception {
        try (TargetNode target = TargetNode.start("tcp", c -> c.discourageBy(DiscourageBy.IP))) {
            P2pNode node = target.node();
            HonestPeer honest = HonestPeer.tcp(target.address(), SourceAddresses.honest(5));
            assertThat(honest.attempt().ok()).as("honest peer before the attack").isTrue();
            List<InetAddress> sources = SourceAddresses.range(7, 1, ATTACKERS);
            MessageCodec codec = MessageCodec.controlOnly();
            byte[][] lists = {listFrame(codec, 100), listFrame(codec, 101)};

            List<HonestResult> results;
            List<Thread> attackers = new ArrayList<>();
            long deadline = System.nanoTime() + ATTACK.toNanos();
            try (MemoryWatch memory = MemoryWatch.inProcess();
                 HonestProbe probe = HonestProbe.start(honest, Duration.ofSeconds(1), Duration.ofSeconds(1), 4)) {
                for (int a = 0; a < ATTACKERS; a++) {
                    int id = a;
                    Thread t = new Thread(() -> attack(target, sources.get(id), id, codec, lists, deadline), "addr-" + a);
                    t.setDaemon(true);
                    attackers.add(t);
                    t.start();
                }
                Thread.sleep(ATTACK.toMillis() / 2);
                memory.checkpoint();
                for (Thread t : attackers) {
                    t.join(ATTACK.toMillis() + 10_000);
                }
                results = probe.await(Duration.ofSeconds(15));
                memory.checkpoint();

                List<AddressBookEntry> book = node.addresses().join();
                long listed = book.stream().filter(e -> e.address().host().startsWith("127.100.")
                        || e.address().host().startsWith("127.101.")).count();
                Set<InetAddress> discouraged = node.bans().join().stream().filter(b -> !b.manual()).map(BanEntry::address)
                        .collect(Collectors.toSet());
                long attackersDiscouraged = sources.stream().filter(discouraged::contains).count();
                Report.line("address-flood", HonestProbe.summary(results), memory.summary(),
                        "handshakes=" + handshakes + " disconnects=" + disconnects + " refusals=" + refusals
                                + " announces=" + announcesSent + " lists=" + listsSent + " (x1000 addresses)",
                        "address book " + book.size() + " (from unsolicited lists: " + listed + ")",
                        "attacker IPs discouraged " + attackersDiscouraged + "/" + ATTACKERS);

                assertThat(results).as("honest attempts spread over the attack").hasSize(4);
                assertThat(HonestProbe.slowOrFailed(results, Duration.ofSeconds(2)))
                        .as("honest attempts that failed or took 2 s or more").isEmpty();
                assertThat(listsSent.get()).as("the flood ran").isGreaterThanOrEqualTo(5L * ATTACKERS);
                assertThat(listed).as("addresses from unsolicited AddrListResponse in the book").isZero();
                // Each attacker connection may add 1 announcement at once, then 0.1/s: at most 2 each here.
                assertThat((long) book.size()).as("address book size after %d attacker handshakes", handshakes.get())
                        .isLessThanOrEqualTo(2 * handshakes.get() + 10);
                assertThat(attackersDiscouraged).as("attacker IPs discouraged for unsolicited address lists")
                        .isEqualTo(ATTACKERS);
                assertThat(disconnects.get()).as("attacker connections the node dropped").isGreaterThanOrEqualTo(ATTACKERS);
                assertThat(memory.growth()).as("heap + direct growth").isLessThan(64 * MemoryProbe.MB);
            }
        }
    }

    /** One attacker: connect, handshake, flood until dropped, reconnect; bounded in rounds, connections and time. */
    private void attack(TargetNode target, InetAddress source, int id, MessageCodec codec, byte[][] lists, long deadline) {
        int rounds = 0;
        for (int c = 0; c < MAX_CONNECTIONS_PER_ATTACKER && rounds < MAX_ROUNDS && System.nanoTime() < deadline; c++) {
            WireSocket wire;
            try {
                wire = HandshakenPeer.open(target.address(), source, Services.PEER_ADDRESSES, Dialer.plain(), codec, 2000);
                handshakes.incrementAndGet();
            } catch (IOException e) {
                refusals.incrementAndGet();
                sleep(50);
                continue;
            }
            try (wire) {
                while (rounds < MAX_ROUNDS && System.nanoTime() < deadline) {
                    ByteArrayOutputStream burst = new ByteArrayOutputStream();
                    for (int i = 0; i < ANNOUNCES_PER_ROUND; i++) {
                        PeerAddress a = PeerAddress.ipv4(new byte[] {127, (byte) (201 + id), (byte) rounds, (byte) (i + 1)}, 9);
                        burst.writeBytes(WireSocket.frame(codec, new AnnounceAddrRequest(a)));
                    }
                    wire.sendRaw(burst.toByteArray());
                    announcesSent.addAndGet(ANNOUNCES_PER_ROUND);
                    wire.sendRaw(lists[rounds % 2]);
                    listsSent.incrementAndGet();
                    HandshakenPeer.drain(wire);
                    rounds++;
                    sleep(20);
                }
            } catch (IOException e) {
                disconnects.incrementAndGet();
            }
        }
    }

    private static byte[] listFrame(MessageCodec codec, int second) {
        List<PeerAddress> addresses = new ArrayList<>(1000);
        for (int i = 0; i < 1000; i++) {
            addresses.add(PeerAddress.ipv4(new byte[] {127, (byte) second, (byte) (i / 250), (byte) (i % 250 + 1)}, 9));
        }
        return WireSocket.frame(codec, new AddrListResponse(addresses));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
