package io.mintp2p.it;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * The stock mintp2p node ({@code p2p-node}'s {@code run}) in a container: the preset of
 * {@link NodeContainer} for it, configured fluently like Testcontainers' own modules:
 * <pre>{@code
 * new P2pNodeContainer("node1").withNetwork(net).withBootNodes("tcp://node0:23031").withTargetOutbound(3)
 * }</pre>
 * It listens on port {@value #P2P_PORT} and serves its admin API on {@value #ADMIN_PORT}; it is
 * ready when {@code /health} answers. Its data dir {@code /data} survives a kill and restart.
 * The admin API listens on all of the container's addresses, which the node allows only with a
 * token file: the container gets one with a token of this object's making, sent by {@link #admin()}.
 * Threads and blocking as for {@link NodeContainer}.
 */
public class P2pNodeContainer extends NodeContainer<P2pNodeContainer> {
    /** The port the stock node listens on for peers in its container. */
    public static final int P2P_PORT = 23031;
    /** The port of the stock node's admin API in its container (never shaped by network conditions). */
    public static final int ADMIN_PORT = 8080;
    static final String ADMIN_TOKEN_FILE = "/etc/mintp2p-admin.token";

    private final List<String> extraArgs = new ArrayList<>();
    private final String adminToken = StockAdminClient.randomToken();

    /**
     * The stock node from {@link Images#nodeImage()} (built from this project's p2p-node jar on first use; blocks then).
     *
     * @param name the node's name and network alias
     */
    public P2pNodeContainer(String name) {
        this(name, Images.nodeImage());
    }

    /**
     * The stock node from {@code image}, whose entrypoint must be the node's jar (its {@code run} command is the command line).
     *
     * @param name  the node's name and network alias
     * @param image the image's tag
     */
    public P2pNodeContainer(String name, String image) {
        super(name, image);
        withP2pPort(P2P_PORT);
        withTransport("noise"); // the node's own default, and what Mintlayer nodes speak
        withExposedPorts(ADMIN_PORT, P2P_PORT);
        withCopyToContainer(Transferable.of(adminToken, 0100600), ADMIN_TOKEN_FILE); // a regular file, 0600
        waitingFor(Wait.forHttp("/health").forPort(ADMIN_PORT).withStartupTimeout(Duration.ofMinutes(2)));
        withCommandLine(this::runCommand);
    }

    private List<String> runCommand(NodeContainer<?> self) {
        List<String> cmd = new ArrayList<>(List.of("run", "--listen", transport() + "://0.0.0.0:" + P2P_PORT,
                "--admin", "0.0.0.0:" + ADMIN_PORT, "--admin-token-file", ADMIN_TOKEN_FILE, "--data-dir", "/data",
                "--log-level", System.getProperty("mintp2p.it.nodeLogLevel", "info")));
        for (String boot : bootNodes()) {
            cmd.addAll(List.of("--boot", boot));
        }
        cmd.addAll(extraArgs);
        return cmd;
    }

    /**
     * Full-relay outbound connections the node keeps ({@code --target-outbound}). Configuration; does not block.
     *
     * @param n the target
     * @return this container
     */
    public P2pNodeContainer withTargetOutbound(int n) {
        return withArgs("--target-outbound", String.valueOf(n));
    }

    /**
     * Block-relay outbound connections the node keeps ({@code --block-relay-outbound}; 0: none, and no rotating extra).
     *
     * @param n the count
     * @return this container
     */
    public P2pNodeContainer withBlockRelayOutbound(int n) {
        return withArgs("--block-relay-outbound", String.valueOf(n));
    }

    /**
     * Inbound connections the node accepts ({@code --max-inbound}). Configuration; does not block.
     *
     * @param n the maximum
     * @return this container
     */
    public P2pNodeContainer withMaxInbound(int n) {
        return withArgs("--max-inbound", String.valueOf(n));
    }

    /**
     * Keepalive: idle time before a ping and the wait for its pong ({@code --ping-period}, {@code --ping-timeout}).
     *
     * @param period  idle time before a ping
     * @param timeout the wait for its pong
     * @return this container
     */
    public P2pNodeContainer withPing(Duration period, Duration timeout) {
        return withArgs("--ping-period", period.toMillis() + "ms", "--ping-timeout", timeout.toMillis() + "ms");
    }

    /**
     * The chain the node is on ({@code --network}: mainnet, testnet, ...). Configuration; does not block.
     *
     * @param network the chain's name
     * @return this container
     */
    public P2pNodeContainer withNetworkName(String network) {
        return withArgs("--network", network);
    }

    /**
     * The protocol version the node announces ({@code --protocol-version}). Configuration; does not block.
     *
     * @param version the version
     * @return this container
     */
    public P2pNodeContainer withProtocolVersion(int version) {
        return withArgs("--protocol-version", String.valueOf(version));
    }

    /**
     * DNS seeds: names whose A/AAAA records are nodes to start from ({@code --dns-seed}; needs a node
     * that has that option). With Docker, containers sharing a network alias make such a name.
     *
     * @param names the seeds' host names
     * @return this container
     */
    public P2pNodeContainer withDnsSeeds(String... names) {
        for (String name : names) {
            withArgs("--dns-seed", name);
        }
        return this;
    }

    /**
     * Any other option of {@code run}, after those above. Configuration; does not block.
     *
     * @param args the options and their values
     * @return this container
     */
    public P2pNodeContainer withArgs(String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    /** With TLS the address pins the node's identity ({@code tls://node0:23031#<identity>}); asks the node then (blocks). */
    @Override
    public String bootAddress() {
        return "tls".equals(transport()) ? p2pAddress() + "#" + identity() : p2pAddress();
    }

    /**
     * The admin API, found through the current port mapping (it changes when the container restarts). Asks Docker; blocks.
     *
     * @return a client sending this node's token
     */
    public StockAdminClient admin() {
        return new StockAdminClient("http://" + getHost() + ":" + currentAdminPort(), Optional.of(adminToken));
    }

    private int currentAdminPort() {
        Ports.Binding[] bindings = docker().inspectContainerCmd(getContainerId()).exec().getNetworkSettings()
                .getPorts().getBindings().get(ExposedPort.tcp(ADMIN_PORT));
        if (bindings == null || bindings.length == 0) {
            throw new IllegalStateException(name() + " has no admin port mapped (is it running?)");
        }
        return Integer.parseInt(bindings[0].getHostPortSpec());
    }

    /**
     * The node's TLS identity, from /health. Asks the node; blocks.
     *
     * @return the identity in hex
     */
    public String identity() {
        try {
            return admin().get("health").get("identity").asText();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the identity of " + name(), e);
        }
    }
}
