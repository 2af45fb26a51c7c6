package io.mintp2p.it;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.images.builder.Transferable;

/**
 * The network conditions of one node, put in place from a helper container in the node's network
 * namespace (see {@link NetworkConditions} for what it does and why it is not netem). It keeps the
 * wanted state and rewrites the node's two iptables chains from it on every change, starting and
 * stopping one {@code nfq-delay} per queue as needed: queue 1 for the node, 2 and up for links.
 */
final class NetworkShaper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NetworkShaper.class);
    private static final int NODE_QUEUE = 1;
    private static final String OUT = "MINTP2P_OUT";
    private static final String IN = "MINTP2P_IN";

    /** Conditions for what this node sends to a peer ({@code out}: delay) and receives from it ({@code in}: loss); null: none. */
    private record Link(List<String> ips, NetworkConditions out, NetworkConditions in, int queue) {
        boolean delaysOut() {
            return out != null && out.delays();
        }
    }

    private final NodeContainer<?> node;
    private GenericContainer<?> sidecar;
    /** When the node's current namespace was made: a restarted node has a new one, without our rules. */
    private String nodeStartedAt;
    private NetworkConditions nodeConditions = NetworkConditions.none();
    private final Map<String, Link> links = new LinkedHashMap<>();
    private final Map<String, List<String>> cutFrom = new LinkedHashMap<>();
    private final Map<Integer, NetworkConditions> delayers = new HashMap<>();
    private long appliedRate;
    private int nextQueue = NODE_QUEUE + 1;

    NetworkShaper(NodeContainer<?> node) {
        this.node = node;
    }

    synchronized void setNode(NetworkConditions c) {
        nodeConditions = c;
        apply();
    }

    /**
     * Packets to {@code peer}'s {@code ips} are delayed as {@code out} says, packets from them lost as
     * {@code in} says; null leaves that direction as it is, {@link NetworkConditions#none()} clears it.
     */
    synchronized void setLink(String peer, List<String> ips, NetworkConditions out, NetworkConditions in) {
        for (NetworkConditions c : java.util.Arrays.asList(out, in)) {
            if (c != null && c.rateKbit() > 0) {
                throw new IllegalArgumentException("a rate limit applies to a whole node, not to one link");
            }
        }
        Link old = links.get(peer);
        NetworkConditions o = out != null ? out : old != null ? old.out : null;
        NetworkConditions i = in != null ? in : old != null ? old.in : null;
        links.put(peer, new Link(ips, o, i, old != null ? old.queue : nextQueue++));
        apply();
    }

    synchronized void clearLink(String peer) {
        if (links.remove(peer) != null) {
            apply();
        }
    }

    /** Drops every packet arriving from {@code ips} (the other direction is untouched). */
    synchronized void cutFrom(String peer, List<String> ips) {
        cutFrom.put(peer, ips);
        apply();
    }

    synchronized void healFrom(String peer) {
        if (cutFrom.remove(peer) != null) {
            apply();
        }
    }

    synchronized void clearAll() {
        nodeConditions = NetworkConditions.none();
        links.clear();
        cutFrom.clear();
        if (sidecar != null) {
            apply();
        }
    }

    synchronized NetworkConditions nodeConditions() {
        return nodeConditions;
    }

    private void apply() {
        long t0 = System.nanoTime();
        if (sidecar != null && !nodeStartedAt().equals(nodeStartedAt)) {
            log.info("{} was restarted: putting its network conditions in place again in its new namespace", node.name());
            close();
        }
        boolean first = sidecar == null;
        if (first) {
            startSidecar();
        }
        Map<Integer, NetworkConditions> wanted = new HashMap<>();
        if (nodeConditions.delays()) {
            wanted.put(NODE_QUEUE, nodeConditions);
        }
        links.values().stream().filter(Link::delaysOut).forEach(l -> wanted.put(l.queue, l.out));
        for (Map.Entry<Integer, NetworkConditions> w : wanted.entrySet()) {
            NetworkConditions running = delayers.get(w.getKey());
            if (running != null && !sameDelay(running, w.getValue())) {
                stopDelayer(w.getKey());
            }
            if (!delayers.containsKey(w.getKey())) {
                startDelayer(w.getKey(), w.getValue());
            }
        }
        restoreRules(first);
        for (Integer q : List.copyOf(delayers.keySet())) {
            if (!wanted.containsKey(q)) {
                stopDelayer(q);
            }
        }
        if (nodeConditions.rateKbit() != appliedRate) {
            setRate(nodeConditions.rateKbit());
        }
        log.info("{}: network conditions {} (links {}, cut from {}) in place in {} ms", node.name(), nodeConditions,
                links.keySet(), cutFrom.keySet(), (System.nanoTime() - t0) / 1_000_000);
    }

    private static boolean sameDelay(NetworkConditions a, NetworkConditions b) {
        return a.latency().equals(b.latency()) && a.jitter().equals(b.jitter());
    }

    private String nodeStartedAt() {
        return String.valueOf(NodeContainer.docker().inspectContainerCmd(node.getContainerId()).exec().getState().getStartedAt());
    }

    private void startSidecar() {
        String nodeId = node.getContainerId();
        if (nodeId == null) {
            throw new IllegalStateException(node.name() + " is not started: network conditions need its network namespace");
        }
        nodeStartedAt = nodeStartedAt();
        GenericContainer<?> c = new GenericContainer<>(Images.shaperImage());
        c.withNetworkMode("container:" + nodeId)
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName("mintp2p-shaper-" + node.name() + "-" + System.nanoTime());
                    cmd.getHostConfig().withCapAdd(Capability.NET_ADMIN);
                })
                .waitingFor(new AbstractWaitStrategy() {
                    @Override
                    protected void waitUntilReady() {
                    }
                });
        c.start();
        sidecar = c;
    }

    private void startDelayer(int queue, NetworkConditions c) {
        exec(ShaperImage.NFQ_DELAY, "-q", String.valueOf(queue), "-l", millis(c.latency().toNanos()), "-j",
                millis(c.jitter().toNanos()), "-p", pidFile(queue), "-d", "/tmp/nfq-" + queue + ".log");
        delayers.put(queue, c);
    }

    private void stopDelayer(int queue) {
        exec(ShaperImage.NFQ_DELAY, "-k", pidFile(queue));
        delayers.remove(queue);
    }

    private static String pidFile(int queue) {
        return "/tmp/nfq-" + queue + ".pid";
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private void restoreRules(boolean first) {
        List<String> r = new ArrayList<>();
        r.add("*filter");
        r.add(":" + OUT + " - [0:0]");
        r.add(":" + IN + " - [0:0]");
        if (first) {
            r.add("-I OUTPUT 1 -j " + OUT);
            r.add("-I INPUT 1 -j " + IN);
        }
        // Never the node's other ports (an admin API: the test asking the node) nor loopback (Docker's DNS among others).
        r.add("-A " + OUT + " -o lo -j RETURN");
        r.add("-A " + IN + " -i lo -j RETURN");
        for (int port : node.unshapedPorts()) {
            r.add("-A " + OUT + " -p tcp --sport " + port + " -j RETURN");
            r.add("-A " + IN + " -p tcp --dport " + port + " -j RETURN");
        }
        for (List<String> ips : cutFrom.values()) {
            for (String ip : ips) {
                r.add("-A " + IN + " -s " + ip + " -j DROP");
            }
        }
        // A link's conditions replace the node's for packets to and from that peer.
        for (Link l : links.values()) {
            for (String ip : l.ips) {
                if (l.out != null) {
                    r.add("-A " + OUT + " -d " + ip + (l.delaysOut() ? " -j NFQUEUE --queue-num " + l.queue
                            + " --queue-bypass" : " -j RETURN"));
                }
                if (l.in != null) {
                    if (l.in.lossPercent() > 0) {
                        r.add("-A " + IN + " -s " + ip + " -m statistic --mode random --probability "
                                + probability(l.in) + " -j DROP");
                    }
                    r.add("-A " + IN + " -s " + ip + " -j RETURN");
                }
            }
        }
        if (nodeConditions.delays()) {
            r.add("-A " + OUT + " -j NFQUEUE --queue-num " + NODE_QUEUE + " --queue-bypass");
        }
        if (nodeConditions.lossPercent() > 0) {
            r.add("-A " + IN + " -m statistic --mode random --probability " + probability(nodeConditions) + " -j DROP");
        }
        r.add("COMMIT");
        String rules = String.join("\n", r) + "\n";
        sidecar.copyFileToContainer(Transferable.of(rules.getBytes(StandardCharsets.UTF_8)), "/tmp/rules");
        exec(ShaperImage.XTABLES, "iptables-restore", "--noflush", "/tmp/rules");
    }

    private static String probability(NetworkConditions c) {
        return String.format(Locale.ROOT, "%.5f", c.lossPercent() / 100);
    }

    private void setRate(long kbit) {
        for (String dev : interfaces()) {
            if (kbit > 0) {
                // burst: at least one MTU and ~10 ms worth; latency bounds the queue.
                long burstBytes = Math.max(3_000, kbit * 1000 / 8 / 100);
                exec("/usr/sbin/tc", "qdisc", "replace", "dev", dev, "root", "tbf", "rate", kbit + "kbit", "burst",
                        String.valueOf(burstBytes), "latency", "500ms");
            } else {
                execAllowFailure("/usr/sbin/tc", "qdisc", "del", "dev", dev, "root");
            }
        }
        appliedRate = kbit;
    }

    /** The node's interfaces but loopback (one per Docker network it is on). */
    private List<String> interfaces() {
        List<String> devs = new ArrayList<>();
        for (String line : exec("/usr/bin/ip", "-o", "link", "show").split("\n")) {
            String[] f = line.split(":\\s+");
            if (f.length > 1) {
                String dev = f[1].replaceFirst("@.*$", "");
                if (!dev.equals("lo")) {
                    devs.add(dev);
                }
            }
        }
        return devs;
    }

    private String exec(String... command) {
        ExecResult r = execAllowFailure(command);
        if (r.getExitCode() != 0) {
            throw new IllegalStateException(node.name() + ": " + String.join(" ", command) + " exited with "
                    + r.getExitCode() + ": " + r.getStderr() + r.getStdout());
        }
        return r.getStdout();
    }

    private ExecResult execAllowFailure(String... command) {
        try {
            return sidecar.execInContainer(command);
        } catch (IOException e) {
            throw new IllegalStateException(node.name() + ": " + String.join(" ", command) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What iptables has in place now (for a test's log). */
    synchronized String describe() {
        return sidecar == null ? "(no shaper)" : exec(ShaperImage.XTABLES, "iptables", "-S") + exec("/usr/sbin/tc", "qdisc", "show");
    }

    @Override
    public synchronized void close() {
        if (sidecar != null) {
            try {
                sidecar.stop();
            } catch (RuntimeException e) {
                log.warn("stopping the shaper of {} failed: {}", node.name(), e.toString());
            }
            sidecar = null;
            delayers.clear();
            appliedRate = 0;
        }
    }

    /** The node's addresses on every network it is on. */
    static List<String> ips(NodeContainer<?> n) {
        List<String> ips = new ArrayList<>();
        for (ContainerNetwork net : NodeContainer.docker().inspectContainerCmd(n.getContainerId()).exec()
                .getNetworkSettings().getNetworks().values()) {
            if (net.getIpAddress() != null && !net.getIpAddress().isEmpty()) {
                ips.add(net.getIpAddress());
            }
        }
        return ips;
    }
}
