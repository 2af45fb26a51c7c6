package io.mintp2p.inmemory.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.node.PeerEvent;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.DisconnectReason;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.core.wire.ServiceFlags;
import io.mintp2p.inmemory.LatencyModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The eviction attack: a node with 64 inbound slots has long-lived honest inbound peers
 * that send it application messages; then 64 attackers from 64 different /16s fill its slots (close
 * to it, so they answer pings fastest, sending application messages more often than the honest
 * peers, and redialling whenever dropped). Honest newcomers must still get in, each by an attacker's
 * eviction, and the long-lived useful peers must never be evicted.
 */
@ExtendWith(SampledLeakDetection.class)
class EvictionAttackSimulationTest {
    static final MessageType<String> NOTE = MessageType.of(64, "note", ServiceFlags.application(16),
            (s, w) -> w.string(s), r -> r.string(100));
    static final int MAX_INBOUND = 64;
    static final int LONG_LIVED = 8;
    static final int ATTACKERS = 64;
    static final int NEWCOMERS = 4;
    /** /16 numbers (see PublicIps) of each kind of host: the target, long-lived peers, attackers, newcomers. */
    static final int TARGET_GROUP = 0;
    static final int LONG_LIVED_GROUPS = 1;
    static final int ATTACKER_GROUPS = 100;
    static final int NEWCOMER_GROUPS = 300;

    private final Set<String> attackers = new HashSet<>();
    private final Set<String> longLived = new HashSet<>();
    private final Set<String> newcomers = new HashSet<>();

    /** Attackers sit 2 ms from the target; every other link takes 40-150 ms. */
    private LatencyModel latency(long seed) {
        LatencyModel honest = LatencyModel.seeded(seed, Duration.ofMillis(40), Duration.ofMillis(150));
        return (a, b) -> attackers.contains(a) || attackers.contains(b) ? Duration.ofMillis(2) : honest.between(a, b);
    }

    @Test
    void newcomersGetInAndLongLivedUsefulPeersStay() {
        for (int i = 0; i < ATTACKERS; i++) {
            attackers.add(PublicIps.host(ATTACKER_GROUPS + i, 0));
        }
        Simulation sim = new Simulation(64, latency(64)).withMessageTypes(NOTE);
        SimNode target = sim.addNode(PublicIps.host(TARGET_GROUP, 0), b -> b.allowPrivateAddresses(false)
                .targetOutbound(0).blockRelayOutbound(0).maxInbound(MAX_INBOUND));
        List<PeerEvent.Disconnected> dropped = new ArrayList<>();
        Map<String, Long> newcomersAdmitted = new HashMap<>();
        List<Long> attackerEvictions = new ArrayList<>();
        sim.onPeerEvent((node, event) -> {
            if (node != target) {
                return;
            }
            if (event instanceof PeerEvent.Disconnected d) {
                dropped.add(d);
                if (d.reason().code() == DisconnectReason.EVICTED && attackers.contains(d.snapshot().address().host())) {
                    attackerEvictions.add(sim.scheduler().millis());
                }
            } else if (event instanceof PeerEvent.Connected c && c.snapshot().direction() == Direction.INBOUND
                    && newcomers.contains(c.snapshot().address().host())) {
                newcomersAdmitted.putIfAbsent(c.snapshot().address().host(), sim.scheduler().millis());
            }
        });

        for (int i = 0; i < LONG_LIVED; i++) {
            SimNode peer = peerOf(sim, target, PublicIps.host(LONG_LIVED_GROUPS + i, 0));
            longLived.add(peer.ip());
            every(sim, Duration.ofSeconds(30), () -> peer.node().broadcast(NOTE, "block"));
            sim.runFor(Duration.ofSeconds(1));
        }
        sim.runFor(Duration.ofMinutes(5));
        assertThat(target.inboundCount()).as("long-lived peers in").isEqualTo(LONG_LIVED);

        for (String ip : attackers) {
            SimNode attacker = peerOf(sim, target, ip);
            every(sim, Duration.ofSeconds(10), () -> attacker.node().broadcast(NOTE, "spam"));
            sim.runFor(Duration.ofSeconds(2));
        }
        sim.runFor(Duration.ofMinutes(5));
        long attackersIn = target.peers().stream().filter(p -> attackers.contains(p.address().host())).count();
        System.out.printf("attack: %d of %d inbound slots held by attackers%n", attackersIn, MAX_INBOUND);
        assertThat(target.inboundCount()).as("inbound slots full").isEqualTo(MAX_INBOUND);

        int droppedBefore = dropped.size();
        for (int i = 0; i < NEWCOMERS; i++) {
            String ip = PublicIps.host(NEWCOMER_GROUPS + i, 0);
            newcomers.add(ip);
            peerOf(sim, target, ip);
            sim.runFor(Duration.ofMinutes(1));
        }
        sim.runFor(Duration.ofMinutes(5));

        List<PeerEvent.Disconnected> since = dropped.subList(droppedBefore, dropped.size());
        long attackersEvicted = since.stream().filter(d -> d.reason().code() == DisconnectReason.EVICTED
                && attackers.contains(d.snapshot().address().host())).count();
        long newcomersDropped = since.stream().filter(d -> newcomers.contains(d.snapshot().address().host())).count();
        List<String> longLivedDropped = dropped.stream().filter(d -> longLived.contains(d.snapshot().address().host()))
                .map(d -> d.snapshot().address() + " (" + d.reason() + ")").toList();
        long newcomersInAtEnd = target.peers().stream().filter(p -> newcomers.contains(p.address().host())).count();
        System.out.printf("newcomers admitted %d of %d (%d still in at the end, %d disconnects of newcomers);"
                        + " attackers evicted since they came %d; long-lived peers dropped %d; target evictions %d%n",
                newcomersAdmitted.size(), NEWCOMERS, newcomersInAtEnd, newcomersDropped, attackersEvicted,
                longLivedDropped.size(), target.node().stats().discovery().evictionsTotal());

        assertThat(newcomersAdmitted.keySet()).as("honest newcomers that got in")
                .containsExactlyInAnyOrderElementsOf(newcomers);
        // The eviction that makes room is published when the evicted connection closes: the same instant.
        newcomersAdmitted.forEach((ip, at) -> assertThat(attackerEvictions)
                .as("an attacker evicted when newcomer %s got in at %d ms", ip, at)
                .anyMatch(t -> t >= at && t - at <= 1000));
        assertThat(longLivedDropped).as("long-lived useful peers dropped").isEmpty();
        assertThat(target.peers().stream().filter(p -> longLived.contains(p.address().host())).count())
                .as("long-lived peers still connected").isEqualTo(LONG_LIVED);
    }

    /** A node at {@code ip} whose only outbound peer is {@code target}, redialled whenever it is lost. */
    private static SimNode peerOf(Simulation sim, SimNode target, String ip) {
        TransportAddress to = target.address();
        return sim.addNode(ip, b -> b.allowPrivateAddresses(false).targetOutbound(1).blockRelayOutbound(0).reservedPeer(to));
    }

    private static void every(Simulation sim, Duration period, Runnable task) {
        sim.scheduler().schedule(period, () -> {
            task.run();
            every(sim, period, task);
        });
    }
}
