package io.mintp2p.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * testnet/swarm driven as its README-style script is used: {@code swarm.sh up / scale / down} on the
 * engine docker talks to, plus a {@link SwarmProbe} helper container on the stack's attachable overlay
 * whose rounds the test waits on. Every method runs on the caller's thread and blocks until its docker
 * commands have finished; the probe's output is read on a daemon thread of its own. {@link #close()}
 * removes the probe and runs {@code swarm.sh down} (stack, network, and the swarm if the script made it).
 */
final class SwarmTestnet implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SwarmTestnet.class);
    static final int ADMIN_PORT = 8080;
    static final long PROBE_PAUSE_MILLIS = 250;
    /** The label .ci/run's cleanup finds a probe left by a killed run with. */
    static final String PROBE_LABEL = "io.mintp2p.it.swarm-probe";

    private final Path swarmDir;
    private final String stack;
    private final Map<String, String> env;
    private final ObjectMapper json = new ObjectMapper();
    /** Every round read, with System.nanoTime() at reading; the test is bounded, so is this (~4 rounds a second). */
    private final List<Received> rounds = new CopyOnWriteArrayList<>();
    private final String probe;
    private final String image;
    private Process probeLogs;

    /** A round and when the test read it. */
    record Received(long nanoTime, SwarmRound round) {
    }

    /** A testnet named {@code stack} of {@code image}, driven by the scripts in {@code swarmDir}; nothing runs yet. */
    SwarmTestnet(Path swarmDir, String stack, String image) {
        this.swarmDir = swarmDir;
        this.stack = stack;
        this.image = image;
        this.probe = stack + "-probe";
        this.env = Map.of("STACK", stack, "MINTP2P_IMAGE", image);
    }

    /** Deploys the stack with {@code replicas} replicas (initialising the swarm if needed); returns once they all run. */
    void up(int replicas) throws IOException, InterruptedException {
        log.info(script("up", String.valueOf(replicas)).strip());
    }

    /** Scales the service; returns once exactly {@code replicas} tasks run. */
    void scale(int replicas) throws IOException, InterruptedException {
        log.info(script("scale", String.valueOf(replicas)).strip());
    }

    /** Starts the probe container on the stack's overlay, reading its rounds from then on. */
    void startProbe() throws IOException, InterruptedException {
        Path classes = Files.createTempDirectory("mintp2p-swarm-probe");
        Path file = classes.resolve(SwarmProbe.class.getName().replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        try (InputStream in = SwarmProbe.class.getResourceAsStream(SwarmProbe.class.getSimpleName() + ".class")) {
            Files.write(file, in.readAllBytes());
        }
        // The token swarm.sh up gave the stack as a secret; a standalone container cannot mount a Swarm secret.
        Files.copy(swarmDir.resolve("admin.token"), classes.resolve("admin.token"));
        docker("create", "--name", probe, "--label", PROBE_LABEL + "=" + stack, "--network", stack + "_mintp2p",
                "--entrypoint", "/opt/jre/bin/java", image, "-cp", "/probe", SwarmProbe.class.getName(),
                "tasks.node", String.valueOf(ADMIN_PORT), String.valueOf(PROBE_PAUSE_MILLIS), "/probe/admin.token");
        try {
            docker("cp", classes + "/.", probe + ":/probe");
        } finally {
            try (var files = Files.walk(classes)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        docker("start", probe);
        probeLogs = new ProcessBuilder("docker", "logs", "-f", probe).redirectErrorStream(true).start();
        Thread reader = new Thread(this::readRounds, "swarm-probe-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The probe reader thread: keeps the newest round. */
    private void readRounds() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(probeLogs.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("{")) {
                    rounds.add(new Received(System.nanoTime(), SwarmRound.parse(json.readTree(line))));
                } else {
                    log.warn("probe: {}", line);
                }
            }
        } catch (IOException e) {
            log.debug("probe output ended: {}", e.toString());
        }
    }

    /**
     * Waits for a round of the probe that satisfies {@code done}, polling every 50 ms; fails after
     * {@code within} with the last round and the service's tasks and logs.
     */
    SwarmRound await(String what, Predicate<SwarmRound> done, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            SwarmRound round = rounds.isEmpty() ? null : rounds.get(rounds.size() - 1).round();
            if (round != null && done.test(round)) {
                return round;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + within.toSeconds() + " s; last round (outbound per replica, "
                        + "full-relay+block-relay, - = no answer): " + (round == null ? "none" : round.outbound()) + "\n"
                        + docker("service", "ps", "--no-trunc", stack + "_node") + "\n"
                        + docker("service", "logs", "--tail", "10", stack + "_node"));
            }
            Thread.sleep(50);
        }
    }

    /** The rounds read since {@code nanoTime} (a System.nanoTime() value), oldest first. */
    List<SwarmRound> roundsSince(long nanoTime) {
        return rounds.stream().filter(r -> r.nanoTime() - nanoTime >= 0).map(Received::round).toList();
    }

    /** Resident set size in KiB of each replica's node process, as the engine's host sees it ({@code docker top}). */
    List<Long> residentKib() throws IOException, InterruptedException {
        List<Long> rss = new ArrayList<>();
        for (String id : docker("ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + stack + "_node").split("\\s+")) {
            if (id.isBlank()) {
                continue;
            }
            // docker top wants the pid column; the container runs one process, the node.
            String[] last = docker("top", id, "-o", "pid,rss").strip().replaceFirst("(?s).*\n", "").strip().split("\\s+");
            rss.add(Long.parseLong(last[last.length - 1]));
        }
        return rss;
    }

    /**
     * Removes the probe and brings the stack down with {@code swarm.sh down}. Runs even when the calling
     * thread was interrupted (a timeout), which it clears first and sets again after.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        boolean interrupted = Thread.interrupted();
        try {
            if (probeLogs != null) {
                probeLogs.destroy();
            }
            try {
                docker("rm", "-f", probe);
            } catch (IOException e) {
                log.debug("no probe to remove: {}", e.getMessage());
            }
            log.info(script("down").strip());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String script(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", swarmDir.resolve("swarm.sh").toString()));
        command.addAll(List.of(args));
        return LocalTestnetComposeTest.run(env, swarmDir, command.toArray(String[]::new));
    }

    private String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return LocalTestnetComposeTest.run(Map.of(), swarmDir, command.toArray(String[]::new));
    }
}
