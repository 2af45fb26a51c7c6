package io.mintp2p.node;

import io.mintp2p.core.config.DiscourageBy;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.transport.Transports;
import io.mintp2p.core.wire.Network;
import io.mintp2p.core.wire.UserAgents;
import io.mintp2p.transport.noise.NoiseTransport;
import io.mintp2p.transport.tcp.TcpTransport;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code run}: one node, configured by flags, environment or a config file. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs one node until SIGTERM/SIGINT.",
        footer = {"", "Examples:",
                "  run --listen noise://127.0.0.1:23031 --admin 127.0.0.1:8080",
                "  run --listen noise://127.0.0.1:23032 --boot noise://127.0.0.1:23031 --data-dir ./node2",
                "  run --network mainnet --listen noise://0.0.0.0:3031 --boot noise://<mintlayer-node>:3031",
                "  MINTP2P_BOOT=noise://10.0.0.1:23031 run --config node.properties",
                "  run --listen tor://127.0.0.1:13031 --tor-socks 127.0.0.1:9050 --tor-control 127.0.0.1:9051 --onion-only",
                "Each option can also come from MINTP2P_<OPTION> (e.g. MINTP2P_TARGET_OUTBOUND=4) or from the",
                "--config properties file (target-outbound = 4); precedence: flag > env > file > default."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "Properties file with option values (key = option name without --).")
    Path config;

    @Option(names = "--network", defaultValue = "regtest", description = "mainnet, testnet, regtest or signet (default: ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--listen", split = ",", description = "Listen address, repeatable (default: noise://127.0.0.1:<network port>, "
            + "Noise XX as Mintlayer nodes speak it).")
    List<String> listen = new ArrayList<>();

    @Option(names = "--boot", split = ",", description = "Boot node address, repeatable; tls and noise addresses may pin an "
            + "identity: tls://host:port#<id>, noise://host:port#<static key>.")
    List<String> boot = new ArrayList<>();

    @Option(names = "--reserved", split = ",", description = "Reserved peer, always kept connected; repeatable.")
    List<String> reserved = new ArrayList<>();

    /** Also where the admin commands look for the token. */
    static final String DEFAULT_DATA_DIR = "mintp2p-data";

    @Option(names = "--dns-seed", split = ",", description = "DNS seed host name, repeatable: its A/AAAA records are dialled on the network's default port when addresses run short.")
    List<String> dnsSeeds = new ArrayList<>();

    @Option(names = "--data-dir", defaultValue = DEFAULT_DATA_DIR, description = "Keys, address book, bans and admin.token (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--admin", defaultValue = "127.0.0.1:0", description = "Admin API HOST:PORT (default: ${DEFAULT-VALUE}, an ephemeral port); "
            + "off loopback only with --admin-token-file.")
    String admin;

    @Option(names = "--admin-token-file", paramLabel = "FILE", description = "File holding the admin API token (16+ printable "
            + "characters) instead of a random one written to <data-dir>/admin.token at each start.")
    Path adminTokenFile;

    @Option(names = "--target-outbound", defaultValue = "8", description = "Full-relay outbound connections to keep (default: ${DEFAULT-VALUE}).")
    int targetOutbound;

    @Option(names = "--block-relay-outbound", defaultValue = "2", description = "Outbound connections that carry application "
            + "messages but no address exchange (default: ${DEFAULT-VALUE}; one more rotates when above 0).")
    int blockRelayOutbound;

    @Option(names = "--max-inbound", defaultValue = "128", description = "Most inbound connections (default: ${DEFAULT-VALUE}).")
    int maxInbound;

    @Option(names = "--ping-period", defaultValue = "60s", description = "Idle time before a ping (default: ${DEFAULT-VALUE}).")
    String pingPeriod;

    @Option(names = "--ping-timeout", defaultValue = "150s", description = "Wait for a pong (default: ${DEFAULT-VALUE}).")
    String pingTimeout;

    @Option(names = "--handshake-timeout", description = "Hello/HelloAck deadline (default: 10s, 60s when a tor:// address is used).")
    String handshakeTimeout;

    @Mixin
    TransportFlags transportFlags = new TransportFlags();

    @Option(names = "--user-agent", defaultValue = P2pConfig.DEFAULT_USER_AGENT, description = "1-24 printable ASCII characters, no spaces.")
    String userAgent;

    @Option(names = "--name", description = "The node's name in its thread names and log lines: 1-32 of A-Z a-z 0-9 . _ - "
            + "(default: node-<first listen port>, node-1 when that port is 0).")
    String name;

    @Option(names = "--protocol-version", hidden = true, description = "Announce another protocol version (tests only).")
    Integer protocolVersion;

    @Option(names = "--allow-private", description = "Exchange and dial private/loopback addresses (default: true on regtest).")
    Boolean allowPrivate;

    @Option(names = "--whitelist-loopback", defaultValue = "false", description = "Never discourage 127.0.0.1 (several local nodes).")
    boolean whitelistLoopback;

    @Option(names = "--discourage-by", defaultValue = "auto",
            description = "What a misbehaving peer is kept away by: auto (its proven identity, else its host:port) or ip "
                    + "(its IP address: every node behind it) (default: ${DEFAULT-VALUE}).")
    String discourageBy;

    @Option(names = "--allow-plaintext", defaultValue = "false", description = "Allow tcp:// (no encryption) on mainnet, "
            + "testnet and signet, where Mintlayer nodes speak only Noise (regtest allows it without this flag).")
    boolean allowPlaintext;

    @Option(names = "--log-level", defaultValue = "info", description = "error, warn, info or debug (default: ${DEFAULT-VALUE}).")
    String logLevel;

    /** Everything validated, nothing written yet; no token means a random one at start. */
    record Plan(P2pConfig config, InetSocketAddress admin, Optional<AdminToken> adminToken, TransportFlags.Setup transports) {
    }

    Plan plan() {
        Network net = option("--network", () -> Network.parse(network));
        List<TransportAddress> listenAddresses = addresses("--listen", listen);
        if (listenAddresses.isEmpty()) {
            listenAddresses = List.of(TransportAddress.of(NoiseTransport.SCHEME, "127.0.0.1", net.defaultPort()));
        }
        List<String> schemes = Transports.discoveredSchemes();
        for (TransportAddress a : listenAddresses) {
            if (!schemes.contains(a.scheme())) {
                throw error("--listen: unknown scheme '" + a.scheme() + "' in " + a + " (available: " + schemes + ")");
            }
        }
        requireRange("--target-outbound", targetOutbound, 0, 1000);
        requireRange("--block-relay-outbound", blockRelayOutbound, 0, 100);
        requireRange("--max-inbound", maxInbound, 0, 100_000);
        if (!UserAgents.isValid(userAgent)) {
            throw error("--user-agent: must be 1-24 printable ASCII characters without spaces, got '" + userAgent + "'");
        }
        Duration period = duration("--ping-period", pingPeriod);
        Duration timeout = duration("--ping-timeout", pingTimeout);
        List<TransportAddress> boots = addresses("--boot", boot);
        List<TransportAddress> reservedPeers = addresses("--reserved", reserved);
        List<TransportAddress> peers = new ArrayList<>(boots);
        peers.addAll(reservedPeers);
        refusePlaintextOutsideRegtest(net, "--listen", listenAddresses);
        refusePlaintextOutsideRegtest(net, "--boot", boots);
        refusePlaintextOutsideRegtest(net, "--reserved", reservedPeers);
        boolean tor = TransportFlags.usesTor(listenAddresses) || TransportFlags.usesTor(peers);
        Duration handshake = duration("--handshake-timeout", handshakeTimeout != null ? handshakeTimeout : tor ? "60s" : "10s");
        TransportFlags.Setup transports = transportFlags.setup(this::error, v -> duration("--tor-connect-timeout", v),
                listenAddresses, peers, dnsSeeds == null ? List.of() : dnsSeeds, handshake);
        InetSocketAddress adminBind = option("--admin", () -> hostPort(admin));
        Optional<AdminToken> adminToken = adminTokenFile == null ? Optional.empty()
                : Optional.of(option("--admin-token-file", () -> AdminTokenFile.read(adminTokenFile)));
        if (adminBind.isUnresolved()) {
            throw error("--admin: unknown host in '" + admin + "'");
        }
        if (!adminBind.getAddress().isLoopbackAddress() && adminToken.isEmpty()) {
            // A random token only this machine can read would lock out the remote clients the bind is for.
            throw error("--admin: " + admin + " is reachable from other machines; give --admin-token-file FILE "
                    + "with the token clients must send, or bind to 127.0.0.1");
        }
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw error("--data-dir: " + dataDir + " exists and is not a directory");
        }
        if (!List.of("error", "warn", "info", "debug", "trace").contains(logLevel.toLowerCase())) {
            throw error("--log-level: must be error, warn, info or debug, got '" + logLevel + "'");
        }
        DiscourageBy discourage = option("--discourage-by", () -> discourageBy(discourageBy));
        P2pConfig.Builder b = P2pConfig.builder().network(net).listenAddresses(listenAddresses)
                .bootNodes(boots).reservedPeers(reservedPeers)
                .dnsSeeds(dnsSeeds).targetOutbound(targetOutbound)
                .blockRelayOutbound(blockRelayOutbound).maxInbound(maxInbound).pingPeriod(period).pingTimeout(timeout)
                .handshakeTimeout(handshake).userAgent(userAgent).dataDir(dataDir)
                .whitelistLoopback(whitelistLoopback).discourageBy(discourage);
        if (name != null) {
            option("--name", () -> P2pConfig.builder().nodeName(name).build()); // its own message, naming the flag
            b.nodeName(name);
        }
        if (protocolVersion != null) {
            b.protocolVersion(protocolVersion);
        }
        if (allowPrivate != null) {
            b.allowPrivateAddresses(allowPrivate);
        }
        return new Plan(option("configuration", b::build), adminBind, adminToken, transports);
    }

    /**
     * Mintlayer's rule (its hidden --p2p-disable-noise is accepted on regtest only): no plaintext on the public
     * networks, where every Mintlayer node expects Noise, unless the operator asks for it.
     */
    private void refusePlaintextOutsideRegtest(Network net, String option, List<TransportAddress> addresses) {
        if (net == Network.REGTEST || allowPlaintext) {
            return;
        }
        for (TransportAddress a : addresses) {
            if (a.scheme().equals(TcpTransport.SCHEME)) {
                throw error(option + ": " + a + " is plaintext; on " + net.name().toLowerCase(Locale.ROOT)
                        + " use noise:// (Mintlayer nodes speak only Noise there), or give --allow-plaintext");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        Plan plan = plan();
        Main.setLogLevel(logLevel);
        Files.createDirectories(dataDir);
        AdminToken token = plan.adminToken().orElseGet(AdminToken::random);
        Path tokenFile;
        if (plan.adminToken().isPresent()) {
            tokenFile = adminTokenFile;
            AdminTokenFile.deleteStale(dataDir);
        } else {
            tokenFile = AdminTokenFile.write(dataDir, token);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (NodeRuntime runtime = NodeRuntime.start(plan.config(), Optional.of(new AdminBinding(plan.admin(), token)),
                plan.transports())) {
            for (TransportAddress a : runtime.node().listenAddresses()) {
                System.out.println("listening on " + a);
            }
            InetSocketAddress adminAddress = runtime.adminAddress().orElseThrow();
            System.out.println("admin on http://" + adminAddress.getHostString() + ":" + adminAddress.getPort());
            System.out.println("admin token file " + tokenFile);
            runtime.identity().ifPresent(id -> System.out.println("node identity " + id));
            System.out.println("node started");
            System.out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // SIGTERM/SIGINT: say goodbye to peers and persist, then let the JVM exit.
                runtime.close();
                stopped.countDown();
            }, "mintp2p-shutdown"));
            stopped.await();
        }
        return 0;
    }

    private static DiscourageBy discourageBy(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "auto" -> DiscourageBy.AUTO;
            case "ip" -> DiscourageBy.IP;
            default -> throw new IllegalArgumentException("must be auto or ip, got '" + value + "'");
        };
    }

    private ParameterException error(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private <T> T option(String name, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw error(name + ": " + e.getMessage());
        }
    }

    private List<TransportAddress> addresses(String name, List<String> values) {
        List<TransportAddress> out = new ArrayList<>();
        for (String v : values) {
            if (!v.isBlank()) {
                out.add(option(name, () -> TransportAddress.parse(v)));
            }
        }
        return out;
    }

    private Duration duration(String name, String value) {
        Duration d = option(name, () -> Durations.parse(value));
        if (d.isZero() || d.isNegative()) {
            throw error(name + ": must be positive, got " + value);
        }
        return d;
    }

    private void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw error(name + ": must be between " + min + " and " + max + ", got " + value);
        }
    }

    private static InetSocketAddress hostPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number in '" + text + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range 0-65535 in '" + text + "'");
        }
        return new InetSocketAddress(host, port);
    }
}
