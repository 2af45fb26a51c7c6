package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Network;

/**
 * DNS seeds over Docker DNS: three boot containers share the network alias {@code seed.mintp2p}, so
 * Docker's resolver answers that name with all three addresses. Newcomers started with nothing but
 * {@code --dns-seed seed.mintp2p} must find them and converge with them into one network.
 */
@ExtendWith(RequiresDocker.class)
class DnsSeedTest {
    private static final Logger log = LoggerFactory.getLogger(DnsSeedTest.class);
    static final String SEED = "seed.mintp2p";

    @Test
    void newcomersWithOnlyADnsSeedFindTheSeedsAndConverge() throws Exception {
        List<P2pNodeContainer> all = new ArrayList<>();
        try (Network net = Network.newNetwork()) {
            List<P2pNodeContainer> seeds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                P2pNodeContainer s = new P2pNodeContainer("boot" + i).withNetwork(net).withNetworkAliases(SEED)
                        .withTargetOutbound(2);
                if (i > 0) {
                    s.withBootNodes("noise://boot0:" + P2pNodeContainer.P2P_PORT);
                }
                seeds.add(s);
            }
            seeds.get(0).start();
            seeds.subList(1, 3).parallelStream().forEach(P2pNodeContainer::start);
            all.addAll(seeds);
            List<P2pNodeContainer> newcomers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                newcomers.add(new P2pNodeContainer("newcomer" + i).withNetwork(net).withTargetOutbound(2).withDnsSeeds(SEED));
            }
            long t0 = System.nanoTime();
            newcomers.parallelStream().forEach(P2pNodeContainer::start);
            all.addAll(newcomers);
            Duration converged = Topology.awaitConverged(all, 2, Duration.ofMinutes(2));
            Set<String> seedIps = new TreeSet<>();
            seeds.forEach(s -> seedIps.addAll(s.ipAddresses()));
            Set<String> seedsDialed = new TreeSet<>();
            for (P2pNodeContainer n : newcomers) {
                for (JsonNode p : n.admin().get("peers")) {
                    String host = p.get("address").asText().replaceFirst("^\\w+://", "").replaceFirst(":\\d+(#.*)?$", "");
                    if (seedIps.contains(host) || host.equals(SEED)) {
                        seedsDialed.add(host);
                    }
                }
            }
            String line = String.format(Locale.ROOT, "SCENARIO DNS seed: 5 newcomers with only --dns-seed %s (3 boot containers "
                            + "behind that alias) converged with them %d ms after starting (%d ms after the last check began); "
                            + "seed addresses among the newcomers' peers: %s", SEED, Topology.since(t0).toMillis(),
                    converged.toMillis(), seedsDialed);
            log.info(line);
            System.out.println(line);
            assertThat(seedsDialed).as("newcomers reached the seeds through DNS").isNotEmpty();
        } finally {
            all.forEach(n -> {
                try {
                    n.stop();
                } catch (RuntimeException e) {
                    log.warn("stopping {}: {}", n.name(), e.toString());
                }
            });
        }
    }
}
