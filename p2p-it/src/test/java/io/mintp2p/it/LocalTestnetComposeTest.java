package io.mintp2p.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's "Local testnet", run as written: testnet/build-image.sh builds the image,
 * testnet/compose.sh writes the compose file, docker-compose up -d starts it, every node reaches its
 * target of outbound peers, docker-compose down removes it. The committed docker-compose.yml must be
 * what compose.sh writes by default. (Ports: a free range here, 18080.. in the committed file.)
 */
@ExtendWith(RequiresDocker.class)
class LocalTestnetComposeTest {
    private static final Logger log = LoggerFactory.getLogger(LocalTestnetComposeTest.class);
    static final int NODES = 5;
    static final int BOOT = 2;
    static final int TARGET = 3;

    static Path testnetDir() {
        return Path.of(System.getProperty("mintp2p.testnetDir", "../testnet")).toAbsolutePath().normalize();
    }

    static String run(Map<String, String> env, Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    static boolean onPath(String tool) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static int freePortRange(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            boolean free = true;
            for (int i = 0; i < count && free; i++) {
                try (ServerSocket s = new ServerSocket(base + i, 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range on 127.0.0.1");
    }

    @Test
    void composeTestnetFromTheReadmeConvergesAndComesDown() throws Exception {
        if (!onPath("docker-compose")) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but no docker-compose: .ci/run should have installed it");
            }
            Assumptions.abort("no docker-compose on PATH (apt-get install docker-compose)");
        }
        long t0 = System.nanoTime();
        Path dir = testnetDir();
        assertThat(Files.readString(dir.resolve("docker-compose.yml")))
                .as("testnet/docker-compose.yml is what testnet/compose.sh writes").isEqualTo(run(Map.of(), dir, "bash", "compose.sh"));

        String jar = Path.of(System.getProperty("mintp2p.nodeJar", "../p2p-node/target/p2p-node.jar")).toAbsolutePath().toString();
        String tag = "mintp2p/node:testnet-" + Long.toHexString(System.nanoTime());
        run(Map.of("TAG", tag, "JAR", jar), dir, "bash", "build-image.sh");
        long built = System.nanoTime();

        int base = freePortRange(NODES);
        Path work = Files.createTempDirectory("mintp2p-testnet");
        Path file = work.resolve("docker-compose.yml");
        Files.writeString(file, run(Map.of(), dir, "bash", "compose.sh", String.valueOf(NODES), String.valueOf(BOOT),
                String.valueOf(base), String.valueOf(TARGET)));
        String project = "mintp2p-testnet-" + Long.toHexString(System.nanoTime());
        run(Map.of(), dir, "bash", "admin-token.sh", work.toString());
        Optional<String> token = Optional.of(Files.readString(work.resolve("admin.token")).strip());
        Map<String, String> env = Map.of("MINTP2P_IMAGE", tag);
        List<String> compose = List.of("docker-compose", "-f", file.toString(), "-p", project);
        try {
            long up0 = System.nanoTime();
            run(env, work, concat(compose, "up", "-d"));
            long up = System.nanoTime();
            Map<String, Long> outbound = new TreeMap<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (true) {
                outbound.clear();
                for (int i = 0; i < NODES; i++) {
                    long out = -1;
                    try {
                        out = 0;
                        for (JsonNode p : new StockAdminClient("http://127.0.0.1:" + (base + i), token).get("peers")) {
                            out += p.get("direction").asText().equals("OUTBOUND") ? 1 : 0;
                        }
                    } catch (Exception e) {
                        out = -1;
                    }
                    outbound.put("node" + i, out);
                }
                if (outbound.values().stream().allMatch(o -> o >= TARGET)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("testnet not at target " + TARGET + " within 2 minutes (outbound per node, -1 = no answer): "
                            + outbound + "\n" + run(env, work, concat(compose, "logs", "--tail", "20")));
                }
                Thread.sleep(500);
            }
            long converged = System.nanoTime();
            String metrics = new StockAdminClient("http://127.0.0.1:" + base, Optional.empty()).getText("metrics");
            assertThat(metrics).contains("mintp2p_");
            String line = String.format(Locale.ROOT, "SCENARIO local testnet (docker-compose %s): image built in %d ms, "
                            + "%d nodes up in %d ms, every node at its target of %d outbound peers %d ms after up: %s",
                    run(Map.of(), work, "docker-compose", "version", "--short").trim(), (built - t0) / 1_000_000, NODES,
                    (up - up0) / 1_000_000, TARGET, (converged - up) / 1_000_000, outbound);
            log.info(line);
            System.out.println(line);
        } finally {
            try {
                run(env, work, concat(compose, "down", "-v", "--remove-orphans"));
            } finally {
                try {
                    run(Map.of(), work, "docker", "rmi", tag);
                } catch (IOException e) {
                    log.warn("removing {}: {}", tag, e.getMessage());
                }
            }
            log.info("local testnet test wall time {} s", Topology.since(t0).toSeconds());
        }
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }
}
