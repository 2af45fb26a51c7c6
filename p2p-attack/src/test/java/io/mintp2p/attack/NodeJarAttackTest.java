package io.mintp2p.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attacks 1 and 2 against the real node jar in a separate process (built by the reactor before this
 * module in {@code mvn verify}; for a single-module run, {@code mvn -pl p2p-node -am package -DskipTests}
 * first). Memory is the process's resident set size from /proc.
 */
class NodeJarAttackTest {
    static Path jar;

    @BeforeAll
    static void findJar() {
        String prop = System.getProperty("mintp2p.nodeJar", "../p2p-node/target/p2p-node.jar");
        jar = Path.of(prop).toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(jar), "node jar not built: " + jar + " (mvn -pl p2p-node -am package -DskipTests)");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void pendingFloodAgainstTheNodeJar() throws Exception {
        try (NodeProcess node = NodeProcess.start(jar, Duration.ofSeconds(30))) {
            HonestPeer honest = HonestPeer.tcp(node.address(), SourceAddresses.honest(10));
            assertThat(honest.attempt().ok()).as("honest peer before the attack").isTrue();
            Duration attack = Duration.ofSeconds(10);
            try (MemoryWatch rss = MemoryWatch.process(node.pid());
                 AttackerPool pool = AttackerPool.builder().target(node.address())
                         .sources(SourceAddresses.range(10, 1, 200)).sockets(400).refill(true).duration(attack).start();
                 HonestProbe probe = HonestProbe.start(honest, Duration.ofMillis(1500), Duration.ofSeconds(2), 5)) {
                List<HonestResult> results = probe.await(attack.plus(Duration.ofSeconds(15)));
                pool.awaitEnd(Duration.ofSeconds(5));
                rss.checkpoint();

                Report.line("jar-pending-flood", HonestProbe.summary(results), rss.summary(), pool.summary());

                assertThat(node.isAlive()).as("node process alive").isTrue();
                assertThat(results).as("honest attempts spread over the attack").hasSize(5);
                assertThat(HonestProbe.slowOrFailed(results, Duration.ofSeconds(2)))
                        .as("honest attempts that failed or took 2 s or more").isEmpty();
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void unfinishedLargeFramesAgainstTheNodeJar() throws Exception {
        try (NodeProcess node = NodeProcess.start(jar, Duration.ofSeconds(30))) {
            HonestPeer honest = HonestPeer.tcp(node.address(), SourceAddresses.honest(11));
            assertThat(honest.attempt().ok()).as("honest peer before the attack").isTrue();
            Thread.sleep(1000);
            Duration attack = Duration.ofSeconds(8);
            try (MemoryWatch rss = MemoryWatch.process(node.pid());
                 AttackerPool pool = AttackerPool.builder().target(node.address())
                         .sources(SourceAddresses.range(11, 1, 40)).sockets(40)
                         .payload(new AttackerPool.Payload(WireSocket.header(LargeFrameAttackTest.ANNOUNCED),
                                 LargeFrameAttackTest.BODY))
                         .refill(false).duration(attack).start();
                 HonestProbe probe = HonestProbe.start(honest, Duration.ofMillis(1500), Duration.ofMillis(1500), 4)) {
                List<HonestResult> results = probe.await(attack.plus(Duration.ofSeconds(15)));
                pool.awaitEnd(Duration.ofSeconds(5));
                rss.checkpoint();

                Report.line("jar-large-frames", HonestProbe.summary(results), rss.summary(), pool.summary());

                assertThat(node.isAlive()).as("node process alive").isTrue();
                assertThat(HonestProbe.slowOrFailed(results, Duration.ofSeconds(2)))
                        .as("honest attempts that failed or took 2 s or more").isEmpty();
                assertThat(rss.growth()).as("node RSS growth under 40 x 9 MiB unfinished frames")
                        .isLessThan(64 * MemoryProbe.MB);
            }
        }
    }
}
