package io.mintp2p.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.WaitStrategy;

/**
 * Any p2p node in a container: what every node container of a test has, whatever node the image holds.
 * The user chooses the image, the command line, the exposed ports, the p2p port and scheme, and the
 * readiness check; this class adds a name that is also the node's alias on its network, faults (kill,
 * restart, pause) and network conditions through a helper container in the node's namespace.
 * <pre>{@code
 * CustomNodeContainer n = new CustomNodeContainer("node1", "mychain/node:dev")
 *         .withP2pPort(4000)
 *         .withCommandLine(c -> List.of("--listen", "0.0.0.0:4000", "--peers", String.join(",", c.bootNodes())))
 *         .waitingFor(Wait.forLogMessage(".*node ready.*", 1))
 *         .withBootNodes("tcp://node0:4000");
 * }</pre>
 * Without {@link #waitingFor} the node is ready once its p2p port accepts connections (see
 * {@link #withP2pPort}). A node of the user's image is a {@link CustomNodeContainer}; the stock mintp2p
 * node is the preset {@link P2pNodeContainer}; a user's own preset extends {@code NodeContainer<TheirClass>}.
 * <p>
 * Configured on the test's thread before {@code start()}; the fault and condition methods run on the
 * caller's thread and block until Docker (or the helper container) has done them. Not thread-safe while
 * being configured; {@link #withNetworkConditions} and the {@link Topology} faults may be called from
 * any thread once it runs.
 *
 * @param <SELF> the concrete class, so that the fluent setters return it (Testcontainers' style)
 */
public class NodeContainer<SELF extends NodeContainer<SELF>> extends GenericContainer<SELF> {
    private final String name;
    private int p2pPort = -1;
    private String scheme = "tcp";
    private final List<String> bootNodes = new ArrayList<>();
    private NodeCommand commandLine;
    private boolean readinessChosen;

    /**
     * A node named {@code name} (its network alias) running {@code image}; nothing else is set. Does not block.
     *
     * @param name  the node's name and network alias
     * @param image the image's tag
     */
    protected NodeContainer(String name, String image) {
        super(image);
        this.name = Objects.requireNonNull(name, "name");
        withCreateContainerCmdModifier(cmd -> cmd.withName("mintp2p-" + name + "-" + System.nanoTime()));
    }

    /**
     * The node's name, which is also its alias on every network this object puts it on.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /** Joins {@code network} under the alias {@link #name()}. Configuration; does not block. */
    @Override
    public SELF withNetwork(Network network) {
        super.withNetwork(network);
        return withNetworkAliases(name);
    }

    /**
     * The port the node listens on for peers inside the container (also exposed, so the default readiness
     * check can reach it). Must be set before start. Configuration; does not block.
     *
     * @param port the port inside the container
     * @return this container
     */
    public SELF withP2pPort(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        this.p2pPort = port;
        addExposedPort(port);
        return self();
    }

    /**
     * The p2p port inside the container; -1 before {@link #withP2pPort}.
     *
     * @return the port
     */
    public int p2pPort() {
        return p2pPort;
    }

