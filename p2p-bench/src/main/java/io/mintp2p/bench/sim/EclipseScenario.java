package io.mintp2p.bench.sim;

import io.mintp2p.core.node.PeerSnapshot;
import io.mintp2p.core.peers.AddressBookEntry;
import io.mintp2p.core.transport.Direction;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.inmemory.sim.AddressFloodAttack;
import io.mintp2p.inmemory.sim.PublicIps;
import io.mintp2p.inmemory.sim.SimNode;
import io.mintp2p.inmemory.sim.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@link #ATTACKER_SHARE} of the nodes are attackers ({@link AddressFloodAttack}: wire hosts, not
 * {@code P2pNode}s) in {@link #ATTACKER_GROUPS} /16s no honest node is in. The honest nodes join and
 * converge first; then the attack starts: every attacker keeps {@link #ATTACKER_CONNECTIONS}
 * connections to random honest nodes and one to each victim, answers every address request with its
 * pool of addresses in its /16s and announces them. After {@link #HEAD_START} the victims
 * ({@link #VICTIMS} honest nodes drawn by seed, never a boot node) crash and restart with empty books,
 * as a node does after an update, in the middle of the attack, and the run goes on for
 * {@link #AFTER_RESTART}. Every sample: the attackers' share of the victims' outbound peers and of
 * their book entries.
 */
final class EclipseScenario implements SimScenario {
    static final double ATTACKER_SHARE = 0.05;
    static final int ATTACKER_GROUPS = 4;
    static final int ATTACKER_CONNECTIONS = 8;
    /** Addresses the attackers hand out in all (their own hosts first, the rest nobody's). */
    static final int POOL = 1000;
    static final int VICTIMS = 20;
    static final Duration HEAD_START = Duration.ofMinutes(10);
    static final Duration AFTER_RESTART = Duration.ofHours(1);
    static final Duration SAMPLE_EVERY = Duration.ofMinutes(2);

    @Override
    public void run(SimRun run) {
        SimOptions o = run.options();
        int attackers = Math.max(1, (int) Math.round(o.nodes() * ATTACKER_SHARE));
        int honest = o.nodes() - attackers;
        run.samplePeriod(ConvergeScenario.samplePeriod(run.options()));
        run.growAndConverge(honest);
        Simulation sim = run.sim();

        List<SimNode> candidates = new ArrayList<>(sim.liveNodes().subList(o.bootNodes(), sim.liveNodes().size()));
        SplittableRandom random = new SplittableRandom(o.seed() ^ 0x6563_6c69_7073L);
        List<SimNode> victims = new ArrayList<>();
        while (victims.size() < VICTIMS && !candidates.isEmpty()) {
            victims.add(candidates.remove(random.nextInt(candidates.size())));
        }
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < ATTACKER_GROUPS; i++) {
            // Honest hosts are dealt over /16s 0 .. groups-1; these are past them.
            prefixes.add(PublicIps.prefix(run.net().groups() + i));
        }
        AddressFloodAttack attack = new AddressFloodAttack(sim, prefixes, attackers, Math.max(POOL, attackers),
                random.nextLong());
        run.measureVictims(() -> outboundShare(victims, attack), () -> bookShare(victims, attack));
        run.samplePeriod(SAMPLE_EVERY);
        List<TransportAddress> victimAddresses = victims.stream().map(SimNode::address).toList();
        attack.start(run.net().addresses(), ATTACKER_CONNECTIONS, victimAddresses);
        run.advance(HEAD_START);
        Sample beforeRestart = run.lastSample();
        int firstAfter = run.seriesSize();
        victims.forEach(sim::crash);
        victims.forEach(sim::restart);
        run.advance(AFTER_RESTART);
        List<Sample> after = run.seriesSince(firstAfter);
        Sample last = after.get(after.size() - 1);

        run.figure("attackers", attackers);
        run.figure("attacker_groups", ATTACKER_GROUPS);
        run.figure("victims", victims.size());
        run.figure("victim_attacker_outbound_share_before_restart", beforeRestart.victimAttackerOutbound());
        run.figure("victim_attacker_book_share_before_restart", beforeRestart.victimAttackerBook());
        run.figure("victim_attacker_outbound_share_max", after.stream().mapToDouble(Sample::victimAttackerOutbound).max().orElse(0));
        run.figure("victim_attacker_book_share_max", after.stream().mapToDouble(Sample::victimAttackerBook).max().orElse(0));
        run.figure("victim_attacker_outbound_share_end", last.victimAttackerOutbound());
        run.figure("victim_attacker_book_share_end", last.victimAttackerBook());
        run.figure("victims_with_attacker_outbound_end", victims.stream().filter(v -> attackerOutbound(v, attack) > 0).count());
        run.figure("victims_eclipsed_end", victims.stream().filter(v -> eclipsed(v, attack)).count());
        run.figure("attacker_announcements", attack.announcementsSent());
        run.figure("attacker_address_answers", attack.addressRequestsAnswered());
    }

    private static List<PeerSnapshot> outbound(SimNode n) {
        return n.peers().stream().filter(p -> p.direction() == Direction.OUTBOUND).toList();
    }

    private static long attackerOutbound(SimNode n, AddressFloodAttack attack) {
        return outbound(n).stream().filter(p -> attack.isAttackerAddress(p.address())).count();
    }

    /** Every outbound peer of the victim is an attacker (and it has some). */
    private static boolean eclipsed(SimNode n, AddressFloodAttack attack) {
        List<PeerSnapshot> out = outbound(n);
        return !out.isEmpty() && out.stream().allMatch(p -> attack.isAttackerAddress(p.address()));
    }

    static double outboundShare(List<SimNode> victims, AddressFloodAttack attack) {
        long all = 0;
        long bad = 0;
        for (SimNode v : victims) {
            all += outbound(v).size();
            bad += attackerOutbound(v, attack);
        }
        return all == 0 ? 0 : bad / (double) all;
    }

    static double bookShare(List<SimNode> victims, AddressFloodAttack attack) {
        long all = 0;
        long bad = 0;
        for (SimNode v : victims) {
            for (AddressBookEntry e : v.node().addresses().join()) {
                all++;
                if (attack.isAttackerAddress(e.address())) {
                    bad++;
                }
            }
        }
        return all == 0 ? 0 : bad / (double) all;
    }
}
