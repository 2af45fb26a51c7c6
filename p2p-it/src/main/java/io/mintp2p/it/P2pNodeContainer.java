package io.mintp2p.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.mintp2p.node.AdminClient;
import io.mintp2p.node.AdminToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * A mintp2p node in a container, configured fluently like Testcontainers' own modules:
 * <pre>{@code
 * new P2pNodeContainer("node1").withNetwork(net).withBootNodes("tcp://node0:23031").withTargetOutbound(3)
 * }</pre>
 * It listens on port {@value #P2P_PORT} and serves its admin API on {@value #ADMIN_PORT}; it is
 * ready when {@code /health} answers. Its data dir {@code /data} survives a kill and restart.
 * The admin API listens on all of the container's addresses, which the node allows only with a
 * token file: the container gets one with a token of this object's making, sent by {@link #admin()}.
 */
public class P2pNodeContainer extends GenericContainer<P2pNodeContainer> {
    public static final int P2P_PORT = 23031;
    public static final int ADMIN_PORT = 8080;
    static final String ADMIN_TOKEN_FILE = "/etc/mintp2p-admin.token";

    private final String name;
    private String transport = "tcp";
    private final List<String> bootNodes = new ArrayList<>();
    private final List<String> extraArgs = new ArrayList<>();
    private final AdminToken adminToken = AdminToken.random();

    public P2pNodeContainer(String name) {
        this(name, Images.nodeImage());
    }

    public P2pNodeContainer(String name, String image) {
        super(image);
        this.name = name;
        withExposedPorts(ADMIN_PORT);
        withCopyToContainer(Transferable.of(adminToken.value(), 0100600), ADMIN_TOKEN_FILE); // a regular file, 0600
        withCreateContainerCmdModifier(cmd -> cmd.withName("mintp2p-" + name + "-" + System.nanoTime()));
        waitingFor(Wait.forHttp("/health").forPort(ADMIN_PORT).withStartupTimeout(Duration.ofMinutes(2)));
    }

    public String name() {
        return name;
    }

    @Override
    public P2pNodeContainer withNetwork(Network network) {
        super.withNetwork(network);
        return withNetworkAliases(name);
    }

    public P2pNodeContainer withTransport(String scheme) {
        this.transport = scheme;
        return this;
    }

    public P2pNodeContainer withBootNodes(String... addresses) {
        bootNodes.addAll(List.of(addresses));
        return this;
    }

    /** Full-relay outbound connections the node keeps ({@code --target-outbound}). */
    public P2pNodeContainer withTargetOutbound(int n) {
        return withArgs("--target-outbound", String.valueOf(n));
    }

    /** Block-relay outbound connections the node keeps ({@code --block-relay-outbound}; 0: none, and no rotating extra). */
    public P2pNodeContainer withBlockRelayOutbound(int n) {
        return withArgs("--block-relay-outbound", String.valueOf(n));
    }

    public P2pNodeContainer withMaxInbound(int n) {
        return withArgs("--max-inbound", String.valueOf(n));
    }

    public P2pNodeContainer withPing(Duration period, Duration timeout) {
        return withArgs("--ping-period", period.toMillis() + "ms", "--ping-timeout", timeout.toMillis() + "ms");
    }

    public P2pNodeContainer withNetworkName(String network) {
        return withArgs("--network", network);
    }

    public P2pNodeContainer withProtocolVersion(int version) {
        return withArgs("--protocol-version", String.valueOf(version));
    }

    /**
     * DNS seeds: names whose A/AAAA records are nodes to start from ({@code --dns-seed}; needs a node
     * that has that option). With Docker, containers sharing a network alias make such a name.
     */
    public P2pNodeContainer withDnsSeeds(String... names) {
        for (String name : names) {
            withArgs("--dns-seed", name);
        }
        return this;
    }

    /** Any other option of {@code run}. */
    public P2pNodeContainer withArgs(String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    /** The address other containers on the network reach this node at. */
    public String p2pAddress() {
        return transport + "://" + name + ":" + P2P_PORT;
    }

    @Override
    protected void configure() {
        List<String> cmd = new ArrayList<>(List.of("run", "--listen", transport + "://0.0.0.0:" + P2P_PORT,
                "--admin", "0.0.0.0:" + ADMIN_PORT, "--admin-token-file", ADMIN_TOKEN_FILE, "--data-dir", "/data",
                "--log-level", System.getProperty("mintp2p.it.nodeLogLevel", "info")));
        for (String boot : bootNodes) {
            cmd.addAll(List.of("--boot", boot));
        }
        cmd.addAll(extraArgs);
        withCommand(cmd.toArray(String[]::new));
    }

    /** The admin API, found through the current port mapping (it changes when the container restarts). */
    public AdminClient admin() {
        return new AdminClient("http://" + getHost() + ":" + currentAdminPort(), adminToken);
    }

    private int currentAdminPort() {
        Ports.Binding[] bindings = docker().inspectContainerCmd(getContainerId()).exec().getNetworkSettings()
                .getPorts().getBindings().get(ExposedPort.tcp(ADMIN_PORT));
        if (bindings == null || bindings.length == 0) {
            throw new IllegalStateException(name + " has no admin port mapped (is it running?)");
        }
        return Integer.parseInt(bindings[0].getHostPortSpec());
    }

    /** The node's TLS identity, from /health. */
    public String identity() {
        try {
            return admin().get("health").get("identity").asText();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the identity of " + name, e);
        }
    }

    static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    /**
     * Writes everything the node printed (across kills and restarts: Docker keeps it) to
     * {@code <mintp2p.it.logDir>/<container name>.log}, default {@code target/container-logs}, so a
     * failed run on CI can be read afterwards. Best effort: the test goes on if it cannot.
     */
    private void saveLogs(InspectContainerResponse containerInfo) {
        Path dir = Path.of(System.getProperty("mintp2p.it.logDir", "target/container-logs"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(containerInfo.getName().replaceFirst("^/", "") + ".log"), getLogs());
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(P2pNodeContainer.class).warn("cannot save the logs of {}: {}", name, e.toString());
        }
    }

    /** kill -9: no goodbye, no shutdown hook; the container and its /data stay. */
    public void kill() {
        docker().killContainerCmd(getContainerId()).withSignal("KILL").exec();
    }

    /** Starts the stopped or killed container again, with the same data dir. */
    public void restart() {
        docker().startContainerCmd(getContainerId()).exec();
    }

    public void pause() {
        docker().pauseContainerCmd(getContainerId()).exec();
    }

    public void unpause() {
        docker().unpauseContainerCmd(getContainerId()).exec();
    }

    public boolean isAlive() {
        Boolean running = docker().inspectContainerCmd(getContainerId()).exec().getState().getRunning();
        return Boolean.TRUE.equals(running);
    }

    // --- network conditions (see NetworkConditions) -----------------------------------------------------

    private NetworkShaper shaper;
    private NetworkConditions pendingConditions;

    /**
     * Makes this node's network worse, now if it runs, else as soon as it has started: what it sends
     * is delayed, what it receives is lost, and what it sends is rate limited as {@code conditions}
     * say. Replaces the node's earlier conditions; links set with {@link Topology#degrade} keep theirs.
     * A helper container joins the node's network namespace for this (the node image is unchanged).
     * After a {@link #kill()} and {@link #restart()} the node has a new namespace without them: the next
     * change of conditions (of the node or one of its links) puts them all in place again.
     */
    public P2pNodeContainer withNetworkConditions(NetworkConditions conditions) {
        if (getContainerId() == null) {
            pendingConditions = conditions;
        } else {
            shaper().setNode(conditions);
        }
        return this;
    }

    /** Removes every condition of this node: its own, its degraded links and one-way cuts towards it. */
    public P2pNodeContainer clearNetworkConditions() {
        pendingConditions = null;
        if (shaper != null) {
            shaper.clearAll();
        }
        return this;
    }

    /** The conditions set with {@link #withNetworkConditions} (none by default). */
    public NetworkConditions networkConditions() {
        if (shaper == null) {
            return pendingConditions != null ? pendingConditions : NetworkConditions.none();
        }
        return shaper.nodeConditions();
    }

    /** The iptables rules and qdiscs in this node's namespace, for a test's log. */
    public String describeNetworkConditions() {
        return shaper == null ? "(none set)" : shaper.describe();
    }

    synchronized NetworkShaper shaper() {
        if (shaper == null) {
            shaper = new NetworkShaper(this);
        }
        return shaper;
    }

    @Override
    protected void containerIsStarted(InspectContainerResponse containerInfo) {
        super.containerIsStarted(containerInfo);
        if (pendingConditions != null) {
            shaper().setNode(pendingConditions);
            pendingConditions = null;
        }
    }

    @Override
    protected void containerIsStopping(InspectContainerResponse containerInfo) {
        saveLogs(containerInfo);
        synchronized (this) {
            if (shaper != null) {
                shaper.close();
                shaper = null;
            }
        }
        super.containerIsStopping(containerInfo);
    }

    /** This node's addresses, one per Docker network it is on. */
    public java.util.List<String> ipAddresses() {
        return NetworkShaper.ips(this);
    }
}
