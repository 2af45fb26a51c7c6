package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Network;

/**
 * Scenario (c) of issue #13, network-group eviction for real: the victim is on four Docker networks,
 * each its own /16 (its own address group, as the victim does not treat private addresses as
 * local here). Two honest nodes per honest subnet dial it, then an attacker subnet floods it with
 * inbound connections. The victim is full and evicts; it must keep its peers from the honest subnets.
 * (Bitcoin Core's functional tests cannot do this: all their test peers come from one address.)
 */
@ExtendWith(RequiresDocker.class)
class NetworkGroupEvictionTest {
    private static final Logger log = LoggerFactory.getLogger(NetworkGroupEvictionTest.class);
    static final int MAX_INBOUND = 8;
    static final int HONEST_SUBNETS = 3;
    static final int HONEST_PER_SUBNET = 2;
    static final int ATTACKERS = 8;

    static Network subnet(String cidr) {
        return Network.builder().createNetworkCmdModifier(cmd -> cmd.withIpam(new com.github.dockerjava.api.model.Network.Ipam()
                .withConfig(new com.github.dockerjava.api.model.Network.Ipam.Config().withSubnet(cidr)))).build();
    }

    /** Inbound peers of {@code n} by /16. */
    static Map<String, Set<String>> inboundBySubnet(P2pNodeContainer n) throws Exception {
        Map<String, Set<String>> m = new TreeMap<>();
        for (JsonNode p : n.admin().get("peers")) {
            if (p.get("direction").asText().equals("INBOUND")) {
                String ip = p.get("address").asText().replaceFirst("^\\w+://", "").replaceFirst(":\\d+(#.*)?$", "");
                String[] o = ip.split("\\.");
                m.computeIfAbsent(o[0] + "." + o[1] + ".0.0/16", k -> new TreeSet<>()).add(p.get("id").asText());
            }
        }
        return m;
    }