    /**
     * The scheme of {@link #p2pAddress()} ({@code tcp} by default). Configuration; does not block.
     *
     * @param scheme such as tcp, tls or noise
     * @return this container
     */
    public SELF withTransport(String scheme) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        return self();
    }

    /**
     * The scheme of {@link #p2pAddress()}.
     *
     * @return the scheme
     */
    public String transport() {
        return scheme;
    }

    /**
     * Adds boot addresses, which a {@link NodeCommand} turns into the node's options. Configuration; does not block.
     *
     * @param addresses boot addresses, such as {@code tcp://node0:4000}
     * @return this container
     */
    public SELF withBootNodes(String... addresses) {
        bootNodes.addAll(List.of(addresses));
        return self();
    }

    /**
     * The boot addresses given so far, in order.
     *
     * @return the addresses
     */
    public List<String> bootNodes() {
        return List.copyOf(bootNodes);
    }

    /**
     * The command line, computed from this container just before it starts (so boot nodes added later
     * count). Replaces a plain {@code withCommand}. Configuration; does not block.
     *
     * @param command computes the arguments
     * @return this container
     */
    public SELF withCommandLine(NodeCommand command) {
        this.commandLine = Objects.requireNonNull(command, "command");
        return self();
    }

    /** Any Testcontainers readiness check (a log message, an HTTP endpoint, ...); replaces the default. Does not block. */
    @Override
    public SELF waitingFor(WaitStrategy strategy) {
        readinessChosen = true;
        return super.waitingFor(strategy);
    }

    /** The readiness check in force (after {@link #configure()}: the default one if none was chosen). */
    WaitStrategy readiness() {
        return getWaitStrategy();
    }

    /**
     * The address other containers on the network reach this node at: {@code scheme://name:p2pPort}.
     *
     * @return the address
     */
    public String p2pAddress() {
        requireP2pPort();
        return scheme + "://" + name + ":" + p2pPort;
    }

    /**
     * The address another node is given to boot from this one: {@link #p2pAddress()}, unless a node's
     * addresses carry more (the stock node pins its TLS identity). Called on the starting thread once
     * this node runs; may block on the node.
     *
     * @return the address
     */
    public String bootAddress() {
        return p2pAddress();
    }

    /**
     * Container ports whose traffic network conditions never touch: every exposed port but the p2p port
     * (a node's admin or RPC port, which the test asks). Override to narrow it.
     *
     * @return the ports
     */
    public Set<Integer> unshapedPorts() {
        Set<Integer> ports = new TreeSet<>(getExposedPorts());
        ports.remove(p2pPort);
        return ports;
    }

    private void requireP2pPort() {
        if (p2pPort < 0) {
            throw new IllegalStateException(name + ": no p2p port set (withP2pPort)");
        }
    }

    /** Applies the command line and the default readiness check; Testcontainers calls it before creating the container. */
    @Override
    protected void configure() {
        requireP2pPort();
        if (commandLine != null) {
            withCommand(commandLine.arguments(this).toArray(String[]::new));
        }
        if (!readinessChosen) {
            super.waitingFor(new PortAccepting(p2pPort).withStartupTimeout(Duration.ofMinutes(2)));
        }
    }

    static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    // --- faults ------------------------------------------------------------------------------------------

    /** kill -9: no goodbye, no shutdown hook; the container and its files stay. Blocks until Docker has done it. */
    public void kill() {
        docker().killContainerCmd(getContainerId()).withSignal("KILL").exec();
    }

    /** Starts the stopped or killed container again, with the same files. Blocks until Docker has started it (not until ready). */
    public void restart() {
        docker().startContainerCmd(getContainerId()).exec();
    }

    /** Freezes every process of the node (its sockets stay open, nothing answers). Blocks until Docker has done it. */
    public void pause() {
        docker().pauseContainerCmd(getContainerId()).exec();
    }

    /** Undoes {@link #pause()}. Blocks until Docker has done it. */
    public void unpause() {
        docker().unpauseContainerCmd(getContainerId()).exec();
    }

    /**
     * Whether the container runs now (a paused one counts as running). Asks Docker; blocks.
     *
     * @return true while running
     */
    public boolean isAlive() {
        Boolean running = docker().inspectContainerCmd(getContainerId()).exec().getState().getRunning();
        return Boolean.TRUE.equals(running);
    }

    /**
     * This node's addresses, one per Docker network it is on. Asks Docker; blocks.
     *
     * @return the IPs
     */
    public List<String> ipAddresses() {
        return NetworkShaper.ips(this);
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
     * change of conditions (of the node or one of its links) puts them all in place again. Blocks until
     * the rules are in place when the node runs.
     *
     * @param conditions latency, jitter, loss and rate
     * @return this container
     */
    public SELF withNetworkConditions(NetworkConditions conditions) {
        if (getContainerId() == null) {
            pendingConditions = conditions;
        } else {
            shaper().setNode(conditions);
        }
        return self();
    }

    /**
     * Removes every condition of this node: its own, its degraded links and one-way cuts towards it. Blocks.
     *
     * @return this container
     */
    public SELF clearNetworkConditions() {
        pendingConditions = null;
        NetworkShaper s;
        synchronized (this) {
            s = shaper;
        }
        if (s != null) {
            s.clearAll();
        }
        return self();
    }

    /**
     * The conditions set with {@link #withNetworkConditions} (none by default). Does not block.
     *
     * @return the conditions
     */
    public synchronized NetworkConditions networkConditions() {
        if (shaper == null) {
            return pendingConditions != null ? pendingConditions : NetworkConditions.none();
        }
        return shaper.nodeConditions();
    }

    /**
     * The iptables rules and qdiscs in this node's namespace, for a test's log. Blocks on the helper container.
     *
     * @return the rules, as the tools print them
     */
    public String describeNetworkConditions() {
        NetworkShaper s;
        synchronized (this) {
            s = shaper;
        }
        return s == null ? "(none set)" : s.describe();
    }

    synchronized NetworkShaper shaper() {
        if (shaper == null) {
            shaper = new NetworkShaper(this);
        }
        return shaper;
    }

    /** Puts pending network conditions in place; Testcontainers calls it on the starting thread. */
    @Override
    protected void containerIsStarted(InspectContainerResponse containerInfo) {
        super.containerIsStarted(containerInfo);
        if (pendingConditions != null) {
            shaper().setNode(pendingConditions);
            pendingConditions = null;
        }
    }

    /** Saves the logs and removes the helper container; Testcontainers calls it on the stopping thread. */
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
            LoggerFactory.getLogger(NodeContainer.class).warn("cannot save the logs of {}: {}", name, e.toString());
        }
    }
}
