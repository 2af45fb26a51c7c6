package io.mintp2p.inmemory.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.peers.AddressBookEntry;
import io.mintp2p.core.peers.AddressGroup;
import io.mintp2p.core.transport.Direction;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The eclipse attempt: 10 attacker hosts in one /16 answer every address request with 1000
 * addresses of their own /16 and announce them, to honest nodes and to the victim, which joins an
 * honest network of 300 nodes over 75 /16s (knowing its three boot nodes) while the attack is on.
 * Its outbound peers must still span at least 6 address groups, and at most 10 % of its address
 * book may lie in the attackers' /16.
 */
@ExtendWith(SampledLeakDetection.class)
class EclipseSimulationTest {
    static final int HONEST = 300;
    static final int HONEST_GROUPS = 75;
    static final int TARGET_OUTBOUND = 8;
    static final int ATTACKER_HOSTS = 10;
    static final int FAKE_ADDRESSES = 1000;
    static final int ATTACKER_CONNECTIONS = 8;
    /** A /16 no honest node is in (see PublicIps). */
    static final int ATTACKER_GROUP = 5000;
    static final int MIN_OUTBOUND_GROUPS = 6;
    static final double MAX_ATTACKER_SHARE_OF_BOOK = 0.10;

    @Test
    void victimKeepsDiverseOutboundPeersAndAnHonestBook() {
        Simulation sim = new Simulation(1000_000);
        PublicNetwork net = new PublicNetwork(sim, HONEST_GROUPS, 3, b -> b.targetOutbound(TARGET_OUTBOUND));
        OutboundTargetWatch watch = new OutboundTargetWatch(sim, TARGET_OUTBOUND);
        net.grow(HONEST, Duration.ofMillis(100));
        assertThat(net.runUntil(watch::allReached, Duration.ofMinutes(10))).as("honest network converged").isTrue();

        String victimIp = PublicIps.host(HONEST_GROUPS, 0);
        AddressFloodAttack attack = new AddressFloodAttack(sim, PublicIps.prefix(ATTACKER_GROUP), ATTACKER_HOSTS,
                FAKE_ADDRESSES, 1000_001);
        attack.start(net.addresses(), ATTACKER_CONNECTIONS, List.of(Simulation.address(victimIp)));
        sim.runFor(Duration.ofMinutes(10));

        SimNode victim = sim.addNode(victimIp, b -> b.allowPrivateAddresses(false).targetOutbound(TARGET_OUTBOUND)
                .bootNodes(net.bootNodes()));
        sim.runFor(Duration.ofMinutes(30));

        List<PeerSnapshot> outbound = victim.peers().stream().filter(p -> p.direction() == Direction.OUTBOUND).toList();
        Set<String> groups = outbound.stream().map(p -> AddressGroup.of(p.address(), false)).collect(Collectors.toSet());
        long attackerOutbound = outbound.stream().filter(p -> attack.isAttackerAddress(p.address())).count();
        List<AddressBookEntry> book = victim.node().addresses().join();
        long attackerEntries = book.stream().filter(e -> attack.isAttackerAddress(e.address())).count();
        String attackerGroup = AddressGroup.of(Simulation.address(attack.hosts().get(0).ip()), false);
        long fromAttackersThemselves = book.stream()
                .filter(e -> attack.isAttackerAddress(e.address()) && e.source().equals(attackerGroup)).count();
        long relayingGroups = book.stream().filter(e -> attack.isAttackerAddress(e.address()))
                .map(AddressBookEntry::source).distinct().count();
        double share = book.isEmpty() ? 0 : attackerEntries / (double) book.size();
        long attackerInbound = victim.peers().stream()
                .filter(p -> p.direction() == Direction.INBOUND && attack.isAttackerAddress(p.address())).count();
        long honestPolluted = net.addresses().stream().map(a -> sim.node(a.host()))
                .mapToLong(n -> n.node().addresses().join().stream().filter(e -> attack.isAttackerAddress(e.address())).count())
                .sum();
        System.out.printf("eclipse attempt: victim has %d outbound peers in %d groups (%d of them attackers), %d attacker"
                        + " inbound; its book holds %d attacker addresses of %d (%.1f %%), %d of them told by the"
                        + " attackers themselves, the rest relayed from %d other source groups; honest books hold %.1f"
                        + " attacker addresses on average; attackers answered %d address requests, sent %d"
                        + " announcements%n",
                outbound.size(), groups.size(), attackerOutbound, attackerInbound, attackerEntries, book.size(),
                share * 100, fromAttackersThemselves, relayingGroups - (fromAttackersThemselves > 0 ? 1 : 0),
                honestPolluted / (double) HONEST, attack.addressRequestsAnswered(), attack.announcementsSent());

        assertThat(groups).as("address groups of the victim's outbound peers").hasSizeGreaterThanOrEqualTo(MIN_OUTBOUND_GROUPS);
        assertThat(share).as("share of the victim's address book in the attackers' /16 (%d of %d)", attackerEntries,
                book.size()).isLessThanOrEqualTo(MAX_ATTACKER_SHARE_OF_BOOK);
    }
}
