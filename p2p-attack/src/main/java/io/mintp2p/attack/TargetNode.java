package io.mintp2p.attack;

import com.google.inject.Guice;
import com.google.inject.Module;
import io.mintp2p.core.config.P2pConfig;
import io.mintp2p.core.node.NodeStats;
import io.mintp2p.core.node.P2pModule;
import io.mintp2p.core.node.P2pNode;
import io.mintp2p.core.transport.TransportAddress;
import io.mintp2p.core.wire.MessageType;
import io.mintp2p.transport.noise.NoiseTransportModule;
import io.mintp2p.transport.tcp.TcpTransportModule;
import io.mintp2p.transport.tls.TlsTransportModule;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The node under attack: a real node in this JVM, built through the public API ({@link P2pModule}
 * and a transport module), default options except an ephemeral listen port on 127.0.0.1 and a data
 * dir in a temporary folder.
 */
public final class TargetNode implements AutoCloseable {
    private final P2pNode node;
    private final Path dataDir;
    private final InetSocketAddress address;

    private TargetNode(P2pNode node, Path dataDir) {
        this.node = node;
        this.dataDir = dataDir;
        TransportAddress bound = node.listenAddresses().get(0);
        this.address = new InetSocketAddress(bound.host(), bound.port());
    }

    public static TargetNode tcp(MessageType<?>... types) {
        return start("tcp", UnaryOperator.identity(), types);
    }

    public static TargetNode tls(MessageType<?>... types) {
        return start("tls", UnaryOperator.identity(), types);
    }

    /** A node listening on noise:// (Noise XX as the Mintlayer node speaks it); blocks until it is bound. */
    public static TargetNode noise(MessageType<?>... types) {
        return start("noise", UnaryOperator.identity(), types);
    }

    /** {@code tweak} may change the config, for attacks that need something other than defaults. */
    public static TargetNode start(String scheme, UnaryOperator<P2pConfig.Builder> tweak, MessageType<?>... types) {
        Path dir;
        try {
            dir = Files.createTempDirectory("mintp2p-attack-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        P2pConfig config = tweak.apply(P2pConfig.builder()
                .listen(TransportAddress.parse(scheme + "://127.0.0.1:0"))
                .dataDir(dir)).build();
        Module transport = switch (scheme) {
            case "tls" -> new TlsTransportModule();
            case "noise" -> new NoiseTransportModule();
            default -> new TcpTransportModule();
        };
        P2pNode node = Guice.createInjector(new P2pModule(config).withMessageTypes(types), transport)
                .getInstance(P2pNode.class);
        try {
            node.start().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            node.stop();
            deleteQuietly(dir);
            throw new IllegalStateException("node did not start: " + e, e);
        }
        return new TargetNode(node, dir);
    }

    public P2pNode node() {
        return node;
    }

    public InetSocketAddress address() {
        return address;
    }

    public TransportAddress transportAddress() {
        return node.listenAddresses().get(0);
    }

    /** The node's admission counters and gauges, for the report line. */
    public String admissionSummary() {
        NodeStats s = node.stats();
        return "node admissionRefusals=" + s.admissionRefusals() + " evictions=" + s.admissionEvictions()
                + " pending now=" + s.pendingInbound() + " open now=" + s.openConnections();
    }

    @Override
    public void close() {
        try {
            node.stop().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("node did not stop cleanly: " + e);
        } finally {
            deleteQuietly(dataDir);
        }
    }

    static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temp folder; the OS cleans up what is left
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
