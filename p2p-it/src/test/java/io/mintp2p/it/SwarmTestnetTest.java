package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * testnet/swarm for real on a single-host swarm: {@code swarm.sh up 5} (initialising the swarm if the
 * engine is in none), every replica reaches its target of outbound peers through nothing but
 * {@code --dns-seed tasks.node}; scaled to 8, the new replicas converge too; scaled down to 4, the
 * survivors are never without a peer and have every outbound slot filled again, in one network. {@code swarm.sh down} removes the stack,
 * its network and the swarm it made, on failure too. Prints one SWARM line per figure.
 */
@ExtendWith(RequiresDocker.class)
class SwarmTestnetTest {
    private static final Logger log = LoggerFactory.getLogger(SwarmTestnetTest.class);
    static final int FIRST = 5;
    static final int SCALED_UP = 8;
    static final int SCALED_DOWN = 4;
    /**
     * The stack's default --target-outbound and --block-relay-outbound: 3 distinct peers per node, which
     * the 4 replicas left after scaling down can still give (a node dials each peer for one slot only).
     */
    static final int TARGET = 2;
    static final int BLOCK_RELAY = 1;
    static final Duration CONVERGE = Duration.ofMinutes(2);

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void swarmStackConvergesThroughTasksDnsAndScalesUpAndDown() throws Exception {
        Path testnet = LocalTestnetComposeTest.testnetDir();
        String jar = Path.of(System.getProperty("mintp2p.nodeJar", "../p2p-node/target/p2p-node.jar")).toAbsolutePath().toString();
        String suffix = Long.toHexString(System.nanoTime());
        String tag = "mintp2p/node:swarm-" + suffix;
        LocalTestnetComposeTest.run(Map.of("TAG", tag, "JAR", jar), testnet, "bash", "build-image.sh");
        List<String> lines = new ArrayList<>();
        try (SwarmTestnet net = new SwarmTestnet(testnet.resolve("swarm"), "mintp2p-it-" + suffix, tag)) {
            long deploy = System.nanoTime();
            net.up(FIRST);
            long running = System.nanoTime();
            net.startProbe();
            net.await(FIRST + " replicas answering", r -> r.allAnswer(FIRST), CONVERGE);
            long answering = System.nanoTime();
            SwarmRound first = net.await(FIRST + " replicas at target " + TARGET, r -> r.converged(FIRST, TARGET, BLOCK_RELAY), CONVERGE);
            long converged = System.nanoTime();
            assertThat(first.connected()).as("one network: %s", first.nodes()).isTrue();
            lines.add(String.format(Locale.ROOT, "SWARM replicas=%d converged (every outbound slot filled) in %d ms after stack deploy (%d ms after all "
                            + "tasks ran, %d ms after every node's admin API answered); outbound per replica (full-relay+block-relay): %s", FIRST,
                    millis(deploy, converged), millis(running, converged), millis(answering, converged), first.outbound()));

            List<Long> rss = net.residentKib();
            assertThat(rss).hasSize(FIRST);
            rss.sort(null);
            lines.add(String.format(Locale.ROOT, "SWARM idle node RSS (docker top, %d replicas, -Xmx96m): min %d MiB, "
                    + "median %d MiB, max %d MiB", rss.size(), rss.get(0) / 1024, rss.get(rss.size() / 2) / 1024,
                    rss.get(rss.size() - 1) / 1024));

            long scale = System.nanoTime();
            net.scale(SCALED_UP);
            long scaledRunning = System.nanoTime();
            net.await(SCALED_UP + " replicas answering", r -> r.allAnswer(SCALED_UP), CONVERGE);
            long upAnswering = System.nanoTime();
            SwarmRound up = net.await(SCALED_UP + " replicas at target " + TARGET, r -> r.converged(SCALED_UP, TARGET, BLOCK_RELAY), CONVERGE);
            long upConverged = System.nanoTime();
            assertThat(up.connected()).as("one network: %s", up.nodes()).isTrue();
            Set<String> added = new TreeSet<>(up.addresses());
            added.removeAll(first.addresses());
            assertThat(added).as("the replicas scaling added").hasSize(SCALED_UP - FIRST);
            lines.add(String.format(Locale.ROOT, "SWARM scale-up %d->%d: the %d new replicas converged in %d ms after "
                            + "docker service scale (%d ms after they ran, %d ms after they all answered); outbound per replica (full-relay+block-relay): %s",
                    FIRST, SCALED_UP, added.size(), millis(scale, upConverged), millis(scaledRunning, upConverged),
                    millis(upAnswering, upConverged), up.outbound()));

            long down = System.nanoTime();
            net.scale(SCALED_DOWN);
            long stopped = System.nanoTime();
            SwarmRound again = net.await(SCALED_DOWN + " survivors at target " + TARGET, r -> r.converged(SCALED_DOWN, TARGET, BLOCK_RELAY),
                    CONVERGE);
            long downConverged = System.nanoTime();
            assertThat(again.connected()).as("one network: %s", again.nodes()).isTrue();
            assertThat(up.addresses()).as("survivors were in the scaled-up network").containsAll(again.addresses());
            // Stayed connected: in no round from the scale command to re-convergence was a survivor without a peer.
            Map<String, Long> fewestPeers = new TreeMap<>();
            for (SwarmRound r : net.roundsSince(down)) {
                r.peers().forEach((ip, peers) -> {
                    if (again.addresses().contains(ip) && peers >= 0) {
                        fewestPeers.merge(ip, peers, Math::min);
                    }
                });
            }
            assertThat(fewestPeers).as("fewest peers each survivor had while the others went").hasSize(SCALED_DOWN)
                    .allSatisfy((ip, peers) -> assertThat(peers).as(ip).isPositive());
            lines.add(String.format(Locale.ROOT, "SWARM scale-down %d->%d: no survivor was ever without peers (fewest per "
                            + "survivor: %s), every outbound slot filled again %d ms after docker service scale (%d ms after the removed "
                            + "replicas stopped); outbound per replica (full-relay+block-relay): %s",
                    SCALED_UP, SCALED_DOWN, fewestPeers, millis(down, downConverged), millis(stopped, downConverged), again.outbound()));
        } finally {
            try {
                LocalTestnetComposeTest.run(Map.of(), testnet, "docker", "rmi", tag);
            } catch (java.io.IOException e) {
                log.warn("removing {}: {}", tag, e.getMessage());
            }
            lines.forEach(line -> {
                log.info(line);
                System.out.println(line);
            });
        }
    }

    private static long millis(long from, long to) {
        return TimeUnit.NANOSECONDS.toMillis(to - from);
    }
}