    @Test
    void aFloodFromOneSubnetDoesNotEvictThePeersOfTheOthers() throws Exception {
        List<Network> nets = new ArrayList<>();
        List<P2pNodeContainer> all = new ArrayList<>();
        try {
            for (int i = 0; i <= HONEST_SUBNETS; i++) {
                nets.add(subnet("10.13" + (i + 1) + ".0.0/16"));
            }
            Network attackerNet = nets.get(HONEST_SUBNETS);
            // Private addresses not "local": each /16 is one address group, as on the internet.
            P2pNodeContainer victim = new P2pNodeContainer("victim").withNetwork(nets.get(0)).withTargetOutbound(0)
                    .withBlockRelayOutbound(0)
                    .withMaxInbound(MAX_INBOUND).withEnv("MINTP2P_ALLOW_PRIVATE", "false");
            victim.start();
            all.add(victim);
            for (Network net : nets.subList(1, nets.size())) {
                P2pNodeContainer.docker().connectToNetworkCmd().withNetworkId(net.getId())
                        .withContainerId(victim.getContainerId())
                        .withContainerNetwork(new ContainerNetwork().withAliases("victim")).exec();
            }
            // First one honest node per subnet, then some attackers, then the second honest node per
            // subnet: so half the honest peers are younger than attackers, and evicting "the youngest"
            // would hit them. Only evicting from the group with the most peers spares them.
            String attackerSubnet = "10.13" + (HONEST_SUBNETS + 1) + ".0.0/16";
            List<P2pNodeContainer> honest = new ArrayList<>();
            List<P2pNodeContainer> attackers = new ArrayList<>();
            for (int i = 0; i < ATTACKERS; i++) {
                attackers.add(new P2pNodeContainer("attacker" + i).withNetwork(attackerNet).withTargetOutbound(2)
                        .withBootNodes("noise://victim:23031"));
            }
            int early = 3;
            for (int k = 0; k < HONEST_PER_SUBNET; k++) {
                for (int s = 0; s < HONEST_SUBNETS; s++) {
                    P2pNodeContainer h = new P2pNodeContainer("honest" + s + "-" + k).withNetwork(nets.get(s))
                            .withTargetOutbound(1).withBootNodes("noise://victim:23031");
                    h.start();
                    all.add(h);
                    honest.add(h);
                    awaitInboundFrom(victim, h);
                }
                if (k == 0) {
                    for (int j = 0; j < early; j++) {
                        attackers.get(j).start();
                        all.add(attackers.get(j));
                        awaitInboundFrom(victim, attackers.get(j));
                    }
                }
            }
            Map<String, Set<String>> before = inboundBySubnet(victim);
            long f0 = System.nanoTime();
            attackers.subList(early, ATTACKERS).parallelStream().forEach(P2pNodeContainer::start);
            all.addAll(attackers.subList(early, ATTACKERS));
            // Watch for 30 s while the attackers dial, get evicted and dial again.
            int mostAttackers = 0;
            int fewestHonest = Integer.MAX_VALUE;
            int samples = 0;
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Map<String, Set<String>> now = before;
            while (System.nanoTime() < until) {
                now = inboundBySubnet(victim);
                int att = now.getOrDefault(attackerSubnet, Set.of()).size();
                int hon = now.entrySet().stream().filter(e -> !e.getKey().equals(attackerSubnet))
                        .mapToInt(e -> e.getValue().size()).sum();
                mostAttackers = Math.max(mostAttackers, att);
                fewestHonest = Math.min(fewestHonest, hon);
                samples++;
                Thread.sleep(250);
            }
            String metrics = victim.admin().getText("metrics");
            String evictions = metrics.lines().filter(l -> l.startsWith("mintp2p_disconnects_total") && l.contains("evicted"))
                    .findFirst().orElse("no eviction counted");
            Set<String> keptHonest = new TreeSet<>();
            Map<String, Set<String>> honestBefore = new TreeMap<>(before);
            honestBefore.remove(attackerSubnet);
            honestBefore.forEach((k, v) -> {
                if (!k.equals(attackerSubnet)) {
                    keptHonest.addAll(v);
                }
            });
            Set<String> honestAfter = new TreeSet<>();
            now.forEach((k, v) -> {
                if (!k.equals(attackerSubnet)) {
                    honestAfter.addAll(v);
                }
            });
            keptHonest.retainAll(honestAfter);
            String line = String.format(Locale.ROOT, "SCENARIO (c) network-group eviction, max inbound %d: before the flood (3 honest peers younger than 3 attackers) %s; "
                            + "%d attackers from %s for %d s: honest inbound at least %d of %d in %d samples (the same %d peers kept), "
                            + "attackers held at most %d slots; after: %s; %s", MAX_INBOUND, sizes(before), ATTACKERS,
                    attackerSubnet, Topology.since(f0).toSeconds(), fewestHonest, honest.size(), samples, keptHonest.size(),
                    mostAttackers, sizes(now), evictions);
            log.info(line);
            System.out.println(line);
            assertThat(before).hasSize(HONEST_SUBNETS + 1);
            assertThat(keptHonest).as("honest peers kept through the flood").hasSize(honest.size());
            assertThat(fewestHonest).isEqualTo(honest.size());
            assertThat(mostAttackers).isPositive().isLessThanOrEqualTo(MAX_INBOUND - honest.size());
            // At least the attacker evicted when the last honest node came in, though it was older.
            assertThat(evictions).doesNotContain("no eviction");
            assertThat(Double.parseDouble(evictions.substring(evictions.lastIndexOf(' ') + 1))).isGreaterThanOrEqualTo(1.0);
        } finally {
            for (P2pNodeContainer n : all) {
                try {
                    n.stop();
                } catch (RuntimeException e) {
                    log.warn("stopping {}: {}", n.name(), e.toString());
                }
            }
            nets.forEach(Network::close);
        }
    }

    /** Waits until {@code n} holds an inbound connection from {@code from}. */
    static void awaitInboundFrom(P2pNodeContainer n, P2pNodeContainer from) throws Exception {
        long t0 = System.nanoTime();
        List<String> ips = from.ipAddresses();
        while (true) {
            for (JsonNode p : n.admin().get("peers")) {
                if (p.get("direction").asText().equals("INBOUND")
                        && ips.stream().anyMatch(ip -> p.get("address").asText().contains("//" + ip + ":"))) {
                    return;
                }
            }
            if (Topology.since(t0).compareTo(Duration.ofMinutes(1)) > 0) {
                throw new AssertionError(n.name() + " has no inbound peer from " + from.name() + ": " + sizes(inboundBySubnet(n)));
            }
            Thread.sleep(200);
        }
    }

    private static String sizes(Map<String, Set<String>> m) {
        Map<String, Integer> s = new TreeMap<>();
        m.forEach((k, v) -> s.put(k, v.size()));
        return s.toString();
    }
}
